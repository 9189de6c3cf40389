"""A watchlist imported after the records (the contract's order): the fusion run looks every resolved person up, as
the import looks up a record when the watchlist came first — by number, or by name, birth date and sex where the
entry or the person has no number; a namesake born the same day under another valid number is not a hit; a wanted
person known only by an active registration on file is alerted at the registered address."""
import datetime as dt

import pytest

from anju.fusion.imports import observations_import
from anju.fusion.pipeline import fusion_run
from anju.fusion.tests.conftest import write_csv
from anju.registrations.imports import registrations_import
from anju.watchlist.models import Alert
from anju.watchlist.services import watchlist_import
from conftest import valid_id

pytestmark = pytest.mark.django_db

HEADER = ["source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
          "organisation"]
LI_NA = valid_id(birth="19920511", seq="124")       # 李娜, female: the wanted entry has no number
WANG_QIANG = valid_id(birth="19850102", seq="131")  # 王强, male: a namesake of the wanted one, born the same day
WANTED_WANG = valid_id(region="410102", birth="19850102", seq="457")
ZHAO_MIN = valid_id(region="420106", birth="19880808", seq="222")  # 赵敏, female: her records carry no number
ROOM = "文一西路1号1幢1单元101室"
SUN_LI = valid_id(region="330102", birth="19790303", seq="345")  # 孙立: registered here, no record of any feed


def records(tmp_path):
    rows = []
    for i, day in enumerate(("2026-08-01", "2026-08-20", "2026-09-10")):
        rows.append(["door", f"LN{i}", f"{day}T21:00:00", "李娜", LI_NA, "女", "1992-05-11", "", ROOM, ""])
        rows.append(["door", f"WQ{i}", f"{day}T22:00:00", "王强", WANG_QIANG, "男", "1985-01-02", "", ROOM, ""])
        rows.append(["hotel", f"ZM{i}", f"{day}T23:00:00", "赵敏", "", "女", "1988-08-08", "", "古墩路9号", "某酒店"])
    return write_csv(tmp_path / "o.csv", HEADER, rows)


def test_a_watchlist_imported_after_the_records_is_matched_by_the_fusion_run(tmp_path, addresses):
    registrations_import(path=write_csv(tmp_path / "r.csv", ["registration_id", "id_number", "name", "sex",
                                                             "birth_date", "phone", "address", "address_code",
                                                             "registered_at", "status"], [
        ["JZ7", SUN_LI, "孙立", "男", "1979-03-03", "", "", "B301", "2025-01-01", "active"],
        ["JZ8", SUN_LI, "孙立", "男", "1979-03-03", "", "", "A202", "2023-01-01", "cancelled"],
    ]))
    observations_import(path=records(tmp_path))
    watchlist_import(path=write_csv(tmp_path / "w.csv", ["watch_id", "id_number", "name", "sex", "birth_date",
                                                         "reason"], [
        ["W1", "", "李娜", "女", "1992-05-11", "网上在逃"],            # no number: name, birth date and sex
        ["W2", WANTED_WANG, "王强", "男", "1985-01-02", "网上在逃"],   # another valid number: a namesake
        ["W3", ZHAO_MIN, "赵敏", "女", "1988-08-08", "网上在逃"],      # a number her records do not carry
        ["W4", SUN_LI, "孙立", "男", "1979-03-03", "网上在逃"],        # registered, never recorded
    ]))
    assert not Alert.objects.exists()  # nothing checks the records already on file until the run
    fusion_run(as_of=dt.date(2026, 9, 30))
    alerts = {a.entry.watch_id: a for a in Alert.objects.all()}
    assert set(alerts) == {"W1", "W3", "W4"}
    assert alerts["W1"].record_ids == ["LN0", "LN1", "LN2"] and alerts["W1"].source == "fusion"
    assert alerts["W3"].record_ids == ["ZM0", "ZM1", "ZM2"]
    assert 0 < alerts["W1"].confidence < 1  # not the certainty of the same number
    on_file = alerts["W4"]  # at the active registration's address, in its station's area; not the cancelled one
    assert (on_file.object_type, on_file.object_id, on_file.record_ids) == ("registration", "JZ7", [])
    assert "古墩路9号" in on_file.address and on_file.jurisdiction.code == "B1C1G1"
    assert on_file.source == "registration.on_file"
    fusion_run(as_of=dt.date(2026, 9, 30))
    assert Alert.objects.count() == 3  # the same records and registrations raise nothing twice


def test_an_entry_listed_without_number_or_sex_is_met_on_name_and_birth_date_by_the_run_and_the_import(
        tmp_path, addresses):
    """An entry without number and sex is not one that never matches: the fusion run meets the person's records by
    name and birth date (with a number or without one, a sex or none), saying the sex was not compared; a namesake
    born another day is not met. Records imported after the list are met as they come in, the same way."""
    rows = []
    for i, day in enumerate(("2026-08-01", "2026-08-20")):
        rows.append(["door", f"LN{i}", f"{day}T21:00:00", "李娜", LI_NA, "女", "1992-05-11", "", ROOM, ""])
        rows.append(["hotel", f"ZM{i}", f"{day}T23:00:00", "赵敏", "", "", "1988-08-08", "", "古墩路9号", "某酒店"])
        rows.append(["door", f"WQ{i}", f"{day}T22:00:00", "王强", WANG_QIANG, "男", "1985-01-02", "", ROOM, ""])
    observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows))
    watchlist_import(path=write_csv(tmp_path / "w.csv", ["watch_id", "id_number", "name", "sex", "birth_date",
                                                         "reason"], [
        ["W1", "", "李娜", "", "1992-05-11", "网上在逃"],
        ["W2", "", "赵敏", "未知", "1988-08-08", "网上在逃"],
        ["W3", "", "王强", "", "1985-01-03", "网上在逃"],   # born a day later than the 王强 of the records
    ]))
    fusion_run(as_of=dt.date(2026, 9, 30))
    alerts = {a.entry.watch_id: a for a in Alert.objects.all()}
    assert set(alerts) == {"W1", "W2"}
    assert alerts["W1"].record_ids == ["LN0", "LN1"] and alerts["W2"].record_ids == ["ZM0", "ZM1"]
    assert all(a.matched == ["name:same", "birth_date", "sex:unknown"] for a in alerts.values())
    report = observations_import(path=write_csv(tmp_path / "o2.csv", HEADER, [
        ["door", "LN9", "2026-09-20T21:00:00", "李娜", LI_NA, "女", "1992-05-11", "", ROOM, ""]]))
    assert report.alerts == 1
    assert "LN9" in sum(Alert.objects.filter(entry__watch_id="W1").values_list("record_ids", flat=True), [])
