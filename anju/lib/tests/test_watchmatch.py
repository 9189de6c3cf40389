"""Watchlist matching: each kind of hit, and no false alert on a namesake born another day."""
from datetime import date

import pytest

from anju.lib.identity import check_digit
from anju.lib.watchmatch import WatchEntry, WatchIndex, number_variants


def number(birth="19850412", seq="135", region="342401"):
    body = f"{region}{birth}{seq}"
    return body + check_digit(body)


WANTED = WatchEntry(key="W1", id_number=number(), name="张伟", sex="1", birth_date=date(1985, 4, 12))


@pytest.fixture
def index():
    return WatchIndex([WANTED, WatchEntry(key="W2", id_number=number("19900101", "246"), name="李娜", sex="2",
                                          birth_date=date(1990, 1, 1))])


def kinds(hits):
    return [(h.entry.key, h.matched[0]) for h in hits]


def test_exact_number(index):
    [hit] = index.match(id_number=number(), name="张伟")
    assert hit.confidence == 1.0 and hit.matched == ("id_number:exact", "name:same")


def test_exact_number_under_another_name_is_still_a_hit(index):
    [hit] = index.match(id_number=number(), name="王五")
    assert hit.matched == ("id_number:exact",) and hit.confidence == 0.9


def test_one_digit_off_with_the_same_name(index):
    typo = number()[:8] + ("9" if number()[8] != "9" else "8") + number()[9:]
    assert kinds(index.match(id_number=typo, name="张伟")) == [("W1", "id_number:one_digit")]


def test_adjacent_transposition_with_a_homophone_name(index):
    n = number()
    swapped = n[:14] + n[15] + n[14] + n[16:]
    [hit] = index.match(id_number=swapped, name="章玮")
    assert hit.matched == ("id_number:transposition", "name:homophone")


def test_the_15_digit_legacy_form(index):
    legacy = number()[:6] + number()[8:17]
    assert kinds(index.match(id_number=legacy, name="张伟")) == [("W1", "id_number:exact")]


def test_a_homophone_name_with_the_true_birth_date_and_no_number(index):
    [hit] = index.match(name="章玮", sex="1", birth_date=date(1985, 4, 12))
    assert hit.matched == ("name:homophone", "birth_date", "sex")


def test_traditional_characters_and_pinyin_spellings(index):
    assert kinds(index.match(name="張偉", sex="1", birth_date=date(1985, 4, 12))) == [("W1", "name:same")]
    assert kinds(index.match(name="Zhang Wei", sex="1", birth_date=date(1985, 4, 12))) == [("W1", "name:homophone")]


def test_a_false_name_with_the_true_birth_date_on_someone_elses_number(index):
    """The declarant gives another (valid) number and a slightly altered name: birth date and sex betray him."""
    other = number("19850412", "999", region="330106")
    [hit] = index.match(id_number=other, name="章伟")
    assert hit.entry.key == "W1" and "birth_date" in hit.matched


def test_no_alert_for_a_namesake_born_on_another_day(index):
    assert index.match(name="张伟", sex="1", birth_date=date(1985, 4, 13)) == []
    assert index.match(id_number=number("19850413", "135"), name="张伟") == []


def test_a_number_one_digit_off_under_a_different_name_is_not_a_hit(index):
    neighbour = number()[:16] + ("7" if number()[16] != "7" else "3")
    neighbour = neighbour + check_digit(neighbour)
    assert index.match(id_number=neighbour, name="赵六") == []


def test_the_wrong_sex_is_not_a_hit(index):
    assert index.match(name="张伟", sex="2", birth_date=date(1985, 4, 12)) == []


def test_variants_cover_every_digit_and_adjacent_swap():
    variants = number_variants(number())
    assert len([v for v, k in variants if k == "one_digit"]) == 17 * 9 + 10
    assert all(len(v) == 18 for v, _ in variants)


def test_every_single_typo_and_adjacent_swap_is_found_by_the_probe_index():
    """The pigeonhole index must find exactly what the brute-force list of variants finds."""
    index = WatchIndex([WANTED])
    n = number()
    for variant, kind in number_variants(n):
        hits = index.match(id_number=variant, name="张伟")
        assert [(h.entry.key, h.matched[0]) for h in hits] == [("W1", f"id_number:{kind}")], (variant, kind)


def test_a_replaced_entry_hits_only_in_its_new_form():
    index = WatchIndex([WANTED])
    assert index.add(WANTED) is False  # the same entry again changes nothing
    moved = WatchEntry(key="W1", id_number=number("19850412", "777"), name="张伟", sex="1",
                       birth_date=date(1985, 4, 12))
    assert index.add(moved) is True
    assert index.match(id_number=number(), name="王五") == []
    assert kinds(index.match(id_number=moved.id_number, name="张伟")) == [("W1", "id_number:exact")]
    assert index.size == 1 and index.stale == 1


def test_a_removed_entry_never_hits():
    index = WatchIndex([WANTED])
    index.remove("W1")
    assert index.match(id_number=number(), name="张伟") == []
    assert index.match(name="张玮", sex="1", birth_date=date(1985, 4, 12)) == []


def test_an_expired_entry_does_not_hit_after_its_last_day():
    entry = WatchEntry(key="W9", id_number=number(), name="张伟", sex="1", birth_date=date(1985, 4, 12),
                       valid_until=date(2026, 6, 30))
    index = WatchIndex([entry])
    assert index.match(id_number=number(), name="张伟", today=date(2026, 6, 30))
    assert index.match(id_number=number(), name="张伟", today=date(2026, 7, 1)) == []
