"""Tests for anju.lib.identity.

Valid numbers are built with check_digit() (itself checked against the
weighted-sum definition below), never pasted.

Speed, measured on the 2-core development machine (Python 3.11, timeit, best
of 7 runs over 1,000 distinct valid 18-digit numbers, default today):
parse_id_number 270,000-290,000 numbers/s, is_valid_id_number ~300,000/s;
repair_candidates ~0.26 ms per number. Not a timed test on purpose.
"""

from __future__ import annotations

import ast
import datetime
import pathlib
import random

import pytest

from anju.lib import identity
from anju.lib.identity import (
    IdError,
    IdNumber,
    InvalidIdNumber,
    check_digit,
    convert_15_to_18,
    id_number_errors,
    id_number_starts,
    is_valid_id_number,
    mask_id_number,
    masked_id_patterns,
    normalise_id_input,
    parse_id_number,
    region_exists,
    region_history,
    region_name,
    repair_candidates,
)

TODAY = datetime.date(2025, 6, 1)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def reference_check_digit(first17: str) -> str:
    """GB 11643-1999 as written: sum of digit x weight, mod 11, mapped through 10X98765432."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def make(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    return body + check_digit(body)


def codes(raw: str) -> list[str]:
    return [e.code for e in id_number_errors(raw, today=TODAY)]


def with_wrong_check(number: str) -> str:
    wrong = "0" if number[17] != "0" else "1"
    return number[:17] + wrong


# --------------------------------------------------------------------------- check digit


def test_check_digit_agrees_with_the_weighted_sum_definition():
    rng = random.Random(2260)
    for _ in range(20000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        assert check_digit(body) == reference_check_digit(body)


def test_check_digit_of_the_standard_example_is_x():
    # GB 11643-1999's example 11010519491231002X, verified by hand:
    # 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167,
    # 167 mod 11 = 2, and position 2 of "10X98765432" is X.
    assert check_digit("11010519491231002") == "X"


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100X", "１１０１０５１９４９１２３１００２"])
def test_check_digit_refuses_anything_but_17_ascii_digits(bad):
    with pytest.raises(ValueError):
        check_digit(bad)


# --------------------------------------------------------------------------- valid numbers


@pytest.mark.parametrize(
    "region, full_name",
    [
        ("330106", "浙江省杭州市西湖区"),
        ("110101", "北京市东城区"),
        ("440305", "广东省深圳市南山区"),
        ("510104", "四川省成都市锦江区"),
    ],
)
def test_valid_number_gives_region_name_birth_date_and_sex(region, full_name):
    number = make(region, "19850317", "041")
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.number == number
    assert parsed.kind == "resident"
    assert parsed.region_code == region
    assert parsed.region_name == full_name
    assert parsed.birth_date == datetime.date(1985, 3, 17)
    assert parsed.sex == "1"
    assert parsed.converted_from_15 is False


def test_sex_follows_the_parity_of_the_17th_digit():
    assert parse_id_number(make("330106", "19900101", "123"), today=TODAY).sex == "1"
    assert parse_id_number(make("330106", "19900101", "120"), today=TODAY).sex == "2"
    assert parse_id_number(make("330106", "19900101", "008"), today=TODAY).sex == "2"


def test_number_with_x_check_digit_is_valid():
    number = make("330106", "19900101", "123")
    assert number.endswith("X")  # hand-checked: weighted sum 178, 178 mod 11 = 2 -> X
    assert parse_id_number(number, today=TODAY).number == "33010619900101123X"


def test_lower_case_x_is_accepted_and_normalised():
    parsed = parse_id_number("33010619900101123x", today=TODAY)
    assert parsed.number == "33010619900101123X"


def test_full_width_digits_x_and_surrounding_spaces_are_accepted():
    raw = "　３３０１０６１９９００１０１１２３ｘ "
    assert parse_id_number(raw, today=TODAY).number == "33010619900101123X"


def test_normalise_removes_spaces_and_hyphens_and_folds_width_and_case():
    assert normalise_id_input(" 330106-19900101-123x ") == "33010619900101123X"
    assert normalise_id_input("３３０１０６ １９９００１０１ １２３Ｘ") == "33010619900101123X"
    assert normalise_id_input("") == ""
    assert normalise_id_input(None) == ""  # type: ignore[arg-type]


def test_standard_example_parses_as_a_woman_born_1949_in_chaoyang():
    parsed = parse_id_number("11010519491231002X", today=TODAY)
    assert parsed.region_name == "北京市朝阳区"
    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "2"


def test_idnumber_built_by_the_fast_path_equals_one_built_normally():
    parsed = parse_id_number(make("110101", "19700101", "011"), today=TODAY)
    built = IdNumber(parsed.number, "resident", "110101", "北京市东城区", datetime.date(1970, 1, 1), "1", False)
    assert parsed == built
    assert hash(parsed) == hash(built)
    with pytest.raises(AttributeError):
        parsed.number = "x"  # type: ignore[misc]


def test_default_today_is_the_current_date():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    number = make("330106", tomorrow.strftime("%Y%m%d"), "123")
    assert "future_birth" in [e.code for e in id_number_errors(number)]
    today_number = make("330106", datetime.date.today().strftime("%Y%m%d"), "123")
    assert is_valid_id_number(today_number)


# --------------------------------------------------------------------------- 15-digit legacy numbers


def test_15_digit_number_converts_to_the_18_digit_form():
    # Hand-checked above: 110105 + 19 + 491231 + 002 has check digit X.
    assert convert_15_to_18("110105491231002") == "11010519491231002X"
    assert convert_15_to_18("330106900101123") == "33010619900101123X"


def test_15_digit_number_parses_with_its_converted_form():
    parsed = parse_id_number("110105491231002", today=TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.converted_from_15 is True
    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "2"


def test_15_digit_number_with_impossible_date_reports_the_19xx_date():
    errors = id_number_errors("110105490230002", today=TODAY)
    assert [e.code for e in errors] == ["birth_date"]
    assert "19490230" in errors[0].zh


@pytest.mark.parametrize("bad", ["11010549123100", "1101054912310021", "11010549123100X"])
def test_convert_15_to_18_refuses_other_input(bad):
    with pytest.raises(ValueError):
        convert_15_to_18(bad)


# --------------------------------------------------------------------------- the start of a number, for searches


@pytest.mark.parametrize("start, starts", [
    ("330106900101", ["33010619900101"]),  # legacy: region + YYMMDD
    ("3301069001011", ["330106199001011"]),
    ("33010690010112", ["3301061990010112"]),  # 14 digits: YYYYMMDD 9001-01-12 is no date, so legacy only
    ("33010619900101", ["33010619900101"]),  # 14 digits: 1919-90-01 is no date, so 18-character only
    ("33010620050307", ["33010620050307", "3301061920050307"]),  # both: 2005-03-07, or 1920-05-03 + sequence 07
    ("330106900101123", ["33010619900101123X"]),  # a whole legacy number: converted whole, check digit and all
    ("330106199001011", ["330106199001011"]),  # 15 digits that are no legacy number (1919-90-01): an 18's start
    ("3301061990010112", ["3301061990010112"]),
    ("33010619900101123", ["33010619900101123"]),
])
def test_the_start_of_an_18_or_a_legacy_15_digit_number_is_read_as_the_18_digit_forms(start, starts):
    assert id_number_starts(start, today=TODAY) == starts


@pytest.mark.parametrize("start, code, zh", [
    ("330106900231", "birth_date", "出生日期 19900231 不是有效日期"),
    ("33010690023112", "birth_date", "出生日期 19900231 不是有效日期"),  # read as legacy: its year would be 9002
    ("33010619900231", "birth_date", "出生日期 19900231 不是有效日期"),  # read as 18: its year starts 19
    ("3301062030010112", "future_birth", "出生日期 20300101 晚于今天（2025-06-01）"),
    ("990106900101123", "province", "省级代码 99 不存在，地区码 990106 无效（GB/T 2260）"),  # the whole legacy number
    ("330106900231123", "birth_date", "出生日期 19900231 不是有效日期"),
    ("3301069001O1", "chars", "第 11 位“O”不是有效字符：只能是数字，第18位可以是 X"),
])
def test_a_start_that_can_be_no_number_says_what_is_wrong_in_both_languages(start, code, zh):
    error = the_one_error(id_number_starts, start)
    assert (error.code, error.zh) == (code, zh) and error.en


def the_one_error(read, text: str) -> IdError:
    with pytest.raises(InvalidIdNumber) as raised:
        read(text, today=TODAY)
    [error] = raised.value.errors
    return error


@pytest.mark.parametrize("bad", ["33010690010", "330106199001011234"])
def test_id_number_starts_takes_12_to_17_characters(bad):
    with pytest.raises(ValueError):
        id_number_starts(bad, today=TODAY)


# --------------------------------------------------------------------------- each kind of error


def test_empty_input_is_reported():
    assert codes("") == ["empty"]
    assert codes("   ") == ["empty"]


@pytest.mark.parametrize("raw, n", [("3301061990010112", 16), ("33010619900101123", 17), ("3301061990010112345", 19), ("12", 2)])
def test_wrong_length_names_the_actual_length(raw, n):
    errors = id_number_errors(raw, today=TODAY)
    assert [e.code for e in errors] == ["length"]
    assert errors[0].zh == f"号码应为18位（或15位旧号），实际为 {n} 位"
    assert f"got {n}" in errors[0].en


def test_invalid_characters_are_listed_with_their_positions():
    errors = id_number_errors("3301061990O101123#", today=TODAY)
    assert [e.code for e in errors] == ["chars"]
    assert "第 11 位“O”" in errors[0].zh and "第 18 位“#”" in errors[0].zh
    assert "'O' at position 11" in errors[0].en


def test_x_anywhere_but_last_is_an_invalid_character():
    errors = id_number_errors("3301061990010112X3", today=TODAY)
    assert [e.code for e in errors] == ["chars"]
    assert "第 17 位“X”" in errors[0].zh


def test_wrong_length_and_bad_characters_are_both_reported():
    assert codes("33010619900101A2") == ["length", "chars"]


def test_unknown_region_in_a_known_province_is_a_region_error():
    number = make("330199", "19900101", "123")
    errors = id_number_errors(number, today=TODAY)
    assert [e.code for e in errors] == ["region"]
    assert errors[0].zh == "地区码 330199 不存在（GB/T 2260）"
    assert errors[0].en == "region code 330199 does not exist (GB/T 2260)"


@pytest.mark.parametrize("region", ["720101", "000000", "190101"])
def test_unknown_province_is_reported_specifically(region):
    errors = id_number_errors(make(region, "19900101", "123"), today=TODAY)
    assert [e.code for e in errors] == ["province"]
    assert f"省级代码 {region[:2]} 不存在" in errors[0].zh
    assert region in errors[0].zh
    assert f"province code {region[:2]} does not exist" in errors[0].en


def test_abolished_region_code_is_still_valid():
    # 110103 崇文区 was merged into 东城区 in 2010; people born there keep the code.
    parsed = parse_id_number(make("110103", "19750612", "031"), today=TODAY)
    assert parsed.region_name == "北京市崇文区"
    assert region_exists("110103")
    assert region_history("110103") == [("北京市崇文区", None, 2010)]


def test_renamed_region_gives_current_name_or_the_name_of_a_given_year():
    assert region_name("120110") == "天津市东丽区"
    assert region_name("120110", year=1985) == "天津市东郊区"
    assert region_name("120110", year=1992) == "天津市东丽区"


def test_region_lookups_for_unknown_codes():
    assert region_name("999999") is None
    assert region_exists("999999") is False
    assert region_history("999999") == []


def test_impossible_birth_date_is_reported():
    errors = id_number_errors(make("330106", "19900230", "123"), today=TODAY)
    assert [e.code for e in errors] == ["birth_date"]
    assert errors[0].zh == "出生日期 19900230 不是有效日期"
    assert errors[0].en == "birth date 19900230 is not a valid date"
    assert codes(make("330106", "19901301", "123")) == ["birth_date"]
    assert codes(make("330106", "19900100", "123")) == ["birth_date"]


def test_leap_day_is_a_valid_birth_date_only_in_leap_years():
    assert is_valid_id_number(make("330106", "20000229", "123"), today=TODAY)
    assert codes(make("330106", "19000229", "123")) == ["birth_date"]


def test_birth_date_after_today_is_in_the_future():
    errors = id_number_errors(make("330106", "20250602", "123"), today=TODAY)
    assert [e.code for e in errors] == ["future_birth"]
    assert "2025-06-01" in errors[0].zh and "in the future" in errors[0].en
    assert is_valid_id_number(make("330106", "20250601", "123"), today=TODAY)


def test_birth_before_1900_is_refused_even_with_a_correct_check_digit():
    # GB 11643-1999's other example, 440524188001010014 (born 1880): its check
    # digit is right, but nobody registering with us now was born before 1900.
    assert check_digit("44052418800101001") == "4"
    errors = id_number_errors("440524188001010014", today=TODAY)
    assert [e.code for e in errors] == ["before_1900"]
    assert "早于 1900-01-01" in errors[0].zh


def test_wrong_check_digit_names_the_expected_digit():
    good = make("330106", "19900101", "123")  # ...X
    errors = id_number_errors(good[:17] + "5", today=TODAY)
    assert [e.code for e in errors] == ["check_digit"]
    assert errors[0].zh == "校验码错误，应为 X"
    assert errors[0].en == "wrong check digit, should be X"


def test_all_problems_are_collected_not_just_the_first():
    number = with_wrong_check(make("330199", "19900230", "123"))
    assert codes(number) == ["region", "birth_date", "check_digit"]


def test_invalid_number_raises_with_every_error_chinese_first():
    number = with_wrong_check(make("330199", "19900101", "123"))
    with pytest.raises(InvalidIdNumber) as info:
        parse_id_number(number, today=TODAY)
    exc = info.value
    assert isinstance(exc, ValueError)
    assert [e.code for e in exc.errors] == ["region", "check_digit"]
    assert str(exc) == "; ".join(str(e) for e in exc.errors)
    assert str(exc.errors[0]) == "地区码 330199 不存在（GB/T 2260） (region code 330199 does not exist (GB/T 2260))"


def test_is_valid_id_number_is_true_only_without_errors():
    good = make("440305", "20010911", "112")
    assert is_valid_id_number(good, today=TODAY)
    assert not is_valid_id_number(with_wrong_check(good), today=TODAY)
    assert id_number_errors(good, today=TODAY) == []


def test_id_error_str_puts_chinese_first():
    assert str(IdError("x", "中文", "English")) == "中文 (English)"


# --------------------------------------------------------------------------- residence permits


@pytest.mark.parametrize("region, name", [("810000", "香港"), ("820000", "澳门"), ("830000", "台湾")])
def test_hong_kong_macau_taiwan_residence_permits(region, name):
    parsed = parse_id_number(make(region, "19880808", "062"), today=TODAY)
    assert parsed.kind == "hmt_permit"
    assert parsed.region_code == region
    assert parsed.region_name == name
    assert parsed.sex == "2"


def test_residence_permit_with_wrong_check_digit_is_invalid():
    assert codes(with_wrong_check(make("830000", "19880808", "062"))) == ["check_digit"]


def test_830000_is_not_a_gbt2260_code_but_has_a_name():
    assert not region_exists("830000")
    assert region_name("830000") == "台湾"
    assert region_exists("810000")


# --------------------------------------------------------------------------- foreign permanent residence cards


def make_foreign(province: str, nationality: str, birth: str, seq: str) -> str:
    return make("9" + province + nationality, birth, seq)


def test_foreign_permanent_residence_card_2023_edition():
    number = make_foreign("43", "760", "19980305", "667")
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.kind == "foreign_permanent"
    assert parsed.number == number
    assert parsed.issuing_region_code == "430000"
    assert parsed.nationality == "760"
    assert parsed.birth_date == datetime.date(1998, 3, 5)
    assert parsed.sex == "1"
    assert parsed.region_code == "" and parsed.region_name == ""


def test_foreign_card_2023_errors_are_specific():
    assert codes(with_wrong_check(make_foreign("11", "840", "19800510", "001"))) == ["check_digit"]
    bad_province = id_number_errors(make_foreign("99", "840", "19800510", "001"), today=TODAY)
    assert [e.code for e in bad_province] == ["province"]
    assert "受理地省级代码 99" in bad_province[0].zh
    assert codes(make_foreign("11", "000", "19800510", "001")) == ["nationality"]
    assert codes(make_foreign("11", "840", "19800231", "001")) == ["birth_date"]
    assert codes(make_foreign("11", "840", "20300101", "001")) == ["future_birth"]


def test_foreign_permanent_residence_card_2017_edition_format():
    parsed = parse_id_number("usa310180051012", today=TODAY)
    assert parsed.kind == "foreign_permanent"
    assert parsed.number == "USA310180051012"
    assert parsed.nationality == "USA"
    assert parsed.issuing_region_code == "310100"
    assert parsed.birth_date is None  # two-digit year: century unknown
    assert parsed.sex == "0"


def test_foreign_card_2017_format_errors():
    assert codes("USA310180133112") == ["birth_date"]  # month 13
    assert codes("USA990180051012") == ["province"]
    errors = id_number_errors("US1310180051012", today=TODAY)
    assert [e.code for e in errors] == ["chars"]
    assert "第 3 位“1”" in errors[0].zh


# --------------------------------------------------------------------------- masking


def test_mask_keeps_first_six_and_last_four_of_18():
    assert mask_id_number("330102199001011234") == "330102********1234"
    assert mask_id_number("33010619900101123x") == "330106********123X"


def test_mask_for_other_lengths_hides_most_characters():
    assert mask_id_number("110105491231002") == "110105******002"
    assert mask_id_number("12345678") == "12****78"
    assert mask_id_number("12345") == "****5"
    assert mask_id_number("123") == "***"
    assert mask_id_number("") == ""


def test_mask_never_reveals_more_than_ten_characters():
    for n in range(0, 40):
        masked = mask_id_number("1" * n)
        assert len(masked) == n
        assert n - masked.count("*") <= 10
        if n >= 4:
            assert masked.count("*") >= 0.4 * n


# --------------------------------------------------------------------------- a masked number, for searches


@pytest.mark.parametrize("masked, pattern", [
    ("330106********1234", "330106********1234"),  # as mask_id_number shows it
    ("330106********123x", "330106********123X"),
    ("330106＊＊＊＊＊＊＊＊1234", "330106********1234"),  # full-width stars
    ("330106****1234", "330106********1234"),  # fewer stars: they stand for the 8 hidden characters
    ("330106************1234", "330106********1234"),
    ("330106-********-1234", "330106********1234"),
    ("3301061990******1234", "3301061990****1234"),  # 18 characters: the stars are where they are
    ("330***********1234", "330***********1234"),
    ("**********1234", "**************1234"),  # no start shown
    ("330106**", "330106************"),  # no end shown
    ("810000********1234", "810000********1234"),  # Hong Kong residence permit
    ("931156********1234", "931156********1234"),  # foreign permanent residence card, 2023
    ("931156******123", "931156*********123"),  # 15 characters that no legacy number can have (none starts 9)
    ("330106******12X", "330106*********12X"),  # nor with an X
])
def test_a_masked_number_is_read_as_the_18_characters_it_stands_for(masked, pattern):
    assert masked_id_patterns(masked, today=TODAY) == [pattern]


def test_15_masked_characters_are_read_as_a_legacy_number_too():
    assert masked_id_patterns("330106******111", today=TODAY) == [
        "330106*********111",  # the 18 characters' first 6 and last 3
        "33010619******111*",  # a legacy number masked as mask_id_number masks it: region, YYMMDD, sequence
    ]


@pytest.mark.parametrize("text", [
    "张三", "330106199001011234", "1234", "****", "张*", "a*1",
    "138****1234",  # the export's masked mobile number: 3 characters before the stars are no region code
])
def test_what_is_no_masked_number_gives_no_reading(text):
    assert masked_id_patterns(text, today=TODAY) == []


@pytest.mark.parametrize("masked, code, zh", [
    ("33010X********1234", "chars", "第 6 位“X”不是有效字符：只能是数字，第18位可以是 X"),
    ("330106****12X4", "chars", "第 17 位“X”不是有效字符：只能是数字，第18位可以是 X"),  # its place among 18
    ("330199********1234", "region", "地区码 330199 不存在（GB/T 2260）"),
    ("010106********1234", "province", "省级代码 01 不存在，地区码 010106 无效（GB/T 2260）"),
    ("0101**********1234", "province", "省级代码 01 不存在，地区码 0101** 无效（GB/T 2260）"),
    ("999156********1234", "province", "受理地省级代码 99 不存在（GB/T 2260）"),
    ("931000********1234", "nationality", "国籍代码 000 无效"),
    ("33010619900231****", "birth_date", "出生日期 19900231 不是有效日期"),
    ("330106**0307****1234", "stars_apart", "隐藏的位（*）应连在一处：号码开头和末尾显示，中间隐藏"),
    ("330106199003071234*", "length", "号码应为18位（或15位旧号），实际为 19 位"),
    ("**************123", "shown_too_few", "只显示了 3 位，至少需要 4 位"),
])
def test_a_masked_number_no_valid_number_fits_says_what_is_wrong_in_both_languages(masked, code, zh):
    error = the_one_error(masked_id_patterns, masked)
    assert (error.code, error.zh) == (code, zh) and error.en


def test_a_masked_number_is_not_checked_where_it_is_hidden():
    """The check digit depends on every character: shown alone it cannot be wrong, and a message saying what it
    should be would tell something of the hidden ones."""
    for last in "0123456789X":
        assert masked_id_patterns("330106********123" + last, today=TODAY)


def test_parsed_number_is_masked_in_repr_and_masked_property():
    number = make("510104", "19921120", "256")
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.masked == mask_id_number(number)
    assert number not in repr(parsed)
    assert parsed.masked in repr(parsed)


# --------------------------------------------------------------------------- repair candidates


def test_repair_finds_the_true_number_from_a_one_digit_typo():
    true = make("330106", "19850317", "041")
    typo = true[:9] + str((int(true[9]) + 3) % 10) + true[10:]
    candidates = repair_candidates(typo, today=TODAY)
    assert true in candidates
    assert typo not in candidates


def test_repair_finds_the_true_number_from_an_adjacent_transposition():
    true = make("440305", "19850317", "041")
    swapped = true[:12] + true[13] + true[12] + true[14:]  # day 17 typed as 71
    assert swapped != true
    assert true in repair_candidates(swapped, today=TODAY)


def test_repair_finds_the_true_number_from_a_wrong_check_digit():
    true = make("110101", "19700101", "011")
    assert true in repair_candidates(with_wrong_check(true), today=TODAY)


def test_repair_never_returns_invalid_numbers():
    rng = random.Random(11643)
    for _ in range(30):
        true = make(rng.choice(["330106", "110101", "440305", "510104"]),
                    f"{rng.randint(1940, 2020)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                    f"{rng.randint(0, 999):03d}")
        i = rng.randrange(17)
        typo = true[:i] + str((int(true[i]) + rng.randint(1, 9)) % 10) + true[i + 1:]
        candidates = repair_candidates(typo, today=TODAY)
        assert true in candidates
        assert len(set(candidates)) == len(candidates)
        for candidate in candidates:
            assert is_valid_id_number(candidate, today=TODAY), candidate


def test_repair_of_a_valid_number_is_empty():
    # MOD 11-2 catches every single substitution and adjacent swap.
    assert repair_candidates(make("330106", "19900101", "123"), today=TODAY) == []


def test_repair_order_is_deterministic():
    typo = with_wrong_check(make("330106", "19850317", "041"))
    assert repair_candidates(typo, today=TODAY) == repair_candidates(typo, today=TODAY)


def test_repair_ignores_input_that_is_not_18_characters():
    assert repair_candidates("33010619900101123", today=TODAY) == []
    assert repair_candidates("110105491231002", today=TODAY) == []
    assert repair_candidates("", today=TODAY) == []


# --------------------------------------------------------------------------- data and purity


def test_region_table_is_loaded_once():
    first = identity._load_regions()
    assert identity._load_regions() is first
    assert len(first) > 6000


def test_no_django_import_in_anju_lib():
    lib = pathlib.Path(identity.__file__).resolve().parent
    for path in lib.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), path
