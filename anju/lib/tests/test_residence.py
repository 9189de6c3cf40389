"""Where the register has a person live (lib/residence.py), as the registration services and the import decide it."""
from datetime import date
from types import SimpleNamespace

from anju.lib.residence import LEAVE, MOVE, UPDATE, Place, after_end, after_set, in_force

HOME = Place(jurisdiction_id=7, house_id=3, address="文一西路1号")
ELSEWHERE = Place(jurisdiction_id=8, house_id=None, address="古墩路2号")


def person(**fields):
    return SimpleNamespace(**{"jurisdiction_id": 7, "house_id": 3, "address": "文一西路1号", "left_on": None,
                              "left_address": "", "phone": "13512345678", **fields})


def test_of_several_registrations_in_force_the_newest_then_the_last_filed_is_where_the_person_lives():
    old, new, later_same_day = (SimpleNamespace(starts_on=date(2025, 1, 1), pk=9),
                                SimpleNamespace(starts_on=date(2026, 1, 1), pk=1),
                                SimpleNamespace(starts_on=date(2026, 1, 1), pk=2))
    assert in_force([old, new, later_same_day]) is later_same_day and in_force([]) is None


def test_a_registration_in_force_where_the_person_lives_changes_nothing_but_a_new_phone():
    assert after_set(person(), HOME) == (None, {})
    assert after_set(person(), HOME, phone="13900000000") == (UPDATE, {"phone": "13900000000"})
    assert after_set(person(left_on=date(2026, 5, 1), left_address="文一西路1号", house_id=None, address=""), HOME) == (
        MOVE, {"house_id": 3, "address": "文一西路1号", "left_on": None, "left_address": ""})


def test_an_end_changes_only_a_person_living_there_who_then_lives_at_another_in_force_or_has_left():
    ended_on = date(2026, 5, 1)
    assert after_end(person(), house_id=None, address="古墩路2号", ended_on=ended_on) == (None, {})
    assert after_end(person(), house_id=3, address="", ended_on=ended_on) == (
        LEAVE, {"left_address": "文一西路1号", "left_on": ended_on, "house_id": None, "address": ""})
    assert after_end(person(), house_id=3, address="", ended_on=ended_on, instead=ELSEWHERE) == (
        MOVE, {"jurisdiction_id": 8, "house_id": None, "address": "古墩路2号"})
    gone = person(left_on=ended_on, house_id=None, address="", left_address="文一西路1号")
    assert after_end(gone, house_id=3, address="文一西路1号", ended_on=ended_on) == (None, {})
