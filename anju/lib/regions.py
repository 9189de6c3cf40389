"""GB/T 2260 region codes by name: "浙江省", "杭州市", "西湖区" → 330000, 330100, 330106.

Reads the same shipped table as identity.py (data/gbt2260.tsv). Current codes
win over retired ones; short names ("浙江", "杭州", "西湖") are accepted.
"""
import csv
import functools
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "gbt2260.tsv"
SUFFIXES = ("省", "市", "自治区", "特别行政区", "区", "县", "自治县", "自治州", "地区", "盟", "旗")


def _short(name: str) -> str:
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@functools.cache
def _index() -> dict[tuple[str, str, str], str]:
    index: dict[tuple[str, str, str], tuple[bool, str]] = {}
    with open(TABLE, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            current = not row["last_year"]
            province, city, county = row["province"], row["city"], row["county"]
            code = row["code"]
            if code.endswith("0000"):
                keys = [(_short(province), "", "")]
            elif code.endswith("00"):
                keys = [(_short(province), _short(city or row["name"][len(province):]), "")]
            else:
                keys = [(_short(province), _short(city), _short(county)), (_short(province), "", _short(county))]
            for key in keys:
                known = index.get(key)
                if known is None or (current and not known[0]):
                    index[key] = (current, code)
    return {k: v[1] for k, v in index.items()}


def region_code(province: str = "", city: str = "", district: str = "") -> str | None:
    """The code of the deepest level named, or None when the table does not know it."""
    p, c, d = _short(province.strip()), _short(city.strip()), _short(district.strip())
    index = _index()
    if d:
        return index.get((p, c, d)) or index.get((p, "", d))
    if c:
        return index.get((p, c, ""))
    return index.get((p, "", "")) if p else None
