"""Each process's watchlist index follows the table: changes are applied in place, deletions rebuild it."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from anju.lib.identity import check_digit
from anju.watchlist.models import WatchEntry
from anju.watchlist.services import watch_entry_save, watch_index

pytestmark = pytest.mark.django_db(transaction=True)


def number(seq="135"):
    body = f"34240119850412{seq}"
    return body + check_digit(body)


def hits(**query):
    return [h.entry.key for h in watch_index().match(today=timezone.localdate(), **query)]


def test_a_new_entry_is_caught_without_rebuilding_the_index(officer_a):
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="张伟", sex="1",
                     birth_date=date(1985, 4, 12))
    index = watch_index()
    watch_entry_save(actor=officer_a, watch_id="W-2", id_number=number("246"), name="李娜", sex="2",
                     birth_date=date(1985, 4, 12))
    assert hits(id_number=number("246"), name="李娜") == ["W-2"]
    assert watch_index() is index and index.size == 2


def test_an_edited_entry_hits_only_as_it_now_reads(officer_a):
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="张伟", sex="1",
                     birth_date=date(1985, 4, 12))
    assert hits(id_number=number("135"), name="张伟") == ["W-1"]
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("777"), name="张伟", sex="1",
                     birth_date=date(1985, 4, 12))
    assert hits(id_number=number("135"), name="王五") == []
    assert hits(id_number=number("777"), name="张伟") == ["W-1"]


def test_an_entry_that_expires_stops_hitting_without_any_change_to_the_list(officer_a):
    today = timezone.localdate()
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="张伟", sex="1",
                     birth_date=date(1985, 4, 12), valid_until=today)
    assert watch_index().match(id_number=number("135"), name="张伟", today=today)
    assert watch_index().match(id_number=number("135"), name="张伟", today=today + timedelta(days=1)) == []


def test_a_deleted_entry_leaves_the_index(officer_a):
    watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="张伟", sex="1",
                     birth_date=date(1985, 4, 12))
    assert hits(id_number=number("135"), name="张伟") == ["W-1"]
    WatchEntry.objects.filter(watch_id="W-1").delete()
    assert hits(id_number=number("135"), name="张伟") == []
    assert watch_index().size == 0


@pytest.mark.parametrize("unstated", ["0", "9", "未知的性别", "未说明的性别"])
def test_an_entry_saved_with_sex_unknown_or_unstated_takes_its_numbers_sex_or_none(officer_a, unstated):
    """GB/T 2261.1's 0 and 9 state no sex: an entry with a number is the number's (a woman born the same day under
    another number is not the man listed), one without stays unknown and meets either sex on name and birth date."""
    numbered = watch_entry_save(actor=officer_a, watch_id="W-1", id_number=number("135"), name="张伟", sex=unstated,
                                birth_date=date(1985, 4, 12), reason="网上追逃")
    bare = watch_entry_save(actor=officer_a, watch_id="W-2", name="王明", sex=unstated, birth_date=date(1979, 6, 1),
                            reason="网上追逃")
    assert (numbered.sex, bare.sex) == ("1", "")
    assert hits(id_number=number("246"), name="张伟") == []
    assert hits(id_number=number("135"), name="张伟") == ["W-1"]
    [hit] = watch_index().match(name="王明", sex="2", birth_date=date(1979, 6, 1))
    assert hit.entry.key == "W-2" and hit.matched[-1] == "sex:unknown"
