"""Every level of every comparison, on hand-made pairs, through Splink itself."""
import pytest

from anju.lib.fusion import model
from anju.lib.fusion.link import record
from anju.lib.identity import check_digit

BODY = "33010619900307123"
NUMBER = BODY + check_digit(BODY)


def base(**kw):
    values = dict(id_number=NUMBER, name="张伟", birth="1990-03-07", sex="1", phone="13800000000", meaning="home",
                  code="C1", building="B1", house="H1", org="")
    values.update(kw)
    return record("a", **values)


def other(**kw):
    values = dict(id_number="", name="", birth="", sex="", phone="", meaning="", code="", building="", house="",
                  org="")
    values.update(kw)
    return record("b", **values)


@pytest.fixture(scope="module")
def levels():
    def compare(left, right, comparison):
        return model.explain_pair(left, right)[comparison]
    return compare


@pytest.mark.parametrize("right,label", [
    (NUMBER, "exact"),
    (NUMBER[:6] + NUMBER[8:17], "same after 15 → 18 conversion"),
    (NUMBER[:10] + str((int(NUMBER[10]) + 1) % 10) + NUMBER[11:], "one character different"),
    (NUMBER[:3] + NUMBER[4] + NUMBER[3] + NUMBER[5:], "two characters swapped"),
    ("110101198001011234", "All other comparisons"),
    ("", "null"),
])
def test_id_number_levels(levels, right, label):
    assert levels(base(), other(id_number=right), "id_number") == label


@pytest.mark.parametrize("right,label", [
    ("张伟", "exact"),
    ("張偉", "same after traditional → simplified"),
    ("章玮", "same pinyin (homophone or pinyin spelling)"),
    ("ZHANG WEI", "same pinyin (homophone or pinyin spelling)"),
    ("Wei Zhang", "same pinyin syllables, another order"),
    ("张伟华", "close: one character dropped, or pinyin one letter apart"),
    ("张文", "close: one character dropped, or pinyin one letter apart"),
    ("张丽", "one part the same (surname or given name)"),
    ("李娜", "All other comparisons"),
    ("", "null"),
])
def test_name_levels(levels, right, label):
    assert levels(base(), other(name=right), "name") == label


@pytest.mark.parametrize("right,label", [
    ("1990-03-07", "exact"), ("1990-07-03", "day and month swapped"), ("1990-03-08", "one digit different"),
    ("1985-11-20", "All other comparisons"), ("", "null"),
])
def test_birth_levels(levels, right, label):
    assert levels(base(), other(birth=right), "birth") == label


@pytest.mark.parametrize("right,label", [("1", "same"), ("2", "All other comparisons"), ("", "null")])
def test_sex_levels(levels, right, label):
    assert levels(base(), other(sex=right), "sex") == label


@pytest.mark.parametrize("right,label", [
    ("13800000000", "exact"), ("13800000001", "one digit different"), ("13911112222", "All other comparisons"),
    ("", "null"),
])
def test_phone_levels(levels, right, label):
    assert levels(base(), other(phone=right), "phone") == label


@pytest.mark.parametrize("right,label", [
    (dict(meaning="home", code="C1", building="B1", house="H1"), "same address"),
    (dict(meaning="home", code="C2", building="B1", house="H1"), "same building"),
    (dict(meaning="property", code="C3", building="B3", house="H1"), "same house number"),
    (dict(meaning="home", code="C9", building="B9", house="H9"), "All other comparisons"),
    (dict(meaning="workplace", code="C1", building="B1", house="H1"), "no address of the same meaning"),
])
def test_place_levels_compare_only_addresses_of_the_same_meaning(levels, right, label):
    got = levels(base(), other(**right), "place")
    assert got == ("null" if label.startswith("no address") else label)


@pytest.mark.parametrize("right,label", [("acme", "same organisation"), ("other", "All other comparisons"),
                                         ("", "null")])
def test_workplace_levels(levels, right, label):
    assert levels(base(org="acme"), other(org=right), "org") == label


def test_every_prediction_rule_is_documented():
    assert all(rule.startswith("l.") and why for rule, why in model.PREDICTION_RULES)
