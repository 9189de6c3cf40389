"""What a department's column heading means: the interchange contract's column names, and the Chinese headings the
same columns carry in the files departments and stations keep (a 实有人口 sheet says 姓名, 公民身份号码, 性别 …).

Pure Python. ``canonical(heading)`` is the contract's name for a heading, or the heading itself (lower-cased and
trimmed) when it is no known one: the contract keeps unknown columns as extra attributes. A heading written as our
own Excel exports write it, "中文 (code)", is read as its code.
"""
from __future__ import annotations

import re
import unicodedata

# contract column -> the Chinese headings read as it (full-width brackets and spaces are folded first)
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字"),
    "id_number": ("公民身份号码", "身份证号码", "身份证号", "身份证", "证件号码", "证件号"),
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月日", "生日"),
    "ethnicity": ("民族",),
    "phone": ("联系电话", "手机号码", "手机号", "电话号码", "电话", "手机"),
    "address": ("地址", "住址", "居住地址", "现住址", "实际居住地址", "详细地址"),
    "address_code": ("标准地址编码", "地址编码"),
    "full_address": ("标准地址", "完整地址"),
    "hukou_address": ("户籍地址", "户籍地详址", "户籍地"),
    "registration_id": ("登记编号", "居住登记编号", "登记号"),
    "registered_at": ("登记日期", "登记时间"),
    "status": ("状态", "登记状态"),
    "record_id": ("记录编号", "记录号", "数据编号"),
    "observed_at": ("记录时间", "采集时间", "发生时间"),
    "source": ("数据来源", "来源"),
    "organisation": ("工作单位", "单位名称", "单位"),
    "watch_id": ("在逃编号", "通缉编号", "布控编号"),
    "reason": ("事由", "案由", "原因"),
    "province": ("省", "省份"),
    "city": ("市", "城市"),
    "district": ("区县", "区", "县"),
    "street": ("街道", "乡镇", "街道乡镇"),
    "community": ("社区", "村社区", "社区村"),
    "road": ("街路巷", "道路", "路"),
    "house_number": ("门牌号", "门牌号码"),
    "building": ("楼栋", "幢", "栋"),
    "unit": ("单元",),
    "room": ("房间号", "室", "房号"),
    "police_station": ("派出所", "所属派出所"),
    "grid": ("网格",),
}
_BY_HEADING = {alias: column for column, aliases in ALIASES.items() for alias in aliases}
_CODE_IN_BRACKETS = re.compile(r"^(.*?)\s*\(\s*([a-z_]+)\s*\)$")


def clean(heading: str) -> str:
    """A heading as compared: full-width forms folded (（ → (), trimmed, a byte-order mark dropped, lower case."""
    return unicodedata.normalize("NFKC", heading or "").lstrip("\ufeff").strip().lower()


def canonical(heading: str) -> str:
    """The contract's column a heading names: itself when it is a contract name or unknown; the code of
    "标准地址编码 (address_code)"; the column a known Chinese heading means (姓名 → name)."""
    text = clean(heading)
    coded = _CODE_IN_BRACKETS.match(text)
    if coded:
        return coded.group(2)
    return _BY_HEADING.get(text.replace(" ", ""), text)


def header(headings: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The columns of a header row, and which headings were read as another name ((heading, column) pairs). A
    Chinese heading gives way to the contract's own name in the same row (a file with both 姓名 and name keeps 姓名 as
    an extra attribute), and to an earlier heading meaning the same column."""
    plain = [clean(h) for h in headings]
    taken = set(plain)
    columns, renamed = [], []
    for raw, text in zip(headings, plain):
        column = canonical(raw)
        if column != text and column not in taken:
            taken.add(column)
            renamed.append((raw.strip(), column))
            columns.append(column)
        else:
            columns.append(text)
    return columns, renamed
