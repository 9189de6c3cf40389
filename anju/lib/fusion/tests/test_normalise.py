import datetime as dt

import pytest

from anju.lib.fusion.normalise import (
    LOCAL_TZ, id_block_keys, id_forms, name_forms, org_norm, parse_date, parse_datetime, phone_norm, pinyin_syllables, sex_code,
)
from anju.lib.identity import check_digit


def valid(body17="33010619900307123"):
    return body17 + check_digit(body17)


NUMBER = valid()


def test_id_valid_number_is_kept():
    assert id_forms(NUMBER).number == NUMBER
    assert id_forms(NUMBER).status == "valid" and id_forms(NUMBER).valid


def test_id_harmless_formats_are_cleaned():
    spaced = f"{NUMBER[:6]} {NUMBER[6:14]} {NUMBER[14:]}"
    fullwidth = NUMBER.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    for raw in (spaced, fullwidth, NUMBER.lower()):
        assert id_forms(raw).number == NUMBER


def test_id_legacy_15_digits_is_converted():
    legacy = NUMBER[:6] + NUMBER[8:17]
    forms = id_forms(legacy)
    assert forms.number == NUMBER and forms.status == "legacy" and forms.valid


def test_id_one_wrong_digit_is_invalid_but_kept():
    wrong = NUMBER[:10] + str((int(NUMBER[10]) + 1) % 10) + NUMBER[11:]
    forms = id_forms(wrong)
    assert forms.number == wrong and forms.status == "invalid" and not forms.valid


def test_id_empty_and_other():
    assert id_forms("").status == "empty" and id_forms(None).number == ""
    assert id_forms("abc-123").status == "other"


def test_id_block_keys_meet_for_one_typo():
    wrong = NUMBER[:10] + str((int(NUMBER[10]) + 1) % 10) + NUMBER[11:]
    swapped = NUMBER[:3] + NUMBER[4] + NUMBER[3] + NUMBER[5:]
    a, b, c = id_block_keys(NUMBER), id_block_keys(wrong), id_block_keys(swapped)
    assert set(a[1:]) & set(b[1:])  # one interleaved key survives a wrong digit
    assert a[0] == c[0]             # the same characters, swapped
    assert id_block_keys("123") == ("", "", "", "")


@pytest.mark.parametrize("position", [12, 13, 14])  # the sequence digits: still a valid number
def test_id_block_keys_meet_for_a_typo_in_a_15_digit_number(position):
    # converting the mistyped old number computes a new check digit: two characters apart in 18, one in 17
    old = NUMBER[:6] + NUMBER[8:17]
    typo = old[:position] + str((int(old[position]) + 1) % 10) + old[position + 1:]
    converted = id_forms(typo).number
    assert id_forms(typo).status == "legacy"
    assert set(id_block_keys(NUMBER)[1:]) & set(id_block_keys(converted)[1:])


def test_id_block_keys_meet_for_a_swap_in_a_15_digit_number():
    old = NUMBER[:6] + NUMBER[8:17]
    swapped = old[:10] + old[11] + old[10] + old[12:]  # 307 → 370
    assert swapped != old
    assert id_block_keys(NUMBER)[0] == id_block_keys(id_forms(swapped).number)[0]


@pytest.mark.parametrize("raw", ["张伟", "張偉", "章伟", "ZHANG WEI", "Zhang Wei", "zhangwei"])
def test_name_pinyin_key_is_shared_by_homophones_traditional_and_pinyin(raw):
    assert name_forms(raw).pinyin == "zhang wei"


def test_name_sorted_pinyin_meets_surname_last():
    assert name_forms("Wei Zhang").pinyin_sorted == name_forms("张伟").pinyin_sorted
    assert name_forms("Nana Ouyang").pinyin_sorted == name_forms("欧阳娜娜").pinyin_sorted


def test_name_simplified_and_parts():
    forms = name_forms("張偉")
    assert forms.simplified == "张伟" and forms.parts == ("zhang", "wei") and not forms.is_pinyin
    assert name_forms("欧阳娜娜").parts == ("ouyang", "nana")
    assert name_forms("买买提·艾力").clean == "买买提艾力"
    assert name_forms("买买提·艾力").parts == ("maimaiti", "aili")
    assert name_forms("").clean == ""


def test_pinyin_syllables_split_joined_spelling():
    assert pinyin_syllables("zhangwei") == ("zhang", "wei")
    assert pinyin_syllables("xiuying") == ("xiu", "ying")
    assert pinyin_syllables("smith") == ("smith",)  # not pinyin: kept whole


@pytest.mark.parametrize("raw", ["1990-03-07", "1990/3/7", "19900307", "1990年3月7日", "1990.03.07"])
def test_dates_as_departments_write_them(raw):
    assert parse_date(raw) == dt.date(1990, 3, 7)


def test_bad_date_is_an_error_and_empty_is_none():
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("1990-13-40")


def test_times_without_zone_are_local():
    t = parse_datetime("2026-09-30T21:10:00")
    assert t.utcoffset() == dt.timedelta(hours=8)
    assert parse_datetime("2026-09-30T13:10:00Z").utcoffset() == dt.timedelta(0)
    assert parse_datetime("2026-09-30").hour == 0
    with pytest.raises(ValueError):
        parse_datetime("yesterday")


@pytest.mark.parametrize("raw, expected", [
    ("2026/10/31 8:00:00", (2026, 10, 31, 8, 0, 0, 0)),  # Excel on a Chinese Windows, a time cell saved as CSV
    ("2026/10/31 08:05", (2026, 10, 31, 8, 5, 0, 0)),
    ("2026-10-31 8:00", (2026, 10, 31, 8, 0, 0, 0)),
    ("2026-10-31T8:00:00", (2026, 10, 31, 8, 0, 0, 0)),
    ("2026年10月31日 8:30", (2026, 10, 31, 8, 30, 0, 0)),
    ("2026年10月31日8时30分15秒", (2026, 10, 31, 8, 30, 15, 0)),
    ("20261031080005", (2026, 10, 31, 8, 0, 5, 0)),  # fourteen digits, as many police systems keep times
    ("2026/10/31 8:00:00.5", (2026, 10, 31, 8, 0, 0, 500000)),
    ("２０２６/１０/３１ ８:００", (2026, 10, 31, 8, 0, 0, 0)),
])
def test_times_as_chinese_systems_write_them_are_local(raw, expected):
    assert parse_datetime(raw) == dt.datetime(*expected, tzinfo=LOCAL_TZ)
    assert parse_date(raw) == dt.date(*expected[:3])


@pytest.mark.parametrize("raw", ["2026/10/31 25:00:00", "20261331080000", "2026/10/31 8", "31/10/2026 8:00"])
def test_a_time_that_does_not_exist_or_reads_two_ways_is_an_error(raw):
    with pytest.raises(ValueError):
        parse_datetime(raw)


@pytest.mark.parametrize("raw,code", [("男", "1"), ("女", "2"), ("1", "1"), ("2", "2"), ("M", "1"), ("f", "2"),
                                      ("", ""), ("9", ""), ("x", "")])
def test_sex_codes(raw, code):
    assert sex_code(raw) == code


def test_phone_and_organisation():
    assert phone_norm("+86 138-0000-0000") == "13800000000"
    assert phone_norm("0086 13800000000") == "13800000000"
    assert phone_norm("12") == ""
    assert org_norm("杭州 新华（科技）有限公司") == org_norm("杭州新华科技有限公司")


def test_an_ambiguous_room_still_places_the_building():
    from types import SimpleNamespace as M

    from anju.lib.fusion.places import place

    building = {"R1": "B3", "R2": "B3", "R9": "B9"}.get
    two_units = [M(code="R1", confidence=0.475, level="room"), M(code="R2", confidence=0.475, level="room")]
    assert place(two_units, building, 0.5) == ("R1", 0.95, "building")
    assert place([M(code="R1", confidence=0.9, level="room")], building, 0.5) == ("R1", 0.9, "room")
    spread = [M(code="R1", confidence=0.3, level="room"), M(code="R9", confidence=0.3, level="room")]
    assert place(spread, building, 0.5) is None and place([], building, 0.5) is None


def test_a_room_with_an_equal_rival_in_its_building_is_placed_at_the_building_only_even_under_a_low_bar():
    from types import SimpleNamespace as M

    from anju.lib.fusion.places import place

    building = {"R1": "B3", "R2": "B3", "R3": "B3", "R9": "B9"}.get
    # 嘉绿路93号2-402 where units 1, 2 and 3 of building 2 each have a 402: a registration's bar is 0.3
    three_units = [M(code=c, confidence=0.3167, level="room") for c in ("R1", "R2", "R3")]
    assert place(three_units, building, 0.3) == ("R1", 0.3167, "building")
    # a clear leader keeps its room; a rival in another building says nothing about the room
    assert place([M(code="R1", confidence=0.8, level="room"), M(code="R2", confidence=0.1, level="room")],
                 building, 0.3) == ("R1", 0.8, "room")
    assert place([M(code="R1", confidence=0.4, level="room"), M(code="R9", confidence=0.4, level="room")],
                 building, 0.3) == ("R1", 0.4, "room")


def test_a_feeds_address_that_reads_as_two_buildings_equally_is_placed_nowhere():
    from types import SimpleNamespace as M

    from anju.lib.fusion.places import place

    building = {"H1": "V1|工业路|56号|", "H2": "V2|工业路|56号|", "R1": "B3", "R2": "B3"}.get
    # 工业路56号 where two villages each have one: half each, at the bar
    tie = [M(code="H1", confidence=0.5, level="house"), M(code="H2", confidence=0.5, level="house")]
    assert place(tie, building, 0.5, refuse_ties=True) is None
    assert place(tie, building, 0.5) == ("H1", 0.5, "house")  # a registration keeps the best and names its rivals
    # a leader, however slight, is placed; rooms of one building as likely still place the building
    lead = [M(code="H1", confidence=0.52, level="house"), M(code="H2", confidence=0.48, level="house")]
    assert place(lead, building, 0.5, refuse_ties=True) == ("H1", 0.52, "house")
    rooms = [M(code="R1", confidence=0.5, level="room"), M(code="R2", confidence=0.5, level="room")]
    assert place(rooms, building, 0.5, refuse_ties=True) == ("R1", 0.5, "building")
