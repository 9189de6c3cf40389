"""The jurisdiction tree loads from a CSV file: all or nothing, idempotent, strict about levels."""
import pytest
from django.core.management import CommandError, call_command

from anju.jurisdictions.models import Node
from anju.jurisdictions.services import JurisdictionError, jurisdictions_import
from conftest import TREE_CSV


def test_children_may_come_before_their_parents(db):
    lines = TREE_CSV.strip().splitlines()
    report = jurisdictions_import(text="\n".join([lines[0], *reversed(lines[1:])]))
    assert not report.errors and report.created == 9
    assert Node.objects.get(code="A1C1G1").path == "330000/330100/330106/A1/A1C1/A1C1G1/"


def test_loading_the_same_file_twice_changes_nothing(db):
    jurisdictions_import(text=TREE_CSV)
    report = jurisdictions_import(text=TREE_CSV)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 9)


def test_a_bad_row_is_reported_by_line_and_nothing_is_written(db):
    text = TREE_CSV + "X9,错层网格,grid,A1\n"  # a grid directly under a station
    report = jurisdictions_import(text=text)
    assert report.errors and report.errors[0][0] == 11 and "网格" in report.errors[0][1]
    assert Node.objects.count() == 0


def test_unknown_parent_and_unknown_level_are_named(db):
    report = jurisdictions_import(text="code,name,level,parent_code\n1,甲,province,\n2,乙,city,404\n3,丙,planet,\n")
    reasons = " ".join(r for _, r in report.errors)
    assert "404" in reasons and "planet" in reasons


def test_missing_columns_are_refused(db):
    with pytest.raises(JurisdictionError, match="parent_code"):
        jurisdictions_import(text="code,name,level\n1,甲,province\n")


def test_command_loads_the_demo_district_file(db, capsys):
    from anju.core.management.commands.demo_load import TREE

    call_command("import_jurisdictions", str(TREE))
    assert Node.objects.filter(level="station").count() == 2
    assert Node.objects.filter(level="community").count() == 6
    assert Node.objects.filter(level="grid").count() == 20


def test_command_reports_an_unreadable_file(db, tmp_path):
    bad = tmp_path / "gbk.csv"
    bad.write_bytes("code,name,level,parent_code\n1,浙江,province,\n".encode("gbk"))
    with pytest.raises(CommandError, match="无法读取|cannot read"):
        call_command("import_jurisdictions", str(bad))
