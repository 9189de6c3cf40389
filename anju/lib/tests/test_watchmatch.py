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


def test_match_many_equals_match_record_by_record():
    """The batch path's pre-filter never turns a hit away: every kind of record, listed or not, gives what match
    gives, including entries added after the pre-filter was built."""
    import random

    from anju.lib.watchmatch import number_variants

    rng = random.Random(3)
    entries = [WatchEntry(key=f"W{i}", id_number=number(f"19{60 + i % 40:02d}0{1 + i % 9}1{i % 10}", f"{i % 999:03d}"),
                          name=rng.choice(["张伟", "李娜", "王芳", "陈静"]), sex="12"[i % 2],
                          birth_date=date(1960 + i % 40, 1 + i % 9, 10 + i % 10)) for i in range(200)]
    entries.append(WatchEntry(key="NAMELESS", id_number=number("19770707", "777")))
    entries.append(WatchEntry(key="NONUMBER", name="赵敏", sex="2", birth_date=date(1981, 3, 3)))
    index = WatchIndex(entries[:150])
    records = []
    for e in entries[:150] + entries[-2:]:
        records.append({"id_number": e.id_number, "name": e.name})
        if e.id_number:
            for variant, _kind in number_variants(e.id_number)[::7]:
                records.append({"id_number": variant, "name": e.name})
                records.append({"id_number": variant, "name": "路人甲"})
            records.append({"id_number": e.id_number[:6] + e.id_number[8:17], "name": e.name})  # 15-digit form
        if e.birth_date and e.name:
            records.append({"name": "趙敏" if e.name == "赵敏" else e.name, "sex": e.sex, "birth_date": e.birth_date})
            records.append({"id_number": number("20010101", "111"), "name": e.name, "sex": e.sex,
                            "birth_date": e.birth_date})
    records += [{"id_number": number("19990909", "999"), "name": "无名"}, {"name": "张伟"}, {},
                {"id_number": "not a number", "name": "李娜"}, {"id_number": number().lower(), "name": ""}]
    assert index.match_many(records) == [index.match(**r) for r in records]
    for e in entries[150:]:  # added after the pre-filter exists
        index.add(e)
    late = [{"id_number": e.id_number, "name": e.name} for e in entries[150:] if e.id_number] \
        + [{"name": "赵敏", "sex": "2", "birth_date": date(1981, 3, 3)}]
    got = index.match_many(records + late)
    assert got == [index.match(**r) for r in records + late] and all(got[-len(late):])
    assert sum(1 for hits in got if hits) > 300


def test_the_batch_pre_filter_turns_strangers_away(index):
    strangers = [{"id_number": number(f"19{70 + i % 20}0{1 + i % 9}2{i % 8}", f"{i:03d}", "110101"), "name": "路人"}
                 for i in range(500)]
    assert index.match_many(strangers) == [[]] * 500
    assert index._filter.candidates(strangers, index._names) == []


NO_SEX = WatchEntry(key="W5", name="王明", birth_date=date(1979, 6, 1))  # listed without number or sex


def test_an_entry_without_number_or_sex_hits_a_record_of_either_sex_on_name_and_birth_date_with_less_confidence():
    """A missing sex is unknown, not a difference: the entry is met by name and birth date, weaker than with the sex
    compared, and the hit says so."""
    index = WatchIndex([NO_SEX, WANTED])
    [by_number_sex] = index.match(id_number=number("19790601", "135"), name="王明")  # the number's sex: a man
    assert by_number_sex.matched == ("name:same", "birth_date", "sex:unknown")
    [stated] = index.match(name="王明", sex="2", birth_date=date(1979, 6, 1))
    [homophone] = index.match(name="汪明", sex="1", birth_date=date(1979, 6, 1))
    [compared] = index.match(name="张伟", sex="1", birth_date=date(1985, 4, 12))
    assert stated.entry.key == homophone.entry.key == "W5" and homophone.matched[0] == "name:homophone"
    assert compared.confidence == 0.8 and stated.confidence == 0.7 and homophone.confidence == 0.55
    assert by_number_sex.confidence == 0.7


def test_a_record_without_number_or_sex_hits_a_listed_person_on_name_and_birth_date_not_on_name_alone(index):
    [hit] = index.match(name="张伟", birth_date=date(1985, 4, 12))
    assert hit.entry.key == "W1" and hit.matched == ("name:same", "birth_date", "sex:unknown") and hit.confidence == 0.7
    assert index.match(name="张伟", sex="9", birth_date=date(1985, 4, 12)) == [hit]  # 未说明: not known either
    assert index.match(name="张伟") == [] and index.match(name="张伟", sex="1") == []
    assert index.match(name="张伟", birth_date=date(1985, 4, 13)) == []
    assert WatchIndex([NO_SEX]).match(name="王明") == []


def test_the_batch_path_meets_an_entry_without_sex_as_match_does():
    index = WatchIndex([NO_SEX, WANTED])
    records = [{"id_number": number("19790601", "135"), "name": "王明"}, {"id_number": number("19790601", "246"),
               "name": "汪明", "sex": "9"}, {"name": "王明", "birth_date": date(1979, 6, 1)},
               {"id_number": number("19790602", "135"), "name": "王明"}]
    got = index.match_many(records)
    assert got == [index.match(**r) for r in records] and [bool(h) for h in got] == [True, True, True, False]
    late = WatchEntry(key="W6", name="李娜", birth_date=date(1991, 2, 3))  # added after the pre-filter exists
    index.add(late)
    [[hit]] = index.match_many([{"id_number": number("19910203", "246"), "name": "李娜"}])
    assert hit.entry.key == "W6"


def test_the_batch_path_works_on_a_list_of_entries_none_of_which_has_a_number():
    index = WatchIndex([NO_SEX])
    assert [bool(h) for h in index.match_many([{"id_number": number("19790601", "135"), "name": "王明"}])] == [True]


@pytest.mark.parametrize("spelt", ["ZHANGWEI", "zhangwei", "Zhang-Wei", "zhang wei", "ZHANG  WEI", "Zhang·Wei"])
def test_a_pinyin_spelling_hits_however_its_syllables_are_spaced_hyphenated_or_cased(index, spelt):
    """As Zhang Wei does: a pinyin spelling of the listed name's sound, with the birth date and sex; by the batch
    path too. Spellings of one name are the same name to each other."""
    record = {"name": spelt, "sex": "1", "birth_date": date(1985, 4, 12)}
    assert kinds(index.match(**record)) == [("W1", "name:homophone")]
    on_number = {"id_number": number("19850412", "357"), "name": spelt}  # another number, born the same day
    assert index.match_many([record, on_number]) == [index.match(**record), index.match(**on_number)] != [[], []]
    spelt_entry = WatchIndex([WatchEntry(key="P1", name=spelt, sex="1", birth_date=date(1985, 4, 12))])
    assert kinds(spelt_entry.match(name="张伟", sex="1", birth_date=date(1985, 4, 12))) == [("P1", "name:homophone")]
    assert kinds(spelt_entry.match(name="Zhang Wei", sex="1", birth_date=date(1985, 4, 12))) == [("P1", "name:same")]


def test_names_in_characters_still_agree_syllable_for_syllable_and_spellings_letter_for_letter():
    """Filing names by their letters does not make 李西安 (li xi an) and 李先 (li xian) one name, nor a spelling of
    another sound a hit."""
    index = WatchIndex([WatchEntry(key="X", name="李西安", sex="1", birth_date=date(1980, 1, 1))])
    assert index.match(name="李先", sex="1", birth_date=date(1980, 1, 1)) == []
    assert index.match(name="Li Xian", sex="1", birth_date=date(1980, 1, 1)) != []  # a spelling cannot tell
    assert index.match(name="LIXIANG", sex="1", birth_date=date(1980, 1, 1)) == []
    assert index.match_many([{"name": "李先", "sex": "1", "birth_date": date(1980, 1, 1)}]) == [[]]
