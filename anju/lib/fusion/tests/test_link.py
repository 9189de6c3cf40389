"""The same records give the same persons, run after run: pairs in a fixed order, trained probabilities cut."""
import duckdb
import pytest
import pyarrow as pa

from anju.lib.fusion import model
from anju.lib.fusion.link import _pairs

# equal probabilities, written in an order that is not the records' ids'
ROWS = [("r3", "r9", 0.99), ("r1", "r7", 0.95), ("r2", "r5", 0.99), ("r1", "r4", 0.95), ("r2", "r3", 0.99),
        ("r1", "r2", 0.5)]
INDEX = {f"r{i}": i for i in range(10)}
IN_ORDER = [(2, 3, 0.99), (2, 5, 0.99), (3, 9, 0.99), (1, 4, 0.95), (1, 7, 0.95)]


class _DuckDBPredictions:
    """What Splink's DuckDB backend hands back: a table the caller reads as a DuckDB relation."""

    def __init__(self, con):
        self.con = con

    def as_duckdbpyrelation(self):
        return self.con.sql("SELECT * FROM pairs")


class _ArrowPredictions:
    """What the Spark backend hands back, read through pyarrow."""

    def as_pyarrow_table(self):
        left, right, prob = zip(*ROWS)
        return pa.table({"unique_id_l": left, "unique_id_r": right, "match_probability": prob})


def test_pairs_of_equal_probability_are_taken_in_the_order_of_their_records_ids():
    con = duckdb.connect()
    con.execute("CREATE TABLE pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, match_probability DOUBLE)")
    con.executemany("INSERT INTO pairs VALUES (?, ?, ?)", ROWS)
    assert list(_pairs(_DuckDBPredictions(con), INDEX, 0.9)) == IN_ORDER
    assert list(_pairs(_ArrowPredictions(), INDEX, 0.9)) == IN_ORDER


def test_trained_probabilities_keep_eight_significant_digits():
    trained = {"probability_two_random_records_match": 6.145188372500182e-05,
               "comparisons": [{"comparison_levels": [
                   {"sql_condition": "null", "is_null_level": True},
                   {"m_probability": 0.9841081454843537, "u_probability": 2.8537844701338946e-06},
                   {"m_probability": 0.9841081454848808, "u_probability": 2.853784470101502e-06}]}]}
    cut = model.rounded(trained)
    assert cut["probability_two_random_records_match"] == 6.1451884e-05
    null, first, second = cut["comparisons"][0]["comparison_levels"]
    assert null == {"sql_condition": "null", "is_null_level": True}
    # two trainings on the same records, 5e-13 apart (DuckDB's parallel sums): the same model once cut
    assert first == second == {"m_probability": 0.98410815, "u_probability": 2.8537845e-06}


def test_a_delivery_where_no_two_records_share_a_number_and_a_name_is_linked_by_number_untrained():
    from anju.lib.fusion.link import link, record
    from anju.lib.identity import check_digit

    def number(seq):
        body = f"33010619900307{seq}"
        return body + check_digit(body)

    # three people, one account each; the second's account and registration carry the same number under
    # different names (a wrong number): nothing to learn how often two records are one person from
    rows = [record("O1", id_number=number("123"), name="张伟", birth="1990-03-07", sex="1"),
            record("O2", id_number=number("124"), name="李娜", birth="1990-03-07", sex="2"),
            record("R2", id_number=number("124"), name="刘芳", birth="1990-03-07", sex="2"),
            record("O3", id_number="", name="王强", birth="1990-03-07", sex="1")]
    assert model.trainable(rows) == []
    result = link(rows)
    assert result.model == {} and result.stats["training"][0]["step"] == "not trained"
    assert result.labels[1] == result.labels[2] and len(set(result.labels)) == 3  # the same valid number, one person
    # one pair sharing a number and a name sound is enough to start from; a rule no two records agree on is skipped
    rows[2] = record("R2", id_number=number("124"), name="李娜", birth="1990-03-07", sex="2")
    assert model.trainable(rows) == [model.PRIOR_RULE, *model.TRAINING_RULES]
    assert model.trainable(rows[:2] + [rows[3]]) == []


def test_a_rule_the_records_can_be_checked_against_is_made_of_equalities():
    assert model.rule_fields(model.PRIOR_RULE) == ("id_number", "name_py_sorted")
    with pytest.raises(ValueError):
        model.rule_fields("levenshtein(l.name, r.name) <= 1")
