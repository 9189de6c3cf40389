"""The evaluator: perfect scores for the truth itself, exact figures for a hand-made case."""
import csv
import json

import pytest

from anju.lib.identity import check_digit
from types import SimpleNamespace

from anju.simulation.evaluate import evaluate, format_report, silence_ceiling
from anju.simulation.oracle import perfect_export


def valid_id(region, birth, seq):
    body = f"{region}{birth}{seq}"
    return body + check_digit(body)


def write(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def test_perfect_export_gets_perfect_scores(city_dir, tmp_path):
    perfect_export(city_dir / "truth", tmp_path)
    r = evaluate(city_dir / "truth", tmp_path)
    assert r["links"]["precision"] == r["links"]["recall"] == r["links"]["f1"] == 1.0
    assert r["links"]["identity"]["precision"] == r["links"]["identity"]["recall"] == 1.0
    s = r["suspects"]
    assert s["precision"] == s["recall"] == s["recall_revealable"] == 1.0
    assert s["right_building"] == s["right_room"] == 1.0
    assert r["stale"]["precision"] == r["stale"]["recall"] == 1.0
    o = r["outcome"]
    assert o["after"]["registration_rate"] == o["after"]["accuracy"] == 1.0
    assert o["wasted_visits"] == 0
    assert o["before"]["registration_rate"] < o["ceiling"]["registration_rate"] <= 1.0
    assert o["before"]["accuracy"] < o["ceiling"]["accuracy"] <= 1.0
    a = r["alerts"]
    assert a["revealable"] > 0 and a["precision"] == a["recall"] == 1.0


def test_an_empty_export_scores_zero_recall_and_changes_nothing(city_dir, tmp_path):
    r = evaluate(city_dir / "truth", tmp_path)
    assert r["links"]["recall"] == 0.0 and r["links"]["precision"] is None
    assert r["suspects"]["recall"] == 0.0 and r["suspects"]["precision"] is None
    assert r["outcome"]["after"] == r["outcome"]["before"]
    assert len(r["notes"]) == 3
    assert r["alerts"] is None  # no alerts.csv: not scored (`anju alerts export` is a command of its own)
    assert "—" in format_report(r)


IDA = valid_id("330106", "19900307", "123")
IDB = valid_id("342101", "19850612", "241")
IDC = valid_id("410102", "19790101", "335")
IDD = valid_id("360102", "19920230".replace("0230", "0228"), "442")
IDE = valid_id("330106", "19700505", "551")


@pytest.fixture
def hand_made(tmp_path):
    """Five people: A registered at home, B unregistered (seen at home), C moved (registration at a4 is
    old, C not seen at home), D left (zombie registration at a5, no evidence), E registered at a5."""
    t = tmp_path / "truth"
    write(t / "persons.csv", ("person_key", "id_number", "name", "in_registry", "lives_here", "home_address_code"), [
        ("A", IDA, "张伟", "1", "1", "a1"), ("B", IDB, "王芳", "1", "1", "a2"), ("C", IDC, "李娜", "1", "1", "a3"),
        ("D", IDD, "刘洋", "1", "0", ""), ("E", IDE, "陈静", "1", "1", "a5")])
    write(t / "addresses.csv", ("address_code", "building_key", "kind", "grid_code"), [
        ("a1", "b1", "dwelling", "g"), ("a2", "b1", "dwelling", "g"), ("a3", "b2", "dwelling", "g"),
        ("a4", "b3", "dwelling", "g"), ("a5", "b3", "dwelling", "g")])
    write(t / "registrations.csv", ("registration_id", "person_key", "address_code", "status", "state", "typo",
                                    "text_only"), [
        ("r1", "A", "a1", "active", "correct", "", "0"), ("r3", "C", "a4", "active", "old_address", "", "0"),
        ("r4", "D", "a5", "active", "stale_zombie", "", "0"), ("r5", "E", "a5", "active", "correct", "", "0"),
        ("r6", "A", "a2", "cancelled", "cancelled", "", "0")])
    write(t / "targets.csv", ("person_key", "id_number", "name", "kind", "home_address_code", "home_building_key",
                              "registered_address_codes", "home_observations", "revealable"), [
        ("B", IDB, "王芳", "unregistered", "a2", "b1", "", "2", "1"),
        ("C", IDC, "李娜", "moved", "a3", "b2", "a4", "0", "0")])
    write(t / "stale.csv", ("registration_id", "person_key", "address_code", "reason", "evidence", "last_seen",
                            "revealable"), [
        ("r3", "C", "a4", "moved", "seen_elsewhere", "2026-09-01", "1"),
        ("r4", "D", "a5", "left", "none", "", "0")])
    write(t / "observation_persons.csv", ("record_id", "source", "person_key", "address_code", "meaning", "noise"), [
        ("o1", "door", "A", "a1", "home", ""), ("o2", "door", "A", "a1", "home", ""),
        ("o3", "employment", "A", "", "workplace", ""), ("o4", "door", "B", "a2", "home", ""),
        ("o5", "lock", "B", "a2", "home", ""), ("o6", "face", "C", "", "workplace", ""),
        ("o7", "hotel", "D", "", "stay", "")])
    write(t / "watch_hits.csv", ("watch_id", "person_key", "present", "observations"), [
        ("W1", "B", "1", "2"), ("W2", "", "0", "0"), ("W3", "D", "1", "1"), ("W4", "C", "1", "0")])
    f = tmp_path / "found"
    # clusters: {o1,o2} keyed by A's number, {o3,o4,o5} under one key, {o6}; o7 is missing
    write(f / "links.csv", ("record_id", "entity_key"), [
        ("o1", IDA), ("o2", IDA), ("o3", "X1"), ("o4", "X1"), ("o5", "X1"), ("o6", "X2")])
    legacy_b = IDB[:6] + IDB[8:17]  # B's number in the 15-digit form: still B
    write(f / "suspects.csv", ("suspect_id", "name", "id_number", "birth_date", "address_code", "address", "score",
                               "kind", "record_ids"), [
        ("s1", "王芳", legacy_b, "", "a1", "", "90", "unregistered", "o4;o5"),  # right person, right building
        ("s2", "李娜", "", "", "a3", "", "80", "unregistered", "o6"),  # C, but C is "moved": wrong kind
        ("s3", "陈静", IDE, "", "a5", "", "70", "unregistered", ""),  # E is registered: wrong
        ("s4", "王芳", IDB, "", "a2", "", "60", "unregistered", "")])  # B again: a duplicate
    write(f / "stale.csv", ("registration_id", "id_number", "name", "last_seen", "score"), [
        ("r3", IDC, "李娜", "2026-09-01", "90"),  # right
        ("r5", IDE, "陈静", "", "50")])  # E lives there: a live registration flagged
    write(f / "alerts.csv", ("alert_id", "watch_id", "raised_at", "source", "record_ids", "id_number", "name",
                             "address", "confidence"), [
        ("1", "W1", "", "import", "o4", IDB[:17] + ("0" if IDB[17] != "0" else "1"), "王芳", "", "0.9"),  # B's
        # record with her number mistyped: the record is what was matched, so right
        ("2", "W1", "", "fusion", "o4;o5", IDB, "王芳", "", "1.0"),  # the same entry again by another path
        ("3", "W2", "", "import", "o1", IDA, "张伟", "", "0.8"),  # W2's person is not here: a false alert on A
        ("4", "W3", "", "import", "o6", "", "李娜", "", "0.7")])  # W3 is D, but the alert names C: wrong
    return t, f


def test_hand_made_case_gives_known_figures(hand_made):
    r = evaluate(*hand_made)
    lk = r["links"]
    # true pairs: A has 3 records (3 pairs), B 2 (1 pair) = 4; found: {o1,o2} 1 + {o3,o4,o5} 3 = 4;
    # right: (o1,o2) and (o4,o5) = 2
    assert (lk["true_pairs"], lk["found_pairs"], lk["correct_pairs"]) == (4, 4, 2)
    assert lk["precision"] == lk["recall"] == lk["f1"] == 0.5
    assert lk["unlinked"] == 1
    assert lk["identity"]["precision"] == 1.0 and lk["identity"]["recall"] == pytest.approx(2 / 7)
    s = r["suspects"]
    assert (s["rows"], s["correct"], s["targets"], s["revealable"]) == (4, 1, 2, 1)
    assert s["precision"] == 0.25 and s["recall"] == 0.5 and s["recall_revealable"] == 1.0
    assert s["right_building"] == 1.0 and s["right_room"] == 0.0
    assert s["wrong_kind"] == 1 and s["duplicates"] == 1
    assert s["by_kind"]["unregistered"]["precision"] == 0.25 and s["by_kind"]["unregistered"]["recall"] == 1.0
    assert s["by_kind"]["moved"]["precision"] is None and s["by_kind"]["moved"]["recall"] == 0.0
    st = r["stale"]
    assert st["silence_ceiling"] is None and st["by_expected_records"] is None  # no silences.csv: not scored
    assert (st["rows"], st["correct"], st["total"], st["revealable"], st["live_flagged"]) == (2, 1, 2, 1, 1)
    assert st["precision"] == st["recall"] == 0.5 and st["recall_revealable"] == 1.0
    o = r["outcome"]
    # residents A, B, C, E; active r1 (A at home), r3 (C elsewhere), r4 (D gone), r5 (E at home)
    assert o["before"]["registration_rate"] == 0.5 and o["before"]["accuracy"] == 0.5
    # B registered at a2, r3 cancelled: A, B, E registered; accurate r1, r5, B's of 4 active
    assert o["after"]["registration_rate"] == 0.75 and o["after"]["accuracy"] == 0.75
    assert o["ceiling"] == {"registration_rate": 0.75, "accuracy": 0.75, "active_registrations": 4}
    assert o["visits"] == 6 and o["wasted_visits"] == 4
    # entries alerted W1 (right), W2 (not here), W3 (wrong person); D (W3) left a record, C (W4) none
    assert r["alerts"] == {"rows": 4, "entries_alerted": 3, "correct": 1, "entries": 4, "revealable": 2,
                           "precision": pytest.approx(1 / 3), "recall": 0.5}


def test_report_prints_a_table_and_a_summary_line(hand_made):
    text = format_report(evaluate(*hand_made))
    assert "pairwise F1" in text and "registration rate" in text
    assert text.splitlines()[-1].startswith("links F1 0.5000 · suspects P 0.2500 R 0.5000")
    json.dumps(evaluate(*hand_made))  # the --json output is plain JSON


def test_silence_ceiling_flags_the_loudest_silences_while_precision_holds():
    stale = {"s1": ("seen_elsewhere", "1"), "t1": ("traces_stopped", "1"), "t2": ("traces_stopped", "1"),
             "t3": ("traces_stopped", "1"), "n1": ("none", "0")}
    silences = [("t1", 0.0), ("stay1", 0.01), ("t2", 0.02), ("n1", 0.03), ("stay2", 0.5), ("t3", 0.6), ("s1", 0.1)]
    truth = SimpleNamespace(
        stale={rid: {"evidence": e, "revealable": rev} for rid, (e, rev) in stale.items()},
        silences=[{"registration_id": rid, "chance_if_stayed": str(x), "evidence": stale.get(rid, ("",))[0]}
                  for rid, x in silences])
    # s1 counts as found; then t1 ✓, stay1 ✗ (2/3), t2 ✓ (3/4), n1 ✓ (4/5, right but not revealable), stay2 ✗, t3 ✗
    assert silence_ceiling(truth, 0.75) == {"precision_at_least": 0.75, "rows": 5, "chance_if_stayed_at_most": 0.03,
                                            "recall_revealable": 0.75, "traces_stopped_recall": pytest.approx(2 / 3)}
    strict = silence_ceiling(truth, 0.95)
    assert (strict["rows"], strict["recall_revealable"]) == (2, 0.5)
    truth.silences[1]["chance_if_stayed"] = "0.0"  # a stayer as unlikely silent as t1: one group, taken whole
    assert silence_ceiling(truth, 0.95)["rows"] == 1 and silence_ceiling(truth, 0.95)["recall_revealable"] == 0.25


def test_a_simulated_city_reports_stale_recall_by_expected_records_and_the_ceiling(city_dir, tmp_path):
    perfect_export(city_dir / "truth", tmp_path)
    st = evaluate(city_dir / "truth", tmp_path)["stale"]
    bands = st["by_expected_records"]
    assert sum(b["total"] for b in bands.values()) == st["by_evidence"]["traces_stopped"]["total"]
    assert all(b["found"] == b["total"] for b in bands.values())
    c = st["silence_ceiling"]
    assert c["precision_at_least"] == 0.95 and 0 < c["traces_stopped_recall"] < 1
    assert c["recall_revealable"] < 1
    assert "ceiling of silence" in format_report(evaluate(city_dir / "truth", tmp_path))
