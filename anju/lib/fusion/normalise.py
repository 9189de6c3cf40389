"""The forms that records are compared on: names, ID numbers, dates, sexes, phones, organisations.

Pure Python, no Django. Every function takes what a department wrote and
returns a comparable form, or "" / None when there is nothing usable; none of
them guesses. The raw value is kept beside the normalised one by the caller.

* Names: ``clean`` (NFKC, no spaces or middle dots), ``simplified``
  (traditional → simplified), ``pinyin`` (syllables in written order:
  张伟, 張偉, 章玮, ``ZHANG WEI`` and ``zhangwei`` all give "zhang wei") and
  ``pinyin_sorted`` (the syllables in alphabetical order, so that ``Wei Zhang``
  written surname last meets 张伟). Pinyin written without spaces is split into
  syllables against the table of Mandarin syllables.
* ID numbers: spaces, full-width digits and lower-case x removed; the 15-digit
  legacy form converted to 18 digits; ``status`` says whether the result is a
  valid GB 11643 number (MOD 11-2 check, region, birth date), a converted legacy
  number, or an invalid one (usually one typo away from the real one: MOD 11-2
  catches every single wrong digit and every adjacent swap). Blocking keys find
  numbers one typo apart without comparing every pair.
* Dates: ``YYYY-MM-DD`` and the usual variants (``YYYY/M/D``, ``YYYYMMDD``,
  ``YYYY年M月D日``); times in ISO 8601, local time (Asia/Shanghai) when no zone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from anju.lib import codes
from anju.lib.identity import convert_15_to_18, is_valid_id_number, normalise_id_input
from anju.lib.names import _readings, clean, pinyin_key, simplified

__all__ = [
    "IdForms", "NameForms", "id_forms", "id_block_keys", "name_forms", "pinyin_syllables", "parse_date",
    "parse_datetime", "sex_code", "phone_norm", "org_norm", "LOCAL_TZ",
]

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

# ----------------------------------------------------------------------------- ID numbers

EMPTY, VALID, LEGACY, INVALID, OTHER = "empty", "valid", "legacy", "invalid", "other"


@dataclass(frozen=True, slots=True)
class IdForms:
    number: str   # 18 characters for resident-style numbers (legacy converted); cleaned text otherwise; "" if none
    status: str   # "empty" | "valid" | "legacy" (valid once converted from 15 digits) | "invalid" | "other"

    @property
    def valid(self) -> bool:
        """A number that checks out: it names one person (a typo almost never yields another valid number)."""
        return self.status in (VALID, LEGACY)


@functools.lru_cache(maxsize=400_000)
def id_forms(raw: str | None) -> IdForms:
    s = normalise_id_input(raw or "")
    if not s:
        return IdForms("", EMPTY)
    if len(s) == 15 and s.isascii() and s.isdigit():
        converted = convert_15_to_18(s)
        return IdForms(converted, LEGACY if is_valid_id_number(converted) else INVALID)
    if len(s) == 18 and s.isascii() and s[:17].isdigit() and (s[17].isdigit() or s[17] == "X"):
        return IdForms(s, VALID if is_valid_id_number(s) else INVALID)
    if is_valid_id_number(s):  # 2017 foreigners' permanent residence cards: 3 letters + 12 digits
        return IdForms(s, VALID)
    return IdForms(s[:32], OTHER)


def id_block_keys(number: str) -> tuple[str, str, str, str]:
    """Keys under which numbers one typo apart meet: (each half's characters sorted, and three interleaved keys).

    An adjacent swap keeps the multiset of characters of each half (unless it
    crosses the middle), so the sorted halves agree. One wrong character spoils one of the three interleaved parts
    (positions mod 3), so one of the keys made of the other two parts still
    agrees. Each key keeps birth-date and sequence digits, so blocks stay small.

    The check digit of an 18-character number is left out: it is computed from the other 17, so it carries
    nothing of its own, and a 15-digit number with a typo gets a *new* check digit when converted (a wrong digit
    and a different check digit: two characters apart in 18, one in the 17 that matter).
    """
    if len(number) < 6:
        return "", "", "", ""
    if len(number) == 18:
        number = number[:17]
    a, b, c = number[0::3], number[1::3], number[2::3]
    half = len(number) // 2
    # each half sorted on its own: an adjacent swap stays inside a half (except across the middle), and the
    # whole number sorted would put everyone with the same digits in one block
    return "".join(sorted(number[:half])) + "|" + "".join(sorted(number[half:])), a + b, a + c, b + c


# ----------------------------------------------------------------------------- names

@dataclass(frozen=True, slots=True)
class NameForms:
    clean: str          # NFKC, no spaces or dots; pinyin lower-case with single spaces
    simplified: str     # traditional → simplified (pinyin: as clean)
    pinyin: str         # "zhang wei"
    pinyin_sorted: str  # "wei zhang": the syllables in alphabetical order
    is_pinyin: bool
    parts: tuple[str, ...] = ()  # ("zhang", "wei"): surname and given name in pinyin; words of a Latin name


@functools.cache
def _syllables() -> frozenset[str]:
    table = set(_readings().values())
    table.update({"lv", "nv", "lve", "nve", "lu", "nu"})  # ü written v (lv = lü) as keyboards do
    return frozenset(s.replace("ü", "v") for s in table)


@functools.lru_cache(maxsize=100_000)
def pinyin_syllables(word: str) -> tuple[str, ...]:
    """"zhangwei" → ("zhang", "wei"): the split into the fewest Mandarin syllables; (word,) if none exists."""
    word = word.lower().replace("ü", "v")
    table = _syllables()
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(min(n, i + 6), i, -1):  # the longest syllable has 6 letters (zhuang)
            piece = word[i:j]
            if piece in table and (best[j] is None or len(best[j]) > len(best[i]) + 1):
                best[j] = best[i] + (piece,)
    return best[n] if best[n] is not None else (word,)


_LATIN = re.compile(r"[a-zü]+")


# Two-character surnames (复姓); any other name has a one-character surname.
COMPOUND_SURNAMES = frozenset((
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 夏侯 轩辕 端木 独孤 南宫 西门 司徒 申屠 太史 澹台 "
    "闻人 万俟 呼延 钟离 宗政 濮阳 淳于 单于 仲孙 赫连 拓跋 百里 东郭 公冶 谷梁 巫马 公西 左丘 第五 梁丘 羊舌").split())
_DOTS = re.compile(r"[·•・.．]")


@functools.lru_cache(maxsize=300_000)
def name_forms(raw: str | None) -> NameForms:
    text = clean(raw or "")
    if not text:
        return NameForms("", "", "", "", False)
    if _LATIN.fullmatch(text.replace(" ", "").replace("-", "").replace("'", "")):
        words = _LATIN.findall(text)
        syllables = [s for word in words for s in pinyin_syllables(word)]
        joined = " ".join(syllables)
        return NameForms(" ".join(words), " ".join(words), joined, " ".join(sorted(syllables)), True, tuple(words))
    simple = simplified(text)
    key = pinyin_key(simple)
    syllables = key.split()
    dotted = [w for w in _DOTS.split(unicodedata.normalize("NFKC", raw or "").strip()) if w.strip()]
    if len(dotted) > 1:  # 买买提·艾力: given name and father's name
        parts = tuple(pinyin_key(w).replace(" ", "") for w in dotted)
    else:
        n = 2 if len(simple) >= 3 and simple[:2] in COMPOUND_SURNAMES else 1
        if len(syllables) == len(simple):  # one syllable per character: split the key, no second look-up
            parts = tuple(p for p in ("".join(syllables[:n]), "".join(syllables[n:])) if p)
        else:
            parts = tuple(p for p in (pinyin_key(simple[:n]).replace(" ", ""),
                                      pinyin_key(simple[n:]).replace(" ", "")) if p)
    return NameForms(text, simple, key, " ".join(sorted(syllables)), False, parts)


# ----------------------------------------------------------------------------- dates

_DATE_PARTS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
# A date as parse_date reads it, then the time of day: 8:00, 08:00:00.5, 8时30分; after a space, a T, or 日
_DATETIME_PARTS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*(?:日\s*|T\s*|\s+)"
                             r"(\d{1,2})\s*[:时]\s*(\d{1,2})\s*分?(?:\s*:?\s*(\d{1,2})(?:[.,](\d{1,6}))?\s*秒?)?$")


def parse_date(raw: str | None) -> dt.date | None:
    """A date as departments write it; None for an empty cell; ValueError for a cell that is not a date."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None
    if "T" in text or (" " in text and ":" in text) or _DATETIME_PARTS.match(text) or (
            len(text) == 14 and text.isdigit()):
        return parse_datetime(text).date()  # a time: its day where it was written
    m = _DATE_PARTS.match(text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        pass
    raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD)")


def parse_datetime(raw: str | None, tz: dt.tzinfo = LOCAL_TZ) -> dt.datetime | None:
    """ISO 8601; local time ``tz`` when the text carries no zone; a bare date is midnight. None when empty.

    Also as Chinese systems write times: the date as ``parse_date`` reads it and a time whose hour may have one digit
    (``2026/10/31 8:00:00``, ``2026年10月31日8时30分``), or 14 digits (``20261031080000``)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("/", "-"))
    except ValueError:
        m = _DATETIME_PARTS.match(text)
        digits = len(text) == 14 and text.isascii() and text.isdigit()
        try:
            if m:
                value = dt.datetime(*(int(m[i]) for i in range(1, 6)), int(m[6] or 0),
                                    int((m[7] or "0").ljust(6, "0")))
            elif digits:
                value = dt.datetime(*(int(text[a:a + n]) for a, n in ((0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2))))
            elif "T" in text or ":" in text:
                raise ValueError
            else:  # a date alone: midnight
                day = parse_date(text)
                value = dt.datetime(day.year, day.month, day.day)
        except ValueError:
            raise ValueError(f"{raw!r} is not a time (ISO 8601)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


# ----------------------------------------------------------------------------- other fields

def sex_code(raw: str | None) -> str:
    """"1" (male) or "2" (female) from 男/女, GB/T 2261.1 codes or M/F; "" when unknown or not stated."""
    code = codes.SEX.code_for(raw) if raw else None
    return {"1": "1", "2": "2", "5": "1", "6": "2"}.get(code or "", "")


_NON_DIGIT = re.compile(r"\D+")


def phone_norm(raw: str | None) -> str:
    """Digits only, the +86 / 0086 country prefix dropped; "" when fewer than 7 digits are left."""
    digits = _NON_DIGIT.sub("", unicodedata.normalize("NFKC", raw or ""))
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    return digits if len(digits) >= 7 else ""


_ORG_NOISE = re.compile(r"[\s()（）【】\[\]·,，.。-]+")


@functools.lru_cache(maxsize=50_000)
def org_norm(raw: str | None) -> str:
    """An organisation's name for comparison: NFKC, simplified, no spaces or brackets."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return ""
    return _ORG_NOISE.sub("", simplified(text)).lower()
