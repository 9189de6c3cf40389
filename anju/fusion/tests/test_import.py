"""`anju import observations`: normalised, encrypted, idempotent, fast in bulk, and clear about bad input."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anju.core import crypto
from anju.core.tabular import TabularError
from anju.fusion.imports import observations_import
from anju.fusion.models import ImportBatch, Observation, Profile, Source
from anju.fusion.tests.conftest import write_csv
from conftest import valid_id

HEADER = ["source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
          "organisation"]
NUMBER = valid_id(birth="19900307", seq="123")


def rows():
    return [
        ["door", "MJ1", "2026-09-01T21:10:00", "張偉", f"{NUMBER[:6]} {NUMBER[6:]}".lower(), "M", "", "13800000000",
         "文一西路1号1幢1单元101室", ""],
        ["door", "MJ2", "2026-09-02T21:10:00", "張偉", f"{NUMBER[:6]} {NUMBER[6:]}".lower(), "M", "", "13800000000",
         "文一西路1号1幢1单元101室", ""],
        ["employment", "SB1", "2026-09-03", "张伟", NUMBER[:6] + NUMBER[8:17], "1", "1990-03-07", "", "", "某某公司"],
        ["lock", "ZS1", "2026-09-04 08:00:00", "ZHANG WEI", "", "", "", "+86 138 0000 0000", "文一西路1号1-1-202", ""],
    ]


def test_records_are_normalised_and_id_numbers_encrypted(tmp_path, addresses):
    report = observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows()))
    assert (report.created, report.errors) == (4, [])

    def profile(record_id):
        return Profile.objects.get(key=Observation.objects.get(record_id=record_id).profile)

    door = profile("MJ1")
    assert door.name_simplified == "张伟" and door.name_pinyin == "zhang wei" and door.sex == "1"
    assert door.id_number == NUMBER and door.id_hash == crypto.blind_index(NUMBER) and door.id_status == "valid"
    assert crypto.decrypt(door.id_raw_cipher) == rows()[0][4]  # as written, kept (encrypted)
    assert door.standard_address == addresses["a101"] and door.address_level == "room"
    legacy = profile("SB1")
    assert legacy.id_number == NUMBER and legacy.id_status == "legacy" and legacy.birth_date.isoformat() == "1990-03-07"
    lock = profile("ZS1")
    assert lock.phone == "13800000000" and lock.standard_address == addresses["a202"]
    assert lock.raw == {"phone": "+86 138 0000 0000"}
    assert Observation.objects.get(record_id="ZS1").observed_at.isoformat() == "2026-09-04T00:00:00+00:00"  # local
    # the records of one account share a profile; the plain number is in no column
    assert Profile.objects.count() == 3 and profile("MJ2") == door
    for model in (Observation, Profile):
        for values in model.objects.values_list():
            assert not any(NUMBER in str(v) for v in values)


def test_sources_are_registered_with_defaults_by_name(tmp_path, addresses):
    observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows()))
    assert {s.name: s.meaning for s in Source.objects.all()} == {"door": "home", "employment": "workplace",
                                                                 "lock": "home"}


def test_a_rental_filing_feed_named_in_chinese_is_registered_as_homes(tmp_path, addresses):
    rental = [["房屋租赁备案", "ZL1", "2026-09-01", "张伟", NUMBER, "男", "", "", "文一西路1号1幢1单元101室", ""]]
    observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rental))
    source = Source.objects.get()
    assert (source.kind, source.meaning, source.trust) == ("rental", "home", 0.8)


def test_loading_the_same_file_twice_changes_nothing_and_a_changed_row_is_updated(tmp_path, addresses):
    path = write_csv(tmp_path / "o.csv", HEADER, rows())
    observations_import(path=path)
    again = observations_import(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = rows()
    changed[3][3] = "章伟"
    third = observations_import(path=write_csv(tmp_path / "o2.csv", HEADER, changed))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 3)
    assert Profile.objects.get(key=Observation.objects.get(record_id="ZS1").profile).name == "章伟"
    assert Observation.objects.count() == 4


def test_bad_rows_are_reported_with_their_line_and_the_rest_loads(tmp_path, addresses):
    bad = rows() + [["door", "", "2026-09-01", "x", "", "", "", "", "", ""],
                    ["door", "MJ9", "yesterday", "x", "", "", "", "", "", ""],
                    ["door", "MJ1", "2026-09-01T21:10:00", "again", "", "", "", "", "", ""]]
    report = observations_import(path=write_csv(tmp_path / "o.csv", HEADER, bad))
    assert report.created == 4
    assert [(line, reason.split(" ")[0]) for _f, line, reason in report.errors] == [(6, "record_id"), (7, "observed_at"),
                                                                                  (8, "record_id")]
    assert "MJ1" in report.errors[2][2] and "door" in report.errors[2][2]  # the repeated record, in any language
    assert ImportBatch.objects.get().skipped == 3


def test_times_as_chinese_systems_write_them_are_read_as_local_times(tmp_path, addresses):
    """Excel on a Chinese Windows saves a time cell as 2026/9/1 8:00:00 (one-digit hour); many police systems keep
    14 digits. Both rows used to be refused as "not a time"."""
    import datetime as dt

    written = ["2026/9/1 8:00:00", "20260901080000", "2026-09-01 8:00", "2026年9月1日 08:00:00"]
    report = observations_import(path=write_csv(tmp_path / "o.csv", HEADER, [
        ["hotel", f"LG{i}", at, "张伟", NUMBER, "", "", "", "", ""] for i, at in enumerate(written)]))
    assert report.created == len(written) and report.errors == []
    expected = dt.datetime(2026, 9, 1, 0, 0, tzinfo=dt.timezone.utc)  # 08:00 in Beijing
    assert {o.observed_at for o in Observation.objects.all()} == {expected}


def test_wrong_columns_are_refused_and_nothing_is_imported(tmp_path, db):
    path = write_csv(tmp_path / "o.csv", ["id", "who", "when"], [["1", "张伟", "2026-09-01"]])
    with pytest.raises(TabularError, match="record_id"):
        observations_import(path=path)
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


def test_empty_file_is_refused(tmp_path, db):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("import_observations", str(path))


def test_gbk_file_is_detected_and_read(tmp_path, addresses):
    path = write_csv(tmp_path / "gbk.csv", HEADER, [r for r in rows() if r[0] != "door"], encoding="gbk")
    report = observations_import(path=path)
    assert report.created == 2 and any("GBK" in n for n in report.notes)
    assert Profile.objects.get(key=Observation.objects.get(record_id="SB1").profile).name == "张伟"


def test_source_option_fills_a_file_without_source_column(tmp_path, addresses):
    header = [h for h in HEADER if h != "source"]
    path = write_csv(tmp_path / "door.csv", header, [r[1:] for r in rows()[:2]])
    with pytest.raises(TabularError, match="source"):
        observations_import(path=path)
    report = observations_import(path=path, source="门禁")
    assert report.created == 2 and Source.objects.get(name="门禁").kind == "door"


def test_xlsx_with_the_same_columns(tmp_path, addresses):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows():
        sheet.append(r)
    book.save(tmp_path / "o.xlsx")
    assert observations_import(path=tmp_path / "o.xlsx").created == 4


def test_xlsx_date_time_and_number_cells_read_as_the_csv_would_hold_them(tmp_path, addresses):
    # Excel keeps times and dates as date cells and a phone typed as digits as a number: the time of day
    # and the phone's digits are kept
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["door", "MJ1", dt.datetime(2026, 9, 1, 21, 10), "张伟", NUMBER, "M", dt.datetime(1990, 3, 7),
                  13800000000.0, "文一西路1号1幢1单元101室", ""])
    book.save(tmp_path / "o.xlsx")
    assert observations_import(path=tmp_path / "o.xlsx").created == 1
    record = Observation.objects.get(record_id="MJ1")
    assert record.observed_at == dt.datetime(2026, 9, 1, 13, 10, tzinfo=dt.timezone.utc)  # 21:10 local
    profile = Profile.objects.get(key=record.profile)
    assert profile.phone == "13800000000" and profile.birth_date == dt.date(1990, 3, 7)


def test_a_watchlist_hit_raises_an_alert_with_the_record_ids(tmp_path, addresses):
    from anju.watchlist.models import Alert
    from anju.watchlist.services import watchlist_import

    write_csv(tmp_path / "w.csv", ["watch_id", "id_number", "name", "sex", "birth_date", "reason"],
              [["ZT1", NUMBER, "张伟", "男", "1990-03-07", "网上在逃"]])
    watchlist_import(path=tmp_path / "w.csv")
    report = observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows()))
    assert report.alerts >= 1
    alert = Alert.objects.get(address__contains="101")
    assert alert.record_ids == ["MJ1", "MJ2"] and alert.entry.watch_id == "ZT1"
    assert alert.jurisdiction.code == "A1C1G1"
    assert observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows())).alerts == 0  # nothing new


def test_command_reports_counts_and_rate(tmp_path, addresses, capsys):
    call_command("import_observations", str(write_csv(tmp_path / "o.csv", HEADER, rows())))
    out = capsys.readouterr().out
    assert "created 4" in out and "rows/s" in out


def test_worker_processes_give_the_same_result_as_inline(tmp_path, addresses, monkeypatch):
    from anju.fusion import imports

    monkeypatch.setattr(imports, "CHUNK", 2)  # four rows: two chunks, one per worker
    bad = rows() + [["door", "MJ1", "2026-09-01T21:10:00", "again", "", "", "", "", "", ""]]
    report = observations_import(path=write_csv(tmp_path / "o.csv", HEADER, bad), workers=2)
    assert report.created == 4 and [e[1] for e in report.errors] == [6]
    assert Profile.objects.count() == 3
    assert Profile.objects.get(key=Observation.objects.get(record_id="SB1").profile).id_status == "legacy"


def test_worker_processes_read_gbk_and_blank_rows_like_read_rows(tmp_path, addresses, monkeypatch):
    from anju.fusion import imports

    monkeypatch.setattr(imports, "CHUNK", 2)
    body = rows()[:2] + [[""] * len(HEADER)] + rows()[2:] + [["door", "", "2026-09-01T21:10:00", "张伟", "", "", "",
                                                               "", "", ""]]
    path = write_csv(tmp_path / "o.csv", HEADER, body, encoding="gb18030")
    report = observations_import(path=path, workers=2)
    assert report.created == 4 and [e[1] for e in report.errors] == [7]  # the blank line 4 is skipped, not counted
    assert any("GBK" in n for n in report.notes)
    assert Profile.objects.filter(name="张伟").exists()


def test_worker_processes_read_quoted_cells_and_a_redelivery_written_otherwise_changes_nothing(
        tmp_path, addresses, monkeypatch):
    import csv

    from anju.fusion import imports

    monkeypatch.setattr(imports, "CHUNK", 2)
    body = rows() + [["door", "MJ3", "2026-09-05T21:10:00", "李四", "", "", "", "", "文一西路1号1幢1单元101室, 北门", ""]]
    plain = write_csv(tmp_path / "plain.csv", HEADER, [r for r in body if "," not in r[8]])
    first = observations_import(path=plain, workers=2)
    assert (first.created, first.errors) == (4, [])
    with open(tmp_path / "quoted.csv", "w", newline="", encoding="utf-8") as fh:  # every cell quoted, LF line ends
        w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(body)
    again = observations_import(path=tmp_path / "quoted.csv", workers=2)
    assert (again.created, again.updated, again.unchanged, again.errors) == (1, 0, 4, [])
    assert Profile.objects.get(key=Observation.objects.get(record_id="MJ3").profile).address.endswith(", 北门")


def test_local_times_are_stored_as_utc_whatever_the_path(db):
    from anju.fusion.imports import _Adapt
    from anju.lib.fusion.normalise import parse_datetime

    adapt = _Adapt()
    for text in ("2026-09-01T21:10:00", "2026-09-01 00:59:59", "1988-04-10T02:30:00", "1988-09-11T01:30:00",
                 "1900-01-01T00:00:00", "2024-02-29T23:00:00"):  # 1986-1991: China kept summer time
        assert adapt.when_text(text) == adapt.when(parse_datetime(text)), text
    for text in ("2026-09-01T21:60:00", "2026-09-01T24:00:00", "2026-02-29T10:00:00", "2026-09-01T21:10:6a"):
        with pytest.raises(ValueError):
            adapt.when_text(text)


def test_an_address_that_reads_as_two_buildings_equally_is_placed_nowhere(tmp_path, tree):
    from anju.addresses.services import address_upsert

    # 工业路56号 in two districts of the city: a record naming only the city reads as either, half each
    parts = dict(province="浙江省", city="杭州市", street="文新街道", road="工业路", house_number="56号",
                 jurisdiction=tree["A1C1G1"])
    for code, district in (("G1", "西湖区"), ("G2", "上城区")):
        address_upsert(code=code, full_address=f"浙江省杭州市{district}文新街道工业路56号", district=district, **parts)
    row = ["door", "MJ9", "2026-09-01T21:10:00", "张伟", NUMBER, "1", "", "", "杭州市工业路56号", ""]
    observations_import(path=write_csv(tmp_path / "o.csv", HEADER, [row]))
    profile = Profile.objects.get(key=Observation.objects.get(record_id="MJ9").profile)
    assert profile.standard_address is None and profile.address_confidence == 0.5


def test_an_account_goes_to_the_same_worker_in_every_process():
    """Python salts str hashes per process: a split by hash() put accounts in another order at each import of the same
    file, and the findings came out numbered differently run after run."""
    import subprocess
    import sys

    code = ("import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'anju.settings_test'); django.setup(); "
            "from anju.fusion.imports import worker_of; "
            "print([worker_of(('door', f'张{i}', '', '男', '', '', f'文一西路{i}号', ''), 2) for i in range(40)])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and "0" in runs.pop()


def test_a_changed_row_is_updated_with_its_time_and_extra_columns_as_given(tmp_path, addresses):
    header = HEADER + ["楼层"]
    observations_import(path=write_csv(tmp_path / "o.csv", header, [r + ["3"] for r in rows()]))
    changed = [r + ["3"] for r in rows()]
    changed[0][2], changed[0][10] = "1988-07-01T02:30:00", "4\t北"  # summer time (1986-1991); a tab in a cell
    changed[1][2] = "2026/9/2 8:00:00"  # not the fast path
    again = observations_import(path=write_csv(tmp_path / "o2.csv", header, changed))
    assert (again.created, again.updated, again.unchanged) == (0, 2, 2)
    mj1, mj2 = Observation.objects.get(record_id="MJ1"), Observation.objects.get(record_id="MJ2")
    assert mj1.observed_at.isoformat() == "1988-06-30T17:30:00+00:00" and mj1.extra == {"楼层": "4\t北"}
    assert mj2.observed_at.isoformat() == "2026-09-02T00:00:00+00:00" and mj2.extra == {"楼层": "3"}


def test_fusion_tables_keep_one_index_per_key_and_still_refuse_a_second_profile_key(db):
    """Django adds a LIKE ('x%') index beside each indexed or unique CharField on PostgreSQL; no query of fusion's
    searches by prefix, and the import and a run's save would maintain them on every row."""
    from django.db import IntegrityError, connection, transaction

    from anju.fusion.models import Entity, Link

    with connection.cursor() as cur:
        for model in (Profile, Observation, Link, Entity):
            indexed = connection.introspection.get_constraints(cur, model._meta.db_table)
            columns = [tuple(c["columns"]) for c in indexed.values() if (c["index"] or c["unique"])
                       and c["columns"] != ["uid"]]  # Link.uid's LIKE index serves the export's uid__startswith
            assert len(columns) == len(set(columns)), (model.__name__, columns)
    source = Source.objects.create(name="door")
    Profile.objects.create(key="k1", source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(key="k1", source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entity.objects.bulk_create([Entity(key_hash="h", key_cipher="c"), Entity(key_hash="h", key_cipher="d")])


def test_a_source_with_records_cannot_be_deleted(tmp_path, addresses):
    from django.db.models import ProtectedError

    observations_import(path=write_csv(tmp_path / "o.csv", HEADER, rows()))
    with pytest.raises(ProtectedError):
        Source.objects.get(name="door").delete()
    batch = ImportBatch.objects.get()
    batch.delete()  # the records stay, no longer pointing to it
    assert Observation.objects.filter(batch__isnull=True).count() == 4
