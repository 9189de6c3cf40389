import pytest

from anju.lib.names import clean, is_pinyin, pinyin_key, relate, simplified, spelling, tidy
from anju.lib.text import halfwidth


@pytest.mark.parametrize("name", ["张伟", "張偉", "章玮", "Zhang Wei", "zhang wei", " 张 伟 "])
def test_names_that_sound_like_zhang_wei_share_a_key(name):
    assert pinyin_key(name) == "zhang wei"


def test_traditional_characters_are_simplified():
    assert simplified("陳國華") == "陈国华"


def test_minority_names_lose_the_middle_dot_only():
    assert clean("买买提·艾力") == "买买提艾力"


@pytest.mark.parametrize("dot", ["·", "•", "‧", "∙", "・", "･", "．", "."])
def test_a_name_typed_with_any_dot_compares_as_the_same_name_raw_or_tidied(dot):
    """Whatever dot a keyboard typed, the raw name and the name as it is kept (``tidy``) are one name to ``relate``,
    so a raw name compared before it is tidied is not read as another name."""
    raw = f"阿依古丽{dot}买买提"
    assert clean(raw) == clean(tidy(raw)) == "阿依古丽买买提"
    assert relate(raw, "阿依古丽·买买提").kind == "same" and relate("阿依古丽·买买提", raw).kind == "same"


@pytest.mark.parametrize("written, kept", [
    ("王\u3000明", "王明"),  # a two-character name padded to line up with three-character ones
    (" 欧阳 小明 ", "欧阳小明"),
    ("阿依古丽•买买提", "阿依古丽·买买提"), ("阿依古丽．买买提", "阿依古丽·买买提"), ("阿依古丽・买买提", "阿依古丽·买买提"),
    ("阿依古丽 . 买买提", "阿依古丽·买买提"), ("阿依古丽·买买提", "阿依古丽·买买提"),
    ("Zhang  Wei", "Zhang Wei"), ("ＺＨＡＮＧ\u3000ＷＥＩ", "ZHANG WEI"), ("J. Smith", "J. Smith"), ("", ""),
])
def test_a_name_is_kept_without_padding_and_with_one_middle_dot(written, kept):
    assert tidy(written) == kept


def test_full_width_digits_and_letters_become_ascii_and_nothing_else_changes():
    assert halfwidth("古翠路２１号Ａ座ｂ（东）１０１室，") == "古翠路21号A座b（东）101室，"


@pytest.mark.parametrize("a, b, kind", [
    ("张伟", "张伟", "same"), ("張偉", "张伟", "traditional"), ("章玮", "张伟", "homophone"),
    ("Zhang Wei", "张伟", "pinyin"), ("李娜", "张伟", "different"), ("张伟", "张伟伟", "different"),
    # written otherwise: padded, another middle dot, a pinyin spelling with its syllables run together
    ("王\u3000明", "王明", "same"), ("阿依古丽•买买提", "阿依古丽·买买提", "same"),
    ("阿依古丽·买买提", "Ayiguli Maimaiti", "pinyin"), ("Zhangwei", "张伟", "pinyin"), ("ZHANGWEI", "Zhang Wei", "pinyin"),
    ("Ayiguli Maimaiti", "阿依古丽·买买提·艾力", "different"), ("汪明", "王明", "homophone"), ("Li Ming", "王明", "different"),
])
def test_how_two_names_relate(a, b, kind):
    relation = relate(a, b)
    assert relation.kind == kind and relation.zh and relation.en


def test_surnames_take_their_surname_reading():
    assert pinyin_key("曾伟") == pinyin_key("Zeng Wei") == "zeng wei"
    assert pinyin_key("单田芳") == "shan tian fang"


def test_characters_outside_gb2312_still_get_a_key():
    assert pinyin_key("张喆") == "zhang zhe"


@pytest.mark.parametrize("name", ["ZHANGWEI", "zhangwei", "Zhang-Wei", "Zhang Wei", "ZHANG  WEI", "Zhang - Wei"])
def test_a_pinyin_spelling_has_the_same_letters_however_it_is_spaced_or_cased(name):
    assert spelling(name) == "zhangwei" and is_pinyin(name)
    assert spelling("张伟") == "" and spelling("Lü Bu") == "lvbu"


def test_a_long_run_of_letters_that_is_not_a_name_is_refused_at_once():
    """The pattern of a spelt name could split a run of letters in exponentially many ways: 26 letters and a digit
    took over ten seconds."""
    import time

    start = time.perf_counter()
    assert not is_pinyin("a" * 40 + "1") and clean("b" * 40 + "1") == "b" * 40 + "1"
    assert time.perf_counter() - start < 1
