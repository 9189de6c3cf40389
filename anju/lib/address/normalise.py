"""Text normalisation and rule-based parsing of Chinese addresses.

Everything here works on one string and needs no address library: the matcher
(``index.py``) builds on the same tokens, so the library and the queries are
normalised by exactly the same code.

Pipeline (``_prepare`` then ``_tokenise``):

1. one ``str.translate`` (only when needed): full-width -> half-width, lower ->
   upper case, traditional -> simplified (``data/address_t2s.tsv``),
   punctuation -> space, dash-like characters -> ``-``;
2. white space inside words goes (单 元); white space next to a number stays
   for now, as it may separate two numbers;
3. Chinese numerals -> Arabic where they stand for a number: before a number
   word (三单元, 二十三号, 十一幢, 五〇二室), after one at the end or before a
   space (3单元五〇二), after a road word (古墩路八十八); numerals inside names
   (文三路, 三墩镇, 三门县) are left alone;
4. white space after a number becomes ``-`` before another number
   (``88 3-2-502``) or a word that is not its number word (``3-502 出租``), the
   rest goes; a floor written F3 or 3F becomes ``3层``, one below ground
   (地下一层, 负一楼) ``B1层``;
5. one ``re.findall`` splits the string into numbers with their number word
   (号, 幢/栋/座/号楼/#, 单元/门, 室/房/号房/户, 层, 楼) and text runs, and the
   numbers are given their slot: house number, building, unit, room, floor.
   Bare numbers are placed by position: ``古墩路88`` is house 88, ``3-502`` is
   building 3 room 502, ``3-2-502`` building 3 unit 2 room 502,
   ``88-3-2-502`` house 88 building 3 unit 2 room 502; a 3+-digit number after
   a building or unit is a room (室 omitted).

Numbers inside names. A bare number written against the word after it is part
of that name (城东路64号7天连锁酒店, 实验幼儿园1065分公司, 钱陶村3组): not building 7,
room 1065 or house 3; after a road it is still the house number
(古墩路88金色家园), after a building, a unit or a dash the room or unit. N号店
after a house number is a shop's name (华港便利100号店, its 100th shop). A zone
before a house number, a letter or a number with 区, is part of the number:
中国轻纺城北联市场C区200号 is house C区200 of the market, as the library writes
it (C区200号), not a district C区 and a house 200 found in every zone.

Floors. N层 is always a floor; X号楼 always a building (3号楼 = 3幢). A bare N楼
is a floor (楼层) where the text has already said which building: after a
building (3幢2楼), after a company's name or a single building's
(绍兴华强纺织厂三楼, 大厦5楼, 办公楼二楼: a company or a tower has no building
3 to mean), and after a house number with nothing after it (64号四楼, the
fourth floor of a village house). Before a room it is a floor when the room
is numbered from it, as rooms are (3楼301室 is the third floor's room 301 of a
single building, while 3号楼301室 is building 3), and a building otherwise
(3楼201室: room 201 is on no third floor); before a unit it is a building
(3楼2单元: units divide buildings, floors come after them). After a 小区's name
with nothing after it, N楼 stays a building (金色家园3楼: people in the north call
building 3 "3楼", and a 小区's floor without its building says nothing). A
floor fills no building slot, so it never picks a building of that number; the
library has no floors, and a floor with a room is dropped (the room says it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["ParsedAddress", "normalise_text", "parse_address"]

_DATA = Path(__file__).resolve().parent.parent / "data"


# --------------------------------------------------------------------------- character tables


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with (_DATA / name).open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def _build_translation() -> dict[int, str]:
    table: dict[int, str] = {}
    for trad, simp in _read_tsv("address_t2s.tsv"):
        table[ord(trad)] = simp
    # Full-width ASCII block, ideographic space.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "
    for cp in range(ord("a"), ord("z") + 1):
        table[cp] = chr(cp - 32)
    for cp in range(0xFF41, 0xFF5B):  # full-width lower case straight to upper case
        table[cp] = chr(cp - 0xFEE0 - 32)
    for ch in "，。、；：“”‘’\"'()（）[]【】《》<>!！?？·…|,.;:{}「」『』〔〕\t\r\n\u00a0\u200b*＊@":
        table[ord(ch)] = " "
    for ch in "－—–―‐‒−~～_/\\":
        table[ord(ch)] = "-"
    table[ord("＃")] = "#"
    table[ord("○")] = "〇"
    table[ord("Ｏ")] = "〇"
    return table


_TRANSLATE = _build_translation()
_NEEDS_TRANSLATE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TRANSLATE)) + "]")

# Toneless pinyin readings (most common first) of the GB 2312 hanzi.
PINYIN: dict[str, tuple[str, ...]] = {row[0]: tuple(row[1].split()) for row in _read_tsv("address_pinyin.tsv")}


_READINGS: dict[str, frozenset[str]] = {ch: frozenset(readings) for ch, readings in PINYIN.items()}


def same_sound(a: str, b: str) -> bool:
    """True when two characters share a reading (古墩/古敦: dun)."""
    ra = _READINGS.get(a)
    rb = _READINGS.get(b)
    return ra is not None and rb is not None and not ra.isdisjoint(rb)


# --------------------------------------------------------------------------- Chinese numerals

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一幺二两三四五六七八九十百千"
_HAS_CN = re.compile(f"[{_CN}]")
# A numeral run is a number when a number word follows it (三单元, 二十三号), when it
# follows one and ends the string or precedes 室/房/a dash/a space (3单元五〇二), or
# when it follows a road word and ends the string or precedes a space or a number
# (古墩路八十八 3-502).
_CN_NUMBER = re.compile(
    f"[{_CN}]+(?=\\s?(?:号楼|号栋|号幢|号座|号房|号室|号院|号|幢|栋|座|#|单元|室|房|层|楼|弄|门(?=\\s?[0-9{_CN}])))"
    f"|(?<=[幢栋座楼元号室层#-])[{_CN}]+(?=$|-|室|房|号|\\s)"
    f"|(?<=[幢栋座楼元号室层#-] )[{_CN}]+(?=$|-|室|房|号|\\s)"
    f"|(?<=[路街巷])[{_CN}]+(?![{_CN}])(?=$|\\s|[0-9])"
    f"|(?<=大道)[{_CN}]+(?![{_CN}])(?=$|\\s|[0-9])"
)


def cn_to_int(text: str) -> int:
    """二十三 -> 23, 十一 -> 11, 一百零一 -> 101, 五〇二 -> 502 (digit by digit)."""
    if not any(ch in _CN_UNIT for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGIT[ch]
        return value
    total = 0
    digit = 0
    for ch in text:
        if ch in _CN_UNIT:
            total += (digit or 1) * _CN_UNIT[ch]
            digit = 0
        else:
            digit = _CN_DIGIT[ch]
    return total + digit


def _cn_repl(m: re.Match) -> str:
    text = m.group(0)
    if len(text) > 8:
        return text  # no address number is that long
    return str(cn_to_int(text))


# --------------------------------------------------------------------------- preparation and tokens

# A floor written the shop way (F3, 3F) or below ground (地下一层, 负一楼, B1层): N层 and B1层.
_F_FLOOR = re.compile(r"(?<![A-Z0-9])(?:F(\d{1,3})|(\d{1,3})F)(?![A-Z0-9幢栋座#号单室房-])")
_BASEMENT = re.compile(r"(?:地下|负)(\d{1,2})[层楼]")
_SPACE_BETWEEN_NUMERALS = re.compile(f"(?<=[0-9{_CN}]) (?=[0-9{_CN}])")
_SPACE_IN_TEXT = re.compile(f"(?<![0-9{_CN}]) (?![0-9{_CN}])")  # 单 元: no number on either side
# A space after a number, before another number (88 3-2-502) or a word that is not its number word (3-502 出租,
# 88 金色家园), becomes "-": it keeps them apart (written against a word, a number is part of it: 7天连锁酒店)
_SPACE_AFTER_NUMBER = re.compile(r"(?<=[0-9])\s+(?=[0-9]|(?![号幢栋座单门室房户层楼弄])[^\x00-\x7f])")
_LEADING_NOISE = ("中华人民共和国", "中国")
_ORDINAL = re.compile(r"第(?=\d)")


def _prepare(raw: str, joins: int = 0) -> str:
    """Translate, drop white space and turn Chinese numerals into Arabic ones.

    White space between two numbers becomes ``-`` (``88 3-2-502``), except where
    bit *i* of ``joins`` is set: then the *i*-th such gap is dropped, joining the
    two numbers (``1 02室`` typed for ``102室``). The matcher tries the joined
    readings when the plain one finds nothing clean.
    """
    s = raw.translate(_TRANSLATE) if _NEEDS_TRANSLATE.search(raw) else raw
    if " " in s:
        s = _SPACE_IN_TEXT.sub("", " ".join(s.split()))
        if joins:
            gaps = [m.start() for m in _SPACE_BETWEEN_NUMERALS.finditer(s)]
            for i in reversed(range(len(gaps))):
                if joins >> i & 1:
                    s = s[:gaps[i]] + s[gaps[i] + 1:]
    if _HAS_CN.search(s):
        s = _CN_NUMBER.sub(_cn_repl, s)
    if " " in s:
        s = _SPACE_AFTER_NUMBER.sub("-", s).replace(" ", "")
    if "第" in s:
        s = _ORDINAL.sub("", s)
    if "F" in s:
        s = _F_FLOOR.sub(lambda m: (m.group(1) or m.group(2)) + "层", s)
    if "地下" in s or "负" in s:
        s = _BASEMENT.sub(r"B\1层", s)
    for noise in _LEADING_NOISE:
        if s.startswith(noise):
            s = s[len(noise):]
            break
    return s


def spaced_numbers(raw: str) -> int:
    """How many white-space gaps in ``raw`` stand between two numbers (each a separator, or a typo)."""
    s = raw.translate(_TRANSLATE) if _NEEDS_TRANSLATE.search(raw) else raw
    if " " not in s:
        return 0
    return len(_SPACE_BETWEEN_NUMERALS.findall(" ".join(s.split())))


_BUILDING_WORDS = "号楼|号栋|号幢|号座|幢|栋|座|#|单元"
_TOKEN = re.compile(
    r"(\d+[A-Z]?|(?<![A-Z])[A-Z]\d*(?=" + _BUILDING_WORDS + r"|-\d)|B\d+(?=层))"
    r"(号楼|号栋|号幢|号座|号房|号室|号院|号|幢|栋|座|#|单元|门|室|房间|房|户|层|楼|弄)?"
    r"|(-)"
    r"|((?:[^\d\-A-Z]+|[A-Z](?!\d*(?:" + _BUILDING_WORDS + r"|-\d)|(?<=B)\d+层))+)"
)
# Text naming a company or a single building (a tower, a workshop, an office block): an N楼 after it is its floor
# (绍兴华强纺织厂三楼, 办公楼二楼), as after a house number or a building; after a 小区's name it is a building (金色家园3楼).
_FLOOR_AFTER = re.compile(r"(?:公司|厂|集团|大厦|大楼|厂房|车间|(?:办公|综合|行政)楼)$")
_ROAD_SUFFIX_START = ("路", "街", "大道", "大街", "巷", "胡同")
_ROAD_END = ("路", "街", "道", "巷", "弄", "胡同")
# A market's or an estate's zone before a house number (中国轻纺城北联市场C区200号, 坯布市场E区42号): part of the number
_ZONE = re.compile(r"(?<![A-Z0-9])(?:[A-Z]{1,2}|[0-9]{1,2})区$")


# number word -> slot index: 1 house, 2 building, 3 unit, 4 room, 0 floor, 5 楼 (building or floor)
_MARK_SLOT = {"号": 1, "号院": 1, "弄": 1, "号楼": 2, "号栋": 2, "号幢": 2, "号座": 2, "幢": 2, "栋": 2, "座": 2,
              "#": 2, "单元": 3, "门": 3, "室": 4, "房间": 4, "房": 4, "户": 4, "号房": 4, "号室": 4, "层": 0, "楼": 5}
# How a group of bare numbers (3-502, 3-2-502 …) is read, by the last slot filled before it.
_GROUP_SLOTS = {
    (0, 1): (1,), (0, 2): (2, 4), (0, 3): (2, 3, 4), (0, 4): (1, 2, 3, 4),
    (1, 2): (2, 4), (1, 3): (2, 3, 4),
    (2, 2): (3, 4),
}


@dataclass(slots=True)
class Tokens:
    """A normalised address split into number slots and text runs.

    ``runs`` holds ``(slot, text)`` pairs in order, ``slot`` being the last number
    slot filled before the text (0 none, 1 house, 2 building, 3 unit, 4 room).
    """

    house: str
    building: str
    unit: str
    room: str
    floor: str
    runs: tuple
    extra: tuple  # numbers that fit no slot
    # the first numbers were a bare group read as building…room (3-2-502); after a
    # road name they may rather start with the house number (古墩路88 3-502)
    bare_lead: bool = False

    def house_first(self) -> tuple[str, str, str, str] | None:
        """(house, building, unit, room) reading the bare leading group as starting with the house number."""
        if not self.bare_lead or self.house:
            return None
        values = [v for v in (self.building, self.unit, self.room) if v]
        rest = values[1:]
        if len(rest) == 1:
            slots = (4,) if len(rest[0]) >= 3 else (2,)
        else:
            slots = _GROUP_SLOTS.get((1, len(rest)), ())
        out = ["", "", "", "", ""]
        for slot, value in zip(slots, rest):
            out[slot] = value
        return values[0], out[2], out[3], out[4]

    def canonical(self) -> str:
        parts = [t for slot, t in self.runs if slot == 0]
        if self.house:
            parts.append(self.house + "号")
        parts += [t for slot, t in self.runs if slot == 1]
        if self.building:
            parts.append(self.building + "幢")
        if self.unit:
            parts.append(self.unit + "单元")
        if self.floor and not self.room:
            parts.append(self.floor + "层")
        if self.room:
            parts.append(self.room + "室")
        parts += [t for slot, t in self.runs if slot >= 2]
        return "".join(parts)


def _put(slots: list, extra: list, slot: int, value: str, last: int) -> int:
    """Fill ``slot`` (or record ``value`` as extra when taken); returns the new last slot."""
    if slots[slot]:
        extra.append(value)
        return last
    slots[slot] = value
    return last if slot == 0 or slot < last else slot


def _flush(group: list, slots: list, extra: list, runs: list, last: int) -> tuple[int, bool]:
    """Place a group of bare numbers; returns (last slot, whether it was read as building-first)."""
    k = len(group)
    first = group[0]
    if k == 1:
        if last == 0:
            if not runs and len(first) >= 5:
                extra.append(first)  # a leading postcode or the like
                return last, False
            return _put(slots, extra, 4 if slots[0] else 1, first, last), False
        if last == 1:
            return _put(slots, extra, 4 if len(first) >= 3 else 2, first, last), False
        if last == 2:
            return _put(slots, extra, 4 if len(first) >= 3 else 3, first, last), False
        if last == 3:
            return _put(slots, extra, 4, first, last), False
        extra.append(first)
        return last, False
    targets = _GROUP_SLOTS.get((last, k))
    if targets is None:
        free = [x for x in (1, 2, 3, 4) if x > last]
        targets = tuple(free[:k]) if k <= len(free) else ()
    if not targets:
        extra.extend(group)
        return last, False
    for slot, value in zip(targets, group):
        last = _put(slots, extra, slot, value, last)
    return last, targets[0] != 1


def _tokenise(s: str) -> Tokens:
    slots = ["", "", "", "", ""]  # floor, house, building, unit, room
    runs: list = []
    extra: list = []
    items = _TOKEN.findall(s)
    last = 0
    group: list = []
    bare_lead = False
    floor_building = ""  # a 楼 number taken as building, may turn out to be a floor
    last_mark = prev_mark = ""  # the number words seen last and before it (号 after 号 is not 号 after 弄)
    n = len(items)
    i = 0
    while i < n:
        num, mark, dash, text = items[i]
        i += 1
        if text:
            if group:
                was = last
                last, building_first = _flush(group, slots, extra, runs, last)
                bare_lead = bare_lead or (building_first and was == 0)
                group = []
            if text[-1] == "区" and not slots[1] and i < n and items[i][0].isdigit() and (
                    items[i][1] == "号" and not (i + 1 < n and items[i + 1][3].startswith(_ROAD_SUFFIX_START))
                    or not items[i][1] and i + 1 == n):
                zone = _ZONE.search(text)
                if zone is not None:
                    # 北联市场C区200号: stall 200 of zone C, as the library writes its number (C区200号); the zone is no
                    # district
                    items[i] = (zone.group() + items[i][0], *items[i][1:])
                    text = text[:zone.start()]
                    if not text:
                        continue
            if runs and runs[-1][0] == last:
                runs[-1] = (last, runs[-1][1] + text)
            else:
                runs.append((last, text))
            continue
        if dash:
            continue
        if not mark:
            if i < n and items[i][3] and len(num) <= 4 and num.isdigit() and (
                    i == 1 or items[i - 2][3] and not items[i - 2][3].endswith(_ROAD_END)
                    or items[i - 2][1] and _MARK_SLOT[items[i - 2][1]] == 1):
                # a number written against the word after it, with no number word, is part of a name (城东路64号
                # 7天连锁酒店, 实验幼儿园1065分公司, 钱陶村3组): not a building 7, a room 1065 or a house 3. After a road
                # it is the house number (古墩路88金色家园); after a building, a unit or a dash the room or unit (3幢502)
                items[i] = ("", "", "", num + items[i][3])
                continue
            group.append(num)
            continue
        slot = _MARK_SLOT[mark]
        prev_mark, last_mark = last_mark, mark
        if slot == 1:
            if mark == "号" and i < n and (items[i][3].startswith(_ROAD_SUFFIX_START)
                                          or slots[1] and items[i][3].startswith("店")):
                # 1号路: the number belongs to a road name; 88号华港便利100号店: to a shop's name (its 100th shop)
                if group:
                    last, _bf = _flush(group, slots, extra, runs, last)
                    group = []
                text = num + mark + items[i][3]
                i += 1
                if runs and runs[-1][0] == last:
                    runs[-1] = (last, runs[-1][1] + text)
                else:
                    runs.append((last, text))
                continue
            if group and last == 0:
                group.append(num)  # 88-1号: a house number with a sub-number
                last = _put(slots, extra, 1, "-".join(group), last)
                group = []
                continue
        if group:
            was = last
            last, building_first = _flush(group, slots, extra, runs, last)
            bare_lead = bare_lead or (building_first and was == 0)
            group = []
        if slot == 1 and last >= 2:
            slot = 4  # 3幢502号
        elif slot == 1 and last == 1 and prev_mark == "号" and len(num) >= 3:
            slot = 4  # 86号303号: a village house's room written with 号 (no house has a 303rd building)
        elif slot == 1 and last == 1:
            slot = 2  # 88号3号
        elif slot == 5:
            if slots[2] or i >= 2 and items[i - 2][3] and _FLOOR_AFTER.search(items[i - 2][3]):
                slot = 0  # 3幢2楼; 华强纺织厂三楼, 办公楼二楼
            else:
                slot = 2
                floor_building = num
        last = _put(slots, extra, slot, num, last)
    if group:
        was = last
        last, building_first = _flush(group, slots, extra, runs, last)
        bare_lead = bare_lead or (building_first and was == 0)
    if floor_building and not slots[3] and slots[4].startswith(floor_building) \
            and len(slots[4]) >= len(floor_building) + 2:
        # 5楼502: 楼 was the floor, not a building
        slots[2] = ""
        slots[0] = floor_building
    elif floor_building and slots[2] == floor_building and not slots[3] and not slots[4] and slots[1]:
        # 64号四楼 (nothing after): the fourth floor of house 64, as a village house's rooms are written; a
        # building is 4号楼 or 4幢
        slots[2] = ""
        slots[0] = floor_building
    return Tokens(slots[1], slots[2], slots[3], slots[4], slots[0], tuple(runs), tuple(extra), bare_lead)


def tokens(raw: str, joins: int = 0) -> Tokens:
    """Prepared and tokenised form of ``raw``; ``joins`` as for ``_prepare``.

    Not cached: a cache of millions of one-off addresses costs more (memory, and the
    garbage collector walking it) than tokenising again.
    """
    return _tokenise(_prepare(raw, joins))


def normalise_text(raw: str) -> str:
    """Canonical text of an address: half-width, simplified, Arabic numbers, one word per slot.

    ``"浙江省杭州市西湖区古墩路八十八号三号楼二单元五〇二"`` ->
    ``"浙江省杭州市西湖区古墩路88号3幢2单元502室"``; ``"金色家园 3-502"`` ->
    ``"金色家园3幢502室"``. Building words 栋/座/号楼/# become 幢, room words
    房/号房/户 become 室, an omitted 室 or 号 is restored, and a floor is dropped
    when a room is given.
    """
    return tokens(raw).canonical()


# --------------------------------------------------------------------------- parsing without a library

@dataclass(frozen=True)
class ParsedAddress:
    """Components of a Chinese address, normalised (numbers without their words: building "3", not "3幢")."""

    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    community: str = ""
    road: str = ""
    house_number: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    rest: str = ""  # what could not be placed: a landmark, an unrecognised 小区 name, stray numbers


_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_ROAD = re.compile(r"^(.*?)(.{1,12}?(?:大道|大街|路|街|巷|弄|胡同|道))(?!道|路|街)(.*)$")
_STREET = re.compile(r"^(.{2,10}?(?:街道|镇|乡))(.*)$")
_COMMUNITY = re.compile(r"^(.{2,10}?(?:社区|村|居委会|嘎查))(?!路|街)(.*)$")
_ESTATE_SUFFIX = ("小区", "花园", "家园", "苑", "园", "公寓", "新村", "大厦", "广场", "城", "府", "庭",
                  "湾", "里", "居", "阁", "轩", "坊", "庄", "院", "公馆", "名邸", "山庄", "中心", "宿舍")


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Province, city and county names from GB/T 2260, each keyed by full and short name."""
    provinces: dict[str, str] = {}
    cities: dict[str, str] = {}
    counties: dict[str, str] = {}
    try:
        rows = _read_tsv("gbt2260.tsv")[1:]
    except OSError:  # pragma: no cover - the table ships with the package
        rows = []
    for row in rows:
        province, city, county = row[2], row[3], row[4]
        for table, name in ((provinces, province), (cities, city), (counties, county)):
            if not name or name in ("市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位"):
                continue
            table[name] = name
            short = admin_short(name)
            if short != name:
                table.setdefault(short, name)
    return provinces, cities, counties


_AUTONOMOUS = re.compile(r"(壮族|回族|维吾尔)?自治区$")


def admin_short(name: str) -> str:
    """浙江省 -> 浙江, 杭州市 -> 杭州, 西湖区 -> 西湖, 文新街道 -> 文新, 广西壮族自治区 -> 广西."""
    if name.endswith("自治区"):
        short = _AUTONOMOUS.sub("", name)
    elif name.endswith(("街道", "社区", "新区")):
        short = name[:-2]
    elif name.endswith(("省", "市", "区", "县", "镇", "乡", "村")):
        short = name[:-1]
    else:
        short = name
    return short if len(short) >= 2 else name


_ROAD_WORDS = ("路", "街", "大道", "大街", "巷", "弄", "道", "胡同")


def _is_bare_suffix(rest: str) -> bool:
    """True when ``rest`` is the tail of a road name that a short admin name would cut (路, 大道, 湾路)."""
    if rest.startswith(_ROAD_WORDS):
        return True
    m = _ROAD.match(rest)
    return bool(m) and not m.group(1) and len(m.group(2)) == 2


def _take_prefix(text: str, table: dict[str, str]) -> tuple[str, str]:
    """Longest name of ``table`` at the start of ``text`` -> (full name, remaining text)."""
    for length in range(min(len(text), 12), 1, -1):
        key = text[:length]
        full = table.get(key)
        if full is None:
            continue
        rest = text[length:]
        if key != full and (not rest or _is_bare_suffix(rest)):
            continue  # a short name eating the start of a road name (朝阳路, 杭州湾路)
        return full, rest
    return "", text


_DISTRICT_LIKE = re.compile(r"^(.{2,6}?(?:新区|区|县|市))(?=.{2,})")


def _split_admin(text: str) -> tuple[str, str, str, str, str, str]:
    """Province, city, district, street, community and what is left, from the start of ``text``."""
    provinces, cities, counties = _regions()
    province, rest = _take_prefix(text, provinces)
    city, rest = _take_prefix(rest, cities)
    district, rest = _take_prefix(rest, counties)
    if not district:
        m = _DISTRICT_LIKE.match(rest)
        if m and not _is_bare_suffix(rest[m.end():]) and not _ROAD.match(m.group(1)):
            district, rest = m.group(1), rest[m.end():]
    street = community = ""
    m = _STREET.match(rest)
    if m and not _is_bare_suffix(m.group(2)):
        street, rest = m.group(1), m.group(2)
    m = _COMMUNITY.match(rest)
    if m and not _is_bare_suffix(m.group(2)):
        community, rest = m.group(1), m.group(2)
    return province, city, district, street, community, rest


def parse_address(raw: str) -> ParsedAddress:
    """Split ``raw`` into components with rules only (no library).

    Administrative names are recognised from GB/T 2260 (full or short: 杭州 for
    杭州市), streets by 街道/镇/乡, communities by 社区/村, roads by 路/街/大道/巷/弄;
    a 小区 name (花园, 家园, 苑 …) goes to ``community`` when no 社区 was given,
    otherwise to ``rest``. ``AddressIndex.match`` does better, because it knows
    the library's own names.
    """
    tok = tokens(raw)
    head = "".join(t for slot, t in tok.runs if slot == 0)
    after_house = "".join(t for slot, t in tok.runs if slot == 1)
    tail = "".join(t for slot, t in tok.runs if slot >= 2)
    province, city, district, street, community, rest = _split_admin(head)
    road = ""
    m = _ROAD.match(rest)
    if m:
        lead, road, after = m.group(1), m.group(2), m.group(3)
        if lead:
            # text before the road that is not administrative: 小区 or noise
            after = lead + after if not after else after + lead
        rest = after
    leftovers = []
    for piece in (rest, after_house):
        if not piece:
            continue
        if not community and piece.endswith(_ESTATE_SUFFIX):
            community = piece
        else:
            leftovers.append(piece)
    if tail:
        leftovers.append(tail)
    leftovers.extend(tok.extra)
    return ParsedAddress(
        province=province, city=city, district=district, street=street, community=community,
        road=road, house_number=tok.house, building=tok.building, unit=tok.unit, room=tok.room,
        rest=" ".join(leftovers),
    )
