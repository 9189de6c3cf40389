"""`anju import registrations` places each registration at the house of its address, as a declaration's registration
is: the police's file's residents are the house's occupants, counted with them, and may be given its door cards."""
from anju.addresses.services import address_upsert
from anju.audit.models import AuditEntry
from anju.doors.choices import CredentialStatus
from anju.doors.services import credential_issue
from anju.houses.selectors import housing_stock
from anju.people.models import Person
from anju.registrations.imports import registrations_import
from anju.registrations.models import Registration
from conftest import make_house, valid_id

HEADER = "registration_id,id_number,name,address,address_code,registered_at,status\n"


def load(tmp_path, *rows):
    path = tmp_path / "registrations.csv"
    path.write_text(HEADER + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return registrations_import(path=path)


def test_an_imported_registration_at_a_houses_address_is_its_occupant_and_may_have_a_door_card(house, officer_a,
                                                                                               tmp_path):
    load(tmp_path, ("R-1", valid_id(seq="761"), "周八", "", house.standard_address.code, "2025-05-01", "active"),
         # written out as free text, matched to the house's standard address
         ("R-2", valid_id(seq="771"), "吴九", "文一西路500号2幢1单元301室", "", "2025-05-01", "active"))
    first, second = Registration.objects.get(number="R-1"), Registration.objects.get(number="R-2")
    assert first.house == house and second.house == house
    assert sorted(house.registrations.filter(status="active").values_list("number", flat=True)) == ["R-1", "R-2"]
    assert housing_stock(user=officer_a).get(pk=house.pk).registered_count == 2
    assert Person.objects.get(id_hash=first.id_hash).house == house
    card = credential_issue(actor=officer_a, house=house, registration=first, uid="C1")
    assert card.status == CredentialStatus.ACTIVE and card.registration == first


def test_an_address_without_a_house_stays_unplaced(tree, house, tmp_path):
    address_upsert(code="A-0900", full_address="文一西路900号", jurisdiction=tree["A1C1G1"])
    load(tmp_path, ("R-1", valid_id(seq="761"), "周八", "", "A-0900", "2025-05-01", "active"),
         ("R-2", valid_id(seq="771"), "吴九", "某县某村", "", "2025-05-01", "active"))
    assert list(Registration.objects.order_by("number").values_list("house", flat=True)) == [None, None]
    assert Registration.objects.get(number="R-1").standard_address.code == "A-0900"


def test_a_file_giving_another_address_moves_the_registration_and_stops_its_card_at_the_house_left(
        tree, house, house2, officer_a, tmp_path):
    number = valid_id(seq="761")
    load(tmp_path, ("R-1", number, "周八", "", house.standard_address.code, "2025-05-01", "active"))
    registration = Registration.objects.get(number="R-1")
    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    load(tmp_path, ("R-1", number, "周八", "", house2.standard_address.code, "2025-05-01", "active"))
    registration.refresh_from_db(), card.refresh_from_db()
    assert registration.house == house2 and registration.status == "active"
    assert card.status == CredentialStatus.CANCELLED and card.changes.last().action == "cancel"
    assert Person.objects.get(id_hash=registration.id_hash).house == house2
    # its new house may give it a card; an address without a house takes it off both
    credential_issue(actor=officer_a, house=house2, registration=registration, uid="C2")
    address_upsert(code="A-0900", full_address="文一西路900号", jurisdiction=tree["A1C1G1"])
    load(tmp_path, ("R-1", number, "周八", "", "A-0900", "2025-05-01", "active"))
    registration.refresh_from_db()
    assert registration.house is None
    assert not registration.door_credentials.filter(status=CredentialStatus.ACTIVE).exists()


def test_the_same_file_again_changes_nothing_and_stops_no_card(house, officer_a, tmp_path):
    row = ("R-1", valid_id(seq="761"), "周八", "", house.standard_address.code, "2025-05-01", "active")
    load(tmp_path, row)
    card = credential_issue(actor=officer_a, house=house, registration=Registration.objects.get(), uid="C1")
    again = load(tmp_path, row)
    card.refresh_from_db()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert card.status == CredentialStatus.ACTIVE


def test_a_house_registered_after_the_import_takes_the_registrations_at_its_address(tree, officer_a, tmp_path):
    address_upsert(code="A-0800", full_address="文一西路800号1幢1单元101室", jurisdiction=tree["A1C1G1"])
    load(tmp_path, ("R-1", valid_id(seq="761"), "周八", "", "A-0800", "2025-05-01", "active"),
         ("R-2", valid_id(seq="771"), "吴九", "", "A-0800", "2025-05-01", "cancelled"))
    assert not Registration.objects.filter(house__isnull=False).exists()
    house = make_house(tree, "A-0800", "文一西路800号1幢1单元101室", "A1C1G1")
    active = Registration.objects.get(number="R-1")
    assert active.house == house and Registration.objects.get(number="R-2").house == house
    assert Person.objects.get(id_hash=active.id_hash).house == house
    assert AuditEntry.objects.filter(action="registration.place").count() == 1
    credential_issue(actor=officer_a, house=house, registration=active, uid="C1")
