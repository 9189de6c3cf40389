"""Findings about one person, scored 0–100, each point explained: unregistered, moved, stale.

Pure Python, no Django. ``assess(person, as_of=…, config=…)`` looks at what
is known of one resolved person — their records grouped by feed account
(``Account``: which source, what its address means, where, on which days) and
their registrations — and returns the findings with the rules that gave their
points. Nothing here registers or cancels anything: a finding is a proposal
for an officer (and, at ``pending_score`` and above, for the person by SMS).

Where someone lives
-------------------
Only *home* feeds (door swipes, smart locks: ``sources.HOME``) say where
someone lives; a hotel stay, a workplace, a school or a landlord's utility
account does not. A person's home is the building of their most recent home
record (a mover is seen at the old home, then the new one). A home record
whose address is not in the library but names another district is evidence
of living *elsewhere* (outside the area).

Unregistered and moved (人户分离)
--------------------------------
A person whose current home is in the library and who has no active
registration in that building: ``unregistered`` without any active
registration, ``moved`` with one elsewhere. Points (``SUSPECT_RULES``):
home records on more days give more (scaled by the feed's trust; a form that states the home counts as
``STATED_DAYS``), two home
feeds agreeing, records spread over a month or more, recent records, a known
identity and a room-level address add; records at another home lately, or an
active registration whose address could not be placed, take away. A person
who moved to another room of their registered building (both rooms known, no record in the old one since the
new one's first: ``moved_within``) is ``moved`` too, and that registration stale. A person
whose registration in that building ended is not raised unless home records
there go on well after the day it ended (an imported cancelled registration
has no such day: the cancellation stands). A person whose home records are
all older than ``home_recent_days`` (or the home feeds' usual gap) is only
reported when their other traces go on (they are still around: a few points
instead of the "not recent" penalty).

Stale
-----
An active registration is stale when its person was seen living elsewhere
since (home records at another building, or outside the area), or when their
traces of any kind stopped ``stale_quiet_days`` or more before ``as_of``. The
points for a silence are 100 × P(left): the leaving odds from
``counts.CountModel`` (which learns how many records stayers get from each
feed) with the share of leavers (``priors``). Someone seen weekly who falls silent for two
months scores high, someone seen twice a year low. A registered person with no
records at all is never reported: silence without any earlier trace is not
evidence of leaving.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from anju.lib.fusion.sources import HOME, PROPERTY, SCHOOL

if TYPE_CHECKING:
    from anju.lib.fusion.counts import CountModel

UNREGISTERED, MOVED, STALE = "unregistered", "moved", "stale"

DEFAULT_CONFIG = {
    "suspect_min_score": 50,   # a suspect is raised (and exported) at this score
    "stale_min_score": 50,     # a stale registration likewise
    "pending_score": 80,       # seed 001: at or above, the person is asked to confirm (SMS) or an officer on site
    "home_recent_days": 90,    # home records older than this need other, recent traces to count as "still here"
    "stale_quiet_days": 60,    # traces stopped at least this long before as_of
    "recent_days": 30,         # "recent" for the recency points
    "year_days": 365,          # the window a lone trace's rhythm is measured over
}


def data_window(day_counts: dict[date, int], *, gap_days: int) -> tuple[date | None, date | None]:
    """The first and last day the feeds cover: the run of days with records, no gap longer than ``gap_days``
    inside, that holds the most records. A device with a wrong clock stamps a few records 1970 or years ahead;
    taken as the window's end they would make everyone silent (all stale), taken as its start they would make
    every rhythm look slow (nothing stale). The city's feeds together are never silent that long."""
    days = sorted(d for d, n in day_counts.items() if n > 0)
    if not days:
        return None, None
    blocks = []
    start = prev = days[0]
    count = 0
    for d in days:
        if (d - prev).days > gap_days:
            blocks.append((count, start, prev))
            start, count = d, 0
        count += day_counts[d]
        prev = d
    blocks.append((count, start, prev))
    _n, first, last = max(blocks)
    return first, last


@dataclass(frozen=True)
class Place:
    code: str          # standard address code
    building: str      # building key (district|road|number|building)
    room_level: bool   # the record named the room (not only the building)
    node: str = ""     # jurisdiction code of the address (for routing)
    area: str = ""     # the village or community it lies in, as a house key (district|@name|)


def within(inner: Place, outer: Place) -> bool:
    """``inner`` lies inside ``outer``, a place known only to its house (a compound's gate: district|road|number|) or
    only to its village or community (a camera at a village's entrance: district|@name||)."""
    if inner.building == outer.building:
        return False
    return inner.building.startswith(outer.building) or bool(inner.area) and outer.building == inner.area + "|"


@dataclass
class Account:
    """The records of one feed account (same identity fields and address) of a person."""

    key: str
    source: str
    meaning: str           # home, workplace, stay, school, property, other
    trust: float
    place: Place | None    # the matched standard address
    outside: bool          # an address outside the library's area (another district or city)
    days: list[date]       # one per record (may repeat)
    record_ids: list[str]
    stated: bool = False   # its records state a home (a form: sources.STATED), not a sighting


@dataclass(frozen=True)
class Registration:
    number: str
    active: bool
    place: Place | None
    starts_on: date | None = None
    household_days: tuple = ()  # record days of the others actively registered at the same address
    newcomer_on: date | None = None  # someone else first seen at home at this address after the person's last trace
    covered: bool = False  # anyone at all was ever seen at home at this address (so a newcomer could be seen)
    ends_on: date | None = None  # an ended registration: the day it ended, where known (an import does not say)
    rivals: tuple = ()  # free text read nearly as well as several buildings (place is the best of them)


@dataclass
class Person:
    key: str
    known: bool                  # linked to a person of the identity registry or of a registration
    valid_id: bool               # has a valid ID number at all
    accounts: list[Account] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    _streams: dict | None = field(default=None, repr=False, compare=False)  # streams(), once the accounts are known


@dataclass
class Finding:
    kind: str
    score: int
    # (rule, points, detail, params): the detail in English, and what it says as JSON values (dates ISO) for a page
    # to say it in the reader's language; the rule's name and points are what the score is made of
    rules: list[tuple[str, int, str, dict]]
    record_ids: list[str]
    place: Place | None = None          # suspects: the home found; stale: the registration's address
    registration: str = ""              # stale: the registration number
    last_seen: date | None = None
    first_seen: date | None = None
    evidence_until: date | None = None  # the newest record behind the finding

    @property
    def proposal(self) -> str:
        return ""


def leaving_prior(odds: list[float], *, iterations: int = 200) -> float:
    """The share of people who left, estimated from everyone's leaving odds by expectation maximisation.

    Unsupervised, like the linking model: each person is a mixture of "left"
    (likelihood ratio LR) and "still here" (1); the share π that best explains
    all the ratios is the prior for each one's posterior π·LR / (π·LR + 1 − π).
    """
    if not odds:
        return 0.0
    pi = 0.1
    for _ in range(iterations):
        post = [pi * lr / (pi * lr + 1 - pi) for lr in odds]
        new = min(0.99, max(1e-4, sum(post) / len(post)))
        if abs(new - pi) < 1e-7:
            break
        pi = new
    return pi


def posterior_left(lr: float, prior: float) -> float:
    return prior * lr / (prior * lr + 1 - prior) if prior > 0 else 0.0


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _clamp(points: float) -> int:
    return max(0, min(100, int(round(points))))


def _days_points(n_days: int) -> int:
    return 35 if n_days <= 1 else 50 if n_days == 2 else 60 if n_days <= 5 else 70


# A form that states where someone lives (a rental filing, a grid worker's visit, a school enrolment's family
# address: sources.STATED) covers a stay; one of them counts as home records on this many days — the fewest at which
# sightings stop looking like a visit. On the independent city (benchmarks/independent, seeds 1 and 2) a single school
# form naming a household's room, of a known person not registered there, was a right suspect 122 times in 127;
# one face capture at a gate 0.17–0.79 of the time.
STATED_DAYS = 3


def _seen_days(accounts: list[Account], days: list[date]) -> int:
    """How many days ``days`` (of ``accounts``) count for: their number, at least ``STATED_DAYS`` where a form
    states the home."""
    return max(len(days), STATED_DAYS) if any(a.stated for a in accounts) else len(days)


@dataclass
class _Home:
    building: str
    accounts: list[Account]

    @property
    def days(self) -> list[date]:
        return [d for a in self.accounts for d in a.days]

    @property
    def last(self) -> date:
        return max(self.days)

    @property
    def first(self) -> date:
        return min(self.days)


def _homes(person: Person) -> tuple[dict[str, _Home], list[Account]]:
    """Home evidence by building (in the library), and home accounts outside the area."""
    homes: dict[str, _Home] = {}
    outside: list[Account] = []
    for a in person.accounts:
        if a.meaning != HOME or not a.days:
            continue
        if a.place is not None:
            homes.setdefault(a.place.building, _Home(a.place.building, [])).accounts.append(a)
        elif a.outside:
            outside.append(a)
    return homes, outside


def _room(home: _Home) -> Place:
    """The home's address: the room most records name (newest first on ties), else the building's."""
    rooms: Counter = Counter()
    latest: dict[str, date] = {}
    by_code: dict[str, Place] = {}
    for a in home.accounts:
        if a.place is None:
            continue
        by_code[a.place.code] = a.place
        if a.place.room_level:
            rooms[a.place.code] += len(a.days)
            latest[a.place.code] = max(latest.get(a.place.code, date.min), max(a.days))
    if rooms:
        code = max(rooms, key=lambda c: (rooms[c], latest[c], c))
        return by_code[code]
    newest = max((a for a in home.accounts if a.place is not None), key=lambda a: (max(a.days), a.key))
    return newest.place


def moved_within(home: _Home, reg: Registration) -> list[Account]:
    """The accounts that show the person moved to another room of ``reg``'s building: their newest room-level home
    records name a room other than the registered one (itself named to the room), and no home record names the
    registered room on or after the day they were first seen in the new one. [] when not so: a building-level
    record, or records in both rooms side by side, say nothing about which room is home."""
    if reg.place is None or not reg.place.room_level or reg.place.building != home.building:
        return []
    rooms = [a for a in home.accounts if a.place is not None and a.place.room_level]
    if not rooms:
        return []
    newest = max(rooms, key=lambda a: (max(a.days), a.key)).place.code
    if newest == reg.place.code:
        return []
    there = [a for a in rooms if a.place.code == newest]
    since = min(d for a in there for d in a.days)
    if any(d >= since for a in rooms if a.place.code == reg.place.code for d in a.days):
        return []
    return there


def streams(person: Person) -> dict[str, list[date]]:
    """``streams_of`` the person's accounts, worked out once per person: their accounts are complete before any
    finding is looked for."""
    if person._streams is None:
        person._streams = streams_of(person.accounts)
    return person._streams


def streams_of(accounts: list[Account]) -> dict[str, list[date]]:
    """The traces that say someone was around, as distinct days per feed. An account holder's property (a utility
    account) is left out: it runs on whether or not its holder is here."""
    out: dict[str, set[date]] = {}
    for a in accounts:
        if a.meaning != PROPERTY and a.days:
            out.setdefault(a.source, set()).update(a.days)
    return {k: sorted(v) for k, v in out.items()}


def fit_rates(persons: list[Person], *, as_of: date, window_start: date, min_people: int = 20,
              max_shape: float = 50.0) -> dict[str, tuple[float, float]]:
    """How often each feed records a person, learnt from the data: a gamma distribution (shape α, rate β per day)
    of the per-person daily rates, by moments over everyone with records of that feed, with the Poisson part of the
    spread taken out.

    Everyone counts as if present the whole window. Leavers and newcomers make the rates look lower and more
    spread than they are for those who stay, so a silence reads as less telling than it is: the error falls on the
    side of not cancelling a live registration. (Fitting only on people seen at both ends of the window selects the
    busy ones and makes every quiet resident look like a leaver.) Feeds with fewer than ``min_people`` people get
    no entry. What the findings take from it is a feed's usual gap between two records (β/α days): how long a
    silence in a home feed is still "recent". The odds of leaving come from ``counts.CountModel``.
    """
    window = (as_of - window_start).days + 1
    counts: dict[str, list[int]] = {}
    for p in persons:
        for source, ds in streams(p).items():
            n = sum(1 for d in ds if window_start <= d <= as_of)
            if n:
                counts.setdefault(source, []).append(n)
    out = {}
    for source, ns in counts.items():
        if len(ns) < min_people:
            continue
        rates = [n / window for n in ns]
        mean = sum(rates) / len(rates)
        var = sum((r - mean) ** 2 for r in rates) / (len(rates) - 1)
        spread = max(var - mean / window, mean * mean / max_shape)  # the rates' own spread, without Poisson noise
        shape = mean * mean / spread
        out[source] = (shape, shape / mean)
    return out


@dataclass(frozen=True)
class Screen:
    """What the first pass learns of a person: their leaving odds and which findings they could give."""

    odds: float
    suspect: bool    # seen at home in a building where they have no active registration
    registered: bool  # holds an active registration and has records


def reconcile_places(person: Person) -> None:
    """A place known only to its house (road and number, no building: a compound's gate, a factory and the
    dormitories behind it, a village plot), or only to its village (a camera at the village's entrance), cannot
    contradict a finer place inside it (``within``). A home record placed
    at the house of the person's active registration is taken at the registration's building; an active
    registration placed only at the house is taken at the one building inside it where the person is seen at home.
    Without this, a sighting at the gate reads as living elsewhere: "moved", and the registration "stale". Where
    several registrations of the person lie in the house, the newest one's building is taken; where a
    registration known only to its house holds more than one building the person is seen in, nothing is changed
    (the data do not say which). A home record at the house that no registration places is taken at the one
    building inside the house that the person's other records name (a home record there, a utility account, the
    address on a school record); where they name several, nothing is changed."""
    active = [r for r in person.registrations if r.active and r.place is not None]
    homes = [a for a in person.accounts if a.meaning == HOME and a.place is not None]
    for a in homes:
        if a.place.building.endswith("|"):
            inside = [r for r in active if within(r.place, a.place)]
            if inside:  # registered in the house: at the newest such registration's building (an older one may be stale)
                target = max(inside, key=lambda r: (r.starts_on or date.min, r.number)).place
                a.place = replace(target, room_level=False, node=target.node or a.place.node)
            else:
                _inside_from_records(person, a)
    if not active:
        return
    # a registration written by hand that reads nearly as well as the building the person is seen living in
    # ("陶堰村96号" where two lanes have a 96号) is taken there: the records say which one it meant
    newest = max((a for a in homes if a.days), key=lambda a: max(a.days), default=None)
    for i, r in enumerate(person.registrations):
        if r.active and r.rivals and newest is not None and newest.place.building in r.rivals \
                and r.place.building != newest.place.building:
            person.registrations[i] = r = replace(r, place=replace(newest.place, room_level=False,
                                                                   node=newest.place.node or r.place.node))
        if r.active and r.place is not None and r.place.building.endswith("|"):
            inside = {a.place.building: a.place for a in homes if within(a.place, r.place)}
            if len(inside) == 1:
                target = next(iter(inside.values()))
                person.registrations[i] = replace(r, place=Place(r.place.code, target.building, False,
                                                                 r.place.node or target.node, target.area))


_NAMES_A_HOME = (HOME, PROPERTY, SCHOOL)  # what may name the building behind a gate (not a workplace, not a stay)


def _inside_from_records(person: Person, gate: Account) -> None:
    """``gate``, a home account placed only at a house (a compound's gate), taken at the one building inside that
    house named by the person's other accounts, if exactly one is."""
    inside = {b.place.building: b.place for b in person.accounts
              if b is not gate and b.meaning in _NAMES_A_HOME and b.place is not None and within(b.place, gate.place)}
    if len(inside) == 1:
        target = next(iter(inside.values()))
        gate.place = replace(target, room_level=False, node=target.node or gate.place.node)


def with_households(persons: list[Person]) -> None:
    """Give each active registration at a room what the others at that room say: the record days of the others
    actively registered there (whether they fell silent too is told to the officer, for no points),
    and the first day someone else was first seen at home there after this person's last trace (a newcomer)."""
    at: dict[str, list[tuple[int, list[date]]]] = {}
    first_home: dict[str, list[tuple[int, date]]] = {}
    last: list[date | None] = []
    for i, p in enumerate(persons):
        days = [d for ds in streams(p).values() for d in ds]
        last.append(max(days) if days else None)
        for r in p.registrations:
            if r.active and r.place is not None and r.place.room_level:
                at.setdefault(r.place.code, []).append((i, days))
        firsts: dict[str, date] = {}
        for a in p.accounts:
            if a.meaning == HOME and a.place is not None and a.place.room_level and a.days:
                firsts[a.place.code] = min(firsts.get(a.place.code, date.max), min(a.days))
        for code, d in firsts.items():
            first_home.setdefault(code, []).append((i, d))
    for i, p in enumerate(persons):
        regs = []
        for r in p.registrations:
            if r.active and r.place is not None and r.place.room_level:
                code = r.place.code
                others = tuple(d for j, days in at[code] if j != i for d in days) if len(at.get(code, ())) > 1 else ()
                since = last[i]
                newcomer = min((d for j, d in first_home.get(code, ()) if j != i and since is not None and d > since),
                               default=None)
                r = replace(r, household_days=others, newcomer_on=newcomer, covered=code in first_home)
            regs.append(r)
        p.registrations = regs


def newcomer_ratios(persons: list[Person], *, as_of: date, prior: float, odds: dict[str, float],
                    quiet_days: int = DEFAULT_CONFIG["stale_quiet_days"]) -> tuple[float, float]:
    """How much a newcomer at the registered room says, learnt from the data: (likelihood ratio of "left" when
    someone else was first seen at home there after the person's last trace, the ratio when nobody was).

    Over the active registrations at rooms that home feeds cover, whose person fell silent for ``quiet_days`` or
    more, each weighted by their posterior of having left from their records alone (``odds``, by person key: one
    step of expectation
    maximisation, the newcomer taken as independent of the timing given left or not), with one pseudo-count each
    way. (1, 1) when there is nothing to learn from."""
    left_new = left_all = stay_new = stay_all = 0.0
    for p in persons:
        days = [d for ds in streams(p).values() for d in ds if d <= as_of]
        if not days or (as_of - max(days)).days < quiet_days:
            continue
        regs = [r for r in p.registrations if r.active and r.covered]
        if not regs:
            continue
        w = posterior_left(odds[p.key], prior)
        for r in regs:
            left_all += w
            stay_all += 1 - w
            if r.newcomer_on is not None:
                left_new += w
                stay_new += 1 - w
    if left_all < 1 or stay_all < 1:
        return 1.0, 1.0
    p_left = (left_new + 1) / (left_all + 2)
    p_stay = (stay_new + 1) / (stay_all + 2)
    return p_left / p_stay, (1 - p_left) / (1 - p_stay)


def screen(person: Person, *, odds: float) -> Screen:
    homes, outside = _homes(person)
    active = [r for r in person.registrations if r.active]
    suspect = False
    if homes:
        current = max(homes.values(), key=lambda h: (h.last, len(h.days), h.building))
        suspect = not any(r.place is not None and r.place.building == current.building for r in active)
    has_records = bool(streams(person))
    return Screen(odds, suspect, bool(active) and has_records)


def priors(screens: list[Screen]) -> dict[str, float]:
    """The share of leavers among registered people with records, and among people seen at an unregistered home,
    each estimated from the data by ``leaving_prior`` (the two groups differ: people leave unregistered homes more)."""
    return {"registered": leaving_prior([s.odds for s in screens if s.registered]),
            "suspect": leaving_prior([s.odds for s in screens if s.suspect])}


def residence(person: Person, *, as_of: date, config: dict | None = None) -> tuple[Place | None, bool, list]:
    """What one person says about the registration rate and accuracy: (their home — the place of their newest home
    record, or None —, whether an active registration of theirs is in its building, [(registration number, whether
    it has recent evidence)] for each active registration). Recent evidence: a trace of being around within
    ``stale_quiet_days`` of ``as_of``, and no home elsewhere newer than the registration's building's records."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    homes, outside = _homes(person)
    current = max(homes.values(), key=lambda h: (h.last, len(h.days), h.building)) if homes else None
    newest_outside = max((max(a.days) for a in outside), default=None)
    if current is not None and newest_outside is not None and newest_outside > current.last:
        current = None
    active = [r for r in person.registrations if r.active]
    home = _room(current) if current is not None else None
    registered = current is not None and any(r.place is not None and r.place.building == current.building
                                             for r in active)
    days = [d for ds in streams(person).values() for d in ds if d <= as_of]
    recent = bool(days) and (as_of - max(days)).days < cfg["stale_quiet_days"]
    elsewhere = newest_outside is not None and (current is None)
    regs = []
    for r in active:
        at_other = current is not None and (r.place is None or current.building != r.place.building) and \
            (r.starts_on is None or current.last > r.starts_on)
        regs.append((r.number, recent and not at_other and not elsewhere))
    return (home if home is not None and homes else None), registered, regs


def assess(person: Person, *, as_of: date, counts: CountModel, prior_left: dict[str, float],
           config: dict | None = None, rates: dict[str, tuple[float, float]] | None = None,
           newcomer: tuple[float, float] | None = None, odds: float | None = None) -> list[Finding]:
    """Findings for one person as of ``as_of``. ``counts`` gives the odds that they left (``odds``, where the caller
    has them already: ``counts.odds(streams(person))``), ``prior_left`` the shares of leavers (``priors``), ``rates``
    each feed's usual gap between records (``fit_rates``), ``newcomer`` what a newcomer at the registered room says
    (``newcomer_ratios``)."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    cfg["rates"] = rates or {}
    cfg["newcomer"] = newcomer or (1.0, 1.0)
    if odds is None:
        odds = counts.odds(streams(person))
    cfg["odds"] = odds
    cfg["counts"] = counts  # for odds on part of the records (a move declared after them)
    cfg["left"] = posterior_left(odds, prior_left["registered"])
    cfg["left_suspect"] = posterior_left(odds, prior_left["suspect"])
    cfg["prior_left"] = prior_left["registered"]
    out: list[Finding] = []
    homes, outside = _homes(person)
    all_days = [d for ds in streams(person).values() for d in ds if d <= as_of]  # traces of being around
    last_trace = max(all_days) if all_days else None
    active = [r for r in person.registrations if r.active]

    # where they live now: the building of the newest home record (outside the area counts as a place too)
    current: _Home | None = None
    newest_outside = max((max(a.days) for a in outside), default=None)
    if homes:
        current = max(homes.values(), key=lambda h: (h.last, len(h.days), h.building))
        if newest_outside is not None and newest_outside > current.last:
            current = None  # the newest home record is elsewhere, outside the area
    stale = [f for f in (_stale(person, reg, homes, outside, current, last_trace, all_days, as_of, cfg)
                         for reg in active) if f is not None]
    if current is not None:
        # a registration elsewhere found stale on these very home records: the two findings are one move, seen
        # from both ends
        here = {r for a in current.accounts for r in a.record_ids}
        backing = [f.registration for f in stale if f.rules[0][0] == "seen_elsewhere" and here & set(f.record_ids)]
        finding = _suspect(person, current, homes, active, last_trace, as_of, cfg, backing)
        if finding is not None:
            out.append(finding)
    return out + stale


def _suspect(person, home: _Home, homes, active, last_trace, as_of, cfg, backing=()) -> Finding | None:
    moved_to: list[Account] = []
    same = [r for r in active if r.place is not None and r.place.building == home.building]
    for r in same:
        moved_to = moved_within(home, r)
        if not moved_to:
            return None  # registered in this building (in the room they live in, or nothing says which room)
    if any(r.starts_on is not None and r.starts_on > home.last for r in active):
        return None  # registered elsewhere since the last home record here: a move already declared
    # a registration in this building that ended: the person (or the landlord, or the police) declared they left.
    # Only home records well after that day say they came back; where the day is not known (an imported cancelled
    # registration), nothing shows the records are not from before it
    ended_here = [r for r in person.registrations if not r.active and r.place is not None
                  and r.place.building == home.building]
    if ended_here and any(r.ends_on is None or (home.last - r.ends_on).days <= cfg["recent_days"] for r in ended_here):
        return None
    since_home = (as_of - home.last).days
    left = cfg["left_suspect"]
    if left >= 0.5:
        return None  # silent for longer than this person's own rhythm explains: more likely gone than here
    rules: list[tuple[str, int, str, dict]] = []
    days = sorted(set(home.days))
    trust = max(a.trust for a in home.accounts)
    stated = any(a.stated for a in home.accounts)
    points = _days_points(_seen_days(home.accounts, days)) * trust
    rules.append(("home_records", round(points), f"{len(home.days)} home records on {len(days)} days "
                                                 f"(feed trust {trust:.2f}){'; a form states the home' * stated}",
                  {"records": len(home.days), "days": len(days), "trust": trust, "stated": stated}))
    sources = {a.source for a in home.accounts}
    if len(sources) > 1:
        rules.append(("home_feeds_agree", 10, " + ".join(sorted(sources)), {"feeds": sorted(sources)}))
    if (days[-1] - days[0]).days >= 30:
        rules.append(("over_time", 10, f"from {days[0]} to {days[-1]}", {"start": _iso(days[0]), "end": _iso(days[-1])}))
    # "lately" is at least the usual gap between two records of the feeds that saw them at home (fit_rates): a
    # feed that records a resident twice a year has said nothing new for months without anyone leaving
    fits = [cfg["rates"][s] for s in sources if s in cfg["rates"] and cfg["rates"][s][0]]
    rhythm = max((rate / shape for shape, rate in fits), default=0.0)
    # and "recent" at least as long as half of those who stay go without a record of those feeds (a gamma mixture
    # of Poisson rates: P(no record for t days) = (β / (β + t))^α): one school enrolment naming the home two months
    # ago is as fresh as a feed that records pupils twice a year can be
    usual_silence = max((rate * (2 ** (1 / shape) - 1) for shape, rate in fits), default=0.0)
    recent = {"days": since_home, "as_of": _iso(as_of)}
    around = {"days": since_home, "until": _iso(last_trace)}
    if since_home <= max(cfg["recent_days"], usual_silence):
        rules.append(("recent", 10, f"last home record {since_home} days before {as_of}", recent))
    elif since_home <= max(cfg["home_recent_days"], rhythm):
        rules.append(("recent", 5, f"last home record {since_home} days before {as_of}", recent))
    elif last_trace is not None and (as_of - last_trace).days < cfg["stale_quiet_days"]:
        # the home feeds have not seen them for a while, but other feeds still do: still around
        rules.append(("still_around", 5, f"last home record {since_home} days ago; other traces until {last_trace}",
                      around))
    else:
        rules.append(("not_recent", -10, f"last home record {since_home} days ago; other traces until {last_trace}",
                      around))
    if left >= 0.1:
        rules.append(("quiet_lately", -round(40 * left), f"silent since {last_trace}: left with probability {left:.2f}",
                      {"since": _iso(last_trace), "left": left}))
    if person.known:
        rules.append(("known_identity", 10, "linked to a person of the identity registry or a registration", {}))
    elif person.valid_id:
        rules.append(("valid_id_number", 5, "a valid ID number, not in the registry", {}))
    place = moved_to[0].place if moved_to else _room(home)
    if moved_to:
        since = min(d for a in moved_to for d in a.days)
        rules.append(("moved_within_building", 0, f"registered in {same[0].place.code} of this building; the home "
                                                  f"records name {place.code} since {since}",
                      {"registered": same[0].place.code, "room": place.code, "since": _iso(since)}))
    if place.room_level:
        rules.append(("room_known", 5, "the records name the room", {}))
    # seen at home elsewhere lately *and* since they were first seen here: two homes side by side. Records at the old
    # home that stop before the first one here are what a move looks like
    others = [h for b, h in homes.items() if b != home.building and (as_of - h.last).days <= cfg["home_recent_days"]
              and h.last >= home.first]
    if others:
        rules.append(("home_records_elsewhere", -15, f"also seen at home in {len(others)} other building(s) lately, "
                                                     f"since {home.first}",
                      {"buildings": len(others), "since": _iso(home.first)}))
    if backing:
        rules.append(("registration_elsewhere_stale", 10, f"registration {', '.join(backing)} found stale on these "
                                                          f"home records", {"registrations": list(backing)}))
    if any(r.place is None for r in active):
        rules.append(("registered_unplaced", -30, "an active registration whose address could not be placed", {}))
    if ended_here:
        r = ended_here[0]
        rules.append(("back_after_deregistration", 0, f"registration {r.number} in this building ended on "
                                                      f"{r.ends_on}; seen at home here since",
                      {"registration": r.number, "ended_on": _iso(r.ends_on)}))
    score = _clamp(sum(rule[1] for rule in rules))
    if score < cfg["suspect_min_score"]:
        return None
    record_ids = sorted({r for a in home.accounts for r in a.record_ids})
    return Finding(kind=MOVED if active else UNREGISTERED, score=score, rules=rules, record_ids=record_ids,
                   place=place, first_seen=days[0], last_seen=days[-1], evidence_until=days[-1])


def _stale(person, reg: Registration, homes, outside, current, last_trace, all_days, as_of, cfg) -> Finding | None:
    if not all_days:
        return None  # a quiet person: no records at all is not evidence of leaving
    here = homes.get(reg.place.building) if reg.place is not None else None
    silence = (as_of - last_trace).days
    other_room = moved_within(current, reg) if current is not None and current is here else []
    if current is not None and reg.place is not None and current.building == reg.place.building \
            and silence < cfg["stale_quiet_days"] and not other_room:
        return None  # the newest home record is at this registration's building, and the person is still seen
    rules: list[tuple[str, int, str, dict]] = []
    record_ids: list[str] = []
    evidence_until = None
    # seen living elsewhere since (newer home records at another building or outside the area)
    elsewhere = [a for a in outside] + [a for h in homes.values() for a in h.accounts
                                        if reg.place is None or h.building != reg.place.building]
    if reg.place is None:
        elsewhere = list(outside)  # where an unplaced registration is we cannot tell; outside the area is elsewhere
    since = here.last if here is not None else None
    if other_room:  # moved to another room of the building: what counts is the last record naming the registered one
        elsewhere += other_room
        since = max((d for a in here.accounts if a.place is not None and a.place.code == reg.place.code
                     for d in a.days), default=None)
    last_here = since  # the last home record at the registered address (its room, where they moved within)
    if reg.starts_on is not None and (since is None or reg.starts_on > since):
        since = reg.starts_on  # what came before the registration says nothing against it
    later = [a for a in elsewhere if since is None or max(a.days) > since]
    if later:
        days = sorted({d for a in later for d in a.days if since is None or d > since})
        trust = max(a.trust for a in later)
        points = (40 + min(30, 10 * (_seen_days(later, days) - 1))) * trust
        place = "outside" if all(a.outside for a in later) else \
            "other_room" if all(a in other_room for a in later) else "other_address"
        where = {"outside": "outside the area", "other_room": "in another room of the same building",
                 "other_address": "at another address"}[place]
        rules.append(("seen_elsewhere", round(points), f"home records {where} on {len(days)} days, "
                                                       f"{days[0]} to {days[-1]}",
                      {"where": place, "days": len(days), "start": _iso(days[0]), "end": _iso(days[-1])}))
        # seen at home at the registered address, then elsewhere, and never elsewhere in between: a move, seen from
        # its start. Home records elsewhere between the registration and the last one here are visits while living
        # here, and say nothing of the kind
        if here is None:
            rules.append(("never_at_registered_address", 10, "no home record at the registered address", {}))
        elif last_here is not None and not any((reg.starts_on is None or d >= reg.starts_on) and d <= last_here
                                               for a in elsewhere for d in a.days):
            rules.append(("left_registered_address", 10, f"home records at the registered address until "
                                                         f"{last_here}, and elsewhere only after",
                          {"until": _iso(last_here)}))
        if (as_of - days[-1]).days <= cfg["home_recent_days"]:
            rules.append(("recent", 10, f"last seen elsewhere {days[-1]}", {"elsewhere_on": _iso(days[-1])}))
        record_ids = sorted({r for a in later for r in a.record_ids})
        evidence_until = days[-1]
    # traces stopped (counted from the registration when it is newer than the last trace)
    quiet = (as_of - max(last_trace, reg.starts_on or last_trace)).days
    if quiet >= cfg["stale_quiet_days"]:
        odds, left = cfg["odds"], cfg["left"]
        detail = ""
        said = {"silence": silence, "days": len(set(all_days)), "registered_on": None, "newcomer_on": None,
                "household_quiet": False}
        if reg.starts_on is not None and reg.starts_on > last_trace:
            # declared after the last record: they were here that day. Their old home's records stopped with the
            # move, not with leaving; what is left is read with no leaving day before the declaration
            kept = [a for a in person.accounts if a.meaning != HOME or (a.place is not None and reg.place is not None
                                                                         and a.place.building == reg.place.building)]
            odds = cfg["counts"].odds(streams_of(kept), not_before=reg.starts_on)
            left = posterior_left(odds, cfg["prior_left"])
            detail = f"; registered here on {reg.starts_on}, after the last record (their earlier home's records " \
                     f"left out)"
            said["registered_on"] = _iso(reg.starts_on)
        if reg.covered and cfg["newcomer"] != (1.0, 1.0):
            # someone else moved into the registered room after the last trace (or, where feeds would show it,
            # nobody did): the ratios learnt from everyone (newcomer_ratios)
            ratio = cfg["newcomer"][0] if reg.newcomer_on is not None else cfg["newcomer"][1]
            left = posterior_left(odds * ratio, cfg["prior_left"])
            if reg.newcomer_on is not None:
                detail += f"; someone else was first seen at home there on {reg.newcomer_on}"
                said["newcomer_on"] = _iso(reg.newcomer_on)
        if reg.household_days and max(reg.household_days) <= last_trace:
            # said for the officer, worth no points: counted as evidence it added about four right findings for
            # one wrong one, below the precision the findings are held to (fusion/README.md)
            detail += "; nobody else registered at this address has been seen since either"
            said["household_quiet"] = True
        rules.append(("traces_stopped", round(100 * left), f"no record of any kind for {silence} days after records "
                                                           f"on {len(set(all_days))} days{detail}: left with "
                                                           f"probability {left:.2f} (share of leavers "
                                                           f"{cfg['prior_left']:.3f})",
                      {**said, "left": left, "leavers": cfg["prior_left"]}))
        if not record_ids:
            record_ids = sorted({r for a in person.accounts for r in a.record_ids})[-50:]
        evidence_until = evidence_until or last_trace
    if not rules:
        return None
    score = _clamp(sum(rule[1] for rule in rules))
    if score < cfg["stale_min_score"]:
        return None
    return Finding(kind=STALE, score=score, rules=rules, record_ids=record_ids, place=reg.place,
                   registration=reg.number, last_seen=last_trace, evidence_until=evidence_until)
