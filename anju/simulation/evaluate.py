"""Score a fusion export (suspects.csv, stale.csv, links.csv; alerts.csv when given) against a simulated city's truth.

Pure Python, no Django. ``evaluate(truth_dir, found_dir)`` returns a dict (the
``--json`` output of ``anju evaluate``); ``format_report`` renders it as a
table with a one-line summary. What each figure means:

* **links**: pairwise precision/recall/F1 over observations: a pair of records
  is "found" when both carry the same ``entity_key``, "true" when both belong to
  the same person. Records missing from links.csv count as unlinked singletons.
  ``identity`` adds whether the key is the person's own ID number (precision
  among records keyed by some person's number; recall among records of people
  in the registry).
* **suspects**: a row is correct when it names the right person — by its ID
  number when given (15-digit numbers are converted; a number that is nobody's
  makes the row wrong), else by the plurality of the people behind its
  record_ids (at least half) — that person is a target, the kind matches, and
  the person was not already found by an earlier row. Recall is over all
  targets and over the revealable ones (seen at home at least once).
* **stale**: a row is correct when its registration is active on record and its
  person does not live at its address. ``live_flagged`` counts rows that would
  cancel the registration of someone who does live there. Where the truth has
  ``silences.csv`` (this simulator writes it), the ``traces_stopped`` ones are
  also counted by how many records the person's feeds would have given them in
  their silence had they stayed (``by_expected_records``), and
  ``silence_ceiling`` is the recall among revealable a system could reach at
  precision ``CEILING_PRECISION`` if it found every registration seen elsewhere
  and knew each person's true record rates: it flags silent registrations from
  the least likely silence for a stayer (``chance_if_stayed``) up while
  precision holds. Silence alone cannot
  tell a leaver from a stayer whose feeds would have been as quiet, so this is
  how far "traces stopped" can reach, not a bound on systems that use more.
* **outcome**: registration rate (residents with an active registration at
  their true address) and accuracy (active registrations whose person lives
  there) before and after one cycle: each correct suspect is registered at the
  true home (a moved person's other active registrations are cancelled in the
  same visit), each correct stale row is cancelled, each wrong row is a wasted
  visit and changes nothing (an officer checks on site before anything is
  written). The ceiling applies every revealable target and stale record.
* **alerts** (when the found directory holds ``alerts.csv``, from ``anju alerts
  export``): per watchlist entry. An entry alerted is right when the wanted
  person is in the city's records and an alert for it names them (its ID
  number, else the plurality of the people behind its record_ids); recall is
  over the entries whose person left at least one record. Alert rows are
  counted too: several paths may raise one entry (an import, a fusion link).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from anju.lib.identity import convert_15_to_18, normalise_id_input

SUSPECT_COLUMNS = ("suspect_id", "name", "id_number", "birth_date", "address_code", "address", "score", "kind",
                   "record_ids")
STALE_COLUMNS = ("registration_id", "id_number", "name", "last_seen", "score")
ALERT_COLUMNS = ("alert_id", "watch_id", "record_ids", "id_number")  # what the score reads of alerts.csv
ALERT_FILE_COLUMNS = ("alert_id", "watch_id", "raised_at", "source", "record_ids", "id_number", "name", "address",
                      "confidence")  # interchange.md
LINK_COLUMNS = ("record_id", "entity_key")
KINDS = ("unregistered", "moved")
CEILING_PRECISION = 0.95  # issue 7's precision target for stale registrations
EXPECTED_BANDS = ((0.0, "< 1"), (1.0, "1–3"), (3.0, ">= 3"))  # records a stayer would have left in the silence


# --------------------------------------------------------------------------- reading


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_optional(path: Path, columns, notes: list[str]) -> list[dict]:
    if not path.exists():
        notes.append(f"{path.name} is missing: scored as empty")
        return []
    rows = read_csv(path)
    if rows:
        missing = [c for c in columns if c not in rows[0]]
        if missing:
            notes.append(f"{path.name} lacks columns {', '.join(missing)}")
    return rows


def normalise_id(raw: str | None) -> str:
    """Upper-case, no spaces or full-width digits; a 15-digit number converted to 18."""
    s = normalise_id_input(raw or "")
    if len(s) == 15 and s.isdigit():
        try:
            return convert_15_to_18(s)
        except ValueError:
            return s
    return s


class Truth:
    """What ``truth/`` says, in the shapes the scores need."""

    def __init__(self, truth_dir: Path | str):
        d = Path(truth_dir)
        if not (d / "persons.csv").exists():
            raise FileNotFoundError(f"{d} is not a truth directory (no persons.csv)")
        self.dir = d
        self.params = json.loads((d / "params.json").read_text(encoding="utf-8")) if (d / "params.json").exists() else {}
        self.person_id: dict[str, str] = {}
        self.in_registry: dict[str, bool] = {}
        self.home: dict[str, str] = {}  # residents: person -> address_code
        for row in read_csv(d / "persons.csv"):
            key = row["person_key"]
            self.person_id[key] = row["id_number"]
            self.in_registry[key] = row["in_registry"] == "1"
            if row["lives_here"] == "1":
                self.home[key] = row["home_address_code"]
        self.by_id = {normalise_id(n): k for k, n in self.person_id.items()}
        self.building = {row["address_code"]: row["building_key"] for row in read_csv(d / "addresses.csv")}
        self.registrations = {row["registration_id"]: row for row in read_csv(d / "registrations.csv")}
        self.targets = {row["person_key"]: row for row in read_csv(d / "targets.csv")}
        self.stale = {row["registration_id"]: row for row in read_csv(d / "stale.csv")}
        self.silences = read_csv(d / "silences.csv") if (d / "silences.csv").exists() else None
        self.watch = ({row["watch_id"]: row for row in read_csv(d / "watch_hits.csv")}
                      if (d / "watch_hits.csv").exists() else None)
        with (d / "observation_persons.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            i_rid, i_person = header.index("record_id"), header.index("person_key")
            self.record_person = {row[i_rid]: row[i_person] for row in reader}


class Found:
    def __init__(self, found_dir: Path | str):
        d = Path(found_dir)
        if not d.is_dir():
            raise FileNotFoundError(f"{d} is not a directory")
        self.notes: list[str] = []
        self.suspects = _read_optional(d / "suspects.csv", SUSPECT_COLUMNS, self.notes)
        self.stale = _read_optional(d / "stale.csv", STALE_COLUMNS, self.notes)
        self.alerts = _read_optional(d / "alerts.csv", ALERT_COLUMNS, self.notes) if (d / "alerts.csv").exists() \
            else None
        self.links: dict[str, str] = {}
        path = d / "links.csv"
        if not path.exists():
            self.notes.append("links.csv is missing: every record scored as unlinked")
            return
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            if "record_id" not in header or "entity_key" not in header:
                self.notes.append("links.csv lacks record_id/entity_key: every record scored as unlinked")
                return
            i_rid, i_key = header.index("record_id"), header.index("entity_key")
            dupes = 0
            for row in reader:
                if len(row) <= max(i_rid, i_key):
                    continue
                if row[i_rid] in self.links:
                    dupes += 1
                self.links[row[i_rid]] = row[i_key]
            if dupes:
                self.notes.append(f"links.csv names {dupes} record_ids twice: the last row counts")


# --------------------------------------------------------------------------- scores


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_links(truth: Truth, found: Found) -> dict:
    links = found.links
    cells: Counter = Counter()
    found_sizes: Counter = Counter()
    true_sizes: Counter = Counter()
    missing = 0
    for rid, person in truth.record_person.items():
        key = links.get(rid)
        if key is None or key == "":
            missing += 1
            key = ("\0", rid)  # an unlinked record is its own singleton
        cells[(key, person)] += 1
        found_sizes[key] += 1
        true_sizes[person] += 1
    correct = sum(_pairs(n) for n in cells.values())
    found_pairs = sum(_pairs(n) for n in found_sizes.values())
    true_pairs = sum(_pairs(n) for n in true_sizes.values())
    precision, recall = _ratio(correct, found_pairs), _ratio(correct, true_pairs)
    # identity: is the key the person's own ID number?
    ids = truth.by_id
    keyed = keyed_right = registry_records = registry_right = 0
    norm_cache: dict[str, str] = {}
    for rid, person in truth.record_person.items():
        in_registry = truth.in_registry.get(person, False)
        registry_records += in_registry
        key = links.get(rid)
        if not key:
            continue
        n = norm_cache.get(key)
        if n is None:
            n = norm_cache[key] = normalise_id(key)
        if n in ids:
            keyed += 1
            if ids[n] == person:
                keyed_right += 1
                registry_right += in_registry
    unknown = sum(1 for rid in links if rid not in truth.record_person)
    return {
        "records": len(truth.record_person), "unlinked": missing, "unknown_record_ids": unknown,
        "true_pairs": true_pairs, "found_pairs": found_pairs, "correct_pairs": correct,
        "precision": precision, "recall": recall, "f1": _f1(precision, recall),
        "identity": {"keyed_by_id_number": keyed, "right_person": keyed_right, "registry_records": registry_records,
                     "precision": _ratio(keyed_right, keyed), "recall": _ratio(registry_right, registry_records)},
    }


def _row_person(truth: Truth, row: dict, records_first: bool = False) -> str | None:
    """The person a found row names: by its ID number when it has one, else the plurality (at least half) of the
    people behind its record_ids. ``records_first``: the records decide where there are any (an alert carries the
    number as the record wrote it, which may be mistyped: the record is what was matched)."""
    number = normalise_id(row.get("id_number"))
    by_records = _records_person(truth, row) if records_first or not number else None
    if by_records is not None or not number:
        return by_records
    return truth.by_id.get(number)


def _records_person(truth: Truth, row: dict) -> str | None:
    rids = [r.strip() for r in (row.get("record_ids") or "").split(";") if r.strip()]
    people = Counter(truth.record_person[r] for r in rids if r in truth.record_person)
    if not people:
        return None
    (best, n), = sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
    return best if n * 2 >= len(rids) else None


def score_suspects(truth: Truth, found: Found) -> tuple[dict, list[tuple[str, str]]]:
    """Scores, and the (person, kind) of every correct row (for the outcome cycle)."""
    targets = truth.targets
    correct_rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    per_kind = {k: Counter() for k in KINDS}
    other_kind_rows = wrong_kind = duplicates = building_right = room_right = 0
    for row in found.suspects:
        kind = (row.get("kind") or "").strip()
        if kind in per_kind:
            per_kind[kind]["rows"] += 1
        else:
            other_kind_rows += 1
        person = _row_person(truth, row)
        target = targets.get(person) if person else None
        if target is None:
            continue
        if person in seen:
            duplicates += 1
            continue
        if target["kind"] != kind:
            wrong_kind += 1
            continue
        seen.add(person)
        per_kind[kind]["correct"] += 1
        if target["revealable"] == "1":
            per_kind[kind]["correct_revealable"] += 1
        correct_rows.append((person, kind))
        code = (row.get("address_code") or "").strip()
        if code and truth.building.get(code) == target["home_building_key"]:
            building_right += 1
        if code and code == target["home_address_code"]:
            room_right += 1
    totals = {k: Counter() for k in KINDS}
    for t in targets.values():
        totals[t["kind"]]["targets"] += 1
        totals[t["kind"]]["revealable"] += t["revealable"] == "1"
    out: dict = {"by_kind": {}}
    for k in KINDS:
        c, t = per_kind[k], totals[k]
        out["by_kind"][k] = {
            "rows": c["rows"], "correct": c["correct"], "targets": t["targets"], "revealable": t["revealable"],
            "precision": _ratio(c["correct"], c["rows"]), "recall": _ratio(c["correct"], t["targets"]),
            "recall_revealable": _ratio(c["correct_revealable"], t["revealable"]),
        }
    rows = len(found.suspects)
    correct = len(correct_rows)
    n_targets = len(targets)
    revealable = sum(1 for t in targets.values() if t["revealable"] == "1")
    correct_revealable = sum(per_kind[k]["correct_revealable"] for k in KINDS)
    out.update({
        "rows": rows, "correct": correct, "targets": n_targets, "revealable": revealable,
        "precision": _ratio(correct, rows), "recall": _ratio(correct, n_targets),
        "recall_revealable": _ratio(correct_revealable, revealable),
        "right_building": _ratio(building_right, correct), "right_room": _ratio(room_right, correct),
        "wrong_kind": wrong_kind, "duplicates": duplicates, "unknown_kind_rows": other_kind_rows,
    })
    out["f1"] = _f1(out["precision"], out["recall"])
    return out, correct_rows


def score_stale(truth: Truth, found: Found) -> tuple[dict, list[str]]:
    seen: set[str] = set()
    correct: list[str] = []
    duplicates = live_flagged = 0
    for row in found.stale:
        rid = (row.get("registration_id") or "").strip()
        if rid in seen:
            duplicates += 1
            continue
        seen.add(rid)
        if rid in truth.stale:
            correct.append(rid)
        else:
            reg = truth.registrations.get(rid)
            if reg is not None and reg["status"] == "active":
                live_flagged += 1
    total = len(truth.stale)
    revealable = {rid for rid, row in truth.stale.items() if row["revealable"] == "1"}
    by_evidence = Counter(row["evidence"] for row in truth.stale.values())
    found_by_evidence = Counter(truth.stale[rid]["evidence"] for rid in correct)
    out = {
        "rows": len(found.stale), "correct": len(correct), "total": total, "revealable": len(revealable),
        "precision": _ratio(len(correct), len(found.stale)), "recall": _ratio(len(correct), total),
        "recall_revealable": _ratio(sum(1 for rid in correct if rid in revealable), len(revealable)),
        "live_flagged": live_flagged, "duplicates": duplicates,
        "by_evidence": {e: {"total": n, "found": found_by_evidence.get(e, 0)} for e, n in sorted(by_evidence.items())},
        "by_expected_records": None, "silence_ceiling": None,
    }
    out["f1"] = _f1(out["precision"], out["recall"])
    if truth.silences is not None:
        out["by_expected_records"] = _by_expected(truth.silences, set(correct))
        out["silence_ceiling"] = silence_ceiling(truth, CEILING_PRECISION)
    return out, correct


def _band(expected: float) -> str:
    return next(name for low, name in reversed(EXPECTED_BANDS) if expected >= low)


def _by_expected(silences: list[dict], correct: set[str]) -> dict:
    out = {name: {"total": 0, "found": 0} for _low, name in EXPECTED_BANDS}
    for row in silences:
        if row["evidence"] == "traces_stopped":
            band = out[_band(float(row["expected_records"]))]
            band["total"] += 1
            band["found"] += row["registration_id"] in correct
    return out


def silence_ceiling(truth: Truth, precision: float) -> dict:
    """Every registration seen elsewhere found, then the silent ones flagged from the silence least likely for a stayer
    (``chance_if_stayed``) up, as long as precision stays at ``precision`` (a group of equal chances is taken whole):
    the highest recall among revealable on the way, and the traces-stopped recall with it."""
    revealable = {rid for rid, row in truth.stale.items() if row["revealable"] == "1"}
    elsewhere = {rid for rid, row in truth.stale.items() if row["evidence"] == "seen_elsewhere"}
    stopped = sum(1 for row in truth.stale.values() if row["evidence"] == "traces_stopped")
    ranked = sorted((float(row["chance_if_stayed"]), row["registration_id"]) for row in truth.silences
                    if row["registration_id"] not in elsewhere)
    right, wrong, found, best = len(elsewhere), 0, 0, None
    for i, (chance, rid) in enumerate(ranked):
        if rid in truth.stale:
            right += 1
            found += rid in revealable
        else:
            wrong += 1
        if (i + 1 == len(ranked) or ranked[i + 1][0] != chance) and right >= precision * (right + wrong):
            best = (right + wrong, chance, found)
    rows, chance, found = best or (len(elsewhere), None, 0)
    return {"precision_at_least": precision, "rows": rows, "chance_if_stayed_at_most": chance,
            "recall_revealable": _ratio(len(elsewhere & revealable) + found, len(revealable)),
            "traces_stopped_recall": _ratio(found, stopped)}


def _rate_and_accuracy(home: dict[str, str], active: dict[str, tuple[str, str]],
                       extra: list[tuple[str, str]]) -> tuple[float | None, float | None, int]:
    registered = set()
    accurate = 0
    for person, code in list(active.values()) + extra:
        if home.get(person) == code:
            registered.add(person)
            accurate += 1
    n_active = len(active) + len(extra)
    return _ratio(len(registered), len(home)), _ratio(accurate, n_active), n_active


def _cycle(truth: Truth, suspects: list[tuple[str, str]], stale: list[str]) -> tuple:
    active = {rid: (row["person_key"], row["address_code"]) for rid, row in truth.registrations.items()
              if row["status"] == "active"}
    for rid in stale:
        active.pop(rid, None)
    extra = []
    persons = {person for person, _kind in suspects}
    if persons:
        for rid, (person, code) in list(active.items()):
            if person in persons and truth.home.get(person) != code:
                active.pop(rid)  # the move is recorded in the same visit
    for person, _kind in suspects:
        extra.append((person, truth.home[person]))
    return _rate_and_accuracy(truth.home, active, extra)


def score_alerts(truth: Truth, found: Found) -> dict | None:
    """Per watchlist entry: right when its person is in the records and one of its alerts names them."""
    if found.alerts is None or truth.watch is None:
        return None
    by_watch: dict[str, list[dict]] = {}
    for row in found.alerts:
        by_watch.setdefault((row.get("watch_id") or "").strip(), []).append(row)
    right = 0
    for watch_id, rows in by_watch.items():
        entry = truth.watch.get(watch_id)
        if entry and entry["present"] == "1" and any(_row_person(truth, r, records_first=True) == entry["person_key"]
                                                     for r in rows):
            right += 1
    revealable = sum(1 for e in truth.watch.values() if e["present"] == "1" and int(e["observations"] or 0) > 0)
    return {"rows": len(found.alerts), "entries_alerted": len(by_watch), "correct": right,
            "entries": len(truth.watch), "revealable": revealable,
            "precision": _ratio(right, len(by_watch)), "recall": _ratio(right, revealable)}


def score_outcome(truth: Truth, correct_suspects, correct_stale, wasted: int) -> dict:
    before = _cycle(truth, [], [])
    after = _cycle(truth, correct_suspects, correct_stale)
    ceiling = _cycle(truth, [(p, t["kind"]) for p, t in truth.targets.items() if t["revealable"] == "1"],
                     [rid for rid, row in truth.stale.items() if row["revealable"] == "1"])
    return {
        "residents": len(truth.home),
        "before": {"registration_rate": before[0], "accuracy": before[1], "active_registrations": before[2]},
        "after": {"registration_rate": after[0], "accuracy": after[1], "active_registrations": after[2]},
        "ceiling": {"registration_rate": ceiling[0], "accuracy": ceiling[1], "active_registrations": ceiling[2]},
        "wasted_visits": wasted,
    }


def evaluate(truth_dir: Path | str, found_dir: Path | str) -> dict:
    truth = Truth(truth_dir)
    found = Found(found_dir)
    links = score_links(truth, found)
    suspects, correct_suspects = score_suspects(truth, found)
    stale, correct_stale = score_stale(truth, found)
    wasted = (suspects["rows"] - suspects["correct"]) + (stale["rows"] - stale["correct"])
    outcome = score_outcome(truth, correct_suspects, correct_stale, wasted)
    outcome["visits"] = suspects["rows"] + stale["rows"]
    result = {"truth": str(truth_dir), "found": str(found_dir), "city": {
        k: truth.params.get(k) for k in ("seed", "residents", "as_of", "generator_version")},
        "links": links, "suspects": suspects, "stale": stale, "outcome": outcome, "alerts": score_alerts(truth, found),
        "notes": found.notes}
    result["summary"] = summary_line(result)
    return result


# --------------------------------------------------------------------------- report


def _fmt(v, pct: bool = False) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v * 100:.2f} %" if pct else f"{v:.4f}"
    return f"{v:,}"


def summary_line(r: dict) -> str:
    s, st, o, lk = r["suspects"], r["stale"], r["outcome"], r["links"]
    return (f"links F1 {_fmt(lk['f1'])} · suspects P {_fmt(s['precision'])} R {_fmt(s['recall'])} "
            f"(revealable {_fmt(s['recall_revealable'])}) · stale P {_fmt(st['precision'])} R {_fmt(st['recall'])} "
            f"(revealable {_fmt(st['recall_revealable'])}) · registration rate "
            f"{_fmt(o['before']['registration_rate'], True)} → {_fmt(o['after']['registration_rate'], True)} "
            f"(ceiling {_fmt(o['ceiling']['registration_rate'], True)}) · accuracy "
            f"{_fmt(o['before']['accuracy'], True)} → {_fmt(o['after']['accuracy'], True)} "
            f"(ceiling {_fmt(o['ceiling']['accuracy'], True)}) · wasted visits {o['wasted_visits']:,}")


def format_report(r: dict) -> str:
    lk, s, st, o = r["links"], r["suspects"], r["stale"], r["outcome"]
    evidence = ", ".join(f"{e} {v['found']:,}/{v['total']:,}" for e, v in st["by_evidence"].items())
    rows = [
        ("links", "pairwise precision", _fmt(lk["precision"]), f"{lk['correct_pairs']:,} of {lk['found_pairs']:,} found pairs"),
        ("links", "pairwise recall", _fmt(lk["recall"]), f"{lk['correct_pairs']:,} of {lk['true_pairs']:,} true pairs"),
        ("links", "pairwise F1", _fmt(lk["f1"]), f"{lk['records']:,} records, {lk['unlinked']:,} not in links.csv"),
        ("links", "ID-number key precision", _fmt(lk["identity"]["precision"]),
         f"{lk['identity']['right_person']:,} of {lk['identity']['keyed_by_id_number']:,} keyed by an ID number"),
        ("links", "ID-number key recall", _fmt(lk["identity"]["recall"]),
         f"of {lk['identity']['registry_records']:,} records of registry persons"),
        ("suspects", "precision", _fmt(s["precision"]), f"{s['correct']:,} of {s['rows']:,} rows"),
        ("suspects", "recall", _fmt(s["recall"]), f"of {s['targets']:,} targets"),
        ("suspects", "recall among revealable", _fmt(s["recall_revealable"]), f"{s['revealable']:,} revealable (seen at home)"),
    ]
    for k in KINDS:
        b = s["by_kind"][k]
        rows.append(("suspects", f"{k}: precision / recall", f"{_fmt(b['precision'])} / {_fmt(b['recall'])}",
                     f"{b['correct']:,} of {b['rows']:,} rows; {b['targets']:,} targets, revealable recall "
                     f"{_fmt(b['recall_revealable'])}"))
    rows += [
        ("suspects", "correct ones in the right building", _fmt(s["right_building"], True),
         f"right room {_fmt(s['right_room'], True)}; right person, wrong kind: {s['wrong_kind']:,}"),
        ("stale", "precision", _fmt(st["precision"]), f"{st['correct']:,} of {st['rows']:,} rows; "
                                                      f"{st['live_flagged']:,} would cancel a live registration"),
        ("stale", "recall", _fmt(st["recall"]), f"of {st['total']:,} stale registrations"),
        ("stale", "recall among revealable", _fmt(st["recall_revealable"]), f"{st['revealable']:,} with evidence "
         f"({evidence})"),
    ]
    if st.get("silence_ceiling") is not None:
        c, bands = st["silence_ceiling"], st["by_expected_records"]
        rows += [
            ("stale", "traces stopped, by records expected", " · ".join(
                f"{v['found']:,}/{v['total']:,}" for v in bands.values()),
             "found/total where a stayer's feeds would have left " + ", ".join(bands) + " records in the silence"),
            ("stale", f"ceiling of silence at P ≥ {c['precision_at_least']:.2f}", _fmt(c["recall_revealable"]),
             f"recall among revealable (traces stopped {_fmt(c['traces_stopped_recall'])}) if every registration seen "
             f"elsewhere is found and silences are ranked by true record rates"),
        ]
    rows += [
        ("outcome", "registration rate before → after", f"{_fmt(o['before']['registration_rate'], True)} → "
         f"{_fmt(o['after']['registration_rate'], True)}", f"ceiling {_fmt(o['ceiling']['registration_rate'], True)}; "
         f"{o['residents']:,} residents"),
        ("outcome", "accuracy before → after", f"{_fmt(o['before']['accuracy'], True)} → {_fmt(o['after']['accuracy'], True)}",
         f"ceiling {_fmt(o['ceiling']['accuracy'], True)}; active registrations {o['before']['active_registrations']:,} → "
         f"{o['after']['active_registrations']:,}"),
        ("outcome", "visits / wasted visits", f"{o['visits']:,} / {o['wasted_visits']:,}", "one visit per finding"),
    ]
    a = r.get("alerts")
    if a is not None:
        rows += [("alerts", "precision (watchlist entries)", _fmt(a["precision"]),
                  f"{a['correct']:,} of {a['entries_alerted']:,} entries alerted ({a['rows']:,} alert rows)"),
                 ("alerts", "recall", _fmt(a["recall"]), f"of {a['revealable']:,} entries whose person left records "
                                                         f"({a['entries']:,} on the list)")]
    widths = [max(len(str(row[i])) for row in rows) for i in range(3)]
    lines = [f"{'area':<{widths[0]}}  {'figure':<{widths[1]}}  {'value':>{widths[2]}}  detail"]
    lines.append("-" * (sum(widths) + 14))
    for a, b, c, d in rows:
        lines.append(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}")
    for note in r.get("notes", []):
        lines.append(f"note: {note}")
    lines.append("")
    lines.append(r["summary"])
    return "\n".join(lines)
