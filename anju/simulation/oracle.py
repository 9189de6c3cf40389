"""The export a perfect fusion would write, built from ``truth/`` itself.

Pure Python, no Django. Used by the tests (the evaluator must give it perfect
scores) and handy as a reference when writing an exporter: it follows the
column order of ``shared/spec/interchange.md`` exactly.
"""

from __future__ import annotations

import csv
from pathlib import Path

from anju.simulation.evaluate import ALERT_FILE_COLUMNS, LINK_COLUMNS, STALE_COLUMNS, SUSPECT_COLUMNS, read_csv


def perfect_export(truth_dir: Path | str, out_dir: Path | str) -> dict:
    truth, out = Path(truth_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    persons = {row["person_key"]: row for row in read_csv(truth / "persons.csv")}
    full = {}
    addresses = truth.parent / "addresses.csv"
    if addresses.exists():
        full = {row["address_code"]: row["full_address"] for row in read_csv(addresses)}
    home_records: dict[str, list[str]] = {}
    records: dict[str, list[str]] = {}
    links = []
    for row in read_csv(truth / "observation_persons.csv"):
        p = persons[row["person_key"]]
        records.setdefault(p["person_key"], []).append(row["record_id"])
        links.append((row["record_id"], p["id_number"] if p["in_registry"] == "1" else f"U-{p['person_key']}"))
        if row["meaning"] == "home" and row["address_code"] == p["home_address_code"]:
            home_records.setdefault(p["person_key"], []).append(row["record_id"])
    with (out / "links.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LINK_COLUMNS)
        w.writerows(links)
    suspects = []
    for i, t in enumerate(read_csv(truth / "targets.csv"), start=1):
        p = persons[t["person_key"]]
        suspects.append((f"S{i:07d}", p["name"], p["id_number"], p["birth_date"], t["home_address_code"],
                         full.get(t["home_address_code"], ""), "100", t["kind"],
                         ";".join(home_records.get(t["person_key"], []))))
    with (out / "suspects.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(SUSPECT_COLUMNS)
        w.writerows(suspects)
    stale = []
    for s in read_csv(truth / "stale.csv"):
        p = persons[s["person_key"]]
        stale.append((s["registration_id"], p["id_number"], p["name"], s["last_seen"], "100"))
    with (out / "stale.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(STALE_COLUMNS)
        w.writerows(stale)
    alerts = []
    if (truth / "watch_hits.csv").exists():
        for hit in read_csv(truth / "watch_hits.csv"):
            if hit["present"] == "1" and records.get(hit["person_key"]):
                p = persons[hit["person_key"]]
                alerts.append((len(alerts) + 1, hit["watch_id"], "", "oracle", ";".join(records[hit["person_key"]]),
                               p["id_number"], p["name"], "", "1.00"))
    with (out / "alerts.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(ALERT_FILE_COLUMNS)
        w.writerows(alerts)
    return {"links": len(links), "suspects": len(suspects), "stale": len(stale), "alerts": len(alerts)}
