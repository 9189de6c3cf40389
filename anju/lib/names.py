"""Chinese personal names: simplified form, pinyin key, and how two names relate.

Used for identity checks (人证不一 hints), watchlist matching and data fusion.
A homophone or a traditional form is a hint, never a verdict: 张伟 and 章玮
share the key "zhang wei" and are usually two different people.
"""
import functools
import re
import unicodedata
from dataclasses import dataclass

import opencc
import pypinyin

from anju.lib.text import halfwidth

# A name spelt in letters: syllables run together or apart by spaces, hyphens or dots, as many as typed. A separator
# is required between the runs: "[a-z]+(?:[sep]?[a-z]+)*" could split a run of letters in exponentially many ways, and
# a 24-letter name followed by a digit took seconds to refuse.
_PINYIN_RE = re.compile(r"^[a-zü]+(?:[\s·\-.]+[a-zü]+)*$")
_TABLE = __import__("pathlib").Path(__file__).parent / "data" / "address_pinyin.tsv"

# Characters read differently as a surname than in ordinary words (单 is Shan, 曾 is Zeng as a family name).
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
                    "盖": "ge", "乐": "yue", "缪": "miao", "尉": "yu", "覃": "qin", "翟": "zhai", "种": "chong",
                    "员": "yun", "繁": "po", "宓": "mi", "秘": "bi", "句": "gou", "召": "shao", "折": "she",
                    "长": "chang", "重": "chong", "朝": "chao", "万": "wan", "阚": "kan", "隗": "wei", "黑": "he"}


@functools.cache
def _readings() -> dict[str, str]:
    """Most common toneless reading of each GB 2312 character (shipped table, made from pypinyin)."""
    table = {}
    with open(_TABLE, encoding="utf-8") as fh:
        for line in fh:
            if line and not line.startswith("#"):
                char, _, readings = line.rstrip("\n").partition("\t")
                table[char] = readings.split(" ", 1)[0]
    return table


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# The dots typed between the parts of a minority name: the middle dot ·, •, ‧, ∙, ・ (and its half-width form), ．, .
# ``tidy`` writes each as the middle dot and ``clean`` drops each, so a name typed with any of them compares, raw or
# tidied, as the same name.
NAME_DOTS = "·•‧∙・･．."
_CLEAN_DROP = re.compile(rf"[\s{NAME_DOTS}]+")


def clean(name: str) -> str:
    """NFKC, no spaces or middle dots (any of ``NAME_DOTS``; 少数民族 names keep their letters), trimmed."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    return _CLEAN_DROP.sub("", text) if not _PINYIN_RE.match(text.lower()) else text.lower()


# A Chinese character (the basic block, extension A, compatibility ideographs, the supplementary planes' extensions)
_HANZI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# The middle dot between the parts of a minority name, as keyboards type it (NAME_DOTS), with the spaces around it
_NAME_DOT = re.compile(rf"\s*[{NAME_DOTS}]\s*")


def tidy(name: str) -> str:
    """A name as it is kept and shown. A Chinese name loses the spaces lists pad it with (王　明 beside 欧阳小明) and
    writes the dot between its parts as the middle dot (阿依古丽•买买提, 阿依古丽．买买提 → 阿依古丽·买买提); any other
    name keeps single spaces. Full-width letters become ASCII; letters keep their case. Unlike ``clean``, this is
    the written name, not a key to compare."""
    text = halfwidth((name or "").strip())
    if _HANZI.search(text):
        return _NAME_DOT.sub("·", "".join(text.split())).strip("·")
    return " ".join(text.split())


def simplified(name: str) -> str:
    return _t2s().convert(clean(name))


@functools.lru_cache(maxsize=200_000)
def pinyin_key(name: str) -> str:
    """"zhang wei" for 张伟, 張偉, 章玮 and "Zhang Wei"; tones dropped."""
    text = clean(name)
    if _PINYIN_RE.match(text):
        return " ".join(re.findall(r"[a-zü]+", text.replace("ü", "v")))
    table, parts = _readings(), []
    for i, char in enumerate(simplified(text)):
        reading = (SURNAME_READINGS.get(char) if i == 0 else None) or table.get(char)
        if reading is None:  # outside GB 2312: ask pypinyin
            reading = "".join(pypinyin.lazy_pinyin(char, errors="ignore"))
        if reading:
            parts.append(reading)
    return " ".join(parts).replace("ü", "v")


def is_pinyin(name: str) -> bool:
    return bool(_PINYIN_RE.match(clean(name)))


def spelling(name: str) -> str:
    """The letters of a name spelt in pinyin, lower case, without the spaces, hyphens or dots between its syllables
    ("zhangsan" for ZHANGSAN, Zhang-San and Zhang San; ü as v, as keys write it), for comparing spellings however they are run together; ""
    for a name written otherwise."""
    text = clean(name)
    return re.sub(r"[^a-zü]", "", text).replace("ü", "v") if _PINYIN_RE.match(text) else ""


@dataclass(frozen=True)
class NameRelation:
    kind: str  # "same" | "traditional" | "homophone" | "pinyin" | "different"
    zh: str
    en: str


def relate(declared: str, recorded: str) -> NameRelation:
    """How two names relate, from the closest: "same" (also padded, full-width or with another middle dot: 王　明,
    阿依古丽•买买提), "traditional" (the same characters, one side in traditional form: 陳明), "pinyin" (one side
    spelt in pinyin with the other's sound, syllables run together or not: Ayiguli Maimaiti for 阿依古丽·买买提),
    "homophone" (other characters of the same sound: 汪明 for 王明) or "different"."""
    a, b = clean(declared), clean(recorded)
    if a == b:
        return NameRelation("same", "姓名一致", "names are the same")
    if simplified(a) == simplified(b):
        return NameRelation("traditional", "繁简体写法不同，转为简体后一致",
                            "traditional and simplified forms of the same name")
    key_a, key_b = pinyin_key(a), pinyin_key(b)
    if is_pinyin(a) or is_pinyin(b):
        # a spelling runs a name's syllables together as it likes (Ayiguli, Zhangwei): compare the letters alone
        if key_a and key_a.replace(" ", "") == key_b.replace(" ", ""):
            return NameRelation("pinyin", "拼音拼写与汉字姓名读音相同", "a pinyin spelling of the same sound")
    elif key_a and key_a == key_b:
        return NameRelation("homophone", "同音不同字（仅供参考，不作结论）", "sounds the same, written differently (a hint, not a verdict)")
    return NameRelation("different", "姓名不同", "different names")
