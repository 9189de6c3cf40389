"""Chinese citizen ID numbers (GB 11643-1999) and the numbers built like them.

Pure Python, no Django: batch jobs validate millions of numbers with it.

Recognised numbers (``IdNumber.kind``):

* ``resident``: 居民身份证, 18 characters (6-digit GB/T 2260 region, YYYYMMDD
  birth date, 3-digit sequence whose parity gives the sex, MOD 11-2 check
  digit), or the 15-digit legacy form (YYMMDD, no check digit), which is
  converted to 18 by inserting "19" and appending the check digit.
* ``hmt_permit``: 港澳台居民居住证, same layout with region 810000/820000/830000.
* ``foreign_permanent``: 外国人永久居留身份证.
  2023 edition (issued since 2023-12-01): 18 digits, "9" + 2-digit province
  code of the issuing place (受理地) + 3-digit nationality code (ISO 3166-1
  numeric, as in GB/T 2659) + YYYYMMDD + 3-digit sequence + MOD 11-2 check.
  The leading "9", the 18-digit length, the numeric nationality code and the
  MOD 11-2 check are from the National Immigration Administration's published
  reading rules; the exact field positions and "sequence parity = sex" match
  them and public test-data generators but were not checked against the
  standard text itself.
  2017 edition: 15 characters, 3 letters (ISO 3166-1 alpha-3 nationality) +
  12 digits. We read the digits as 4-digit issuing province+city code, YYMMDD
  birth date, 1 sequence digit, 1 check digit. That layout comes from
  third-party material only, so only the format, the province prefix and the
  month/day are checked; the check digit is not verified, and the birth date
  (century unknown) and sex are not derived.

Messages name parts of the number (region code, birth date); do not log them
next to the full number.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from anju.lib.bilingual import bilingual

__all__ = [
    "IdError",
    "InvalidIdNumber",
    "IdNumber",
    "parse_id_number",
    "id_number_errors",
    "is_valid_id_number",
    "check_digit",
    "convert_15_to_18",
    "id_number_starts",
    "mask_id_number",
    "masked_id_patterns",
    "normalise_id_input",
    "repair_candidates",
    "region_name",
    "region_exists",
    "region_history",
]

RESIDENT = "resident"
HMT_PERMIT = "hmt_permit"
FOREIGN_PERMANENT = "foreign_permanent"

# Region codes of 港澳台居民居住证. 830000 is not a GB/T 2260 code (Taiwan is
# 710000 there); the permits use it anyway.
HMT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}

EARLIEST_BIRTH = datetime.date(1900, 1, 1)
_DATA_FILE = Path(__file__).resolve().parent / "data" / "gbt2260.tsv"
_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
_DIGITS = frozenset("0123456789")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, slots=True)
class IdError:
    """One specific problem with a number: a stable code and messages in both languages. ``str()`` gives both,
    "中文 (English)", or only the reader's language inside a web request (lib.bilingual)."""

    code: str
    zh: str
    en: str

    def __str__(self) -> str:
        return bilingual(self.zh, self.en, f"{self.zh} ({self.en})")


class InvalidIdNumber(ValueError):
    """Raised by parse_id_number; ``errors`` holds every problem found, not only the first. ``str()`` lists them
    all, in both languages or in the reader's (lib.bilingual)."""

    def __init__(self, errors: list[IdError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.zh} ({e.en})" for e in self.errors))

    def __str__(self) -> str:
        return bilingual("；".join(e.zh for e in self.errors), "; ".join(e.en for e in self.errors),
                         "; ".join(f"{e.zh} ({e.en})" for e in self.errors))

    def without_hints(self) -> "InvalidIdNumber":
        """The same problems as told to someone who must not be shown what to type: a wrong check digit says only
        that it is wrong, not which one it should be (that would invite a number that is valid but still not theirs).
        Who is told what is decided in one place, anju.core.identity."""
        return InvalidIdNumber([_e_check_unhinted() if e.code == "check_digit" else e for e in self.errors])


def _e_empty() -> IdError:
    return IdError("empty", "号码为空", "the number is empty")


def _e_length(n: int) -> IdError:
    return IdError(
        "length",
        f"号码应为18位（或15位旧号），实际为 {n} 位",
        f"the number should have 18 characters (or 15 for an old number), got {n}",
    )


def _e_chars(s: str, allowed) -> IdError:
    """allowed(i, ch) -> bool; lists every offending character with its 1-based position."""
    bad = [(i + 1, ch) for i, ch in enumerate(s) if not allowed(i, ch)]
    zh_list = "、".join(f"第 {pos} 位“{ch}”" for pos, ch in bad)
    en_list = ", ".join(f"{ch!r} at position {pos}" for pos, ch in bad)
    return IdError(
        "chars",
        f"{zh_list}不是有效字符：只能是数字，第18位可以是 X",
        f"invalid character {en_list}: only digits are allowed, and X as the 18th character",
    )


def _e_chars_2017(s: str) -> IdError:
    bad = [(i + 1, ch) for i, ch in enumerate(s) if not (ch.isalpha() if i < 3 else ch in _DIGITS)]
    zh_list = "、".join(f"第 {pos} 位“{ch}”" for pos, ch in bad)
    en_list = ", ".join(f"{ch!r} at position {pos}" for pos, ch in bad)
    return IdError(
        "chars",
        f"{zh_list}不是有效字符：外国人永久居留身份证（2017版）应为3个字母加12位数字",
        f"invalid character {en_list}: a 2017 foreign permanent residence number is 3 letters and 12 digits",
    )


def _e_province(prefix: str, region: str | None) -> IdError:
    if region is None:  # foreign permanent residence card: issuing province
        return IdError(
            "province",
            f"受理地省级代码 {prefix} 不存在（GB/T 2260）",
            f"issuing province code {prefix} does not exist (GB/T 2260)",
        )
    return IdError(
        "province",
        f"省级代码 {prefix} 不存在，地区码 {region} 无效（GB/T 2260）",
        f"province code {prefix} does not exist, so region code {region} is invalid (GB/T 2260)",
    )


def _e_region(region: str) -> IdError:
    return IdError(
        "region",
        f"地区码 {region} 不存在（GB/T 2260）",
        f"region code {region} does not exist (GB/T 2260)",
    )


def _e_birth_date(text: str) -> IdError:
    return IdError(
        "birth_date",
        f"出生日期 {text} 不是有效日期",
        f"birth date {text} is not a valid date",
    )


def _e_future(text: str, today: datetime.date) -> IdError:
    return IdError(
        "future_birth",
        f"出生日期 {text} 晚于今天（{today.isoformat()}）",
        f"birth date {text} is in the future (today is {today.isoformat()})",
    )


def _e_before_1900(text: str) -> IdError:
    return IdError(
        "before_1900",
        f"出生日期 {text} 早于 1900-01-01",
        f"birth date {text} is before 1900-01-01",
    )


def _e_check(expected: str) -> IdError:
    return IdError(
        "check_digit",
        f"校验码错误，应为 {expected}",
        f"wrong check digit, should be {expected}",
    )


def _e_check_unhinted() -> IdError:
    return IdError(
        "check_digit",
        "校验码错误，请核对号码",
        "wrong check digit: please check the number",
    )


def _e_stars_apart() -> IdError:
    return IdError(
        "stars_apart",
        "隐藏的位（*）应连在一处：号码开头和末尾显示，中间隐藏",
        "the hidden characters (*) should be together: the start and the end of the number shown, the middle hidden",
    )


def _e_shown_too_few(shown: int) -> IdError:
    return IdError(
        "shown_too_few",
        f"只显示了 {shown} 位，至少需要 4 位",
        f"only {shown} characters are shown, at least 4 are needed",
    )


def _e_nationality(code: str) -> IdError:
    return IdError(
        "nationality",
        f"国籍代码 {code} 无效",
        f"nationality code {code} is not valid",
    )


# --------------------------------------------------------------------------- the number


@dataclass(frozen=True)
class IdNumber:
    """A parsed, valid number. ``repr`` masks it, so logging the object does not leak it."""

    number: str  # normalised: 18 characters, upper-case X (15 for a 2017 foreign card)
    kind: str  # "resident" | "hmt_permit" | "foreign_permanent"
    region_code: str  # GB/T 2260 code of a resident number ("" for foreign cards)
    region_name: str  # "浙江省杭州市西湖区", "香港", or "" when unknown
    birth_date: datetime.date | None
    sex: str  # GB/T 2261.1: "1" male, "2" female, "0" unknown (2017 foreign cards)
    converted_from_15: bool = False
    issuing_region_code: str = ""  # foreign cards: 受理地, "430000" (2023) or "3101" + "00" (2017)
    nationality: str = ""  # foreign cards: ISO 3166-1 numeric (2023) or alpha-3 (2017)

    @property
    def masked(self) -> str:
        return mask_id_number(self.number)

    def __repr__(self) -> str:
        return f"IdNumber({self.masked!r}, kind={self.kind!r})"


_new = object.__new__
_set = object.__setattr__


def _make_id_number(number, kind, region_code, region_name, birth_date, sex, converted_from_15,
                    issuing_region_code="", nationality="") -> IdNumber:
    """IdNumber without the frozen-dataclass __init__ (one object.__setattr__ per field, ~1.5 µs):
    filling __dict__ at once is ~3x faster and gives an identical, equal object."""
    obj = _new(IdNumber)
    _set(obj, "__dict__", {
        "number": number, "kind": kind, "region_code": region_code, "region_name": region_name,
        "birth_date": birth_date, "sex": sex, "converted_from_15": converted_from_15,
        "issuing_region_code": issuing_region_code, "nationality": nationality,
    })
    return obj


# --------------------------------------------------------------------------- region table


_LATEST: dict[str, str] | None = None  # code -> full name, latest validity period
_HISTORY: dict[str, tuple[tuple[str, int | None, int | None], ...]] = {}
_PROVINCES: dict[str, str] = {}  # 2-digit prefix -> province name


def _load_regions() -> dict[str, str]:
    """Read data/gbt2260.tsv once; later calls reuse the module-level cache."""
    global _LATEST
    if _LATEST is not None:
        return _LATEST
    history: dict[str, list[tuple[str, int | None, int | None]]] = {}
    provinces: dict[str, str] = {}
    with _DATA_FILE.open(encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            code, name, province, _city, _county, first, last = line.rstrip("\n").split("\t")
            history.setdefault(code, []).append(
                (name, int(first) if first else None, int(last) if last else None)
            )
            provinces.setdefault(code[:2], province)
    latest = {}
    for code, rows in history.items():
        # an open-ended period is the current name; else the one that ended last
        current = max(rows, key=lambda r: 9999 if r[2] is None else r[2])
        latest[code] = current[0]
    _HISTORY.update({code: tuple(rows) for code, rows in history.items()})
    _PROVINCES.update(provinces)
    _LATEST = latest
    return latest


def region_exists(code: str) -> bool:
    """True if ``code`` is in GB/T 2260 at some time, including abolished codes."""
    return code in (_LATEST if _LATEST is not None else _load_regions())


def region_name(code: str, *, year: int | None = None) -> str | None:
    """Full name ("浙江省杭州市西湖区") of a region code; the current name, or the one used in ``year``.

    None for an unknown code. 830000 (Taiwan residence permits, not a GB/T 2260
    code) gives "台湾".
    """
    latest = _LATEST if _LATEST is not None else _load_regions()
    name = latest.get(code)
    if name is None:
        return HMT_REGIONS.get(code) if code == "830000" else None
    if year is not None:
        for rname, first, last in _HISTORY[code]:
            if (first is None or first <= year) and (last is None or year <= last):
                return rname
    return name


def region_history(code: str) -> list[tuple[str, int | None, int | None]]:
    """Every (full name, first_year, last_year) a code had; years are None when open-ended."""
    _load_regions()
    return list(_HISTORY.get(code, ()))


def _province_exists(prefix: str) -> bool:
    _load_regions()
    return prefix in _PROVINCES


# --------------------------------------------------------------------------- helpers


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits ("0"-"9" or "X")."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("check_digit needs exactly 17 ASCII digits")
    # The weight of position i (0-based) is 2**(17-i) mod 11, and 13 ≡ 2 (mod 11),
    # so 2 * (the digits read in base 13) ≡ the weighted sum (mod 11). int() does
    # that in C, several times faster than a Python loop over the weights.
    return _CHECK_CHARS[(2 * int(first17, 13)) % 11]


def convert_15_to_18(number15: str) -> str:
    """Legacy 15-digit number -> 18: insert the century "19" after the region, append the check digit."""
    s = normalise_id_input(number15)
    if len(s) != 15 or not (s.isascii() and s.isdigit()):
        raise ValueError("convert_15_to_18 needs a 15-digit number")
    body = _widen_15(s)
    return body + check_digit(body)


def _widen_15(digits: str) -> str:
    """The first characters of a legacy number as the 18-character form's: the century "19" after the region."""
    return digits[:6] + "19" + digits[6:]


def id_number_starts(text: str, *, today: datetime.date | None = None) -> list[str]:
    """The starts of 18-character numbers that ``text``, the first 12 to 17 characters of a number, can stand for.

    * 14-17 characters: region code, YYYYMMDD birth date and up to 3 more characters of an 18-character number,
      as they are.
    * 12-15 digits: region code, YYMMDD birth date and up to 3 more digits of a legacy 15-digit number, widened as
      convert_15_to_18 widens a whole one ("330106900307" -> "33010619900307"). 15 digits are a whole legacy
      number, read only when it is valid, and converted whole.

    14 and 15 characters can be either, and every reading whose birth date is a real date from 1900 to today is
    returned (the 18-character one first). When there is none, raises InvalidIdNumber saying what is wrong: for
    15 digits, with the whole legacy number; otherwise with the birth date of the reading the text looks meant
    as (18 characters when the date starts 19 or 20 and the text is long enough to hold a year).
    """
    s = normalise_id_input(text)
    if not 12 <= len(s) <= 17:
        raise ValueError("id_number_starts needs 12 to 17 characters")
    if not (s.isascii() and s.isdigit()):
        raise InvalidIdNumber([_e_chars(s, _allowed_18)])
    if today is None:
        today = _today()
    starts, errors_18, errors_15 = [], [], []
    if len(s) >= 14 and _birth(s[6:14], today, errors_18):
        starts.append(s)
    if len(s) == 15:
        errors_15 = _analyse(s, today)[1]
        if not errors_15:
            starts.append(convert_15_to_18(s))
    elif len(s) < 15 and _birth(_widen_15(s)[6:14], today, errors_15):
        starts.append(_widen_15(s))
    if starts:
        return starts
    meant_18 = len(s) > 15 or (len(s) == 14 and s[6:8] in ("19", "20"))
    raise InvalidIdNumber(errors_18 if meant_18 else errors_15)


_SEPARATORS = " \t\r\n\u00a0\u3000-\u2010\u2011\u2012\u2013\u2014\uff0d"
_NORMALISE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
        "Ｘ": "X",
        "ｘ": "X",
        **{ch: None for ch in _SEPARATORS},
    }
)


def normalise_id_input(raw: str) -> str:
    """Remove spaces and hyphens, turn full-width digits and Ｘ/ｘ into ASCII, upper-case (x -> X)."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raw = str(raw)
    if raw.isascii() and raw.isalnum():  # already clean: skip the slower translate()
        return raw.upper()
    return raw.translate(_NORMALISE).upper()


def mask_id_number(number: str) -> str:
    """"330102********1234": first 6 and last 4 of 18; never more than 10 characters shown.

    15 characters keep 6 + 3; shorter strings keep a quarter at each end (at
    most); under 4 characters everything is starred.
    """
    s = normalise_id_input(number)
    n = len(s)
    if n >= 18:
        head, tail = 6, 4
    elif n >= 15:
        head, tail = 6, 3
    elif n >= 8:
        head = tail = n // 4
    elif n >= 4:
        head, tail = 0, 1
    else:
        head = tail = 0
    return s[:head] + "*" * (n - head - tail) + (s[n - tail:] if tail else "")


_STARS = str.maketrans({"＊": "*", "﹡": "*"})  # full-width and small asterisks, as an input method types them


def masked_id_patterns(text: str, *, today: datetime.date | None = None) -> list[str]:
    """The 18-character numbers that ``text``, a masked one ("330106********1234", as mask_id_number shows it),
    can stand for, each with "*" for every character hidden; [] when ``text`` is no masked number (it has no "*",
    or characters other than digits, X and "*").

    The number's start and end are shown, its middle hidden: one run of stars. They need not be 8: when ``text``
    is not 18 characters long, they stand for as many characters as make 18 ("330106****1234" ->
    "330106********1234"), provided what comes before them is the 6-digit region code or more, or nothing:
    "138****1234" is a masked mobile number (the people export masks phones so), not the first 3 characters of an
    ID number, and gives []. 15 characters are also read as a masked legacy number, as mask_id_number masks one
    ("330106******111": region, YYMMDD hidden, sequence 111), widened as convert_15_to_18 widens a whole one
    ("33010619******111*"); every reading that can be valid is returned, the 18-character one first.

    Raises InvalidIdNumber when no valid number can be masked so: a character other than a digit shown (X only as
    the 18th), a region code, province or whole birth date shown that does not exist, stars in several places,
    more than 17 characters shown, or fewer than 4. Only the characters shown are checked (the check digit needs
    the hidden ones), so a message says nothing the text does not.
    """
    s = normalise_id_input(text.translate(_STARS))
    if "*" not in s or not s.isascii() or not any(ch in _DIGITS for ch in s) or not set(s) <= _DIGITS | {"X", "*"}:
        return []
    first, last = s.index("*"), s.rindex("*")
    head, tail = s[:first], s[last + 1:]
    if s.count("*") != last - first + 1:
        raise InvalidIdNumber([_e_stars_apart()])
    if len(head) + len(tail) < 4:
        raise InvalidIdNumber([_e_shown_too_few(len(head) + len(tail))])
    if len(s) == 18:
        readings = [s]
    elif len(head) + len(tail) > 17:
        raise InvalidIdNumber([_e_length(len(s))])
    elif 0 < len(head) < 6:
        return []
    else:
        readings = [head + "*" * (18 - len(head) - len(tail)) + tail]
        if len(s) == 15 and (head + tail).isdigit() and s[0] != "9":  # no legacy number starts with 9
            readings.append(_widen_15(s) + "*")
    patterns, errors = [], []
    for pattern in readings:
        errors = _masked_errors(pattern, today)
        if not errors:
            patterns.append(pattern)
    if not patterns:  # a masked legacy number's problems when it can be one, as mask_id_number would mask it
        raise InvalidIdNumber(errors)
    return patterns


def _masked_errors(pattern: str, today: datetime.date | None) -> list[IdError]:
    """What no number fitting ``pattern`` (18 characters, "*" hidden) can be: checked where it shows them."""
    if not all(ch == "*" or _allowed_18(i, ch) for i, ch in enumerate(pattern)):
        return [_e_chars(pattern, lambda i, ch: ch == "*" or _allowed_18(i, ch))]
    errors: list[IdError] = []
    region = pattern[:6]
    if region[0] == "9":  # a foreign permanent residence card (2023): issuing province, nationality
        if "*" not in region[1:3] and not _province_exists(region[1:3]):
            errors.append(_e_province(region[1:3], None))
        if region[3:6] == "000":
            errors.append(_e_nationality(region[3:6]))
    elif "*" not in region and region not in HMT_REGIONS and not region_exists(region):
        errors.append(_e_region(region) if _province_exists(region[:2]) else _e_province(region[:2], region))
    elif "*" not in region[:2] and region[:2] != "83" and not _province_exists(region[:2]):
        errors.append(_e_province(region[:2], region))
    if "*" not in pattern[6:14]:
        _birth(pattern[6:14], today, errors)
    return errors


# --------------------------------------------------------------------------- parsing


_today_cache: tuple[float, datetime.date] = (0.0, datetime.date.min)


def _today() -> datetime.date:
    """date.today(), cached until the next local midnight (date.today() costs ~0.7 µs)."""
    global _today_cache
    expires, today = _today_cache
    if time.time() >= expires:
        today = datetime.date.today()
        midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
        _today_cache = (midnight.timestamp(), today)
    return today


def _birth(ymd: str, today: datetime.date | None, errors: list[IdError]) -> datetime.date | None:
    year, monthday = divmod(int(ymd), 10000)  # one int() instead of three
    try:
        born = datetime.date(year, *divmod(monthday, 100))
    except ValueError:
        errors.append(_e_birth_date(ymd))
        return None
    if born < EARLIEST_BIRTH:
        errors.append(_e_before_1900(ymd))
        return None
    if today is None:
        today = _today()
    if born > today:
        errors.append(_e_future(ymd, today))
        return None
    return born


def _analyse_18(s: str, today, converted: bool) -> tuple[IdNumber | None, list[IdError]]:
    """s: 17 ASCII digits + digit or X."""
    errors: list[IdError] = []
    latest = _LATEST if _LATEST is not None else _load_regions()
    if s[0] == "9":
        return _analyse_foreign_2023(s, today)
    region = s[:6]
    kind = RESIDENT
    name = latest.get(region)
    if region in HMT_REGIONS:
        kind, name = HMT_PERMIT, HMT_REGIONS[region]
    elif name is None:
        if region[:2] in _PROVINCES:
            errors.append(_e_region(region))
        else:
            errors.append(_e_province(region[:2], region))
    born = _birth(s[6:14], today, errors)
    expected = _CHECK_CHARS[(2 * int(s[:17], 13)) % 11]
    if s[17] != expected:
        errors.append(_e_check(expected))
    if errors:
        return None, errors
    sex = "1" if s[16] in "13579" else "2"
    return _make_id_number(s, kind, region, name, born, sex, converted), errors


def _analyse_foreign_2023(s: str, today) -> tuple[IdNumber | None, list[IdError]]:
    errors: list[IdError] = []
    province = s[1:3]
    if not _province_exists(province):
        errors.append(_e_province(province, None))
    nationality = s[3:6]
    if nationality == "000":
        errors.append(_e_nationality(nationality))
    born = _birth(s[6:14], today, errors)
    expected = check_digit(s[:17])
    if s[17] != expected:
        errors.append(_e_check(expected))
    if errors:
        return None, errors
    sex = "1" if s[16] in "13579" else "2"
    return (
        IdNumber(
            s, FOREIGN_PERMANENT, "", "", born, sex, False,
            issuing_region_code=province + "0000", nationality=nationality,
        ),
        errors,
    )


def _analyse_foreign_2017(s: str) -> tuple[IdNumber | None, list[IdError]]:
    """3 letters + 12 digits; format, province prefix and month/day only (layout unverified)."""
    if not (s[:3].isalpha() and s[3:].isdigit()):
        return None, [_e_chars_2017(s)]
    errors: list[IdError] = []
    if not _province_exists(s[3:5]):
        errors.append(_e_province(s[3:5], None))
    yy, mm, dd = int(s[7:9]), int(s[9:11]), int(s[11:13])
    ok = False
    for century in (1900, 2000):  # two-digit year: valid in either century is enough
        try:
            datetime.date(century + yy, mm, dd)
            ok = True
            break
        except ValueError:
            pass
    if not ok:
        errors.append(_e_birth_date(s[7:13]))
    if errors:
        return None, errors
    return (
        IdNumber(
            s, FOREIGN_PERMANENT, "", "", None, "0", False,
            issuing_region_code=s[3:7] + "00", nationality=s[:3],
        ),
        errors,
    )


def _allowed_18(i: int, ch: str) -> bool:
    return ch in _DIGITS or (i == 17 and ch == "X")


def _analyse(raw: str, today) -> tuple[IdNumber | None, list[IdError]]:
    s = normalise_id_input(raw)
    n = len(s)
    if n == 18:
        if s.isascii() and s[:17].isdigit() and (s[17] == "X" or s[17] in _DIGITS):
            return _analyse_18(s, today, False)
        return None, [_e_chars(s, _allowed_18)]
    if n == 15 and s.isascii():
        if s.isdigit():
            if s[0] == "9":  # no legacy number starts with 9; don't build a fake foreign number
                return None, [_e_province(s[:2], s[:6])]
            return _analyse_18(convert_15_to_18(s), today, True)
        if s[0].isalpha():  # a letter first: meant as a 2017 foreign card
            return _analyse_foreign_2017(s)
    if n == 0:
        return None, [_e_empty()]
    errors = []
    if n != 15:
        errors.append(_e_length(n))
    if any(not _allowed_18(i, ch) for i, ch in enumerate(s)) or not s.isascii():
        errors.append(_e_chars(s, _allowed_18))
    return None, errors


def parse_id_number(raw: str, *, today: datetime.date | None = None) -> IdNumber:
    """Parse and validate; raises InvalidIdNumber listing every problem found.

    ``today`` (default: date.today()) bounds the birth date; pass it in batch
    jobs and tests for reproducible results.
    """
    parsed, errors = _analyse(raw, today)
    if errors:
        raise InvalidIdNumber(errors)
    return parsed  # type: ignore[return-value]


def id_number_errors(raw: str, *, today: datetime.date | None = None) -> list[IdError]:
    """Every problem with ``raw`` (Chinese first in each message); [] when valid."""
    return _analyse(raw, today)[1]


def is_valid_id_number(raw: str, *, today: datetime.date | None = None) -> bool:
    return not _analyse(raw, today)[1]


def repair_candidates(raw: str, *, today: datetime.date | None = None) -> list[str]:
    """Valid numbers one typo away from an 18-character ``raw``: used to propose matches.

    Tries every single-character change (any position, X only as the 18th)
    and every swap of two adjacent characters; keeps the ones that validate
    fully (region, birth date, check digit). Order: substitutions by position
    then by replacement character, then swaps by position. A valid ``raw``
    gives [] because MOD 11-2 detects every such error.
    """
    s = normalise_id_input(raw)
    if len(s) != 18 or not s.isascii() or any(ch not in _DIGITS and ch != "X" for ch in s):
        return []
    if today is None:
        today = _today()
    out: list[str] = []
    seen = {s}

    def consider(candidate: str) -> None:
        if candidate in seen:
            return
        seen.add(candidate)
        body, last = candidate[:17], candidate[17]
        if not body.isdigit():
            return
        if _CHECK_CHARS[(2 * int(body, 13)) % 11] != last:  # cheap test first
            return
        if not _analyse_18(candidate, today, False)[1]:
            out.append(candidate)

    for i in range(18):
        for ch in "0123456789X" if i == 17 else "0123456789":
            if ch != s[i]:
                consider(s[:i] + ch + s[i + 1:])
    for i in range(17):
        if s[i] != s[i + 1]:
            consider(s[:i] + s[i + 1] + s[i] + s[i + 2:])
    return out
