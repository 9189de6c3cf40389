"""Landlords prove who they are, register or claim houses, manage rooms, and see only their own."""
import pytest

from anju.houses.models import House, Room
from anju.houses.services import HouseError, house_register, landlord_verify, room_add, room_bind, rooms_merge
from conftest import make_house, valid_id


def test_an_invalid_id_number_is_refused_by_name(make_user):
    user = make_user("13811112222", "landlord", None, phone="13811112222", password=None)
    with pytest.raises(HouseError, match="校验码"):
        landlord_verify(user=user, name="王五", id_number=valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"))


def test_a_name_that_contradicts_the_registry_is_refused(make_user, tmp_path):
    from anju.people.registry import population_import

    number = valid_id(seq="211")
    (tmp_path / "p.csv").write_text(f"id_number,name\n{number},王五\n")
    population_import(path=tmp_path / "p.csv")
    user = make_user("13811112222", "landlord", None, phone="13811112222", password=None)
    with pytest.raises(HouseError, match="不符|not match"):
        landlord_verify(user=user, name="王六", id_number=number)
    assert landlord_verify(user=user, name="王五", id_number=number).registry_status == "match"


def test_an_unverified_landlord_cannot_register_a_house(tree, make_user):
    user = make_user("13811112222", "landlord", None, phone="13811112222", password=None)
    standard = make_house(tree, "A-0300", "文一西路300号", "A1C1G1").standard_address
    with pytest.raises(HouseError, match="实名核验"):
        house_register(actor=user, standard_address=standard)


def test_a_landlord_claims_an_unclaimed_house_but_not_one_already_claimed(tree, landlord, make_user):
    existing = make_house(tree, "A-0300", "文一西路300号", "A1C1G1")
    standard = existing.standard_address
    claim = house_register(actor=landlord, standard_address=standard, kind="rental",
                           plate_code=existing.plates.get().serial)
    assert list(claim.house.landlords.all()) == [landlord] and House.objects.count() == 1
    other = make_user("13922223333", "landlord", None, phone="13922223333", password=None)
    landlord_verify(user=other, name="房东乙", id_number=valid_id(seq="317"))
    with pytest.raises(HouseError, match="其他房东|another landlord"):
        house_register(actor=other, standard_address=standard)


def test_police_cannot_register_a_house_outside_their_jurisdiction(tree, officer_a, house_b):
    with pytest.raises(HouseError, match="辖区|jurisdiction"):
        house_register(actor=officer_a, standard_address=house_b.standard_address)


def test_a_landlord_sees_only_their_own_houses(client, landlord, house, house_b):
    client.force_login(landlord)
    body = client.get("/landlord/").content.decode()
    assert house.address in body and house_b.address not in body
    assert client.get(f"/landlord/houses/{house_b.pk}/").status_code == 404
    assert client.post(f"/houses/{house_b.pk}/rooms/", {"number": "1"}).status_code == 404
    assert client.get(f"/staff/houses/{house.pk}/").status_code == 403


def test_a_duplicate_room_gets_a_clear_message_and_nothing_is_written(house, landlord):
    room_add(actor=landlord, house=house, number="101")
    with pytest.raises(HouseError, match="101"):
        room_add(actor=landlord, house=house, number="１０１")
    assert house.rooms.count() == 1


def test_rooms_merge_and_their_tenants_follow(house, landlord):
    from anju.houses.services import tenant_check_in
    from django.utils import timezone

    a, b = room_add(actor=landlord, house=house, number="101"), room_add(actor=landlord, house=house, number="102")
    tenancy = tenant_check_in(actor=landlord, house=house, room=b, name="租客", id_number=valid_id(seq="411"),
                              move_in=timezone.localdate())
    merged = rooms_merge(actor=landlord, house=house, rooms=[a, b], number="101")
    assert merged.pk == a.pk
    assert Room.objects.get(pk=b.pk).status == "merged"
    tenancy.refresh_from_db()
    assert tenancy.room_id == a.pk


def test_a_room_can_be_bound_to_and_unbound_from_a_sub_landlord(house, landlord, make_user):
    room = room_add(actor=landlord, house=house, number="201")
    sub = make_user("13733334444", "landlord", None, phone="13733334444", password=None)
    room_bind(actor=landlord, room=room, landlord=sub)
    assert Room.objects.get(pk=room.pk).landlord == sub
    room_bind(actor=landlord, room=room, landlord=None)
    assert Room.objects.get(pk=room.pk).landlord is None


def test_group_and_short_term_rentals_are_hotel_style(house):
    assert house.hotel_style
    house.kind = "owner"
    assert not house.hotel_style


def test_binding_a_phone_does_not_tell_the_landlord_whose_phone_it_is(client, house, landlord, make_user):
    room = room_add(actor=landlord, house=house, number="202")
    make_user("13733335555", "resident", None, phone="13733335555", password=None, full_name="邻居王五")
    client.force_login(landlord)
    page = client.post(f"/houses/{house.pk}/rooms/{room.pk}/bind/", {"phone": "13733335555"}, follow=True)
    assert Room.objects.get(pk=room.pk).landlord.phone == "13733335555"
    assert "邻居王五" not in page.content.decode() and "13733335555" in page.content.decode()


def test_the_landlord_changes_the_house_kind_on_its_page_and_it_is_audited(client, house, landlord, make_user):
    from anju.audit.models import AuditEntry

    client.force_login(landlord)
    assert 'id="house-edit"' in client.get(f"/landlord/houses/{house.pk}/").content.decode()
    client.post(f"/houses/{house.pk}/edit/", {"kind": "owner", "capacity": "3", "floor_area": "88.5"})
    house.refresh_from_db()
    assert (house.kind, house.capacity, float(house.floor_area)) == ("owner", 3, 88.5)
    assert AuditEntry.objects.filter(action="house.update", actor=landlord, subjects__object_id=str(house.pk)).exists()
    other = make_user("13733336666", "landlord", None, phone="13733336666", password=None)
    client.force_login(other)  # not their house
    assert client.post(f"/houses/{house.pk}/edit/", {"kind": "whole_rental"}).status_code == 404
    house.refresh_from_db()
    assert house.kind == "owner"


def test_a_landlord_whose_name_the_registry_writes_in_traditional_characters_is_verified_and_a_homophone_is_not(
        make_user, tmp_path):
    from anju.audit.models import AuditEntry
    from anju.people.registry import population_import

    number = valid_id(seq="211")
    (tmp_path / "p.csv").write_text(f"id_number,name\n{number},陳明\n", encoding="utf-8")
    population_import(path=tmp_path / "p.csv")
    user = make_user("13811112222", "landlord", None, phone="13811112222", password=None)
    with pytest.raises(HouseError, match="不符|not match"):
        landlord_verify(user=user, name="晨明", id_number=number)  # chen ming too
    assert landlord_verify(user=user, name="陈明", id_number=number).registry_status == "match"
    assert AuditEntry.objects.get(action="landlord.verify").detail == {"registry": "match", "name": "traditional"}
