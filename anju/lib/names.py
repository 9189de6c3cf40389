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

_PINYIN_RE = re.compile(r"^[a-zü]+(?:[\s·\-.]?[a-zü]+)*$")


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def clean(name: str) -> str:
    """NFKC, no spaces or middle dots (少数民族 names keep their letters), trimmed."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    return re.sub(r"[\s·•・．.]+", "", text) if not _PINYIN_RE.match(text.lower()) else text.lower()


def simplified(name: str) -> str:
    return _t2s().convert(clean(name))


@functools.lru_cache(maxsize=200_000)
def pinyin_key(name: str) -> str:
    """"zhang wei" for 张伟, 張偉, 章玮 and "Zhang Wei"; tones dropped."""
    text = clean(name)
    if _PINYIN_RE.match(text):
        return " ".join(re.findall(r"[a-zü]+", text.replace("ü", "v")))
    return " ".join(pypinyin.lazy_pinyin(simplified(text), errors="ignore")).replace("ü", "v")


def is_pinyin(name: str) -> bool:
    return bool(_PINYIN_RE.match(clean(name)))


@dataclass(frozen=True)
class NameRelation:
    kind: str  # "same" | "traditional" | "homophone" | "pinyin" | "different"
    zh: str
    en: str


def relate(declared: str, recorded: str) -> NameRelation:
    a, b = clean(declared), clean(recorded)
    if a == b:
        return NameRelation("same", "姓名一致", "names are the same")
    if simplified(a) == simplified(b):
        return NameRelation("traditional", "繁简体不同，可能为同一姓名", "same name in traditional characters")
    if pinyin_key(a) == pinyin_key(b) and pinyin_key(a):
        if is_pinyin(a) or is_pinyin(b):
            return NameRelation("pinyin", "拼音拼写与汉字姓名读音相同", "a pinyin spelling of the same sound")
        return NameRelation("homophone", "同音不同字（仅供参考，不作结论）", "sounds the same, written differently (a hint, not a verdict)")
    return NameRelation("different", "姓名不同", "different names")
