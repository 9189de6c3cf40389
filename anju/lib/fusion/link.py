"""Entity resolution end to end on plain data: records → Splink scores → persons.

Pure Python, no Django. ``record(...)`` turns one identity (a registry person,
a registration, an observation profile) into a row of ``model.RECORD_COLUMNS``;
``link(rows)`` trains the model on them (or reuses a trained one), scores the
blocked pairs and groups the records (``cluster.resolve``); ``link_new(...)``
links a new batch against groups already resolved without scoring the old
records among themselves again (``predict_between`` + ``predict_within``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from anju.lib.fusion import model as fmodel
from anju.lib.fusion.cluster import Groups, resolve
from anju.lib.fusion.normalise import id_block_keys, id_forms, name_forms, phone_norm

logger = logging.getLogger(__name__)

# Pairs below this match probability are not used to join records: 0.5 is the Bayes decision boundary (a pair
# joins when a match is more likely than not), not a figure fitted to any data set. Chaining, the usual danger of
# a low threshold, is held by the cannot-link rule (cluster.py): no group ever holds two valid ID numbers.
DEFAULT_THRESHOLD = 0.5
# Pairs are only read back from the backend above this probability (keeps the edge list small).
READ_ABOVE = 0.5


def record(uid: str, *, id_number: str = "", legacy: bool = False, name: str = "", sex: str = "", birth: str = "",
           phone: str = "", meaning: str = "", code: str = "", building: str = "", house: str = "",
           org: str = "") -> dict[str, Any]:
    """One row of the linking table. ``id_number``, ``name`` and ``phone`` may be raw; the rest already normal.

    ``legacy``: the number was written in the 15-digit form and is given here converted (as it is stored).
    ``meaning`` is what the address means (home, property, workplace …); ``code``, ``building`` and ``house``
    are the matched standard address, its building key and its house key."""
    ids = id_forms(id_number)
    number = ids.number or None
    keys = id_block_keys(ids.number)
    names = name_forms(name)
    return {
        "unique_id": uid, "id_number": number, "id_legacy": ids.status == "legacy" or (legacy and ids.valid),
        "id_sorted": keys[0] or None, "id_k1": keys[1] or None, "id_k2": keys[2] or None, "id_k3": keys[3] or None,
        "name_clean": names.clean or None, "name_simplified": names.simplified or None, "name_py": names.pinyin or None,
        "name_py_sorted": names.pinyin_sorted or None, "name_parts": list(names.parts) or None, "name_latin": names.is_pinyin, "birth": birth or None, "sex": sex or None,
        "phone": phone_norm(phone) or None,
        "place_meaning": meaning or None, "place_code": code or None, "place_building": building or None,
        "place_house": house or None, "org": org or None,
    }


def anchor_of(row: dict) -> str | None:
    """The valid ID number a record carries, if any (the cannot-link anchor)."""
    number = row.get("id_number")
    return number if number and id_forms(number).valid else None


def weak_anchor(row: dict) -> bool:
    """The record's number was written in the 15-digit form: valid once converted, but not self-checking."""
    return bool(row.get("id_legacy"))


def to_arrow(rows: list[dict]):
    import pyarrow as pa

    columns = {c: [r[c] for r in rows] for c in fmodel.RECORD_COLUMNS}
    types = {"id_legacy": pa.bool_(), "name_latin": pa.bool_(), "name_parts": pa.list_(pa.string())}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in fmodel.RECORD_COLUMNS])
    return pa.table(columns, schema=schema)


@dataclass
class LinkResult:
    labels: list[int]                 # group label (an index into the rows) per row
    best: list[float]                 # each row's strongest pair probability (0 when none)
    anchors: list[str | None]         # each group's valid ID number, by label
    model: dict                       # the trained Splink settings (saved for incremental runs)
    stats: dict = field(default_factory=dict)


def _pairs(predictions, index: dict[str, int], threshold: float):
    """(i, j, p) strongest first, read in batches from the backend."""
    rel = predictions.as_duckdbpyrelation() if hasattr(predictions, "as_duckdbpyrelation") else None
    if rel is not None:
        # ties broken by the records' ids: pairs are taken in this order and a refused pair (two ID numbers) makes
        # the order matter, so equal probabilities in whatever order DuckDB's threads give them made two runs on the
        # same records group them differently
        table = rel.filter(f"match_probability >= {threshold}").order(
            "match_probability DESC, unique_id_l, unique_id_r").select(
            "unique_id_l, unique_id_r, match_probability").arrow()
    else:  # other backends (Spark): through pyarrow
        table = predictions.as_pyarrow_table()
        import pyarrow.compute as pc

        table = table.filter(pc.greater_equal(table["match_probability"], threshold))
        table = table.sort_by([("match_probability", "descending"), ("unique_id_l", "ascending"),
                               ("unique_id_r", "ascending")])
    if hasattr(table, "read_all"):  # duckdb ≥ 1.4 returns a RecordBatchReader
        table = table.read_all()
    left = table.column("unique_id_l").to_pylist()
    right = table.column("unique_id_r").to_pylist()
    prob = table.column("match_probability").to_pylist()
    for a, b, p in zip(left, right, prob):
        i, j = index.get(a), index.get(b)
        if i is not None and j is not None:
            yield i, j, p


def link(rows: list[dict], *, db_api=None, model: dict | None = None, threshold: float = DEFAULT_THRESHOLD,
         train_kwargs: dict | None = None, count_blocks: bool = False, blocking_sample: float = 0.1,
         progress=None) -> LinkResult:
    """Train (unless ``model`` is given), score and group ``rows``. ``progress(step)`` is told each step."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    say = progress or (lambda step: None)
    db_api = db_api or fmodel.duckdb_api()
    table = to_arrow(rows)
    linker, sdf = fmodel.linker_for(db_api, table, model)
    timings["register"] = time.perf_counter() - t0
    stats: dict[str, Any] = {"records": len(rows)}
    if count_blocks:
        say("blocking counts")
        t = time.perf_counter()
        stats["blocking"] = fmodel.blocking_counts(db_api, sdf, sample=blocking_sample)
        timings["blocking_counts"] = time.perf_counter() - t
    predictions = None
    if model is None:
        say("training")
        t = time.perf_counter()
        rules = fmodel.trainable(rows)
        if rules:
            trained = fmodel.train(linker, rules=rules, **(train_kwargs or {}))
            model = trained["model"]
            stats["training"] = trained["sessions"]
            linker = fmodel.linker_on(sdf, model)  # scores with the corrected prior and u
        else:
            # not one pair of records shares an ID number and a name: nothing says how often two records are one
            # person. Linked by valid ID number alone, untrained (the next run trains again)
            stats["training"] = [{"step": "not trained", "reason": "no two records share an ID number and a name"}]
        timings["training"] = time.perf_counter() - t
    index = {r["unique_id"]: i for i, r in enumerate(rows)}
    anchors = [anchor_of(r) for r in rows]
    best = [0.0] * len(rows)
    edges = []
    if model:
        say("scoring pairs")
        t = time.perf_counter()
        predictions = linker.inference.predict(threshold_match_probability=READ_ABOVE)
        timings["predict"] = time.perf_counter() - t
    say("grouping")
    t = time.perf_counter()
    for i, j, p in _pairs(predictions, index, READ_ABOVE) if predictions is not None else ():
        if p > best[i]:
            best[i] = p
        if p > best[j]:
            best[j] = p
        edges.append((i, j, p))
    stats["pairs_read"] = len(edges)
    groups: Groups = resolve(anchors, edges, threshold=threshold, weak=[weak_anchor(r) for r in rows])
    labels = groups.labels()
    timings["group"] = time.perf_counter() - t
    stats.update({"refused_valid_id_conflicts": groups.conflicts, "groups": len(set(labels)),
                  "threshold": threshold, "timings": {k: round(v, 2) for k, v in timings.items()}})
    if predictions is not None:
        predictions.drop_table_from_database_and_remove_from_cache()
    return LinkResult(labels, best, [groups.anchor[i] for i in range(len(rows))], model or {}, stats)


def link_new(old_rows: list[dict], old_labels: list[int], new_rows: list[dict], *, model: dict, db_api=None,
             threshold: float = DEFAULT_THRESHOLD) -> LinkResult:
    """Link ``new_rows`` against records already grouped (``old_labels``, one per old row), with a trained model.

    Old records are not compared among themselves again: new × old pairs come
    from ``predict_between``, new × new from ``predict_within``. The old groups
    stay as they were; a new record joins one (or joins two) under the same
    rules as a full run. Labels cover the old rows, then the new ones.
    """
    from splink import Linker, SettingsCreator

    t0 = time.perf_counter()
    db_api = db_api or fmodel.duckdb_api()
    old_sdf = db_api.register(to_arrow(old_rows), table_name="resolved")
    new_sdf = db_api.register(to_arrow(new_rows), table_name="incoming")
    # the linker is anchored on the resolved table; the new records only come in through predict_between/within
    linker = Linker(old_sdf, SettingsCreator.from_path_or_dict(model))
    # Term frequencies from everything known: a name's rarity does not depend on the batch it came in.
    for column in ("name_clean", "phone"):
        tf = db_api.register(_tf_table(db_api, column), table_name=f"tf_lookup_{column}")
        linker.table_management.register_term_frequency_lookup(tf, column)
    between = linker.inference.predict_between(old_sdf, new_sdf, threshold_match_probability=READ_ABOVE)
    within = linker.inference.predict_within(new_sdf, threshold_match_probability=READ_ABOVE)
    rows = old_rows + new_rows
    index = {r["unique_id"]: i for i, r in enumerate(rows)}
    edges = list(_pairs(between, index, READ_ABOVE)) + list(_pairs(within, index, READ_ABOVE))
    edges.sort(key=lambda e: (-e[2], rows[e[0]]["unique_id"], rows[e[1]]["unique_id"]))
    groups = Groups([anchor_of(r) for r in rows], [weak_anchor(r) for r in rows])
    first: dict[int, int] = {}
    for i, label in enumerate(old_labels):  # the old groups as they were
        j = first.setdefault(label, i)
        if j != i:
            groups.union(i, j)
    best = [0.0] * len(rows)
    for i, j, p in edges:
        best[i], best[j] = max(best[i], p), max(best[j], p)
        if p >= threshold:
            groups.union(i, j)
    labels = groups.labels()
    stats = {"new_records": len(new_rows), "pairs_read": len(edges), "refused_valid_id_conflicts": groups.conflicts,
             "groups": len(set(labels)), "threshold": threshold, "seconds": round(time.perf_counter() - t0, 2)}
    between.drop_table_from_database_and_remove_from_cache()
    within.drop_table_from_database_and_remove_from_cache()
    return LinkResult(labels, best, [groups.anchor[groups.find(i)] for i in range(len(rows))], model, stats)


def _tf_table(db_api, column: str):
    """Term frequencies of ``column`` over both registered tables, in Splink's lookup shape."""
    con = db_api._con
    rel = con.sql(f"""
        with v as (select {column} as value from resolved where {column} is not null
                   union all select {column} from incoming where {column} is not null)
        select value as {column}, count(*)::double / (select count(*) from v) as tf_{column}
        from v group by value""")
    table = rel.arrow()
    return table.read_all() if hasattr(table, "read_all") else table
