"""ID numbers (GB 11643) with real region codes, phones, and the ways records get them wrong.

Pure Python, no Django. Region codes come from ``anju/lib/data/gbt2260.tsv``
through ``anju.lib.identity``: a person's number carries a county code that
was valid in the year the number was first issued (1984 for people born
earlier, the birth year after), so numbers of older people carry retired
codes (330103 下城区) as real ones do.
"""

from __future__ import annotations

import datetime
import random
from functools import lru_cache
from pathlib import Path

from anju.lib.identity import check_digit, region_name

# Where the migrants of a Hangzhou district come from (province prefix, weight).
MIGRANT_ORIGINS: tuple[tuple[str, float], ...] = (
    ("34", 18), ("41", 11), ("36", 10), ("33", 10), ("43", 6), ("42", 6), ("51", 6), ("52", 5),
    ("32", 4), ("37", 4), ("50", 4), ("45", 3), ("53", 2), ("35", 2), ("62", 2), ("23", 1.5),
    ("13", 1.5), ("14", 1), ("61", 1), ("44", 1), ("21", 0.8), ("22", 0.6), ("15", 0.5), ("46", 0.3),
    ("64", 0.3), ("65", 0.6), ("63", 0.2), ("11", 0.3), ("12", 0.3), ("31", 0.5), ("54", 0.1),
)
# Minorities that are common among people from a province (GB 3304 code, share).
PROVINCE_MINORITIES: dict[str, tuple[tuple[str, float], ...]] = {
    "45": (("08", 0.3), ("13", 0.02)), "52": (("06", 0.12), ("09", 0.08), ("12", 0.05)),
    "43": (("15", 0.06), ("06", 0.03)), "42": (("15", 0.04),), "53": (("07", 0.1), ("14", 0.03), ("16", 0.03)),
    "51": (("07", 0.04), ("04", 0.02)), "64": (("03", 0.35),), "65": (("05", 0.45), ("03", 0.05)),
    "15": (("02", 0.18),), "21": (("11", 0.12),), "22": (("10", 0.05),), "33": (("22", 0.005),),
    "54": (("04", 0.9),), "63": (("03", 0.15), ("04", 0.2)), "62": (("03", 0.05),), "41": (("03", 0.01),),
}
HMT = (("810000", 0.45), ("820000", 0.1), ("830000", 0.45))
LOCAL_CITY = "3301"
DISTRICT_CODE = "330106"

_PLACEHOLDER_COUNTIES = {"市辖区", "县", "市区", "郊区", "省直辖县级行政区划", "自治区直辖县级行政区划"}


_TABLE = Path(__file__).resolve().parents[1] / "lib" / "data" / "gbt2260.tsv"


@lru_cache(maxsize=None)
def _county_periods() -> tuple[tuple[str, int, int], ...]:
    """(code, first_year, last_year) of every county-level period in GB/T 2260 (retired ones too)."""
    out = []
    with _TABLE.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, _name, _prov, _city, county, first, last = line.rstrip("\n").split("\t")
            if code.endswith("00") or not county or county in _PLACEHOLDER_COUNTIES:
                continue
            out.append((code, int(first) if first else 1980, int(last) if last else 9999))
    return tuple(out)


@lru_cache(maxsize=None)
def _counties(prefix: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(row for row in _county_periods() if row[0].startswith(prefix))


@lru_cache(maxsize=None)
def counties_in(prefix: str, year: int) -> tuple[str, ...]:
    year = max(year, 1984)
    codes = tuple(dict.fromkeys(c for c, first, last in _counties(prefix) if first <= year <= last))
    return codes or tuple(dict.fromkeys(c for c, _f, _l in _counties(prefix)))


def county_name(code: str) -> str:
    return region_name(code) or ""


class IdMaker:
    """Unique valid numbers: region + birth date + sequence (odd for men) + MOD 11-2 check."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.issued: set[str] = set()
        self.phones: set[str] = set()

    def number(self, region: str, birth: datetime.date, sex: str) -> str:
        rnd = self.rng.random
        ymd = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
        odd = 1 if sex == "1" else 0
        while True:
            seq = int(rnd() * 500) * 2 + odd
            body = f"{region}{ymd}{seq:03d}"
            number = body + check_digit(body)
            if number not in self.issued:
                self.issued.add(number)
                return number

    def phone(self) -> str:
        rnd = self.rng.random
        while True:
            p = _PHONE_PREFIXES[int(rnd() * len(_PHONE_PREFIXES))] + f"{int(rnd() * 100_000_000):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p


_PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199")


# --------------------------------------------------------------------------- noise


def id_digit(number: str, rng: random.Random) -> str:
    """One digit of the first 17 typed wrong (the check digit then no longer fits)."""
    i = rng.randrange(17)
    d = rng.choice([c for c in "0123456789" if c != number[i]])
    return number[:i] + d + number[i + 1:]


def id_transpose(number: str, rng: random.Random) -> str | None:
    spots = [i for i in range(17) if number[i] != number[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return number[:i] + number[i + 1] + number[i] + number[i + 2:]


def id_legacy15(number: str) -> str | None:
    """The pre-1999 15-digit form: no century, no check digit. Only for people born 1900-1999."""
    if len(number) != 18 or number[6:8] != "19":
        return None
    return number[:6] + number[8:17]


_FULLWIDTH = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


def id_format(number: str, rng: random.Random) -> str:
    """A harmless formatting variant: lower-case x, spaces, or full-width digits."""
    r = rng.random()
    if number.endswith("X") and r < 0.5:
        return number[:-1] + "x"
    if r < 0.75:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    return number.translate(_FULLWIDTH)


def phone_wrong(phone: str, rng: random.Random, other: str | None = None) -> str:
    if other and other != phone and rng.random() < 0.4:
        return other
    i = rng.randrange(3, 11)
    d = rng.choice([c for c in "0123456789" if c != phone[i]])
    return phone[:i] + d + phone[i + 1:]


def birth_wrong(birth: datetime.date, rng: random.Random) -> datetime.date:
    if birth.day <= 12 and birth.day != birth.month and rng.random() < 0.5:
        return birth.replace(month=birth.day, day=birth.month)
    for _ in range(10):
        try:
            if rng.random() < 0.5:
                return birth.replace(day=max(1, min(28, birth.day + rng.choice((-1, 1, -10, 10)))))
            return birth.replace(year=birth.year + rng.choice((-1, 1, -10, 10)))
        except ValueError:
            continue
    return birth
