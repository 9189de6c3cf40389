"""The naive exact-ID baseline: a valid export that the evaluator scores, and a floor, not a ceiling."""
import csv

from anju.simulation.baseline import naive_export
from anju.simulation.evaluate import LINK_COLUMNS, STALE_COLUMNS, SUSPECT_COLUMNS, evaluate


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(next(csv.reader(fh)))


def test_baseline_writes_the_three_export_files_with_contract_columns(city_dir, tmp_path):
    naive_export(city_dir, tmp_path)
    assert header(tmp_path / "suspects.csv") == SUSPECT_COLUMNS
    assert header(tmp_path / "stale.csv") == STALE_COLUMNS
    assert header(tmp_path / "links.csv") == LINK_COLUMNS


def test_baseline_is_scored_and_leaves_room_for_fusion(city_dir, tmp_path):
    naive_export(city_dir, tmp_path)
    r = evaluate(city_dir / "truth", tmp_path)
    assert r["notes"] == []
    assert r["links"]["unlinked"] == 0
    # exact numbers never merge two people, but miss every typo, legacy number and missing number
    assert r["links"]["precision"] > 0.99
    assert 0.3 < r["links"]["recall"] < 0.9
    assert 0 < r["suspects"]["recall"] < r["suspects"]["recall_revealable"] < 0.9
    assert r["stale"]["recall"] < 0.5
    o = r["outcome"]
    assert o["before"]["registration_rate"] < o["after"]["registration_rate"] < o["ceiling"]["registration_rate"]
    assert o["wasted_visits"] > 0
