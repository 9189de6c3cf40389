"""`anju import registrations` with a later file that gives registrations another address: the registrations move, their
people with them, and the door cards at the houses left stop, in as many queries for a hundred and twenty moved rows
as for three (the update path was ten times slower than the create path: a statement per 52 rows on SQLite)."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.addresses.services import address_upsert
from anju.audit.models import AuditEntry
from anju.doors.choices import CredentialStatus
from anju.doors.models import AllowListChange, Credential
from anju.doors.services import credential_issue
from anju.people.models import Person
from anju.registrations.imports import registrations_import
from anju.registrations.models import Registration
from conftest import valid_id

HEADER = "registration_id,id_number,name,phone,address_code,registered_at,status,note\n"


def load(tmp_path, rows, name):
    """``rows``: (registration_id, seq of its ID number, phone, address code, note) each, all active."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{n},{valid_id(seq=seq)},周{seq},{phone},{code},2025-05-01,active,{note}\n"
                                     for n, seq, phone, code, note in rows), encoding="utf-8")
    return registrations_import(path=path)


def test_a_file_moving_registrations_moves_them_and_their_people_and_stops_the_cards_at_the_houses_left(
        tree, house, house2, officer_a, tmp_path):
    unhoused = address_upsert(code="A-0900", full_address="文一西路900号", jurisdiction=tree["A1C1G1"])
    first = [("R-1", "761", "13512345678", house.standard_address.code, ""),
             ("R-2", "771", "13512345679", house.standard_address.code, ""),
             ("R-3", "781", "13512345670", house.standard_address.code, ""),
             ("R-4", "791", "13512345671", house2.standard_address.code, "")]
    load(tmp_path, first, "first.csv")
    one, two, three, four = (Registration.objects.get(number=f"R-{i}") for i in range(1, 5))
    cards = {n: credential_issue(actor=officer_a, house=r.house, registration=r, uid=f"C{n}")
             for n, r in (("1", one), ("2", two), ("4", four))}
    people_before = {p.id_hash: p.updated_at for p in Person.objects.all()}
    audited = AuditEntry.objects.count()

    report = load(tmp_path, [
        ("R-1", "761", "13512345678", house2.standard_address.code, "搬入600号"),  # moved to the other house
        ("R-2", "771", "13512345679", unhoused.code, ""),  # moved to an address without a house
        ("R-3", "781", "13600000000", house.standard_address.code, ""),  # its phone alone changed
        ("R-4", "791", "13512345671", house2.standard_address.code, ""),  # the same as before
    ], "moved.csv")

    assert (report.created, report.updated, report.unchanged) == (0, 3, 1)
    assert (report.people_created, report.people_moved, report.people_updated, report.people_left) == (0, 2, 1, 0)
    for r in (one, two, three, four):
        r.refresh_from_db()
    assert (one.house, one.standard_address.code, one.address, one.extra) == (
        house2, house2.standard_address.code, house2.standard_address.full_address, {"note": "搬入600号"})
    assert (two.house, two.standard_address, two.address) == (None, unhoused, "文一西路900号")
    assert (three.house, three.phone, four.house) == (house, "13600000000", house2)
    assert all(r.status == "active" for r in (one, two, three, four))
    people = {p.id_hash: p for p in Person.objects.all()}
    assert (people[one.id_hash].house, people[one.id_hash].address) == (house2, house2.standard_address.full_address)
    assert (people[two.id_hash].house, people[two.id_hash].address) == (None, "文一西路900号")
    assert (people[three.id_hash].house, people[three.id_hash].phone) == (house, "13600000000")
    assert all(people[h].updated_at > people_before[h] for h in (one.id_hash, two.id_hash, three.id_hash))
    assert people[four.id_hash].updated_at == people_before[four.id_hash]
    # the cards at the houses left stop, off the allow-lists, each card's history saying why; the other stays
    statuses = dict(Credential.objects.values_list("uid", "status"))
    assert statuses == {"C1": CredentialStatus.CANCELLED, "C2": CredentialStatus.CANCELLED,
                        "C4": CredentialStatus.ACTIVE}
    assert [c.action for c in cards["1"].changes.order_by("pk")][-1] == "cancel"
    assert set(AllowListChange.objects.filter(op="remove").values_list("house", "uid")) == {
        (house.pk, "C1"), (house.pk, "C2")}
    # one audit entry per kind for the batch
    entries = list(AuditEntry.objects.order_by("pk")[audited:].values_list("action", "object_ids", "detail"))
    assert sorted(action for action, _ids, _detail in entries) == [
        "door.credential.cancel", "person.move", "person.update"]
    ids = {action: ids for action, ids, _detail in entries}
    assert sorted(map(int, ids["door.credential.cancel"])) == sorted([cards["1"].pk, cards["2"].pk])
    assert sorted(map(int, ids["person.move"])) == sorted([people[one.id_hash].pk, people[two.id_hash].pk])
    assert dict((a, d.get("registrations")) for a, _i, d in entries)["person.update"] == [three.pk]


def test_a_batch_of_moved_rows_takes_as_many_queries_for_a_hundred_and_twenty_rows_as_for_three(
        house, house2, officer_a, tmp_path):
    def moved(count, start):
        rows = [(f"R-{start + i}", f"{start + i:03d}", "13512345678", house.standard_address.code, "")
                for i in range(count)]
        load(tmp_path, rows, f"{start}-first.csv")
        for registration in Registration.objects.filter(number__in=[r[0] for r in rows[::10]]):
            credential_issue(actor=officer_a, house=house, registration=registration, uid=f"C{registration.pk}")
        with CaptureQueriesContext(connection) as queries:
            report = load(tmp_path, [(n, seq, "13600000000", house2.standard_address.code, "moved")
                                     for n, seq, _phone, _code, _note in rows], f"{start}-moved.csv")
        assert (report.updated, report.people_moved) == (count, count)
        assert Credential.objects.filter(status=CredentialStatus.CANCELLED).count() == len(rows[::10]) + (
            1 if start else 0)
        return len(queries.captured_queries)

    assert moved(3, 0) == moved(120, 100)
