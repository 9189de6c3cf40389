"""What a feed is, what its address means and how far it is trusted: defaults by the feed's name.

Pure Python, no Django. A department's file names its feed in the ``source``
column (``door``, ``hotel``, 门禁, 社保 …). The address on a record means
different things per feed, and only a *home* address says where someone lives:

==========  ============================  ==========  =====
kind        what it is                    address     trust
==========  ============================  ==========  =====
door        smart door swipes (门禁)       home        0.9
lock        smart locks on rooms (门锁)     home        0.85
face        face capture at gates (learnt)  workplace   0.6
employment  employment / social insurance  workplace   0.8
hotel       hotel check-ins (旅馆业)        stay        0.95
school      school enrolment (学籍)         school      0.8
utility     water, power, gas accounts     property    0.5
rental      rental filings (租赁备案)        home        0.8
visit       grid workers' household visits  home        0.9
            (网格员入户走访, 协管员采集)
==========  ============================  ==========  =====

``trust`` (0–1) scales the points a record's evidence gives; ``property`` is
the account holder's property (often a landlord's), never proof of living
there. A rental filing names the tenant and the rented room; a grid worker's
visit names who was found living in the household: both are homes (seed 003
names landlords, rental agents and grid workers among those who collect). A
feed whose name is unknown is kind ``other``, address ``other`` and trust 0.5
until someone sets it (admin, or ``anju fusion sources --set NAME --meaning …``). For face capture and feeds of
unknown name the default is only a start: each run reads their address as the data say (``meanings.py``: a
compound's gate agrees with registrations the way door swipes do, a construction site's gate does not).

Rental filings, grid workers' visits and school records that name a household (``meanings.school_homes``) *state*
a home (``STATED``): one of them counts as a home seen on several days, where one swipe or capture counts as one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HOME, WORKPLACE, STAY, SCHOOL, PROPERTY, OTHER = "home", "workplace", "stay", "school", "property", "other"
MEANINGS = (HOME, WORKPLACE, STAY, SCHOOL, PROPERTY, OTHER)
KINDS = ("door", "lock", "face", "employment", "hotel", "school", "utility", "rental", "visit", "other")
# Feeds whose record *states* where someone lives — a form filled in for a period (a rental filing, a grid worker's
# household visit, a school enrolment's family address) — where a door swipe or a capture only *sees* someone
# there once, perhaps on a visit. One such record stands for a stay, not a day (findings.STATED_DAYS).
STATED = frozenset({"rental", "visit", "school"})


@dataclass(frozen=True)
class SourceDefaults:
    kind: str
    meaning: str
    trust: float


DEFAULTS = {
    "door": SourceDefaults("door", HOME, 0.9),
    "lock": SourceDefaults("lock", HOME, 0.85),
    "face": SourceDefaults("face", WORKPLACE, 0.6),
    "employment": SourceDefaults("employment", WORKPLACE, 0.8),
    "hotel": SourceDefaults("hotel", STAY, 0.95),
    "school": SourceDefaults("school", SCHOOL, 0.8),
    "utility": SourceDefaults("utility", PROPERTY, 0.5),
    "rental": SourceDefaults("rental", HOME, 0.8),
    "visit": SourceDefaults("visit", HOME, 0.9),
}

# Names departments use for the same feeds (lower-case English, Chinese).
ALIASES = {
    "door": ("access", "swipe", "card", "entrance", "intercom", "门禁", "智能门禁", "刷卡", "门禁卡", "单元门"),
    "lock": ("smartlock", "smart_lock", "门锁", "智能门锁", "出租屋门锁"),
    "face": ("camera", "face_capture", "人脸", "人脸识别", "人脸抓拍", "工地人脸"),
    "employment": ("social_insurance", "social_security", "insurance", "employer", "labour", "labor", "job", "payroll",
                   "salary", "就业", "工资", "个税", "社保", "社会保险", "参保", "用工", "人社", "务工"),
    "hotel": ("lodging", "inn", "hostel", "guesthouse", "旅馆", "酒店", "宾馆", "住宿", "旅业", "民宿"),
    "school": ("education", "enrolment", "enrollment", "student", "pupil", "学校", "学籍", "教育", "入学", "学生"),
    "utility": ("utilities", "water", "power", "electricity", "gas", "水电", "水电气", "燃气", "电力", "自来水", "供水", "供电"),
    # not 出租 alone: 出租车 is a taxi
    "rental": ("tenancy", "lease", "letting", "rent", "租赁", "房屋租赁", "租赁备案", "出租屋", "出租房", "租房", "租客"),
    # not "grid" alone: State Grid (国家电网) is the power company
    "visit": ("grid_visit", "gridworker", "survey", "household_visit", "census", "网格", "走访", "入户", "协管员",
              "上门采集", "人口普查"),
}
_BY_ALIAS = {alias: kind for kind, aliases in ALIASES.items() for alias in (kind, *aliases)}


def source_defaults(name: str) -> SourceDefaults:
    """The defaults for a feed called ``name``: exact name, then a known alias, then a known word inside it."""
    key = unicodedata.normalize("NFKC", name or "").strip().lower()
    kind = _BY_ALIAS.get(key)
    if kind is None:  # an English alias as a whole word (hotel_xihu, door-2)
        kind = next((_BY_ALIAS[w] for w in re.split(r"[\s_\-./:]+", key) if w in _BY_ALIAS), None)
    if kind is None:  # a Chinese alias anywhere (西湖区水电气)
        for alias, k in sorted(_BY_ALIAS.items(), key=lambda kv: -len(kv[0])):
            if not alias.isascii() and alias in key:
                kind = k
                break
    return DEFAULTS[kind] if kind else SourceDefaults("other", OTHER, 0.5)
