"""The naive baseline: exact ID-number matching only. The floor every fusion is compared with.

Pure Python, no Django. It reads the interchange files of a city directory (it
never looks at ``truth/``) and writes an export in the format of
``anju fusion export``:

* **links**: an observation whose ``id_number``, exactly as written, is an ID
  number of population.csv or registrations.csv gets that number as its key;
  one with another number gets ``U:<number>`` (so records with the same unknown
  number share a key); one without a number is a singleton ``R:<record_id>``.
  No normalisation: 15-digit numbers, lower-case x and typos all miss.
* **suspects**: a matched person seen by a home source (``door``, ``lock`` — the
  feeds a department declares as "address = home") at an address whose text is
  exactly a ``full_address`` of addresses.csv, with no active registration of
  that exact number at that address code. The address with the most such
  records is reported; ``kind`` is ``moved`` if the number has an active
  registration elsewhere, else ``unregistered``. Score 50.
* **stale**: an active registration (with an address code) whose exact number
  was seen by a home source at other standard addresses and never at its own.
  Score 50. A registration with no records at all is never reported.
* **alerts** (when the city has a watchlist.csv): a watchlist entry whose
  ``id_number``, exactly as written, is the number on an observation; one row
  per entry, with those records.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from anju.simulation.evaluate import ALERT_FILE_COLUMNS, LINK_COLUMNS, STALE_COLUMNS, SUSPECT_COLUMNS

DEFAULT_HOME_SOURCES = ("door", "lock")


def _rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def naive_export(data_dir: Path | str, out_dir: Path | str, *, home_sources=DEFAULT_HOME_SOURCES) -> dict:
    data, out = Path(data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    code_of = {row["full_address"]: row["address_code"] for row in _rows(data / "addresses.csv")}
    full_of = {code: full for full, code in code_of.items()}
    people: dict[str, tuple[str, str]] = {}  # id -> (name, birth_date)
    for row in _rows(data / "population.csv"):
        people[row["id_number"]] = (row["name"], row["birth_date"])
    active: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> [(registration_id, address_code)]
    for row in _rows(data / "registrations.csv"):
        people.setdefault(row["id_number"], (row["name"], row["birth_date"]))
        if row["status"] == "active":
            active[row["id_number"]].append((row["registration_id"], row["address_code"]))
    home = set(home_sources)
    seen: dict[str, Counter] = defaultdict(Counter)       # id -> address_code -> records
    records: dict[tuple[str, str], list[str]] = defaultdict(list)
    last_seen: dict[str, str] = {}
    wanted: dict[str, str] = {}  # id -> watch_id
    if (data / "watchlist.csv").exists():
        wanted = {row["id_number"]: row["watch_id"] for row in _rows(data / "watchlist.csv") if row["id_number"]}
    hits: dict[str, list[str]] = defaultdict(list)  # watch_id -> record ids
    links = []
    with (data / "observations.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        head = next(reader)
        i_src, i_rid, i_at, i_id, i_addr = (head.index(c) for c in
                                            ("source", "record_id", "observed_at", "id_number", "address"))
        for row in reader:
            rid, number = row[i_rid], row[i_id]
            if number in wanted:
                hits[wanted[number]].append(rid)
            if number in people:
                links.append((rid, number))
                if row[i_src] in home:
                    code = code_of.get(row[i_addr])
                    if code:
                        seen[number][code] += 1
                        records[(number, code)].append(rid)
                        day = row[i_at][:10]
                        if day > last_seen.get(number, ""):
                            last_seen[number] = day
            else:
                links.append((rid, f"U:{number}" if number else f"R:{rid}"))
    with (out / "links.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LINK_COLUMNS)
        w.writerows(links)
    suspects = []
    for number, places in seen.items():
        code, _n = max(places.items(), key=lambda kv: (kv[1], kv[0]))
        mine = active.get(number, [])
        if any(c == code for _r, c in mine):
            continue
        name, birth = people[number]
        suspects.append((f"N{len(suspects) + 1:07d}", name, number, birth, code, full_of.get(code, ""), "50",
                         "moved" if mine else "unregistered", ";".join(records[(number, code)])))
    stale = []
    for number, regs in active.items():
        places = seen.get(number)
        if not places:
            continue
        for reg_id, code in regs:
            if code and places.get(code, 0) == 0:
                stale.append((reg_id, number, people[number][0], last_seen.get(number, ""), "50"))
    for name, header, rows in (("suspects.csv", SUSPECT_COLUMNS, suspects), ("stale.csv", STALE_COLUMNS, stale)):
        with (out / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    if (data / "watchlist.csv").exists():
        number_of = {w: n for n, w in wanted.items()}
        with (out / "alerts.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(ALERT_FILE_COLUMNS)
            w.writerows((i, watch_id, "", "naive", ";".join(rids), number_of[watch_id], "", "", "1.00")
                        for i, (watch_id, rids) in enumerate(sorted(hits.items()), start=1))
    return {"suspects": len(suspects), "stale": len(stale), "alerts": len(hits)}
