"""The cockpit's "people living in rental houses" counts everyone living in one, whether or not its rooms are entered
and whether they came through a declaration or a landlord's check-in, each person once."""
import uuid

from django.utils import timezone

from anju.cockpit.aggregates import refresh
from anju.cockpit.selectors import cockpit_data
from anju.houses.services import room_add, tenant_check_in
from anju.registrations.services import declaration_approve, declare
from conftest import make_house, valid_id


def registered(officer, house, seq, **extra):
    declaration = declare(actor=officer, channel="police", house=house, name=f"住户{seq}", id_number=valid_id(seq=seq),
                          move_in=timezone.localdate(), idempotency_key=uuid.uuid4().hex, **extra)
    return declaration_approve(actor=officer, declaration=declaration, note="ok")


def test_people_in_rental_houses_are_counted_with_or_without_rooms(tree, officer_a):
    no_rooms = make_house(tree, "A-0801", "文一西路801号", "A1C1G1", kind="rental")
    with_rooms = make_house(tree, "A-0802", "文一西路802号", "A1C1G1", kind="group")
    own_home = make_house(tree, "A-0803", "文一西路803号", "A1C1G1", kind="owner")
    registered(officer_a, no_rooms, "801")
    registered(officer_a, no_rooms, "802")
    room = room_add(actor=officer_a, house=with_rooms, number="101")
    # checked in by the landlord: not yet registered, then registered (still one person)
    tenant_check_in(actor=officer_a, house=with_rooms, name="租客甲", id_number=valid_id(seq="803"), room=room,
                    move_in=timezone.localdate())
    tenancy = tenant_check_in(actor=officer_a, house=with_rooms, name="租客乙", id_number=valid_id(seq="804"),
                              room=room, move_in=timezone.localdate())
    declaration_approve(actor=officer_a, declaration=tenancy.declarations.get(), note="ok")
    registered(officer_a, own_home, "805")  # an owner's home is not a rental

    refresh()
    figures = cockpit_data(user=officer_a, code="A1")["figures"]
    assert figures["rental_houses"] == 2 and figures["rooms"] == 1
    assert figures["occupants"] == 4


def test_the_cockpit_says_what_the_figures_count(client, officer_a, tree):
    client.force_login(officer_a)
    sub = client.get("/cockpit/").content.decode()
    assert "人在住（已登记或已办入住）" in sub and "间房间已录入" in sub
