"""Regenerate gbt2260.tsv from python-stdnum's region list (development tool only).

    .venv/bin/python anju/lib/data/make_gbt2260.py [path/to/stdnum/cn/loc.dat]

python-stdnum is NOT a runtime dependency: it is used here only to find its
data file, and ``anju.lib.identity`` reads the TSV written by this script.

loc.dat format (stdnum's "numdb"): a line ``11 province="北京市"`` opens a
province; indented lines ``  0101 county="东城区"`` add the remaining four
digits of a six-digit code. A county value is one name, or comma-separated
names each prefixed with an optional validity range: ``[-1983]`` (until 1983),
``[1983-]`` (since 1983), ``[1983-2019]``. A name without a range is valid for
the whole period the source covers.

Output: one row per (code, name, validity range), so a code that was renamed
has one row per name and an abolished code keeps its row with last_year set.
Columns: code, name (full "province + city + county" path), province, city,
county, first_year, last_year (empty = open-ended).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "gbt2260.tsv"
HEADER = ("code", "name", "province", "city", "county", "first_year", "last_year")

# Province-level names written by hand, used when loc.dat lacks an xx0000 entry
# (the data has all of them today; this keeps the script honest if it changes).
PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省",
    "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

# City-level entries that are grouping placeholders, not places: left out of
# the full name ("北京市东城区", not "北京市市辖区东城区").
PLACEHOLDER_CITIES = {"市辖区", "县", "市"}

_SEGMENT = re.compile(r"^(?:\[(\d{4})?-(\d{4})?\])?(.+)$")


def find_loc_dat() -> Path:
    spec = importlib.util.find_spec("stdnum")
    if spec is None or spec.origin is None:
        sys.exit("python-stdnum is not installed; pass the path to loc.dat")
    return Path(spec.origin).parent / "cn" / "loc.dat"


def parse_names(value: str) -> list[tuple[str, int | None, int | None]]:
    """'[-1991]东郊区,[1992-]东丽区' -> [('东郊区', None, 1991), ('东丽区', 1992, None)]"""
    out = []
    for segment in value.split(","):
        m = _SEGMENT.match(segment.strip())
        if not m:
            raise ValueError(f"cannot parse name segment {segment!r}")
        first, last, name = m.groups()
        out.append((name, int(first) if first else None, int(last) if last else None))
    return out


def read_loc_dat(path: Path) -> dict[str, list[tuple[str, int | None, int | None]]]:
    """code -> [(name, first_year, last_year), ...] in source order."""
    codes: dict[str, list[tuple[str, int | None, int | None]]] = {}
    province = None
    line_re = re.compile(r'^(\s*)(\d+) (\w+)="(.*)"$')
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        m = line_re.match(raw)
        if not m:
            raise ValueError(f"unexpected line in {path}: {raw!r}")
        indent, digits, key, value = m.groups()
        if not indent:
            province = digits
            if len(digits) != 2 or key != "province":
                raise ValueError(f"unexpected top-level line: {raw!r}")
            continue
        if province is None or len(digits) != 4:
            raise ValueError(f"unexpected entry: {raw!r}")
        code = province + digits
        if code in codes:
            raise ValueError(f"duplicate code {code}")
        codes[code] = parse_names(value)
    return codes


def _overlaps(a_first, a_last, b_first, b_last) -> bool:
    lo_a = a_first if a_first is not None else -1
    hi_a = a_last if a_last is not None else 9999
    lo_b = b_first if b_first is not None else -1
    hi_b = b_last if b_last is not None else 9999
    return lo_a <= hi_b and lo_b <= hi_a


def _pick(names, first, last) -> str:
    """The name of a parent entry valid during (first, last): latest overlapping, else latest."""
    if not names:
        return ""
    matching = [n for n, f, l in names if _overlaps(f, l, first, last)]
    return (matching or [names[-1][0]])[-1]


def _is_placeholder(city: str) -> bool:
    return city in PLACEHOLDER_CITIES or "直辖" in city


def build_rows(codes) -> list[tuple[str, ...]]:
    rows = []
    for code in sorted(codes):
        pp, level_city = code[:2], code[:4] + "00"
        province_names = codes.get(pp + "0000")
        province = province_names[-1][0] if province_names else PROVINCES.get(pp, "")
        for name, first, last in codes[code]:
            if code.endswith("0000"):
                city = county = ""
                full = name
                province = name
            elif code.endswith("00"):
                city, county = name, ""
                full = province + city
            else:
                city = _pick(codes.get(level_city, []), first, last)
                if _is_placeholder(city):
                    city = ""
                county = name
                full = province + city + county
            rows.append((
                code, full, province, city, county,
                "" if first is None else str(first),
                "" if last is None else str(last),
            ))
    return rows


def main(argv: list[str]) -> None:
    src = Path(argv[1]) if len(argv) > 1 else find_loc_dat()
    rows = build_rows(read_loc_dat(src))
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows ({len({r[0] for r in rows})} codes) to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
