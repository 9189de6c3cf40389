"""The Splink model for Chinese person records: comparisons, blocking rules, unsupervised training.

Pure Python, no Django. One table of records goes in; each row is one
identity as some source holds it — a person of the identity registry, a
residence registration, or an observation *profile* (the records of one feed
that carry exactly the same identity fields and address, e.g. every swipe of
one door card). Its columns (strings, NULL when unknown):

=================  ==========================================================
unique_id          ``P…`` registry, ``R…`` registration, ``O…`` profile
id_number          normalised ID number (``normalise.id_forms``), valid or not
id_legacy          true when it was written in the 15-digit form
id_sorted, id_k1…3 blocking keys for one typo (``normalise.id_block_keys``)
name_clean         as written (NFKC, no spaces)
name_simplified    traditional → simplified
name_py            pinyin syllables in written order
name_py_sorted     pinyin syllables sorted
name_parts         list: surname and given name in pinyin (words of a Latin name)
name_latin         true when the name was written in letters (pinyin typed by hand, a foreign name)
birth              ``YYYY-MM-DD``
sex                ``1`` / ``2``
phone              digits
place_meaning      what the address means: home, property, workplace, stay, school, other
place_code         the standard address code it was matched to
place_building     its building (district|road|number|building)
place_house        its house number (district|road|number)
org                normalised organisation name, only where it is a workplace
=================  ==========================================================

Comparisons (levels in order; the first that holds is the pair's level):

* ID number: exact · same once the 15-digit form is converted · one
  character different · two adjacent characters swapped · other (where one
  side was written in the 15-digit form, its computed check digit is left
  out: a typo in an old number stays one digit away).
* name: exact (term-frequency adjusted: two 王芳 prove less than two 欧阳娜娜) ·
  same after traditional → simplified · same pinyin (homophones, pinyin
  spellings) · same pinyin syllables in another order · close (one character
  dropped, or the pinyin one letter apart: zhang wei / zhang wen, or — only
  for names typed in letters — Jaro-Winkler ≥ 0.9; on pinyin made from
  characters it would call 张伟 and 张丽 close) · surname or given name the same
  (张伟 / 张丽) · other.
* birth date: exact · day and month swapped · one digit different · other.
* sex: same · other.   phone: exact (term-frequency adjusted: a landlord's
  phone on every tenant's lock) · one digit different · other.
* address, compared only where it means the same (two homes, two
  workplaces …) or a home and a property: same address · same building ·
  same house number · other.
* workplace: same organisation · other.

Blocking rules (pairs that are scored at all) — see ``PREDICTION_RULES``;
``blocking_counts`` measures how many pairs each adds on a given table.

Training is unsupervised: u from random pairs, the prior from the exact-ID
rule, m by expectation maximisation in two sessions (pairs sharing an ID
number train everything but the ID; pairs sharing name pinyin and birth date
train the ID). Nothing here is set per data set.
"""

from __future__ import annotations

import logging
import re
from typing import Any

RECORD_COLUMNS = (
    "unique_id", "id_number", "id_legacy", "id_sorted", "id_k1", "id_k2", "id_k3", "name_clean", "name_simplified",
    "name_py", "name_py_sorted", "name_parts", "name_latin", "birth", "sex", "phone", "place_meaning", "place_code", "place_building", "place_house", "org",
)

# Each rule with why it is there. Pairs are scored once even when several rules admit them.
PREDICTION_RULES: tuple[tuple[str, str], ...] = (
    ("l.id_number = r.id_number", "same ID number (incl. the 15-digit form converted)"),
    ("l.id_sorted = r.id_sorted", "each half's characters the same: two digits swapped"),
    ("l.id_k1 = r.id_k1", "ID numbers one character apart (wrong digit in positions 3, 6, 9 …)"),
    ("l.id_k2 = r.id_k2", "ID numbers one character apart (wrong digit in positions 2, 5, 8 …)"),
    ("l.id_k3 = r.id_k3", "ID numbers one character apart (wrong digit in positions 1, 4, 7 …)"),
    ("l.name_py_sorted = r.name_py_sorted and l.birth = r.birth", "same name sound and birth date (no or another number)"),
    ("l.phone = r.phone", "same phone"),
    # a phone typed with one digit wrong keeps one half intact: same name and the same first or last half
    ("l.name_py_sorted = r.name_py_sorted and substr(l.phone, 1, 6) = substr(r.phone, 1, 6)",
     "same name sound, phone numbers starting alike (one digit wrong further on)"),
    ("l.name_py_sorted = r.name_py_sorted and substr(l.phone, 7) = substr(r.phone, 7)",
     "same name sound, phone numbers ending alike (one digit wrong earlier)"),
    ("l.birth = r.birth and l.place_house = r.place_house", "same birth date at the same house number"),
    ("l.birth = r.birth and substr(l.name_py, 1, 1) = substr(r.name_py, 1, 1)",
     "same birth date, names starting with the same sound (a name typed quite differently)"),
    ("l.name_py_sorted = r.name_py_sorted and l.place_building = r.place_building",
     "same name sound at the same building"),
    ("l.name_py_sorted = r.name_py_sorted and l.place_house = r.place_house",
     "same name sound at the same house number (a capture at a compound's gate names no building)"),
    ("l.name_simplified = r.name_simplified and l.org = r.org", "same name at the same workplace"),
    ("l.name_clean = r.name_clean and l.place_meaning = 'property' and r.place_meaning = 'property'",
     "same name on two property accounts (one owner, several flats)"),
)

TRAINING_RULES = (
    "l.id_number = r.id_number",
    "l.name_py_sorted = r.name_py_sorted and l.birth = r.birth",
)
PRIOR_RULE = "l.id_number = r.id_number and l.name_py_sorted = r.name_py_sorted"
PRIOR_RECALL = 0.8

logger = logging.getLogger(__name__)


_LEGACY = "(id_legacy_l OR id_legacy_r)"
_BODY_L, _BODY_R = "substr(id_number_l, 1, 17)", "substr(id_number_r, 1, 17)"


def _dropped(a: str, b: str) -> str:
    """SQL: ``b`` is ``a`` with one character left out (张伟华 → 张华). Character-wise: DuckDB's levenshtein counts
    UTF-8 bytes, so one Chinese character would be three edits."""
    return (f"(length({a}) = length({b}) + 1 AND (substr({a}, 1, length({b})) = {b} OR substr({a}, 2) = {b} OR "
            f"(substr({a}, 1, 1) = substr({b}, 1, 1) AND substr({a}, length({a}), 1) = substr({b}, length({b}), 1))))")


def comparisons() -> list:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def level(sql: str, label: str) -> dict:
        return {"sql_condition": sql, "label_for_charts": label}

    id_number = cl.CustomComparison(output_column_name="id_number", comparison_description="ID number", comparison_levels=[
        cll.NullLevel("id_number"),
        level("id_number_l = id_number_r AND id_legacy_l = id_legacy_r", "exact"),
        level("id_number_l = id_number_r", "same after 15 → 18 conversion"),
        # A number converted from the 15-digit form gets a check digit computed from its other digits, so a typo
        # in the old number is one digit *and* the check digit away from the person's own: there the 17 digits
        # that carry the identity are compared.
        level(f"length(id_number_l) = length(id_number_r) AND (levenshtein(id_number_l, id_number_r) <= 1 OR "
              f"({_LEGACY} AND levenshtein({_BODY_L}, {_BODY_R}) <= 1))", "one character different"),
        # the same characters (id_sorted, the 17 digits without the check digit) at edit distance 2: two digits
        # swapped (or the last two, check digit included). DuckDB's damerau_levenshtein is ten times slower than
        # levenshtein, and random-pair sampling scores millions of pairs.
        level(f"(id_sorted_l = id_sorted_r AND (levenshtein(id_number_l, id_number_r) <= 2 OR ({_LEGACY} AND "
              f"levenshtein({_BODY_L}, {_BODY_R}) <= 2))) OR (length(id_number_l) = 18 AND length(id_number_r) = 18 "
              f"AND substr(id_number_l, 1, 16) = substr(id_number_r, 1, 16) AND substr(id_number_l, 17, 1) = "
              f"substr(id_number_r, 18, 1) AND substr(id_number_l, 18, 1) = substr(id_number_r, 17, 1))",
              "two characters swapped"),
        cll.ElseLevel(),
    ])
    name = cl.CustomComparison(output_column_name="name", comparison_description="name", comparison_levels=[
        cll.NullLevel("name_simplified"),
        cll.ExactMatchLevel("name_clean", term_frequency_adjustments=True).configure(label_for_charts="exact"),
        level("name_simplified_l = name_simplified_r", "same after traditional → simplified"),
        level("name_py_l = name_py_r", "same pinyin (homophone or pinyin spelling)"),
        level("name_py_sorted_l = name_py_sorted_r", "same pinyin syllables, another order"),
        # Jaro-Winkler only where a name was typed in letters (a typo); on pinyin made from characters it
        # would call 张伟 and 张丽 close (zhang wei / zhang li: 0.93)
        cll.Or(cll.CustomLevel(_dropped("name_simplified_l", "name_simplified_r") + " OR "
                               + _dropped("name_simplified_r", "name_simplified_l")),
               cll.LevenshteinLevel("name_py", 1),
               cll.And(cll.CustomLevel("name_latin_l OR name_latin_r"), cll.JaroWinklerLevel("name_py", 0.9))
               ).configure(label_for_charts="close: one character dropped, or pinyin one letter apart, or a "
                                            "name typed in letters close to the other"),
        cll.ArrayIntersectLevel("name_parts", min_intersection=1).configure(
            label_for_charts="one part the same (surname or given name)"),
        cll.ElseLevel(),
    ])
    birth = cl.CustomComparison(output_column_name="birth", comparison_description="birth date", comparison_levels=[
        cll.NullLevel("birth"),
        cll.ExactMatchLevel("birth").configure(label_for_charts="exact"),
        level("substr(birth_l, 1, 4) = substr(birth_r, 1, 4) AND substr(birth_l, 6, 2) = substr(birth_r, 9, 2) "
              "AND substr(birth_l, 9, 2) = substr(birth_r, 6, 2)", "day and month swapped"),
        cll.LevenshteinLevel("birth", 1).configure(label_for_charts="one digit different"),
        cll.ElseLevel(),
    ])
    sex = cl.CustomComparison(output_column_name="sex", comparison_description="sex", comparison_levels=[
        cll.NullLevel("sex"), cll.ExactMatchLevel("sex").configure(label_for_charts="same"), cll.ElseLevel(),
    ])
    phone = cl.CustomComparison(output_column_name="phone", comparison_description="phone", comparison_levels=[
        cll.NullLevel("phone"),
        cll.ExactMatchLevel("phone", term_frequency_adjustments=True).configure(label_for_charts="exact"),
        cll.LevenshteinLevel("phone", 1).configure(label_for_charts="one digit different"),
        cll.ElseLevel(),
    ])
    # An address is compared only with one that means the same (two homes, two workplaces …) or a home with a
    # property (an account holder often lives in what they hold); a home and a workplace say nothing together.
    place = cl.CustomComparison(output_column_name="place", comparison_description="address of the same meaning",
                                comparison_levels=[
        {"sql_condition": "place_building_l IS NULL OR place_building_r IS NULL OR NOT (place_meaning_l = "
                          "place_meaning_r OR (place_meaning_l IN ('home', 'property') AND place_meaning_r IN "
                          "('home', 'property')))",
         "label_for_charts": "no address of the same meaning", "is_null_level": True},
        cll.ExactMatchLevel("place_code").configure(label_for_charts="same address"),
        cll.ExactMatchLevel("place_building").configure(label_for_charts="same building"),
        cll.ExactMatchLevel("place_house").configure(label_for_charts="same house number"),
        cll.ElseLevel(),
    ])
    org = cl.CustomComparison(output_column_name="org", comparison_description="workplace", comparison_levels=[
        cll.NullLevel("org"), cll.ExactMatchLevel("org").configure(label_for_charts="same organisation"),
        cll.ElseLevel(),
    ])
    return [id_number, name, birth, sex, phone, place, org]


def settings(*, rules=None):
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=[r for r, _why in (rules or PREDICTION_RULES)],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=25,
    )


def duckdb_api(threads: int | None = None):
    """A DuckDB backend in memory; ``threads`` caps its worker threads (default: all cores)."""
    import duckdb
    from splink import DuckDBAPI

    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads TO {int(threads)}")
    con.execute("SET preserve_insertion_order = false")
    return DuckDBAPI(connection=con)


def spark_api(spark=None, *, partitions: int = 8, checkpoint_dir: str | None = None):
    """The Spark backend (pyspark, a JVM): for data that outgrow one machine. ``spark`` is a SparkSession (a
    cluster's); by default a local one. Splink breaks long query lineages with checkpoints, so a checkpoint
    directory is needed (a temporary one by default). The name comparisons use Jaro-Winkler, which Spark SQL does
    not have: Splink's similarity UDFs come in a jar inside the splink package, put on the local session's class
    path here (a cluster's session must be given it too: ``splink.backends.spark.similarity_jar_location()``)."""
    import tempfile

    from pyspark.sql import SparkSession
    from splink import SparkAPI
    from splink.backends.spark import similarity_jar_location

    spark = spark or (SparkSession.builder.master("local[2]").appName("anju-fusion")
                      .config("spark.jars", similarity_jar_location())
                      .config("spark.sql.shuffle.partitions", str(partitions))
                      .config("spark.ui.enabled", "false").getOrCreate())
    if not spark.sparkContext.getCheckpointDir():
        spark.sparkContext.setCheckpointDir(checkpoint_dir or tempfile.mkdtemp(prefix="anju-spark-"))
    return SparkAPI(spark_session=spark)


def register(db_api, table, table_name: str):
    """Register a pyarrow table with any backend (Spark takes a Spark DataFrame made from it)."""
    if getattr(db_api, "sql_dialect", None) is not None and db_api.sql_dialect.sql_dialect_str == "spark":
        from pyspark.sql import types as T

        kinds = {"id_legacy": T.BooleanType(), "name_latin": T.BooleanType(),
                 "name_parts": T.ArrayType(T.StringType())}
        schema = T.StructType([T.StructField(c, kinds.get(c, T.StringType())) for c in table.column_names])
        table = db_api.spark.createDataFrame(table.to_pylist(), schema=schema)
    return db_api.register(table, table_name=table_name)


def for_dialect(model: dict, dialect: str) -> dict:
    """A trained model (Splink settings saved from one backend) rewritten for another: the comparisons' SQL is
    made again for ``dialect`` and the trained m, u and prior are carried over level by level. Train on DuckDB
    with a sample, score on Spark at full size."""
    fresh = settings().create_settings_dict(dialect)
    fresh["probability_two_random_records_match"] = model["probability_two_random_records_match"]
    trained = {c["output_column_name"]: c for c in model["comparisons"]}
    for comparison in fresh["comparisons"]:
        old = trained[comparison["output_column_name"]]["comparison_levels"]
        for level, source in zip(comparison["comparison_levels"], old):
            for key in ("m_probability", "u_probability"):
                if key in source:
                    level[key] = source[key]
    return fresh


def linker_for(db_api, table, model: dict | None = None, table_name: str = "records"):
    """A linker over ``table`` (pyarrow Table or anything the backend registers): a new model, or a trained one."""
    from splink import Linker, SettingsCreator

    sdf = register(db_api, table, table_name)
    dialect = db_api.sql_dialect.sql_dialect_str
    if model and model.get("sql_dialect", dialect) != dialect:
        model = for_dialect(model, dialect)
    creator = SettingsCreator.from_path_or_dict(model) if model else settings()
    return Linker(sdf, creator), sdf


def linker_on(sdf, model: dict):
    """A linker over a table already registered (``linker_for``'s ``sdf``) with a trained model."""
    from splink import Linker, SettingsCreator

    return Linker(sdf, SettingsCreator.from_path_or_dict(model))


def rule_fields(rule: str) -> tuple[str, ...]:
    """The fields of a rule made of equalities only (``l.f = r.f and l.g = r.g``)."""
    fields = tuple(re.findall(r"l\.(\w+) = r\.\1\b", rule))
    if not fields or len(fields) != rule.count("="):
        raise ValueError(f"not a rule of equalities: {rule}")
    return fields


def agree(rows: list[dict], rule: str) -> bool:
    """Whether two of ``rows`` agree on every field of ``rule``, none of them empty (as SQL's NULL equals nothing).
    Stops at the first such pair: on any real delivery that is within its first records."""
    fields = rule_fields(rule)
    seen = set()
    for r in rows:
        key = tuple(r.get(f) for f in fields)
        if all(v not in (None, "") for v in key):
            if key in seen:
                return True
            seen.add(key)
    return False


def trainable(rows: list[dict]) -> list[str]:
    """The rules ``train`` can learn from on ``rows``: ``PRIOR_RULE`` first — without it nothing can be (no pair
    says how often two records are the same person) — and the ``TRAINING_RULES`` two records agree on."""
    if not agree(rows, PRIOR_RULE):
        return []
    return [PRIOR_RULE] + [rule for rule in TRAINING_RULES if agree(rows, rule)]


def train(linker, *, rules=(PRIOR_RULE, *TRAINING_RULES), u_pairs: float = 1.5e6, em_pairs: float = 2e6,
          seed: int = 7) -> dict[str, Any]:
    """Unsupervised estimation of every parameter from the data themselves; returns a summary for the run log.
    ``rules``: those the records agree on (``trainable``)."""
    import time

    t = linker.training
    start = time.perf_counter()
    t.estimate_probability_two_random_records_match([PRIOR_RULE], recall=PRIOR_RECALL)
    steps = [{"step": "prior", "rule": PRIOR_RULE, "recall": PRIOR_RECALL,
              "seconds": round(time.perf_counter() - start, 2)}]
    start = time.perf_counter()
    t.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    steps.append({"step": "u by random sampling", "pairs": u_pairs, "seconds": round(time.perf_counter() - start, 2)})
    for rule in TRAINING_RULES:
        if rule not in rules:
            # no two records agree on the rule's fields (a first delivery of a few hundred records, one account
            # each): nothing to learn there (Splink refuses the session), and the comparisons it would train keep
            # Splink's default m
            steps.append({"step": "m by EM", "rule": rule, "skipped": "no two records agree on it"})
            continue
        start = time.perf_counter()
        t.estimate_parameters_using_expectation_maximisation(rule, max_pairs=em_pairs)
        steps.append({"step": "m by EM", "rule": rule, "seconds": round(time.perf_counter() - start, 2)})
    # The prior rule's recall, now that EM has said how often matches agree on ID number and name sound: the
    # share of true pairs the rule finds is P(same ID number | match) × P(same name sound | match). Used only when
    # it is below the assumed PRIOR_RECALL: each EM session learns the other fields' m on pairs that agree on its
    # blocking field, and where errors come together (a hand-typed lock account: no ID number, a name in pinyin)
    # that overstates agreement, so a higher figure is not trusted (on a noisy city it cut link F1 0.9923 → 0.9889),
    # while a lower one (FEBRL4: 0.47) is the data saying the rule misses many matches.
    recall = prior_rule_recall(linker.misc.save_model_to_json())
    if recall is not None and recall < PRIOR_RECALL:
        start = time.perf_counter()
        t.estimate_probability_two_random_records_match([PRIOR_RULE], recall=recall)
        steps.append({"step": "prior again", "recall": round(recall, 4), "seconds": round(time.perf_counter() - start, 2)})
    model = rounded(without_matches_in_u(linker.misc.save_model_to_json(), sampled_pairs=u_pairs))
    return {"sessions": steps, "model": model}


PROBABILITY_DIGITS = 8  # significant digits kept of each trained probability (``rounded``)


def rounded(model: dict, *, digits: int = PROBABILITY_DIGITS) -> dict:
    """The trained probabilities to ``digits`` significant digits. DuckDB adds up in parallel, in whatever order
    its threads finish, so two trainings on the same records differ around the 12th digit, and two pairs of nearly
    the same probability could come in either order. Eight digits are far finer than anything the data can say and
    the same from run to run (with the pairs' ties broken by their records' ids, ``link._pairs``: two full runs on
    the outsider's 20k city gave byte-identical exports; before, 56 stale scores differed)."""
    def cut(value):
        return float(f"{value:.{digits}g}") if isinstance(value, float) else value

    if "probability_two_random_records_match" in model:
        model["probability_two_random_records_match"] = cut(model["probability_two_random_records_match"])
    for comparison in model.get("comparisons", []):
        for level in comparison.get("comparison_levels", []):
            for key in ("m_probability", "u_probability"):
                if key in level:
                    level[key] = cut(level[key])
    return model


def _m(level: dict) -> float:
    return level.get("m_probability") or 0.0


def prior_rule_recall(model: dict, *, floor: float = 0.05) -> float | None:
    """P(l.id_number = r.id_number and same name sound | match) from the trained m probabilities (ID levels
    "exact" and "same after 15 → 18"; name levels exact to "same pinyin syllables, another order"), assuming the two
    independent given a match, as the model does. None when untrained or implausibly low."""
    by_name = {c["output_column_name"]: c["comparison_levels"] for c in model["comparisons"]}
    ids, names = by_name["id_number"], by_name["name"]
    recall = (_m(ids[1]) + _m(ids[2])) * sum(_m(level) for level in names[1:5])
    return recall if floor <= recall <= 1 else None


def without_matches_in_u(model: dict, *, sampled_pairs: float) -> dict:
    """u probabilities with the true matches taken out of the random sample they were counted on.

    A random pair is a match with probability λ (the prior), and a match lands on a level with probability m, so
    the sample's share of a level is (1 − λ)·u + λ·m. On a small data set λ is not negligible (FEBRL4: 10⁻⁴,
    as large as the u of an exact ID number), and the uncorrected u makes agreement look commoner among
    non-matches than it is. A level left with nothing gets half a pair of the sample."""
    lam = model.get("probability_two_random_records_match") or 0.0
    if not 0 < lam < 1:
        return model
    floor = 0.5 / sampled_pairs
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            u, m = level.get("u_probability"), level.get("m_probability")
            if u is None or m is None:
                continue
            level["u_probability"] = max(min(u, floor), (u - lam * m) / (1 - lam))
    return model


def blocking_counts(db_api, sdf, rules=PREDICTION_RULES, *, sample: float = 1.0) -> list[dict]:
    """Marginal and cumulative pair counts per prediction rule, on this table (documented in the run log)."""
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    records = count_comparisons_from_blocking_rules(
        sdf, blocking_rules=[r for r, _why in rules], link_type="dedupe_only", record_sample_proportion=sample)
    out = []
    for (rule, why), rec in zip(rules, records):
        out.append({"rule": rule, "why": why, "marginal": int(rec["marginal_comparison_count"]),
                    "cumulative": int(rec["cumulative_comparison_count"]), "estimate": bool(rec["is_estimate"])})
    return out


def pair_explainer():
    """A function [(left, right), …] -> [{comparison: level label}, …] for ``link.record`` rows, scored in one
    query on one linker: for tests and the docs."""
    import pyarrow as pa

    from anju.lib.fusion.link import record, to_arrow

    quiet = logging.getLogger("splink")
    quiet.setLevel(logging.ERROR)
    db_api = duckdb_api(threads=1)
    linker, _sdf = linker_for(db_api, to_arrow([record("x"), record("y")]))
    extra = {"tf_name_clean": 0.001, "tf_phone": 0.001}
    levels = {c.output_column_name: {lvl.comparison_vector_value: lvl.label_for_charts for lvl in c.comparison_levels}
              for c in linker._settings_obj.comparisons}

    def explain(pairs: list[tuple[dict, dict]]) -> list[dict[str, str]]:
        lefts = [{**left, **extra, "unique_id": f"l{i}"} for i, (left, _r) in enumerate(pairs)]
        rights = [{**right, **extra, "unique_id": f"r{i}"} for i, (_l, right) in enumerate(pairs)]
        table = linker.inference.score_pairs(lefts, rights).as_pyarrow_table()
        if isinstance(table, pa.RecordBatchReader):
            table = table.read_all()
        rows = {(r["unique_id_l"], r["unique_id_r"]): r for r in table.to_pylist()}
        out = []
        for i in range(len(pairs)):
            row = rows.get((f"l{i}", f"r{i}")) or rows[(f"r{i}", f"l{i}")]
            out.append({name: "null" if row[f"gamma_{name}"] == -1 else labels[row[f"gamma_{name}"]]
                        for name, labels in levels.items()})
        return out

    return explain

