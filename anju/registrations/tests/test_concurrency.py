"""Declarations under concurrency: a retry storm with one Idempotency-Key files one declaration; parallel
declarations all land, each audited once in one unbroken chain; an import batch naming someone an approval puts on
record meanwhile completes with one record. PostgreSQL only: SQLite's test database serialises every writer, so
nothing would race."""
import threading

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anju.audit.models import AuditEntry
from anju.audit.services import audit_seal, audit_verify
from anju.registrations.models import Declaration
from conftest import valid_id

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def _post_in_threads(user, bodies_and_keys):
    """Sends every request at once (a barrier releases them together); returns (status, id) per request."""
    barrier = threading.Barrier(len(bodies_and_keys))
    results = [None] * len(bodies_and_keys)

    def send(i, body, key):
        from django.db import connection as own

        api = APIClient()
        api.force_authenticate(user)
        try:
            barrier.wait()
            response = api.post("/api/declarations/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
            results[i] = (response.status_code, response.json().get("id"))
        finally:
            own.close()

    threads = [threading.Thread(target=send, args=(i, b, k)) for i, (b, k) in enumerate(bodies_and_keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _body(house, seq):
    return {"plate": house.plates.get().token, "name": "周八", "id_number": valid_id(seq=seq), "phone": "13512345678",
            "move_in": timezone.localdate().isoformat()}


def test_the_same_key_sent_eight_times_at_once_files_one_declaration(resident, house):
    results = _post_in_threads(resident, [(_body(house, "701"), "tap-tap-tap")] * 8)
    assert {status for status, _ in results} == {201}
    assert len({pk for _, pk in results}) == 1
    assert Declaration.objects.count() == 1
    assert AuditEntry.objects.filter(action="declaration.register").count() == 1


def test_parallel_declarations_are_all_filed_and_audited_in_one_chain(resident, house):
    results = _post_in_threads(resident, [(_body(house, f"{710 + i}"), f"k{i}") for i in range(12)])
    assert [status for status, _ in results] == [201] * 12
    assert Declaration.objects.count() == 12
    audit_seal()  # normally done right after each commit; here a no-op unless a test thread was cut short
    result = audit_verify()
    assert result.ok and result.pending == 0
    assert AuditEntry.objects.filter(action="declaration.register", seq__isnull=False).count() == 12


def new_person_declared_and_on_file(resident, house, tmp_path, *, seq):
    """Someone the register does not know yet: their declaration at ``house``, waiting, and a registrations file
    that lists them at another address (registered earlier). The declaration and the file's path."""
    from anju.registrations.services import declare

    number = valid_id(seq=seq)
    declaration = declare(actor=resident, channel="resident", house=house, name="周八", id_number=number,
                          move_in=timezone.localdate(), phone="13512345678")
    path = tmp_path / "registrations.csv"
    path.write_text("registration_id,id_number,name,address,registered_at,status\n"
                    f"R-1,{number},周八,某区某路9号,2024-01-01,active\n", encoding="utf-8")
    return declaration, path


def test_an_import_batch_naming_a_person_an_approval_puts_on_record_meanwhile_completes_with_one_record(
        resident, officer_a, house, tmp_path, monkeypatch):
    """The officer approves a declaration of someone new to the register while a file lists them: the approval puts
    them on record after the batch looked them up and before it inserts them. The batch goes on with the record the
    approval made (one person, living at the newer registration), rather than failing on the unique number."""
    from anju.people import services as people_services
    from anju.people.models import Person
    from anju.registrations import services as registration_services
    from anju.registrations.imports import registrations_import
    from anju.registrations.models import Registration
    from anju.registrations.services import declaration_approve
    from conftest import race

    declaration, path = new_person_declared_and_on_file(resident, house, tmp_path, seq="761")
    results = race(
        monkeypatch,
        ("approve", lambda: declaration_approve(actor=officer_a, declaration=declaration),
         (registration_services, "run_checkers")),  # reached with the person inserted, before the commit
        ("import", lambda: registrations_import(path=path),
         (people_services, "insert_many")))  # reached having found no one of the number
    approved, report = results["approve"], results["import"]
    assert isinstance(approved, Registration), approved
    assert not isinstance(report, Exception), repr(report)
    person = Person.objects.get()  # one record, not two, and the batch not failed
    assert person.house == house  # the approval's registration is the newer one
    assert Registration.objects.filter(status="active").count() == 2
    assert report.people_created == 0 and report.created == 1


def test_an_approval_finding_a_person_an_import_batch_put_on_record_meanwhile_moves_them(
        resident, officer_a, house, tmp_path, monkeypatch):
    """The approval found no one of the number, and a batch that names them commits before the approval creates the
    record: the approval moves the batch's person to its house rather than failing (a 500) on the number on record."""
    from anju.people import services as people_services
    from anju.people.models import Person
    from anju.registrations.imports import registrations_import
    from anju.registrations.models import Registration
    from anju.registrations.services import declaration_approve

    declaration, path = new_person_declared_and_on_file(resident, house, tmp_path, seq="762")
    looked_up, imported, results = threading.Event(), threading.Event(), {}
    create = people_services.person_create

    def create_after_the_batch(**kwargs):
        looked_up.set()
        imported.wait(timeout=30)
        return create(**kwargs)

    monkeypatch.setattr(people_services, "person_create", create_after_the_batch)

    def approve():
        from django.db import connection as own

        try:
            results["approve"] = declaration_approve(actor=officer_a, declaration=declaration)
        except Exception as exc:  # noqa: BLE001 - what the officer would have got
            results["approve"] = exc
        finally:
            own.close()

    thread = threading.Thread(target=approve)
    thread.start()
    assert looked_up.wait(timeout=30)
    registrations_import(path=path)
    imported.set()
    thread.join(timeout=30)
    assert isinstance(results["approve"], Registration), repr(results["approve"])
    person = Person.objects.get()
    assert person.house == house and person.left_on is None
