"""`anju import registrations` and the population register (实有人口): the people of an imported file are where its
registrations in force say, as when the registration services approve and end them one at a time; in bulk, audited
once per batch, and the same file twice changes the register once."""
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.addresses.services import address_upsert
from anju.audit.models import AuditEntry
from anju.people.models import Person
from anju.registrations.imports import registrations_import
from anju.registrations.models import Registration
from anju.registrations.services import declaration_approve, registration_end
from conftest import valid_id

HEADER = "registration_id,id_number,name,sex,birth_date,phone,address,address_code,registered_at,status\n"


def write(tmp_path, rows, name="registrations.csv"):
    """``rows``: (registration_id, id_number, address, registered_at, status) each."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{n},{number},周八,,,13512345678,{address},,{at},{status}\n"
                                     for n, number, address, at, status in rows), encoding="utf-8")
    return path


def where(person):
    person.refresh_from_db()
    return person.house_id, person.address, person.jurisdiction_id, person.left_address, person.left_on


def person_entries():
    return list(AuditEntry.objects.filter(action__startswith="person.").order_by("pk")
                .values_list("action", "actor", "object_ids"))


def test_an_imported_registration_in_force_puts_its_person_on_the_register_once(tree, tmp_path):
    address_upsert(code="ADDR-1", full_address="文一西路1号", jurisdiction=tree["A1C1G1"])
    number, cancelled, mistyped = valid_id(seq="761"), valid_id(seq="772"), valid_id(seq="783")[:-1] + "Y"
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + f"R-1,{number},周八,,,13512345678,,ADDR-1,2025-05-01,active\n"
                             f"R-2,{cancelled},吴九,,,,某地,,2024-01-01,cancelled\n"
                             f"R-3,{mistyped},郑十,,,,某地,,2024-01-01,active\n", encoding="utf-8")
    report = registrations_import(path=path)
    # nobody for the registration the file created cancelled, nor for the one whose number it could not read
    assert Registration.objects.get(number="R-3").extra.get("id_error")
    person = Person.objects.get()
    assert (person.name, person.id_number, person.sex, str(person.birth_date), person.phone) == (
        "周八", number, "1", "1990-03-07", "13512345678")
    assert (person.address, person.jurisdiction, person.house, person.left_on) == (
        "文一西路1号", tree["A1C1G1"], None, None)
    assert (report.people_created, report.people_moved, report.people_left) == (1, 0, 0)
    entry = AuditEntry.objects.get(action="person.create")
    assert (entry.actor, entry.object_ids, entry.detail["registrations"]) == (
        None, [str(person.pk)], [Registration.objects.get(number="R-1").pk])
    assert "registrations.csv" in entry.detail["reason"]
    updated_at, entries = person.updated_at, person_entries()
    again = registrations_import(path=path)
    assert (again.people_created, again.people_moved, again.people_updated, again.people_left) == (0, 0, 0, 0)
    person.refresh_from_db()
    assert Person.objects.count() == 1 and person.updated_at == updated_at and person_entries() == entries


def test_a_file_that_ends_a_registration_ends_the_persons_residence_as_a_deregistration_here_does(
        tree, officer_a, tmp_path):
    by_file, by_officer = valid_id(seq="761"), valid_id(seq="772")
    rows = [("R-1", by_file, "文一西路1号", "2025-01-01", "active"), ("R-2", by_officer, "文一西路2号", "2025-01-01",
                                                                       "active")]
    registrations_import(path=write(tmp_path, rows))
    one, two = (Person.objects.get(id_hash=Registration.objects.get(number=n).id_hash) for n in ("R-1", "R-2"))
    report = registrations_import(path=write(tmp_path, [rows[0][:4] + ("cancelled",), rows[1]]))
    registration_end(actor=officer_a, registration=Registration.objects.get(number="R-2"), reason="核实不在住")
    today = timezone.localdate()
    # both still on record where they lived, their residence there ended today
    assert where(one) == (None, "", one.jurisdiction_id, "文一西路1号", today)
    assert where(two) == (None, "", two.jurisdiction_id, "文一西路2号", today)
    assert (report.people_created, report.people_moved, report.people_left) == (0, 0, 1)
    leave = AuditEntry.objects.get(action="person.leave", actor=None)
    assert leave.object_ids == [str(one.pk)] and leave.detail["registrations"] == [
        Registration.objects.get(number="R-1").pk]
    # the same file again ends nothing more; a later file listing R-1 as active has them live there again
    entries = person_entries()
    registrations_import(path=write(tmp_path, [rows[0][:4] + ("cancelled",), rows[1]]))
    assert person_entries() == entries
    back = registrations_import(path=write(tmp_path, rows[:1]))
    assert where(one) == (None, "文一西路1号", one.jurisdiction_id, "", None) and back.people_moved == 1


def test_a_file_that_ends_one_of_two_registrations_in_force_moves_the_person_to_the_other(db, tmp_path):
    number = valid_id(seq="761")
    rows = [("R-1", number, "文一西路1号", "2025-01-01", "active"), ("R-2", number, "文一西路2号", "2025-06-01", "active")]
    first = registrations_import(path=write(tmp_path, rows), batch_size=1)  # R-1 first, then R-2, newer
    person = Person.objects.get()
    assert person.address == "文一西路2号" and (first.people_created, first.people_moved) == (1, 1)
    report = registrations_import(path=write(tmp_path, [rows[0], rows[1][:4] + ("cancelled",)]))
    assert where(person)[1:] == ("文一西路1号", person.jurisdiction_id, "", None)
    assert (report.people_moved, report.people_left) == (1, 0)
    assert AuditEntry.objects.filter(action="person.move").order_by("pk").last().detail["registrations"] == [
        Registration.objects.get(number="R-1").pk]


def test_a_file_older_than_the_registration_approved_here_leaves_the_person_where_it_was_approved(
        officer_a, resident, declare_as, house, tmp_path):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    person = Person.objects.get()
    report = registrations_import(path=write(tmp_path, [("R-1", person.id_number, "某地", "2025-01-01", "active")]))
    assert where(person)[:2] == (house.pk, house.address) and report.people_moved == 0
    newer = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()  # registered after the approval
    report = registrations_import(path=write(tmp_path, [("R-2", person.id_number, "某地", newer, "active")]))
    assert where(person)[:2] == (None, "某地") and report.people_moved == 1


def test_the_register_follows_thirty_rows_in_as_many_queries_as_three(db, tmp_path):
    def run(n, start):
        rows = [(f"R-{start + i}", valid_id(seq=f"{start + i:03d}"), f"某地{i}", "2025-01-01", "active")
                for i in range(n)]
        path = write(tmp_path, rows, name=f"{start}.csv")
        with CaptureQueriesContext(connection) as queries:
            report = registrations_import(path=path)
        assert report.people_created == n
        # the register's reads and writes and their audit (the address matcher asks its own questions per text)
        return sum("people_person" in q["sql"] or "audit_" in q["sql"] for q in queries.captured_queries)

    assert run(30, 100) == run(3, 200)


def test_the_command_says_how_many_people_it_created_moved_and_left(db, tmp_path, capsys):
    call_command("import_registrations", str(write(tmp_path, [("R-1", valid_id(seq="761"), "某地", "2025-01-01",
                                                                 "active")])))
    assert "实有人口 people: 新增 created 1, 迁移 moved 0, 更新 updated 0, 离开 left 0" in capsys.readouterr().out
