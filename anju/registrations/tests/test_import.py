"""`anju import registrations FILE`: records on file, kept exactly; bad rows reported; twice = once."""
from django.core.management import call_command

from anju.addresses.services import address_upsert
from anju.registrations.imports import registrations_import
from anju.registrations.models import Registration
from conftest import valid_id

HEADER = "registration_id,id_number,name,sex,birth_date,phone,address,address_code,registered_at,status\n"


def test_rows_load_with_codes_kept_and_bad_rows_reported(tree, tmp_path):
    address_upsert(code="ADDR-1", full_address="文一西路1号", jurisdiction=tree["A1C1G1"])
    good = valid_id(seq="761")
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER +
                    f"R-0001,{good},周八,男,1990-03-07,13512345678,,ADDR-1,2025-05-01,active\n"
                    f"R-0002,{good[:-1]}0,吴九,,,,杭州市西湖区某路,,2024-01-02T10:00:00,cancelled\n"
                    f",{good},无编号,,,,,,,active\n"
                    f"R-0003,{good},状态错,,,,,,,moving\n", encoding="utf-8")
    report = registrations_import(path=path)
    assert report.created == 2 and [line for _f, line, _r in report.errors] == [4, 5]
    first = Registration.objects.get(number="R-0001")
    assert first.jurisdiction == tree["A1C1G1"] and first.source == "import" and first.id_number == good
    second = Registration.objects.get(number="R-0002")
    assert second.status == "cancelled" and "id_error" in second.extra  # kept, marked: evidence for data fusion
    again = registrations_import(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_command_on_a_fresh_database(db, tmp_path, capsys):
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + f"R-1,{valid_id(seq='763')},周八,,,,某地,,2025-01-01,active\n", encoding="utf-8")
    call_command("import_registrations", str(path))
    assert "created 1" in capsys.readouterr().out
    assert Registration.objects.get().jurisdiction.code == "UNLOCATED"


def test_a_15_digit_number_and_an_empty_registered_at_are_marked_for_data_fusion(db, tmp_path):
    # the 15-digit form is stored converted, but its check digit was computed, not written (a typo in it yields a
    # valid-looking number of nobody); an empty registered_at is unknown, not the day of the import
    number = valid_id(birth="19900307", seq="761")
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + f"R-1,{number[:6]}{number[8:17]},周八,,,,某地,,,active\n"
                             f"R-2,{number},周八,,,,某地,,2025-01-01,active\n", encoding="utf-8")
    registrations_import(path=path)
    old, new = Registration.objects.get(number="R-1"), Registration.objects.get(number="R-2")
    assert old.id_number == number and old.extra == {"id_legacy": True, "registered_at_unknown": True}
    assert new.extra == {}


def test_phones_are_kept_as_digits_whatever_the_spacing(db, tmp_path):
    # "+86 138-0000-0000" cut to its first 11 characters was "+86 138-000": a phone that matched nobody
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + f"R-1,{valid_id(seq='761')},周八,,,+86 138-0000-0000,某地,,2025-01-01,active\n"
                             f"R-2,{valid_id(seq='771')},吴九,,,138 0000 0001,某地,,2025-01-01,active\n",
                    encoding="utf-8")
    registrations_import(path=path)
    assert sorted(Registration.objects.values_list("phone", flat=True)) == ["13800000000", "13800000001"]


def test_the_listeners_hear_once_per_batch_of_the_active_registrations_a_file_cancels(db, tmp_path):
    """Those active in the database that the file says are cancelled; not those already cancelled, not those it
    creates cancelled, and nothing when the same file comes again."""
    from anju.registrations.signals import registrations_ended

    heard = []

    def listen(sender, *, registration_ids, actor=None, **kwargs):
        heard.append((sorted(registration_ids), actor))

    rows = {"R-1": "active", "R-2": "active", "R-3": "cancelled", "R-4": "active"}
    people = {n: valid_id(seq=f"7{i}1") for i, n in enumerate(("R-1", "R-2", "R-3", "R-4", "R-5"))}

    def write(statuses):
        path = tmp_path / "registrations.csv"
        path.write_text(HEADER + "".join(f"{n},{people[n]},周八,,,,某地,,2025-01-01,{s}\n" for n, s in statuses.items()),
                        encoding="utf-8")
        return path

    registrations_ended.connect(listen, dispatch_uid="test.listen")
    try:
        registrations_import(path=write(rows), batch_size=2)
        assert heard == []  # R-3 was created cancelled
        cancelling = write({**rows, "R-1": "cancelled", "R-4": "cancelled", "R-5": "cancelled"})
        report = registrations_import(path=cancelling, batch_size=2)
        pk = dict(Registration.objects.values_list("number", "pk"))
        assert heard == [([pk["R-1"]], None), ([pk["R-4"]], None)]  # batches R-1 R-2 | R-3 R-4 | R-5
        assert (report.created, report.updated, report.unchanged) == (1, 2, 2)
        registrations_import(path=cancelling, batch_size=2)
        assert len(heard) == 2
    finally:
        registrations_ended.disconnect(dispatch_uid="test.listen")


def test_the_addresses_a_file_names_are_read_from_the_library_a_chunk_at_a_time(tree, tmp_path):
    """By code or by free text, the library is asked once per chunk of rows, not once per row: the same file with
    ten times the addresses asks it as often, and every row is placed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.addresses.matching import address_index

    def run(n, name):
        rows = []
        for i in range(n):
            address_upsert(code=f"{name}-{i}", full_address=f"文一西路{i + 1}号{name}", jurisdiction=tree["A1C1G1"])
            by_code = i % 2 == 0  # half by code, half by the free text alone
            rows.append(f"{name}-{i},{valid_id(seq=f'{i % 900 + 100:03d}')},周八,,,,"
                        f"{'' if by_code else f'文一西路{i + 1}号{name}'},{f'{name}-{i}' if by_code else ''},"
                        f"2025-01-01,active\n")
        path = tmp_path / f"{name}.csv"
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        address_index()  # brought up to date with the new rows outside the count
        with CaptureQueriesContext(connection) as queries:
            registrations_import(path=path)
        placed = Registration.objects.filter(number__startswith=f"{name}-", standard_address__code__startswith=name)
        assert placed.count() == n
        return sum("addresses_standardaddress" in q["sql"] for q in queries.captured_queries)

    assert run(40, "BIG") == run(4, "SMALL") <= 2


def _file(tmp_path, statuses, name="registrations.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{n},{valid_id(seq=f'7{i}1')},周八,,,,某地,,2025-01-01,{s}\n"
                                     for i, (n, s) in enumerate(statuses.items())), encoding="utf-8")
    return path


def test_a_deregistration_made_here_is_not_undone_by_a_file_that_still_lists_it(tree, officer_a, tmp_path):
    """An officer ended R-1 after the file was written: the same file again does not re-activate it (reported,
    skipped), and a file that cancels it does not overwrite the officer's day and reason."""
    import datetime as dt

    from anju.registrations.services import registration_end

    path = _file(tmp_path, {"R-1": "active", "R-2": "active"})
    registrations_import(path=path)
    registration_end(actor=officer_a, registration=Registration.objects.get(number="R-1"), reason="本人申报迁出",
                     ended_on=dt.date(2026, 5, 1))
    report = registrations_import(path=path)
    r1 = Registration.objects.get(number="R-1")
    assert (r1.status, r1.ended_on, r1.end_reason, r1.ended_by) == ("cancelled", dt.date(2026, 5, 1), "本人申报迁出",
                                                                    officer_a)
    assert [(line, "R-1" in reason and "2026-05-01" in reason) for _f, line, reason in report.errors] == [(2, True)]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    report = registrations_import(path=_file(tmp_path, {"R-1": "cancelled", "R-2": "active"}))
    r1.refresh_from_db()
    assert (r1.ended_on, r1.end_reason) == (dt.date(2026, 5, 1), "本人申报迁出") and report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_a_registration_a_file_cancels_ends_today_for_that_reason_audited_and_checked_once(
        db, tmp_path, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from anju.audit.models import AuditEntry
    from anju.registrations.checkers import checker_registered

    registrations_import(path=_file(tmp_path, {"R-1": "active", "R-2": "active"}))
    events = []
    cancelling = _file(tmp_path, {"R-1": "cancelled", "R-2": "active", "R-3": "cancelled"}, name="户籍注销.csv")
    with checker_registered(events.append), django_capture_on_commit_callbacks(execute=True):
        registrations_import(path=cancelling)
    r1, r3 = Registration.objects.get(number="R-1"), Registration.objects.get(number="R-3")
    assert (r1.status, r1.ended_on, r1.ended_by) == ("cancelled", timezone.localdate(), None)
    assert "户籍注销.csv" in r1.end_reason and r3.end_reason == r1.end_reason  # created cancelled: the same reason
    entry = AuditEntry.objects.get(action="registration.end")
    assert entry.object_ids == [str(r1.pk)] and entry.actor is None
    assert [(e.kind, e.object_id, e.name) for e in events] == [("registration.ended", str(r1.pk), "周八")]
    with checker_registered(events.append), django_capture_on_commit_callbacks(execute=True):
        again = registrations_import(path=cancelling)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEntry.objects.filter(action="registration.end").count() == 1 and len(events) == 1
    r1.refresh_from_db()
    assert r1.ended_on == timezone.localdate() and "户籍注销.csv" in r1.end_reason


def test_a_registration_an_earlier_file_cancelled_is_active_again_when_a_file_lists_it_audited_once_per_batch(
        db, tmp_path):
    """Not reported as refused (only a deregistration made here is); its end is wiped, one audit entry names the
    batch's, the listeners hear of them once inside the batch, and the same file again changes nothing."""
    from anju.audit.models import AuditEntry
    from anju.registrations.signals import registrations_reactivated

    heard = []

    def listen(sender, *, registration_ids, actor=None, **kwargs):
        heard.append((sorted(registration_ids), actor))

    registrations_import(path=_file(tmp_path, {"R-1": "active", "R-2": "active", "R-3": "cancelled"}))
    registrations_import(path=_file(tmp_path, {"R-1": "cancelled", "R-2": "active", "R-3": "cancelled"}))
    again = _file(tmp_path, {"R-1": "active", "R-2": "active", "R-3": "active"}, name="户籍恢复.csv")
    registrations_reactivated.connect(listen, dispatch_uid="test.listen")
    try:
        report = registrations_import(path=again, batch_size=2)
        pk = dict(Registration.objects.values_list("number", "pk"))
        assert heard == [([pk["R-1"]], None), ([pk["R-3"]], None)]  # batches R-1 R-2 | R-3
        assert report.errors == [] and (report.created, report.updated, report.unchanged) == (0, 2, 1)
        r1 = Registration.objects.get(number="R-1")
        assert (r1.status, r1.ended_on, r1.end_reason, r1.extra) == ("active", None, "", {})
        entries = AuditEntry.objects.filter(action="registration.reactivate").order_by("pk")
        assert [(e.object_ids, e.actor) for e in entries] == [([str(pk["R-1"])], None), ([str(pk["R-3"])], None)]
        assert "户籍恢复.csv" in entries[0].detail["reason"]
        report = registrations_import(path=again, batch_size=2)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
        assert len(heard) == 2 and entries.count() == 2
    finally:
        registrations_reactivated.disconnect(dispatch_uid="test.listen")


def test_dates_and_times_are_read_as_departments_write_them_each_on_its_day_in_china(db, tmp_path):
    written = ["2020/5/1", "20200501", "2020年5月1日", "2020/5/1 8:00:00", "2020-05-01 08:00",
               "2020-04-30T23:30:00Z"]  # half past seven in the morning of 1 May in Beijing
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + "".join(f"R-{i},{valid_id(seq=f'7{i}1')},周八,,1990/3/7,,某地,,{at},active\n"
                                     for i, at in enumerate(written)), encoding="utf-8")
    report = registrations_import(path=path)
    assert report.created == len(written) and not report.errors
    assert {r.starts_on.isoformat() for r in Registration.objects.all()} == {"2020-05-01"}
    assert {r.birth_date.isoformat() for r in Registration.objects.all()} == {"1990-03-07"}


def test_a_sex_the_row_does_not_state_is_the_id_numbers(db, tmp_path):
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + "".join(f"R-{sex},{valid_id(seq=seq)},周八,{sex},,,某地,,2025-01-01,active\n"
                                     for sex, seq in (("未知", "711"), ("0", "722"), ("9", "731"), ("female", "742"))),
                    encoding="utf-8")
    registrations_import(path=path)
    assert dict(Registration.objects.values_list("number", "sex")) == {"R-未知": "1", "R-0": "2", "R-9": "1",
                                                                        "R-female": "2"}


def test_a_status_as_chinese_systems_write_it_is_read_and_any_other_is_reported_in_both_languages(db, tmp_path):
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + "".join(f"R-{i},{valid_id(seq=f'7{i}1')},周八,,,,某地,,2025-01-01,{status}\n"
                                     for i, status in enumerate(("有效", "注销", "Cancelled", "迁出"))),
                    encoding="utf-8")
    report = registrations_import(path=path)
    assert dict(Registration.objects.values_list("number", "status")) == {
        "R-0": "active", "R-1": "cancelled", "R-2": "cancelled"}
    assert report.errors == [("registrations.csv", 5, "status 应为 active 或 cancelled（有效 或 注销），而不是 迁出 / "
                                                      "status must be active or cancelled (有效 or 注销), not 迁出")]


def test_a_padded_name_or_another_middle_dot_is_found_as_an_officer_types_it(tree, officer_a, tmp_path):
    from anju.registrations.selectors import registration_search

    address_upsert(code="ADDR-1", full_address="文一西路1号", jurisdiction=tree["A1C1G1"])
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + f"R-1,{valid_id(seq='761')},王\u3000明,,,,,ADDR-1,2025-01-01,active\n"
                             f"R-2,{valid_id(seq='772')},阿依古丽•买买提,,,,,ADDR-1,2025-01-01,active\n",
                    encoding="utf-8")
    registrations_import(path=path)
    assert [r.number for r in registration_search(user=officer_a, q="王明")] == ["R-1"]
    assert [r.number for r in registration_search(user=officer_a, q="阿依古丽·买买提")] == ["R-2"]
