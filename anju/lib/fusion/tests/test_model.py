"""Every level of every comparison, on hand-made pairs, through Splink itself (all pairs scored in one query)."""
import pytest

from anju.lib.fusion import model
from anju.lib.fusion.link import record
from anju.lib.fusion.normalise import id_forms
from anju.lib.identity import check_digit

CLOSE = "close: one character dropped, or pinyin one letter apart, or a name typed in letters close to the other"
BODY = "33010619900307123"
NUMBER = BODY + check_digit(BODY)
OTHER = "All other comparisons"
# the 15-digit form with a typo (a wrong digit; two digits swapped): converted, it gets a new check digit
LEGACY_TYPO = NUMBER[:6] + NUMBER[8:15] + "9" + NUMBER[16]
LEGACY_SWAP = NUMBER[:6] + NUMBER[8:14] + NUMBER[15] + NUMBER[14] + NUMBER[16]


def base(**kw):
    values = dict(id_number=NUMBER, name="张伟", birth="1990-03-07", sex="1", phone="13800000000", meaning="home",
                  code="C1", building="B1", house="H1", org="")
    values.update(kw)
    return record("a", **values)


def other(**kw):
    return record("b", **kw)


CASES = [
    # ID number
    ("id_number", other(id_number=NUMBER), "exact"),
    ("id_number", other(id_number=NUMBER[:6] + NUMBER[8:17]), "same after 15 → 18 conversion"),
    ("id_number", other(id_number=NUMBER[:10] + str((int(NUMBER[10]) + 1) % 10) + NUMBER[11:]),
     "one character different"),
    ("id_number", other(id_number=NUMBER[:3] + NUMBER[4] + NUMBER[3] + NUMBER[5:]), "two characters swapped"),
    ("id_number", other(id_number=LEGACY_TYPO), "one character different"),
    # stored converted (registrations, observation profiles), flagged as written in the old form
    ("id_number", other(id_number=NUMBER, legacy=True), "same after 15 → 18 conversion"),
    ("id_number", other(id_number=id_forms(LEGACY_TYPO).number, legacy=True), "one character different"),
    ("id_number", other(id_number=LEGACY_SWAP), "two characters swapped"),
    ("id_number", other(id_number=NUMBER[:16] + NUMBER[17] + NUMBER[16]), "two characters swapped"),
    ("id_number", other(id_number="110101198001011234"), OTHER),
    ("id_number", other(), "null"),
    # name
    ("name", other(name="张伟"), "exact"),
    ("name", other(name="張偉"), "same after traditional → simplified"),
    ("name", other(name="章玮"), "same pinyin (homophone or pinyin spelling)"),
    ("name", other(name="ZHANG WEI"), "same pinyin (homophone or pinyin spelling)"),
    ("name", other(name="zhangwei"), "same pinyin (homophone or pinyin spelling)"),
    ("name", other(name="Wei Zhang"), "same pinyin syllables, another order"),
    ("name", other(name="张伟华"), CLOSE),
    ("name", other(name="张文"), CLOSE),
    ("name", other(name="ZHANG WIE"), CLOSE),
    ("name", other(name="张丽"), "one part the same (surname or given name)"),
    ("name", other(name="李娜"), OTHER),
    ("name", other(), "null"),
    # birth date
    ("birth", other(birth="1990-03-07"), "exact"),
    ("birth", other(birth="1990-07-03"), "day and month swapped"),
    ("birth", other(birth="1990-03-08"), "one digit different"),
    ("birth", other(birth="1985-11-20"), OTHER),
    ("birth", other(), "null"),
    # sex
    ("sex", other(sex="1"), "same"), ("sex", other(sex="2"), OTHER), ("sex", other(), "null"),
    # phone
    ("phone", other(phone="13800000000"), "exact"), ("phone", other(phone="13800000001"), "one digit different"),
    ("phone", other(phone="13911112222"), OTHER), ("phone", other(), "null"),
    # address: compared only where it means the same (or a home and a property)
    ("place", other(meaning="home", code="C1", building="B1", house="H1"), "same address"),
    ("place", other(meaning="home", code="C2", building="B1", house="H1"), "same building"),
    ("place", other(meaning="property", code="C3", building="B3", house="H1"), "same house number"),
    ("place", other(meaning="home", code="C9", building="B9", house="H9"), OTHER),
    ("place", other(meaning="workplace", code="C1", building="B1", house="H1"), "null"),
]
WORKPLACE = [("org", other(org="acme"), "same organisation"), ("org", other(org="other"), OTHER),
             ("org", other(), "null")]


@pytest.fixture(scope="module")
def scored():
    explain = model.pair_explainer()
    pairs = [(base(), right) for _c, right, _l in CASES] + [(base(org="acme"), right) for _c, right, _l in WORKPLACE]
    return explain(pairs)


@pytest.mark.parametrize("i", range(len(CASES) + len(WORKPLACE)))
def test_comparison_level(scored, i):
    comparison, right, label = (CASES + WORKPLACE)[i]
    assert scored[i][comparison] == label, (comparison, right["name_clean"], right["id_number"])


def test_every_prediction_rule_is_documented():
    assert all(rule.startswith("l.") and why for rule, why in model.PREDICTION_RULES)


def _trained(lam, id_levels, name_levels):
    def levels(ms_us):
        return [{"sql_condition": "null", "is_null_level": True}] + [
            {"m_probability": m, "u_probability": u} for m, u in ms_us]
    return {"probability_two_random_records_match": lam,
            "comparisons": [{"output_column_name": "id_number", "comparison_levels": levels(id_levels)},
                            {"output_column_name": "name", "comparison_levels": levels(name_levels)}]}


def test_the_prior_rules_recall_comes_from_the_trained_m_probabilities():
    trained = _trained(1e-4, [(0.8, 1e-4), (0.1, 1e-6), (0.02, 1e-6), (0.02, 1e-6), (0.06, 0.9999)],
                       [(0.5, 1e-4), (0.0, 1e-6), (0.1, 1e-5), (0.1, 1e-5), (0.2, 1e-3), (0.05, 0.01), (0.05, 0.98)])
    assert model.prior_rule_recall(trained) == pytest.approx((0.8 + 0.1) * (0.5 + 0.0 + 0.1 + 0.1))
    assert model.prior_rule_recall(_trained(1e-4, [(0.01, 1e-4)] * 5, [(0.01, 1e-4)] * 7)) is None  # implausible


def test_matches_are_taken_out_of_the_random_sample_u():
    # a random pair is a match with probability 1e-4; 90 % of matches share the ID number, so of the sample's
    # 1.4e-4 sharing one, 0.9e-4 were matches
    trained = model.without_matches_in_u(_trained(1e-4, [(0.9, 1.4e-4), (0.0, 0.0), (0.05, 1e-7), (0.0, 1e-7),
                                                         (0.05, 0.99986)], [(1.0, 1.0)] * 6), sampled_pairs=1e6)
    exact, _legacy, typo, _swap, other = trained["comparisons"][0]["comparison_levels"][1:]
    assert exact["u_probability"] == pytest.approx(0.5e-4, rel=1e-3)
    assert typo["u_probability"] == pytest.approx(1e-7)  # nothing left: kept as counted (below half a pair)
    assert other["u_probability"] == pytest.approx((0.99986 - 1e-4 * 0.05) / (1 - 1e-4))
