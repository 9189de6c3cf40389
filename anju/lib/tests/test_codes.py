"""Tests for anju.lib.codes."""

from __future__ import annotations

import pytest

from anju.lib.codes import (
    EDUCATION,
    ETHNICITY,
    MARITAL_STATUS,
    POLITICAL_STATUS,
    PROTECTED_ATTRIBUTES,
    RELATIONSHIP,
    SEX,
    TABLES,
    CodeTable,
    registration_status,
    stated_sex,
)


def test_ethnicity_has_56_groups_in_standard_order_plus_two():
    assert len(ETHNICITY) == 58
    assert ETHNICITY.codes[:56] == tuple(f"{i:02d}" for i in range(1, 57))
    assert ETHNICITY.codes[56:] == ("97", "98")
    assert ETHNICITY.label("01") == "汉族"
    assert ETHNICITY.label("56") == "基诺族"
    assert ETHNICITY.label("98") == "外国血统中国籍人士"
    assert ETHNICITY.label("05", "en") == "Uygur"


@pytest.mark.parametrize("text", ["01", "1", "汉", "汉族", "Han", "han", "HAN", " 汉族 "])
def test_ethnicity_code_for_han(text):
    assert ETHNICITY.code_for(text) == "01"


@pytest.mark.parametrize(
    "text, code",
    [("蒙古", "02"), ("蒙古族", "02"), ("mongol", "02"), ("Mongolian", "02"), ("Tibetan", "04"),
     ("维吾尔", "05"), ("Uyghur", "05"), ("朝鲜族", "10"), ("Korean", "10"), ("满", "11"),
     ("德昂族", "46"), ("崩龙族", "46"), ("Jino", "56"), ("其他未识别民族", "97")],
)
def test_ethnicity_code_for_names_and_common_spellings(text, code):
    assert ETHNICITY.code_for(text) == code


@pytest.mark.parametrize("text", ["", "  ", None, "火星族", "57", "Klingon"])
def test_code_for_unknown_text_is_none(text):
    assert ETHNICITY.code_for(text) is None


@pytest.mark.parametrize(
    "text, code",
    [("1", "1"), ("2", "2"), ("M", "1"), ("m", "1"), ("F", "2"), ("f", "2"), ("男", "1"), ("女", "2"),
     ("male", "1"), ("Female", "2"), ("男性", "1"), ("女性", "2"), ("0", "0"), ("9", "9"),
     ("女性改(变)为男性", "5"), ("男性改（变）为女性", "6"), ("Ｍ", "1")],
)
def test_sex_code_for(text, code):
    assert SEX.code_for(text) == code


@pytest.mark.parametrize("text, code", [("男", "1"), ("F", "2"), ("female", "2"), ("5", "5"), ("未知", ""), ("0", ""),
                                        ("9", ""), ("未说明的性别", ""), ("", ""), (None, ""), ("x", "")])
def test_a_sex_cell_that_states_no_sex_reads_as_none(text, code):
    """0 (not known) and 9 (not stated) are codes, but no sex: stored, they read as a sex differing from the ID
    number's and from every record's."""
    assert stated_sex(text) == code


@pytest.mark.parametrize("text, status", [("active", "active"), ("ACTIVE", "active"), ("有效", "active"),
                                          ("正常", "active"), ("Cancelled", "cancelled"), ("canceled", "cancelled"),
                                          ("注销", "cancelled"), (" 已注销 ", "cancelled"), ("moving", None), ("", None)])
def test_a_registration_status_as_departments_write_it(text, status):
    assert registration_status(text) == status


def test_sex_table_is_gbt_2261_1():
    assert SEX.codes == ("0", "1", "2", "5", "6", "9")
    assert SEX.choices() == [
        ("0", "未知的性别"), ("1", "男"), ("2", "女"),
        ("5", "女性改（变）为男性"), ("6", "男性改（变）为女性"), ("9", "未说明的性别"),
    ]
    assert SEX.choices("en")[1] == ("1", "Male")


def test_choices_labels_and_contains():
    assert MARITAL_STATUS.choices()[0] == ("10", "未婚")
    assert MARITAL_STATUS.label("40") == "离婚"
    assert MARITAL_STATUS.label("40", lang="en") == "Divorced"
    assert MARITAL_STATUS.label("77") is None
    assert MARITAL_STATUS.label("77", default="?") == "?"
    assert "21" in MARITAL_STATUS and "25" not in MARITAL_STATUS
    assert list(MARITAL_STATUS) == ["10", "20", "21", "22", "23", "30", "40", "90"]


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        SEX.choices("fr")
    with pytest.raises(ValueError):
        SEX.label("1", "de")


def test_education_is_the_full_gbt_4658_2006_list():
    assert EDUCATION.codes == (
        "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
        "20", "21", "22", "23", "28",
        "30", "31", "32", "33",
        "40", "41", "42", "43", "44", "45", "46", "47", "48", "49",
        "60", "61", "62", "63",
        "70", "71", "73",
        "80", "81", "83",
        "90",
    )
    assert EDUCATION.label("11") == "博士研究生毕业"
    assert EDUCATION.code_for("大学本科毕业") == "21"
    assert EDUCATION.code_for("other") == "90"


def test_political_status_runs_from_party_member_to_ordinary_citizen():
    assert POLITICAL_STATUS.codes == tuple(f"{i:02d}" for i in range(1, 14))
    assert POLITICAL_STATUS.label("01") == "中国共产党党员"
    assert POLITICAL_STATUS.label("13") == "群众"
    assert POLITICAL_STATUS.code_for("团员") == "03"


def test_relationship_is_the_gbt_4761_2008_list():
    assert len(RELATIONSHIP) == 84
    assert RELATIONSHIP.label("01") == "本人"
    assert RELATIONSHIP.label("02") == "户主"
    assert RELATIONSHIP.label("10") == "配偶"
    assert RELATIONSHIP.label("20") == "子"
    assert RELATIONSHIP.label("99") == "非亲属"
    assert RELATIONSHIP.code_for("wife") == "12"
    assert RELATIONSHIP.code_for("外孙女") == "44"
    assert "98" not in RELATIONSHIP


def test_every_table_has_unique_codes_of_one_width_and_two_names():
    for name, table in TABLES.items():
        assert table.name == name
        assert table.standard.startswith("GB")
        assert len(set(table.codes)) == len(table)
        assert len({len(code) for code in table.codes}) == 1
        for code, zh, en in table.entries:
            assert code.isdigit() and zh and en
            assert table.code_for(code) == code
            assert table.code_for(zh) == code
            assert table.code_for(en.upper()) == code


def test_tables_registry_names_all_tables():
    assert set(TABLES) == {"sex", "ethnicity", "education", "marital_status", "political_status", "relationship"}


def test_ambiguous_alias_is_refused_when_the_table_is_built():
    with pytest.raises(ValueError):
        CodeTable("t", "GB 0", (("1", "甲", "A"), ("2", "乙", "B")), aliases=(("a", "2"),))
    with pytest.raises(ValueError):
        CodeTable("t", "GB 0", (("1", "甲", "A"),), aliases=(("x", "9"),))


def test_protected_attributes():
    assert PROTECTED_ATTRIBUTES == frozenset(
        {"ethnicity", "religion", "political_status", "origin_province", "hukou_province", "hukou_address", "region_code"}
    )
