"""Matching free-text addresses against the standard address library (标准地址匹配).

How ``AddressIndex`` finds an address
-------------------------------------
*Build.* Every library row is normalised with the same code as the queries
(``normalise.tokens``). Its road, 小区 and community names go into one
vocabulary (name -> road or 小区 ids, scoped by district so that two 人民路 in
two districts stay apart); 小区 names are also taken from ``full_address``
(what is left of it once the row's own components are removed: 古墩路88号
**金色家园**3幢…). Rows hang in three kinds of trees, building -> unit -> room:
one per house (road + house number), one per road (for queries without a house
number) and one per 小区. For typos, every name of 3+ characters is indexed by
its one-character deletions (a SymSpell index: one dictionary probe finds
names within one substitution, insertion, deletion or adjacent swap), and by
its pinyin (homophones: 古敦路 -> 古墩路).

*Match.* The query is tokenised into number slots (house, building, unit,
room) and text runs. Names are looked up at the end of each text run, longest
first (people put the administrative prefix first, then the road or 小区);
what precedes the names is the administrative prefix, checked against the
row's province/city/district/street/community (full or short: 杭州, 西湖).
Three passes, each only when the one before gave no clean answer (one
candidate, as deep as the query, scoring >= ``CLEAN``):

1. fast path: exact names, exact tree look-ups, one row (most queries);
2. all readings with exact names: every road/小区 the names point to, numbers
   missing or not in the library, and the other readings of white space
   between numbers (``1 02室`` may be ``102室``);
3. typo readings of the names (one edit, homophones), scored with the rest.

A 小区 or a named house standing on one house number (金色家园 at 古墩路88号, a
company 绍兴盛鑫轴承有限公司 at 杨汛路35号) reads as that house, so its
buildings are found by the 小区's or company's name alone; companies are also
known by their everyday name (盛鑫轴承: place and kind of company left out).
宿舍 (宿舍楼, 职工宿舍 …), 厂房 or 车间 (workshops) and 办公楼 or 综合楼 (the
office) ending the text before the building number say what the buildings
are, not whose: the word is set aside before names are looked up
(杨汛路35号宿舍3幢; 华强纺织厂宿舍3幢 for 绍兴华强纺织厂; 盛鑫轴承厂房1幢) and
weighs the rows instead. A row the library calls so (宿舍1幢, 电机厂宿舍, 厂房1幢,
2号厂房) fits as written; one at a company's house, a little less; one at a
house with none known, less; another building of a house whose dormitories
(workshops) the library names (1幢 beside 宿舍1幢), or a building it calls
something else (宿舍1幢 for 厂房1幢), much less. With no number after the word
(光远纺织办公楼), it is the building the library calls by that word at the
house, if there is one (a row whose building is 办公楼), otherwise the house.
A 小区 called 电机厂宿舍 is also known as 电机厂.
A floor (3楼 after a house number, a building or a company's name, 3层, F3,
地下一层: see ``normalise``) is no building; the library has no floors, so
杨汛路35号3楼 reads as 杨汛路35号 at no cost, with "floor 3" among the reasons.
A company's name that the typo pass cannot place (a word left out and a
character wrong, 杭州明化电子有限公司 for 杭州明华电子科技有限公司, or more text
after it: 财务部) is read up to its kind (有限公司, 公司, 厂 …) and
compared with the library's companies by their everyday names: those found by
the sound of their first two characters (or either of them with the third),
then within one edit after leaving out one run of their characters after the
first two (the 行业, 科技 or 电子). What follows the kind is unrecognised text.
In a village or community a house number without its lane (钱陶村53号) is
looked up on every lane of it: one lane has it, that house; several, rivals
(a road counts as written only when it is read exactly: 百官街道心港村85号 is not
百官大道).
Where the library lists the village itself (a row with no road and no number:
钱陶村), a text naming only the village, or its entrance (钱陶村村口), is that
row, not one of the village's houses.
A gate after a name (金地自在城东门, 88号南大门, 北入口, 村口) is read as the
place it opens into, a little less sure ("gate" in the reasons), unless the
whole text reads better as written; two directions are 东南, 西北 … (the 南 of
锦绣江南东门 is the name's). A camera or reader named after its place
(金地自在城东门人脸抓拍点, 北海小区监控点) is the place, at no cost ("device").
Text after the house number that names nothing, the shop or company there
(服装服饰市场F区138号华宇布行, 笛扬路120号(绍兴市柯桥实验中学)), is trailing text,
not part of the administrative prefix (its 绍兴市 is no second city).
A unit named without a room (华宇府3幢1单元) where the library has the unit's
rooms but no row of its own is the building's row if there is one, at level
building (doors and plates are a building's), not one of its rooms as a
representative. In a village or a market whose rows have no buildings, a house
(stall) number it does not have is the place itself if the library lists it,
weakly, not every house of it read as "building not in library".

Exact name analyses and prefix checks are cached per index (bounded dictionaries
of flat tuples of strings and numbers, which the garbage collector soon stops
tracking: a cache of objects made full collections walk it, 15 % of matching
time), so repeated prefixes and road names cost one look-up; typo readings are
worked out per query (they rarely repeat). An index is read-only after
it is built; threads may share it (a cache entry may be computed twice).
Batch jobs that hold millions of objects may run a little faster after
``gc.freeze()`` once the index is built (Python's collector then stops
re-walking what was loaded); that is the caller's choice, not done here.

Confidence
----------
A candidate's quality ``q`` is the product of its penalties (each leaves a
reason): prefix missing 0.98, homophone typo 0.93, other one-character typo
0.8, unrecognised text 0.9, district/city conflict 0.35, street conflict 0.6,
a name of the query that is not this row's 0.6, house number missing 0.93,
building/unit not given but needed 0.9/0.95, component not in the library 0.6,
another house on the same road 0.5, representative row 0.7, 宿舍 (厂房, 办公楼) at a
company's house 0.97, at a house with none known 0.93, at another
building of a house with named dormitories 0.85, a company's name with
characters left out 0.9 per two … (the ``P_*`` constants below). Rivals share the probability:
``confidence = q * q**12 / sum(q_i**12)``, so two equally good readings (two
similar roads, the same road in two districts when no district is given) get
about half each, while a rival that needs one typo more barely matters. 1.0
means the whole text matched exactly, prefix included.

Levels
------
``level`` says how deep the returned code is confirmed: ``room``, ``unit``,
``building``, ``house`` (road + house number, or a 小区) or ``road``. When the
query names something the library does not have (a room that is not there),
the match falls back to the deepest node that exists: its own code when the
library has a row for it (a building-level row), otherwise the first room of
that node in library order, as a representative, with a lower confidence and
the reason "representative". Callers that need the exact room check
``level == "room"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Iterable, Mapping

from .normalise import (
    _CN,
    PINYIN,
    _prepare,
    _tokenise,
    admin_short,
    cn_to_int,
    parse_address,
    same_sound,
    spaced_numbers,
    tokens,
)

__all__ = ["AddressIndex", "Match", "StandardAddress"]

_LEVEL_AT = ("building", "unit", "room")  # level reached after descending 1, 2, 3 steps
_WORD = ("building", "unit", "room")

ROAD, ESTATE = 0, 1

# penalties (see the module docstring); the figures are judgement, tuned on generated variants
P_PREFIX_MISSING = 0.98
P_HOMOPHONE = 0.93
P_TYPO = 0.8
P_CONFLICT = {"province": 0.35, "city": 0.35, "district": 0.35, "street": 0.6, "community": 0.75}
P_ADMIN_TYPO = 0.9
P_UNVERIFIED = 0.99
P_NOISE = 0.9
P_HOUSE_MISSING = 0.93
P_ROAD_MISSING = 0.93
P_GATE = 0.97
P_HOUSE_OTHER = 0.5
P_NOT_FOUND = 0.6
P_NO_SUCH_LEVEL = 0.85
P_REPRESENTATIVE = 0.7
P_MISSING = (0.9, 0.95, 0.95)  # building, unit, room not given while the library needs it
P_NAME_ELSEWHERE = 0.6
P_TRAILING = 0.97
MAX_SHARED = 40  # a one-character deletion shared by more names than this (X路 of every 3-character road) is no clue
P_JOINED = 0.9
# 宿舍 (厂房, 办公楼) before the building number (杨汛路35号宿舍3幢) at a row the library does not call a dormitory
# (workshop, office): at the house of a company or of a dormitory estate; at a house with none known; at a house whose
# dormitories the library names, another building (1幢 beside 宿舍1幢), or a building it calls something else
P_KIND_UNNAMED = 0.97
P_KIND_UNKNOWN = 0.93
P_KIND_OTHER = 0.85
P_ORG_SHORTENED = 0.9  # a company's name with two of its characters left out (明华电子 for 明华电子科技), per two
P_UNPLACED = 0.5
P_RUN_TOGETHER = 0.9
SHARE_POWER = 12
MIN_CONFIDENCE = 0.05
CLEAN = 0.9  # the fast path's answer stands when its best candidate scores this much, alone
_CACHE_LIMIT = 200_000
MAX_LENGTH = 200  # characters of a query that are looked at
MAX_NAMES = 4  # names looked for in one text run


@dataclass
class StandardAddress:
    """One row of the standard address library (interchange ``addresses.csv``)."""

    code: str
    full_address: str
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

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> "StandardAddress":
        """From a dict of ``addresses.csv`` columns (``address_code`` or ``code``); extra columns are ignored."""
        values = {f.name: (row.get(f.name) or "").strip() for f in fields(cls)}
        values["code"] = (row.get("address_code") or row.get("code") or "").strip()
        return cls(**values)


@dataclass(frozen=True)
class Match:
    """A library address that a text may mean: its code, how sure (0..1), how deep, and why."""

    code: str
    confidence: float  # 0..1; 1.0 = exact
    level: str  # "room" | "unit" | "building" | "house" | "road"
    reasons: tuple[str, ...] = ()


def _support_map(alts: tuple) -> dict:
    """``(kind, id)`` -> ``(factor, reasons)`` of the best reading of one name, for checking a row against it."""
    support: dict = {}
    for _name, f, ids, note in alts:
        for key in ids:
            old = support.get(key)
            if old is None or f > old[0]:
                support[key] = (f, (note,) if note else ())
    return support


def _name_factor(cost: float, note: str) -> float:
    if cost == 0:
        return 1.0
    if note.startswith("homophone"):
        return P_HOMOPHONE ** (cost / 0.4)
    return P_TYPO ** cost


# an administrative name in a prefix; 小区 and 新村 are 小区 names, not districts and villages
# (no digit or Latin letter: 3区, F区 are zones of an estate or a market, not districts)
_ADMIN_PIECE = re.compile(r"[^0-9A-Z]{1,10}?(?:自治区|自治州|省|市|新区|(?<!小)区|县|街道|镇|乡|社区|(?<!新)村)")
_PIECE_LEVEL = (("自治区", ("province",)), ("省", ("province",)), ("自治州", ("city",)),
                ("市", ("city", "district", "province")), ("新区", ("district",)), ("区", ("district",)),
                ("县", ("district",)), ("街道", ("street",)), ("镇", ("street",)), ("乡", ("street",)),
                ("社区", ("community",)), ("村", ("community",)))
_ADMIN_FIELDS = ("province", "city", "district", "street", "community")


# the gate of a place, after its name: 东门, 南大门, 西北门, 北入口, 出入口, 门岗, 村口, 卡口 (not 3门: a unit in the north)
# (two directions are 东南, 西北 …: the 南 of 锦绣江南东门 is the name's)
_GATE = re.compile(r"(?:(?:[东西][南北]|[东西南北]|正|侧|后|前)(?:大门|门|入口|出入口)|大门|出入口|入口|门岗|岗亭|村口|卡口|道口)$")
# a camera or a reader named after the place it stands at (金地自在城东门人脸抓拍点, 北海小区监控点): the place
_DEVICE = re.compile(r"(?:人脸|人像|车辆|车牌)?(?:抓拍点|抓拍机|抓拍|识别点|识别机|监控点|监控|摄像头|摄像机)$")

# the word for a dormitory at the end of a text run (宿舍, 宿舍楼, 职工宿舍 …): what the buildings are, not a name
_DORMITORY = re.compile(r"(?:职工|员工|集体|单身|工人)?宿舍(?:楼|区)?$")
# the same for a company's other buildings: its workshops (厂房, 生产车间) and its office (办公楼, 综合楼)
_BUILDING_KIND = re.compile(r"(?:(?:职工|员工|集体|单身|工人)?宿舍(?:楼|区)?|(?:生产)?(?:厂房|车间)|(?:办公|综合|行政)楼)$")
_OFFICE = re.compile(r"(?:办公|综合|行政)楼")
DORMITORY, WORKSHOP, OFFICE = 1, 2, 3
_KIND_NAME = {DORMITORY: "dormitory", WORKSHOP: "workshop", OFFICE: "office"}
KIND_PLACE = 1  # bit of _house_kinds: the house is a company's or a dormitory estate's; bit 1 << kind: the library
# names buildings of that kind there (宿舍1幢, 厂房2幢)


def _kind_of(word: str) -> int:
    return DORMITORY if "宿舍" in word else WORKSHOP if "厂房" in word or "车间" in word else OFFICE


def _kind_in(text: str) -> int:
    """Which of them the library calls a row whose building, address or 小区 is ``text`` (substring tests first: this
    runs for every row built)."""
    if "宿舍" in text:
        return DORMITORY
    if "厂房" in text or "车间" in text:
        return WORKSHOP
    return OFFICE if "楼" in text and _OFFICE.search(text) else 0

_COMPANY_KIND = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团公司|集团|公司|总厂|厂)$")
# where a company's name ends inside a text (杭州明华电子有限公司|三楼, 华强纺织厂|宿舍)
_COMPANY_END = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司|总厂|厂)|集团")


def _company_short(name: str, admin: list[str]) -> str:
    """A company's everyday name, as its staff write their dormitory's address: 绍兴盛鑫轴承有限公司 -> 盛鑫轴承
    (the place name in front and the kind of company behind are left out: 行政区划 + 字号 + 行业 + 组织形式)."""
    short = _COMPANY_KIND.sub("", name)
    if short == name:
        return ""
    for full in admin:
        if full:
            for form in (full, admin_short(full)):
                if short.startswith(form) and len(short) - len(form) >= 2:
                    short = short[len(form):]
                    break
    return short if len(short) >= 2 and short != name else ""


def _near(a: str, b: str) -> bool:
    """Within one substitution, insertion, deletion or adjacent swap."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        return len(diffs) <= 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    if la < lb:
        a, b = b, a
    for i in range(len(a)):
        if a[:i] + a[i + 1:] == b:
            return True
    return False


def _edit_cost(query: str, name: str) -> tuple[float, str]:
    """Cost of reading ``query`` as ``name`` (both within one edit, or homophones) and a note."""
    if query == name:
        return 0.0, ""
    if len(query) == len(name):
        diffs = [i for i in range(len(query)) if query[i] != name[i]]
        if all(same_sound(query[i], name[i]) for i in diffs):
            return 0.4 * len(diffs), "homophone"
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and query[diffs[0]] == name[diffs[1]] \
                and query[diffs[1]] == name[diffs[0]]:
            return 1.0, "swapped characters"
        return float(len(diffs)), "typo"
    return 1.0, "missing character" if len(query) < len(name) else "extra character"


def _org_keys(core: str) -> list[str]:
    """Keys a company's everyday name (字号 + 行业: 明华电子科技) is found by when written with one character wrong or
    words left out: the sounds of its first two characters (明化 → ming hua), and its first or second character
    with its third, for a wrong character that is no homophone (明毕电子 → 明·电)."""
    keys = [f"{a} {b}" for a in PINYIN.get(core[0], (core[0],)) for b in PINYIN.get(core[1], (core[1],))]
    if len(core) >= 3:
        keys += ["1" + core[0] + core[2], "2" + core[1] + core[2]]
    return keys


def _org_reading(written: str, core: str) -> tuple[float, str] | None:
    """(factor, note) of reading ``written`` as the company ``core``: within one edit (homophones cost less), after
    leaving out one run of ``core``'s characters after its first two (明华电子 and 明华科技 for 明华电子科技); None
    when it is not so close. A wrong character needs three written."""
    lw, lc = len(written), len(core)
    best = None
    for i, j in ((lc, lc), *((i, j) for i in range(2, lc) for j in range(i + 1, lc + 1))):
        kept = lc - (j - i)
        if abs(kept - lw) > 1 or kept < 2:
            continue
        shortened = core[:i] + core[j:]
        if written == shortened:
            cost, note = 0.0, ""
        else:
            if lw < 3:
                continue
            if not _near(written, shortened):
                if lw != kept or not all(a == b or same_sound(a, b) for a, b in zip(written, shortened)):
                    continue
            cost, note = _edit_cost(written, shortened)
            if cost > 1.0:
                continue
        factor = _name_factor(cost, note)
        if j > i:
            factor *= P_ORG_SHORTENED ** ((j - i) / 2)
            note = (note + ", " if note else "") + core[i:j] + " left out"
        if best is None or factor >= best[0]:  # of equal readings, the one leaving out words nearer the end
            best = (factor, note)
    return best


def _insert(tree: dict, building: str, unit: str, room: str, idx: int) -> None:
    units = tree.get(building)
    if units is None:
        units = tree[building] = {}
    rooms = units.get(unit)
    if rooms is None:
        rooms = units[unit] = {}
    leaf = rooms.get(room)
    if leaf is None:
        rooms[room] = idx
    elif isinstance(leaf, tuple):
        rooms[room] = leaf + (idx,)
    elif leaf != idx:
        rooms[room] = (leaf, idx)


def _leaf_rows(leaf) -> tuple[int, ...]:
    return leaf if isinstance(leaf, tuple) else (leaf,)


class AddressIndex:
    """In-memory index of a standard address library; ``match`` finds free-text addresses in it."""

    def __init__(self, addresses: Iterable[StandardAddress]):
        self._codes: list[str] = []
        self._row_admin: list[int] = []
        self._row_road: list[int] = []
        self._row_house: list[str] = []
        self._row_estates: list[tuple[int, ...]] = []
        self._admins: list[tuple] = []  # admin id -> ((level, full, short), …)
        self._admin_ids: dict[tuple, int] = {}
        self._districts: dict[tuple, int] = {}
        self._roads: dict[tuple[int, str], int] = {}
        self._road_names: list[str] = []
        self._estates: dict[tuple[int, str], int] = {}
        self._estate_names: list[str] = []
        self._names: dict[str, list[tuple[int, int]]] = {}
        self._house_tree: dict[tuple[int, str], dict] = {}
        self._road_tree: dict[int, dict] = {}
        self._road_row: dict[int, int] = {}
        self._estate_tree: dict[int, dict] = {}
        self._estate_houses: dict[tuple[int, str], tuple[int, ...]] = {}  # (小区/village, house number) -> roads
        self._estate_on: dict[int, tuple] = {}  # 小区 -> its one (road, house number); () when on several
        self._row_kind: dict[int, int] = {}  # rows the library calls a dormitory, workshop or office -> which
        self._house_kinds: dict[tuple[int, str], int] = {}  # (road, house number) -> KIND_PLACE | 1 << kind …
        self._orgs: dict[str, tuple[str, ...]] = {}  # _org_keys -> companies' everyday names (明华电子科技)
        self._org_maxlen = 0
        self._name_memo: dict[str, str] = {}
        self._num_memo: dict[str, str] = {}
        self._alias_memo: dict[tuple, tuple[str, ...]] = {}
        self._place_memo: dict[tuple, tuple] = {}
        self._reopened: set[str] = set()
        self._new_names: list[str] = []
        for address in addresses:
            self._add(address)
        self._build_fuzzy()
        # tuples of plain values, which the garbage collector stops tracking
        self._names = {name: tuple(ids) for name, ids in self._names.items()}
        self._maxlen = max((len(n) for n in self._names), default=2)
        self._clear_caches()
        del self._name_memo, self._num_memo, self._alias_memo, self._place_memo, self._reopened, self._new_names

    def _clear_caches(self) -> None:
        self._exact_cache: dict[tuple, tuple] = {}
        self._fuzzy_last: tuple = (None, None)
        self._admin_cache: dict[tuple[str, int], tuple[float, tuple[str, ...]]] = {}

    def add(self, addresses: Iterable[StandardAddress]) -> int:
        """Adds rows to the index as built (an address entered by hand), without building it again: what a build
        from all rows would hold, in the time the new rows take. New road and 小区 names join the typo and sound
        tables. Returns how many rows were added. A query answered while rows are being added may miss them."""
        self._name_memo, self._num_memo, self._alias_memo, self._place_memo = {}, {}, {}, {}
        self._reopened, self._new_names = set(), []  # names given another road or 小区; names new to the index
        n = len(self._codes)
        for address in addresses:
            self._add(address)
        for name in self._reopened:
            self._names[name] = tuple(self._names[name])
        for name in self._new_names:
            self._fuzzy_name(name)
            self._maxlen = max(self._maxlen, len(name))
        self._clear_caches()
        del self._name_memo, self._num_memo, self._alias_memo, self._place_memo, self._reopened, self._new_names
        return len(self._codes) - n

    def __len__(self) -> int:
        return len(self._codes)

    # ----------------------------------------------------------------------- build

    def _norm_name(self, text: str) -> str:
        value = self._name_memo.get(text)
        if value is None:
            value = self._name_memo[text] = _tokenise(_prepare(text)).canonical() if text else ""
        return value

    def _norm_num(self, text: str) -> str:
        value = self._num_memo.get(text)
        if value is None:
            if not text:
                value = ""
            elif 0 < len(text.strip()) <= 8 and all(ch in _CN for ch in text.strip()):
                value = str(cn_to_int(text.strip()))  # 八十八, 五〇二 with no number word
            else:
                tok = _tokenise(_prepare(text))
                value = (tok.house or tok.building or tok.unit or tok.room or tok.floor
                         or (tok.extra[0] if tok.extra else tok.canonical()))
            self._num_memo[text] = value
        return value

    def _name_id(self, kind: int, district: int, name: str) -> int:
        table, names = (self._roads, self._road_names) if kind == ROAD else (self._estates, self._estate_names)
        key = (district, name)
        ident = table.get(key)
        if ident is None:
            ident = table[key] = len(names)
            names.append(name)
            forms = {name}
            if name.endswith("小区") and len(name) >= 4:
                forms.add(name[:-2])
            word = _DORMITORY.search(name) if "宿舍" in name else None
            if word is not None and word.start() >= 2:
                forms.add(name[:word.start()])  # 电机厂宿舍 is also written 电机厂
            for form in forms:
                ids = self._names.get(form)
                if isinstance(ids, tuple):  # built: ``add`` turns it back into a tuple
                    ids = self._names[form] = list(ids)
                    self._reopened.add(form)
                if ids is None:
                    ids = self._names[form] = []
                    self._reopened.add(form)
                    self._new_names.append(form)
                ids.append((kind, ident))
        return ident

    def _add(self, a: StandardAddress) -> None:
        idx = len(self._codes)
        self._codes.append(a.code)
        norm_num = self._norm_num
        house, building, unit, room = (norm_num(a.house_number), norm_num(a.building),
                                       norm_num(a.unit), norm_num(a.room))
        full_text = a.full_address
        if full_text and not (house or building or unit or room):
            full = _tokenise(_prepare(full_text))
            house, building, unit, room = full.house, full.building, full.unit, full.room
        # Rows of one house share everything but building/unit/room: work on the rest once.
        tail = a.building + a.unit + a.room
        stem = full_text[:-len(tail)] if tail and full_text.endswith(tail) else full_text
        key = (stem, a.province, a.city, a.district, a.street, a.community, a.road)
        place = self._place_memo.get(key)
        if place is None:
            place = self._place_memo[key] = self._place(a, stem)
        aid, rid, eids, company, place_kind = place
        named = _kind_in(a.building) if a.building else 0  # 宿舍1幢, 厂房2幢, 办公楼
        kind = named or place_kind
        if kind or company:
            if kind:
                self._row_kind[idx] = kind
            if rid >= 0 and house:
                flags = (1 << named if named else 0) | (KIND_PLACE if company or not named else 0)
                self._house_kinds[(rid, house)] = self._house_kinds.get((rid, house), 0) | flags
        self._row_admin.append(aid)
        self._row_house.append(house)
        self._row_road.append(rid)
        self._row_estates.append(eids)
        if rid >= 0:
            if house:
                tree = self._house_tree.get((rid, house))
                if tree is None:
                    tree = self._house_tree[(rid, house)] = {}
                _insert(tree, building, unit, room, idx)
            if building or unit or room:
                tree = self._road_tree.get(rid)
                if tree is None:
                    tree = self._road_tree[rid] = {}
                _insert(tree, building, unit, room, idx)
            elif not house:
                self._road_row.setdefault(rid, idx)
        for eid in eids:
            tree = self._estate_tree.get(eid)
            if tree is None:
                tree = self._estate_tree[eid] = {}
            _insert(tree, building, unit, room, idx)
            if not (building or unit or room):
                self._area_first(tree)
            if rid >= 0 and house:
                roads = self._estate_houses.get((eid, house), ())
                if rid not in roads:
                    self._estate_houses[(eid, house)] = roads + (rid,)
            on = self._estate_on.get(eid)
            if on != ():
                here = (rid, house) if rid >= 0 and house else None
                if here is None or (on is not None and on != here):
                    self._estate_on[eid] = ()  # not one house
                else:
                    self._estate_on[eid] = here

    def _area_first(self, tree: dict) -> None:
        """The row of a 小区 or village itself is the one with no road and no house number (华舍村): where the library
        has it, the houses of the village (华舍村前街104号), which hang at the same place of its tree, are not read
        as the village when a text names only the village (华舍村东入口)."""
        rooms = tree[""][""]
        rows = _leaf_rows(rooms[""])
        area = tuple(r for r in rows if not self._row_house[r] and self._row_road[r] < 0)
        if area and len(area) < len(rows):
            rooms[""] = area if len(area) > 1 else area[0]

    def _place(self, a: StandardAddress, stem: str) -> tuple[int, int, tuple[int, ...], bool, int]:
        """(admin id, road id or -1, 小区 ids, whether one is a company, the dormitory/workshop/office its address up to
        the building or its 小区 names: 电机厂宿舍) of a row, from its names and its full address up to the building."""
        norm = self._norm_name
        admin = [norm(a.province), norm(a.city), norm(a.district), norm(a.street), norm(a.community)]
        road = norm(a.road)
        full = _tokenise(_prepare(stem)) if stem else None
        if full is not None and not (road or any(admin)):
            p = parse_address(stem)
            admin = [p.province, p.city, p.district, p.street, admin[4] or p.community]
            road = p.road
        admin_key = tuple(admin)
        aid = self._admin_ids.get(admin_key)
        if aid is None:
            aid = self._admin_ids[admin_key] = len(self._admins)
            self._admins.append(tuple((level, full_name, admin_short(full_name))
                                      for level, full_name in zip(_ADMIN_FIELDS, admin) if full_name))
        did = self._districts.setdefault(tuple(admin[:3]), len(self._districts))
        rid = self._name_id(ROAD, did, road) if road else -1
        estate_names = [admin[4]] if admin[4] else []
        if full is not None:
            estate_names.extend(self._aliases(full, admin, road))
        eids: list[int] = []
        for name in estate_names:
            eid = self._name_id(ESTATE, did, name)
            if eid not in eids:
                eids.append(eid)
        return (aid, rid, tuple(eids), any(_COMPANY_KIND.search(name) for name in estate_names),
                _kind_in(stem) or _kind_in(a.community))

    def _aliases(self, full, admin: list[str], road: str) -> tuple[str, ...]:
        """小区 names in a full address: the text that is not one of the row's own components."""
        runs = tuple(t for slot, t in full.runs if slot <= 1)
        key = (runs, tuple(admin), road)
        found = self._alias_memo.get(key)
        if found is None:
            pieces = []
            known = [n for n in (*admin, road) if n]
            for text in runs:
                parts = [text]
                for name in known:
                    parts = [p for part in parts for p in part.split(name)]
                pieces.extend(p for p in parts if len(p) >= 2)
            found = tuple(p for p in pieces if not _ADMIN_PIECE.fullmatch(p))
            shorts = tuple(short for p in found if (short := _company_short(p, admin)) and short not in found)
            for short in shorts:
                self._org_name(short)
            found += shorts
            self._alias_memo[key] = found
        return found

    def _org_name(self, short: str) -> None:
        """A company's everyday name into the table of company names (``_org_names``)."""
        for key in _org_keys(short):
            known = self._orgs.get(key, ())
            if short not in known:
                self._orgs[key] = known + (short,)
        self._org_maxlen = max(self._org_maxlen, len(short))

    def _build_fuzzy(self) -> None:
        dels: dict[str, list[str]] = {}
        sounds: dict[str, list[str]] = {}
        for name in self._names:
            if len(name) >= 3:
                for i in range(len(name)):
                    dels.setdefault(name[:i] + name[i + 1:], []).append(name)
            key = self._sound_key(name)
            if key:
                sounds.setdefault(key, []).append(name)
        # a deletion shared by very many names (X路 from every 3-character road) tells nothing
        self._dels = {k: v for k, v in dels.items() if len(v) <= MAX_SHARED}
        self._crowded = {k for k, v in dels.items() if len(v) > MAX_SHARED}
        self._sounds = sounds
        # what a deletion of a query window may be: the name itself (3+ characters), then the
        # names it is a deletion of; one probe instead of two in the hottest loop of typo search
        self._probes = {}
        for key in self._names.keys() | self._dels.keys():
            found = ((key,) if len(key) >= 3 and key in self._names else ()) + tuple(self._dels.get(key, ()))
            if found:
                self._probes[key] = found

    def _fuzzy_name(self, name: str) -> None:
        """One new name into the typo and sound tables (``add``), as ``_build_fuzzy`` would have put it."""
        if len(name) >= 3:
            for i in range(len(name)):
                key = name[:i] + name[i + 1:]
                if key in self._crowded:
                    continue
                shared = self._dels.get(key, []) + [name]
                if len(shared) > MAX_SHARED:
                    self._crowded.add(key)
                    del self._dels[key]
                    self._probes.pop(key, None)
                    if key in self._names and len(key) >= 3:
                        self._probes[key] = (key,)
                    continue
                self._dels[key] = shared
                self._probes[key] = ((key,) if len(key) >= 3 and key in self._names else ()) + tuple(shared)
        key = self._sound_key(name)
        if key:
            self._sounds.setdefault(key, []).append(name)
        found = ((name,) if len(name) >= 3 else ()) + tuple(self._dels.get(name, ()))
        if found:
            self._probes[name] = found

    @staticmethod
    def _sound_key(text: str) -> str:
        out = []
        for ch in text:
            p = PINYIN.get(ch)
            if p is None:
                return ""
            out.append(p[0])
        return " ".join(out)

    # ----------------------------------------------------------------------- names in a text run

    def _analyse(self, runs: tuple, fuzzy: bool) -> tuple[tuple, str, int, str]:
        """Names in the text runs -> (hits, administrative text, number of trailing runs, 宿舍/厂房/办公楼 said).

        A hit is ``(text, alts)``, ``alts`` the readings ``(name, factor, ids, note)``: factor
        1.0 for an exact name, lower for a typo reading. With ``fuzzy``, typo readings are added
        where no exact name ends, and as alternatives to the last name of a run (文一路 may be
        文一西路 missing 西).
        """
        if not fuzzy:
            found, admin_text, noise, kind_word = self._exact(runs)
            names = self._names
            return tuple((name, ((name, 1.0, names[name], ""),)) for name in found), admin_text, noise, kind_word
        last = self._fuzzy_last  # the readings of one query share their text runs
        if last[0] == runs:
            return last[1]
        result = self._over_runs(runs, self._fuzzy_names)
        self._fuzzy_last = (runs, result)
        return result

    @staticmethod
    def _over_runs(runs: tuple, find) -> tuple[tuple, str, int, str]:
        """``find`` (text -> (hits, prefix, trailing text)) over the runs before the building: (hits, prefix, runs
        after, the word 宿舍/厂房/办公楼 … that ends a run and is no name's, or "")."""
        hits: list = []
        admin_parts: list[str] = []
        noise = 0
        kind_word = ""
        for slot, text in runs:
            if slot >= 2:
                noise += 1
                continue
            run_hits, admin, trailing = find(text)
            if (not run_hits or trailing) and text.endswith(("舍", "区", "楼", "房", "间")):
                word = _BUILDING_KIND.search(text)
                if word is not None:
                    # 杨汛路35号宿舍3幢, 盛鑫轴承厂房1幢, 光远纺织办公楼: the word says what the buildings are; the
                    # name is before it
                    kind_word = word.group()
                    run_hits, admin, trailing = AddressIndex._before_kind_word(text[:word.start()], find)
            hits.extend(run_hits)
            if slot == 1 and (admin or trailing):
                # after the house number and no name: the shop or company there (华宇布行, (绍兴市柯桥实验中学)) is
                # trailing text, not the administrative places above it (its 绍兴市 is no second city)
                noise += 1
                continue
            if admin:
                admin_parts.append(admin)
            if trailing:
                admin_parts.append(trailing)
        return tuple(hits), "".join(admin_parts), noise, kind_word

    @staticmethod
    def _before_kind_word(text: str, find) -> tuple:
        """``find`` on the text before 宿舍 (厂房 …); 华强纺织厂宿舍: a company's everyday name with its kind (厂)
        written."""
        if not text:
            return (), "", ""
        found = find(text)
        if not found[0] or found[2]:
            kind = _COMPANY_KIND.search(text)
            if kind is not None and kind.start() >= 2:
                short = find(text[:kind.start()])
                if short[0] and not short[2]:
                    return short
        return found

    def _exact(self, runs: tuple) -> tuple[tuple[str, ...], str, int, str]:
        """Exact library names in the text runs -> (names, administrative text, number of trailing runs, 宿舍/厂房/办公楼
        said).

        Cached: people write the same prefix and road again and again. Keys and values are tuples
        of strings and numbers, two deep at most, which the garbage collector stops tracking before
        they grow old; a cache of deeper structures made every full collection walk it (and
        matching, 15 % slower).
        """
        cached = self._exact_cache.get(runs)
        if cached is not None:
            return cached
        result = self._over_runs(runs, self._exact_names)
        self._remember(self._exact_cache, runs, result)
        return result

    def _exact_names(self, text: str) -> tuple[list[str], str, str]:
        """Exact names at the end of ``text``, last first -> (names, administrative prefix, "")."""
        found: list[str] = []
        end = len(text)
        while end >= 2:
            start = self._name_start(text, end)
            if start < 0:
                break
            found.append(text[start:end])
            end = start
            if len(found) == MAX_NAMES:
                break
        return found, text[:end], ""

    def _name_start(self, text: str, end: int) -> int:
        """Start of the longest library name that ends at ``end`` of ``text``, or -1."""
        names = self._names
        for length in range(min(end, self._maxlen), 1, -1):
            if text[end - length:end] in names:
                return end - length
        return -1

    def _fuzzy_names(self, text: str) -> tuple[list, str, str]:
        """Names at the end of ``text`` (then at the end of what precedes them…), typo readings included.

        Returns (hits, administrative prefix, unplaced text after the names).
        """
        hits: list = []
        end = len(text)
        names = self._names
        while end >= 2:
            alts = None
            start = self._name_start(text, end)
            if start >= 0:
                cand = text[start:end]
                alts = ((cand, 1.0, names[cand], ""),)
            else:
                start = end
            if alts is None or not hits:
                fz = self._fuzzy_suffix(text, end)
                if fz is not None:
                    fstart, falts = fz
                    if alts is None:
                        start, alts = fstart, falts
                    elif fstart <= start:
                        alts = alts + falts
            if alts is None:
                break
            hits.append((text[start:end], alts))
            end = start
            if len(hits) == MAX_NAMES:
                break
        if not hits:
            if self._orgs:
                found = self._org_names(text)
                if found is not None:
                    return found
            # the name is not at the end: something unrecognised follows it (古墩路金色家园东门)
            found = self._scan_anywhere(text)
            if found is not None:
                sub_hits, admin, _ = self._fuzzy_names(text[:found])
                return sub_hits, admin, text[found:]
        return hits, text[:end], ""

    def _org_names(self, text: str) -> tuple[list, str, str] | None:
        """A company's name in ``text`` with words left out or a character wrong, and what follows it (杭州明化电子
        有限公司三楼 for 杭州明华电子科技有限公司): the name ends at its kind (有限公司, 厂 …), which is not compared.
        Returns what ``_fuzzy_names`` returns, or None."""
        for kind in _COMPANY_END.finditer(text):
            head = kind.start()
            found: dict[str, tuple[float, int, str]] = {}  # company -> (factor, start, note)
            for start in range(max(0, head - self._org_maxlen - 1), head - 1):
                written = text[start:head]
                for key in _org_keys(written):
                    for core in self._orgs.get(key, ()):
                        old = found.get(core)
                        if old is not None and old[1] <= start and old[0] == 1.0:
                            continue
                        reading = _org_reading(written, core)
                        if reading is not None and (old is None or reading[0] > old[0]):
                            found[core] = (reading[0], start, reading[1])
            if not found:
                continue
            best_factor, best_start, _note = max(found.values(), key=lambda v: (v[0], -v[1]))
            alts = []
            for core, (factor, start, note) in found.items():
                if factor < 0.75 * best_factor:
                    continue
                note = f"company {text[start:kind.end()]}→{core}" + (f" ({note})" if note else "")
                if start > best_start:
                    factor *= P_NOISE  # a shorter reading leaves characters of the name unexplained
                alts.append((core, factor, self._names[core], note))
            alts.sort(key=lambda a: -a[1])
            sub_hits, admin, _ = self._fuzzy_names(text[:best_start])
            return [(text[best_start:kind.end()], tuple(alts))] + sub_hits, admin, text[kind.end():]
        return None

    def _scan_anywhere(self, text: str) -> int | None:
        """End of the longest library name anywhere in ``text``."""
        names = self._names
        best = None
        best_len = 1
        for start in range(len(text) - 1):
            for length in range(min(len(text) - start, self._maxlen), best_len, -1):
                if text[start:start + length] in names:
                    best, best_len = start + length, length
                    break
        return best

    def _fuzzy_suffix(self, text: str, end: int):
        """Names within one edit (or homophones) of a window of ``text`` ending at ``end``.

        Returns (start of the best window, alternatives) or None.
        """
        names = self._names
        dels = self._dels
        probes = self._probes
        pairs: dict[tuple[str, int], None] = {}  # (name, window start), in discovery order
        lo = max(0, end - self._maxlen - 1)
        for start in range(lo, end - 1):
            w = text[start:end]
            for name in dels.get(w, ()):  # the query lacks one character (古墩 for 古墩路)
                pairs[(name, start)] = None
            if len(w) < 3:
                continue
            for i in range(end - start):
                # one character too many (d is a name), changed or swapped (d is a deletion of a name)
                for name in probes.get(w[:i] + w[i + 1:], ()):
                    pairs[(name, start)] = None
        key = ""
        for start in range(end - 1, max(0, end - self._maxlen) - 1, -1):
            reading = PINYIN.get(text[start])
            if reading is None:
                break
            key = reading[0] + " " + key if key else reading[0]
            for name in self._sounds.get(key, ()):  # homophones
                pairs[(name, start)] = None
        if not pairs:
            return None
        found: dict[str, tuple[float, int, str]] = {}  # name -> (cost, window start, note)
        for name, start in pairs:
            w = text[start:end]
            if name == w:
                continue  # exact names are found by the caller
            old = found.get(name)
            if old is not None and old[0] <= 0.4:
                continue
            cost, note = _edit_cost(w, name)
            if cost <= 1.0 and (old is None or cost < old[0]):
                found[name] = (cost, start, note)
        if not found:
            return None
        best = min(found.values(), key=lambda v: (v[0], v[1]))
        alts = []
        for name, (cost, start, note) in found.items():
            if cost <= best[0] + 0.6:
                factor = _name_factor(cost, note)
                note = f"{note} {text[start:end]}→{name}"
                if start > best[1]:
                    # a shorter window leaves characters of the name unexplained
                    factor *= P_NOISE
                    note += f" ({text[best[1]:start]} left over)"
                alts.append((name, factor, names[name], note))
        alts.sort(key=lambda a: -a[1])
        return best[1], tuple(alts)

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = value

    # ----------------------------------------------------------------------- administrative prefix

    def _admin_eval(self, text: str, aid: int) -> tuple[float, tuple[str, ...]]:
        key = (text, aid)
        cached = self._admin_cache.get(key)
        if cached is not None:
            return cached
        if not text:
            result = (P_PREFIX_MISSING, ("prefix missing",))
            self._remember(self._admin_cache, key, result)
            return result
        forms = self._admins[aid]
        rest = text
        for _level, full, short in forms:
            if full in rest:
                rest = rest.replace(full, "", 1)
            elif short in rest:
                rest = rest.replace(short, "", 1)
        factor = 1.0
        reasons: list[str] = []
        if rest:
            by_level = {level: full for level, full, _short in forms}
            pos = 0
            noise = []
            for m in _ADMIN_PIECE.finditer(rest):
                if m.start() > pos:
                    noise.append(rest[pos:m.start()])
                pos = m.end()
                piece = m.group(0)
                levels = next(lv for suffix, lv in _PIECE_LEVEL if piece.endswith(suffix))
                known = [(lv, by_level[lv]) for lv in levels if lv in by_level]
                if not known:
                    factor *= P_UNVERIFIED
                    continue
                near = next(((lv, name) for lv, name in known if _near(piece, name)), None)
                if near is not None:
                    factor *= P_ADMIN_TYPO
                    reasons.append(f"{near[0]} typo {piece}→{near[1]}")
                else:
                    lv, name = known[0]
                    factor *= P_CONFLICT[lv]
                    reasons.append(f"{lv} {piece}≠{name}")
            if pos < len(rest):
                noise.append(rest[pos:])
            if noise:
                factor *= P_NOISE
                reasons.append("unrecognised " + "".join(noise))
        result = (factor, tuple(reasons))
        self._remember(self._admin_cache, key, result)
        return result

    # ----------------------------------------------------------------------- trees

    def _descend(self, node, q, depth: int, level: str, factor: float, reasons: tuple, out: list,
                 strict: bool, path: tuple = ()) -> None:
        """Collect rows of ``node`` that fit ``q`` = (building, unit, room) from ``depth`` on.

        ``path`` holds the ancestors ``(node, depth, level)`` for falling back when a
        component is not in the library; ``strict`` collects exact fits only.
        """
        if depth == 3:
            for idx in _leaf_rows(node):
                out.append((idx, level, factor, reasons))
            return
        here = path + ((node, depth, level),)
        value = q[depth]
        if value:
            child = node.get(value)
            if child is not None:
                self._descend(child, q, depth + 1, _LEVEL_AT[depth], factor, reasons, out, strict, here)
                return
            if strict:
                return
            if "" in node:
                # the library has no such level here (a building without units)
                self._descend(node[""], q, depth + 1, level, factor * P_NO_SUCH_LEVEL,
                              reasons + (f"{_WORD[depth]} {value} not in library",), out, strict, path)
                return
            self._fallback(here, factor * P_NOT_FOUND, reasons + (f"{_WORD[depth]} {value} not found",), out)
            return
        if not any(q[depth + 1:]):
            if not strict:
                if level == "unit" and path and self._own_row(node, depth) is None:
                    # 3幢1单元 where the library has rooms of the unit and a row of the building, none of the unit (doors
                    # and plates are a building's): the building's row, not one of the unit's rooms for it
                    own = self._own_row(path[-1][0], path[-1][1])
                    if own is not None:
                        why = reasons + (f"unit {q[1]} has no row, its building's",)
                        out.extend((idx, "building", factor, why) for idx in _leaf_rows(own))
                        return
                self._fallback(((node, depth, level),), factor, reasons, out)
            elif "" in node:
                self._descend(node[""], q, depth + 1, level, factor, reasons, out, strict, path)
            return
        # not given, but deeper parts are: try every child
        before = len(out)
        for key, child in node.items():
            if key == "":
                self._descend(child, q, depth + 1, level, factor, reasons, out, True)
            else:
                self._descend(child, q, depth + 1, _LEVEL_AT[depth], factor * P_MISSING[depth],
                              reasons + (f"{_WORD[depth]} not given",), out, True)
        if len(out) == before and not strict:
            missing = " ".join(v for v in q[depth + 1:] if v)
            self._fallback(here, factor * P_NOT_FOUND, reasons + (f"{missing} not found",), out)

    @staticmethod
    def _own_row(node, depth: int):
        """The row of the node itself (building-level address: unit and room empty), or None."""
        while depth < 3:
            node = node.get("")
            if node is None:
                return None
            depth += 1
        return node

    def _fallback(self, path: tuple, factor: float, reasons: tuple, out: list) -> None:
        """The deepest ancestor's own row; if none has one, a representative row of the deepest node."""
        for node, depth, level in reversed(path):
            leaf = self._own_row(node, depth)
            if leaf is not None:
                for idx in _leaf_rows(leaf):
                    out.append((idx, level, factor, reasons))
                return
        node, depth, level = path[-1]
        while depth < 3:
            node = next(iter(node.values()))
            depth += 1
        out.append((_leaf_rows(node)[0], level, factor * P_REPRESENTATIVE,
                    reasons + (f"representative of {level}",)))

    # ----------------------------------------------------------------------- matching

    def match_one(self, raw: str) -> Match | None:
        found = self.match(raw, limit=1)
        return found[0] if found else None

    def match(self, raw: str, *, limit: int = 3) -> list[Match]:
        """Best matches first; [] when nothing plausible."""
        if not raw:
            return []
        if len(raw) > MAX_LENGTH:
            raw = raw[:MAX_LENGTH]  # no address is that long; bound the work
        text = raw.strip()
        # 金地自在城东门人脸抓拍点: a camera at the place named before it, for nothing; 金地自在城东门, 迪荡路34号南大门: a
        # camera or a guard at the gate of the place named before it, a little less sure
        for pattern, last, factor, what in ((_DEVICE, "点机拍控头", 1.0, "device"), (_GATE, "门口岗亭", P_GATE, "gate")):
            end = pattern.search(text) if text[-1:] in last else None
            if end is not None and end.start() >= 2:
                word = end.group(0)
                found = [Match(m.code, round(m.confidence * factor, 4), m.level, m.reasons + (f"{what} {word}",))
                         for m in self.match(text[:end.start()], limit=limit)
                         if m.confidence * factor >= MIN_CONFIDENCE]
                whole = self._match(raw, limit)  # a place whose own name ends so (和平东门) is read as written
                return whole if whole and (not found or whole[0].confidence > found[0].confidence) else found
        return self._match(raw, limit)

    def _match(self, raw: str, limit: int) -> list[Match]:
        tok = tokens(raw)
        fast = self._fast(tok)
        if fast is not None:
            return [fast]
        scored = self._candidates(tok, False)
        if self._clean(scored, tok):
            return self._rank(scored, limit)
        readings = [tok]
        gaps = spaced_numbers(raw)
        # each of the first two gaps joined or not; beyond two gaps (4 3 8 号 1 1 幢), all joined
        for joins in (range(1, 1 << gaps) if gaps <= 2 else ((1 << gaps) - 1,)):
            # "1 02室": a space may split one number rather than separate two
            joined = tokens(raw, joins)
            readings.append(joined)
            self._merge(scored, self._candidates(joined, False, P_JOINED))
            if self._clean(scored, joined):
                return self._rank(scored, limit)
        if any(self._clean(scored, reading, unique=False) for reading in readings):
            # a full-depth answer, ambiguous between exact readings (two districts, unit not
            # given): typo readings would only add weaker rivals
            return self._rank(scored, limit)
        for i, reading in enumerate(readings):
            self._merge(scored, self._candidates(reading, True, P_JOINED if i else 1.0))
        return self._rank(scored, limit)

    def _fast(self, tok) -> Match | None:
        """The common case in a few dictionary look-ups: exact names, every number found, one row."""
        found, admin_text, noise, kind_word = self._exact(tok.runs)
        if not found or tok.extra or noise and any(slot >= 2 for slot, _text in tok.runs):
            return None  # (text after the house number that names nothing is read here as in _candidates)
        names = self._names
        primary = None
        for name in found:
            ids = names[name]
            if len(ids) != 1:
                return None
            if primary is None and (tok.house or ids[0][0] == ESTATE):
                primary = ids[0]
        if primary is None:
            return None
        kind, ident = primary
        if kind == ROAD:
            tree = self._house_tree.get((ident, tok.house))
        elif tok.house:
            return None
        else:
            tree = self._estate_tree.get(ident)
        if tree is None:
            return None
        node = tree.get(tok.building)
        if node is None:
            return None
        node = node.get(tok.unit)
        if node is None:
            return None
        leaf = node.get(tok.room)
        if leaf is None or leaf.__class__ is tuple:
            return None
        if len(found) > 1:
            road = self._row_road[leaf]
            estates = self._row_estates[leaf]
            for name in found:
                other = names[name][0]
                if other != primary and not (other[0] == ROAD and other[1] == road) \
                        and not (other[0] == ESTATE and other[1] in estates):
                    return None
        aid = self._row_admin[leaf]
        admin = self._admin_cache.get((admin_text, aid))
        if admin is None:
            admin = self._admin_eval(admin_text, aid)
        level = "room" if tok.room else "unit" if tok.unit else "building" if tok.building else "house"
        confidence, reasons = admin
        if noise:
            confidence, reasons = confidence * P_TRAILING, ("trailing text",) + reasons
        if kind_word:
            if level == "house":
                named = self._named_building(leaf, kind_word)
                if named is not None:
                    leaf, level = named, "building"
            factor, why = self._kind_fit(leaf, level, _kind_of(kind_word))
            confidence, reasons = confidence * factor, reasons + why
        if tok.floor and not tok.room:
            reasons = reasons + ("floor " + tok.floor,)
        if confidence < CLEAN:
            return None
        return Match(code=self._codes[leaf], confidence=round(confidence, 4), level=level, reasons=reasons)

    @staticmethod
    def _merge(scored: dict, more: dict) -> None:
        for idx, value in more.items():
            old = scored.get(idx)
            if old is None or value[0] > old[0]:
                scored[idx] = value

    @staticmethod
    def _query_level(tok) -> str:
        if tok.room:
            return "room"
        if tok.unit:
            return "unit"
        if tok.building:
            return "building"
        return "house"

    def _clean(self, scored: dict, tok, unique: bool = True) -> bool:
        """True when the best candidate goes as deep as the query and scores well (and, if ``unique``, alone)."""
        if not scored:
            return False
        best = max(scored.values(), key=lambda v: v[0])
        if best[0] < CLEAN or best[1] != self._query_level(tok) and not (tok.house and best[1] == "house"):
            return False
        if len(scored) == 1 or not unique:
            return True
        total = sum(v[0] ** SHARE_POWER for v in scored.values())
        return best[0] ** SHARE_POWER / total >= 0.9

    def _candidates(self, tok, fuzzy: bool, base: float = 1.0) -> dict[int, tuple[float, str, tuple[str, ...]]]:
        hits, admin_text, noise, kind_word = self._analyse(tok.runs, fuzzy)
        if not hits:
            return {}
        house, q = tok.house, (tok.building, tok.unit, tok.room)
        wanted = _kind_of(kind_word) if kind_word else 0
        named = kind_word if kind_word and not any(q) else ""  # 光远纺织办公楼: the building the library may call so
        base_reasons: tuple[str, ...] = () if base == 1.0 else ("space inside a number",)
        if tok.floor and not tok.room:
            base_reasons += ("floor " + tok.floor,)  # the library has no floors: 杨汛路35号3楼 is 杨汛路35号
        if noise:
            base *= P_TRAILING
            base_reasons += ("trailing text",)
        if tok.extra and any(len(x) < 5 for x in tok.extra):
            # numbers that fit no slot: this reading of the numbers is probably wrong
            base *= P_UNPLACED
            base_reasons += ("unplaced number " + "-".join(tok.extra),)
        # a road written beside the 小区 or village (钱陶村后街53号); a typo reading does not count as one (百官街道 read as
        # 百官大道 in 百官街道心港村85号 is the street, and the village's 85号 is still looked up on its lanes)
        has_road = len(hits) > 1 and any(kind == ROAD for _text, alts in hits for alt in alts if alt[1] == 1.0
                                         for kind, _i in alt[2])
        supports = [(text, _support_map(alts)) for text, alts in hits] if len(hits) > 1 else ()
        row_house = self._row_house
        row_admin = self._row_admin
        admin_cache = self._admin_cache
        out: dict[int, tuple[float, str, tuple[str, ...]]] = {}
        for i, (_text, alts) in enumerate(hits):
            others = [h for j, h in enumerate(supports) if j != i]
            for name, f_name, ids, note in alts:
                f_name *= base
                r_name = ((note,) if note else ()) + base_reasons
                for kind, ident in ids:
                    rows: list = []
                    as_building = False
                    house_given: set = set()
                    if kind == ROAD:
                        self._road_rows(ident, name, house, q, tok, rows, house_given)
                    else:
                        tree = self._estate_tree.get(ident)
                        if tree is None:
                            continue
                        on = self._estate_on.get(ident)
                        if on:
                            # a 小区 or a named house on one house number (绍兴盛鑫轴承有限公司 at 杨汛路35号): the
                            # house's buildings are its buildings (宿舍1幢 is written under 杨汛路35号 alone)
                            tree = self._house_tree.get(on, tree)
                        if house and not has_road:
                            self._estate_house_rows(ident, house, q, rows)
                        if house and not q[0] and not has_road:
                            # 金色家园5号502: in a 小区, N号 is the building (unless no building has that number
                            # and a house of the 小区 or village does: 钱陶村53号)
                            if house in tree or not rows and tree.keys() != {""}:
                                as_building = True
                                self._resolve(tree, (house, q[1], q[2]), "house", rows)
                            elif not rows:
                                # a village or a market with no building at all and no house (stall) of that number:
                                # the place itself if the library lists it, weakly, not every house of it as if it
                                # were the building (坯布市场F区62号 in the district whose 坯布市场 has no F区62)
                                found: list = []
                                self._resolve(tree, q, "house", found)
                                rows.extend((idx, level, factor * P_NOT_FOUND, reasons + (f"house {house} not found",))
                                            for idx, level, factor, reasons in found)
                        elif not rows:
                            self._resolve(tree, q, "house", rows)
                    for idx, level, factor, reasons in rows:
                        if named and level == "house":
                            named_idx = self._named_building(idx, named)
                            if named_idx is not None:
                                idx, level = named_idx, "building"
                        score = factor * f_name
                        why = r_name + reasons if reasons else r_name
                        if house and not as_building and kind == ESTATE:
                            h = row_house[idx]
                            if h and h != house:
                                score *= P_HOUSE_OTHER
                                why += (f"house {house}≠{h}",)
                        elif kind == ROAD and not house and row_house[idx] and any(q) and idx not in house_given:
                            score *= P_HOUSE_MISSING
                            why += ("house number missing",)
                        for other in others:
                            f, r = self._support(other, idx)
                            score *= f
                            if r:
                                why += r
                        aid = row_admin[idx]
                        admin = admin_cache.get((admin_text, aid))
                        if admin is None:
                            admin = self._admin_eval(admin_text, aid)
                        score *= admin[0]
                        if admin[1]:
                            why += admin[1]
                        if wanted:
                            f, r = self._kind_fit(idx, level, wanted)
                            score *= f
                            why += r
                        old = out.get(idx)
                        if old is None or score > old[0]:
                            out[idx] = (score, level, why)
        return out

    def _kind_fit(self, idx: int, level: str, kind: int) -> tuple[float, tuple[str, ...]]:
        """How well row ``idx``, matched at ``level``, fits a query that calls the place a dormitory (宿舍), a workshop
        (厂房, 车间) or an office (办公楼): ``kind``."""
        row = self._row_kind.get(idx, 0)
        if row == kind:
            return 1.0, ()
        name = _KIND_NAME[kind]
        house = self._house_kinds.get((self._row_road[idx], self._row_house[idx]), 0)
        building = level in _LEVEL_AT
        if house >> kind & 1:
            # the library names this house's dormitories (workshops …: 宿舍1幢), and this building is not one of them
            return (P_KIND_OTHER, (f"not a {name} building",)) if building else (1.0, ())
        if row and building:
            # a building the library calls something else (宿舍1幢 for 厂房1幢)
            return P_KIND_OTHER, (f"not a {name} building",)
        if house & KIND_PLACE:
            return P_KIND_UNNAMED, (f"{name} not named in library",)
        return P_KIND_UNKNOWN, (f"no {name} known here",)

    def _named_building(self, idx: int, word: str) -> int | None:
        """The row of the building of row ``idx``'s house that the library calls ``word`` (办公楼), or None."""
        tree = self._house_tree.get((self._row_road[idx], self._row_house[idx]))
        node = tree.get(word) if tree is not None else None
        own = self._own_row(node, 1) if node is not None else None
        return _leaf_rows(own)[0] if own is not None else None

    def _road_rows(self, ident: int, name: str, house: str, q: tuple, tok, rows: list, house_given: set) -> None:
        """Rows of road ``ident`` for the numbers of the query; ``house_given`` collects the rows found by reading
        the query's first bare number as the house number (no "house number missing" for them)."""
        if house:
            tree = self._house_tree.get((ident, house))
            if tree is not None:
                self._resolve(tree, q, "house", rows)
                return
            tree = self._road_tree.get(ident)
            r = (f"house {house} not on {name}",)
            if tree is not None and any(q):
                # building/unit/room of another house on this road: only the road is confirmed
                found: list = []
                self._descend(tree, q, 0, "road", P_HOUSE_OTHER, r, found, False)
                rows.extend((idx, "road", factor, reasons) for idx, _level, factor, reasons in found)
            else:
                self._road_level(ident, P_HOUSE_OTHER * P_NOT_FOUND, r, rows)
        elif any(q):
            shifted = tok.house_first()
            tree = shifted and self._house_tree.get((ident, shifted[0]))
            exact = False
            if tree:
                # 古墩路88 3-502, 蒋村路35-402: the first bare number is the house number
                found: list = []
                self._resolve(tree, shifted[1:], "house", found)
                rows.extend(found)
                house_given.update(idx for idx, *_rest in found)
                exact = any(factor == 1.0 for _idx, _level, factor, _reasons in found)
            tree = self._road_tree.get(ident)
            first = q[0]
            if exact and first and (tree is None or first not in tree):
                return  # read as building N, no house on this road has one: only the house reading holds
            if len(first) >= 2 and (tree is None or first not in tree):
                # 古墩路883幢: house number and building written together, 号 omitted
                for i in range(1, len(first)):
                    split_tree = self._house_tree.get((ident, first[:i]))
                    if split_tree is not None:
                        found: list = []
                        self._resolve(split_tree, (first[i:], q[1], q[2]), "house", found)
                        note = (f"read {first} as house {first[:i]} building {first[i:]}",)
                        rows.extend((idx, level, factor * P_RUN_TOGETHER, note + reasons)
                                    for idx, level, factor, reasons in found)
            if tree is not None:
                self._descend(tree, q, 0, "road", 1.0, (), rows, False)
        else:
            self._road_level(ident, 1.0, (), rows)

    def _estate_house_rows(self, estate: int, house: str, q: tuple, rows: list) -> None:
        """钱陶村53号, 章镇村121号202室: a village's houses are numbered along its lanes, and people leave the lane
        out. The house number is looked up on every road of the 小区/village; on one road it is that house, on
        several they are rivals (and share the confidence). Lanes are named alike from village to village (工业路 in
        塘头村 and in 马鞍村): only the rows of this village are taken from a lane's house."""
        for rid in self._estate_houses.get((estate, house), ()):
            found: list = []
            self._resolve(self._house_tree[(rid, house)], q, "house", found)
            here = [hit for hit in found if estate in self._row_estates[hit[0]]]
            rows.extend((idx, level, factor * P_ROAD_MISSING, reasons + ("road not given",))
                        for idx, level, factor, reasons in here or found)

    def _resolve(self, tree: dict, q: tuple, root_level: str, rows: list) -> None:
        b, u, r = q
        n = tree.get(b)
        if n is not None:
            n = n.get(u)
            if n is not None:
                leaf = n.get(r)
                if leaf is not None:
                    level = "room" if r else "unit" if u else "building" if b else root_level
                    for idx in _leaf_rows(leaf):
                        rows.append((idx, level, 1.0, ()))
                    return
        self._descend(tree, q, 0, root_level, 1.0, (), rows, False)

    def _road_level(self, road_id: int, factor: float, reasons: tuple, rows: list) -> None:
        idx = self._road_row.get(road_id)
        if idx is not None:
            rows.append((idx, "road", factor, reasons))
            return
        tree = self._road_tree.get(road_id)
        if tree is None:
            for (rid, _house), t in self._house_tree.items():
                if rid == road_id:
                    tree = t
                    break
        if tree is not None:
            self._fallback(((tree, 0, "road"),), factor, reasons, rows)

    def _support(self, other: tuple, idx: int) -> tuple[float, tuple[str, ...]]:
        """How well another name of the query, ``(text, support map)``, fits row ``idx``."""
        text, support = other
        found = support.get((ROAD, self._row_road[idx]))
        for eid in self._row_estates[idx]:
            f = support.get((ESTATE, eid))
            if f is not None and (found is None or f[0] > found[0]):
                found = f
        if found is not None:
            return found
        for _level, full, short in self._admins[self._row_admin[idx]]:
            if text == full or text == short:
                return 1.0, ()
        return P_NAME_ELSEWHERE, (f"{text} not at this address",)

    def _rank(self, scored: dict, limit: int) -> list[Match]:
        if not scored:
            return []
        items = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
        total = sum(v[0] ** SHARE_POWER for _k, v in items)
        out = []
        for idx, (score, level, reasons) in items[:limit]:
            share = score ** SHARE_POWER / total if total else 0.0
            confidence = round(score * share, 4)
            if confidence < MIN_CONFIDENCE:
                break
            if share < 0.9 and len(items) > 1:
                reasons = reasons + (f"ambiguous: {len(items)} candidates",)
            out.append(Match(code=self._codes[idx], confidence=confidence, level=level, reasons=reasons))
        return out
