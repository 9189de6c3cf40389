"""What a feed's address means, learnt from the data for a feed whose name does not settle it.

Pure Python, no Django. Most feeds say by their name where their records are: door swipes and smart locks at home,
employment at the workplace, hotels at the hotel (``sources.py``). Face capture does not: the contract's own words
("face capture at site gates") read as a construction site's gate to some and as a residential compound's gate to
others, and the cities differ in fact. A feed named nothing we know (``other``) does not say either.

For such a feed the data say it: among people with an active registration, the share whose records from the feed
are at the house (road and number) of one of their registrations — the *agreement*. Door swipes agree about as
often as registrations are up to date; a workplace feed seldom (few people work where they live). A feed that
agrees at least ``SHARE`` as often as the home feeds do is read as home, and trusted as far as it agrees (its trust
times its agreement over the home feeds': a capture at a compound's gate is often a visit); otherwise its default
stands. Nothing is
learnt from fewer than ``MIN_PEOPLE`` people, and a meaning set by hand (``anju fusion sources --set``) is never
re-learnt.

The meanings are learnt twice in a run. Before linking, from the accounts that carry a valid ID number, found among
the registrations by that number (``agreements_by_id``): a name-only capture at a compound's gate then links by
name at the house where that name lives. After linking, from everyone linked (``agreements``), for the findings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from anju.lib.fusion.sources import HOME, SCHOOL

LEARNT_KINDS = frozenset({"face", "other"})
SHARE = 0.5        # agreement as a share of the home feeds' agreement, at or above which a feed reads as home
MIN_PEOPLE = 30    # people with a registration and the feed's records: fewer, nothing is learnt


@dataclass(frozen=True)
class Agreement:
    people: int      # people with an active placed registration and placed records of the feed
    agreeing: int    # of them, with a record at the house of one of their registrations

    @property
    def share(self) -> float:
        return self.agreeing / self.people if self.people else 0.0


def _house(building: str) -> str:
    return building.rsplit("|", 1)[0]


def _tally(people) -> tuple[dict[str, Agreement], Agreement]:
    """``people``: per person with a placed active registration, (feed, at a registered house?, meaning) per account
    with a placed address."""
    seen_by: dict[str, int] = defaultdict(int)
    agreeing: dict[str, int] = defaultdict(int)
    home_people = home_agreeing = 0
    for accounts in people:
        seen: dict[str, bool] = {}
        home_seen = None
        for source, here, meaning in accounts:
            seen[source] = seen.get(source, False) or here
            if meaning == HOME:
                home_seen = bool(home_seen) or here
        for source, here in seen.items():
            seen_by[source] += 1
            agreeing[source] += here
        if home_seen is not None:
            home_people += 1
            home_agreeing += home_seen
    return ({s: Agreement(seen_by[s], agreeing[s]) for s in seen_by}, Agreement(home_people, home_agreeing))


def agreements(persons) -> tuple[dict[str, Agreement], Agreement]:
    """Each feed's agreement with registrations, and the home feeds' together (``persons``: findings.Person)."""
    people = []
    for person in persons:
        houses = {_house(r.place.building) for r in person.registrations if r.active and r.place is not None}
        # a record placed only at the registration's village (a camera at its entrance) agrees with it too
        houses |= {r.place.area for r in person.registrations if r.active and r.place is not None and r.place.area}
        if houses:
            people.append([(a.source, _house(a.place.building) in houses, a.meaning) for a in person.accounts
                           if a.place is not None and a.days])
    return _tally(people)


def agreements_by_id(registered: dict[str, set[str]], accounts) -> tuple[dict[str, Agreement], Agreement]:
    """The same agreement before anyone is linked: on feed accounts that carry a valid ID number, each person found by
    that number among the active registrations. ``registered``: {ID number: houses of the active registrations};
    ``accounts``: (ID number, feed, house, meaning) per feed account with a placed address."""
    people: dict[str, list] = defaultdict(list)
    for number, source, house, meaning in accounts:
        houses = registered.get(number)
        if houses:
            people[number].append((source, house in houses, meaning))
    return _tally(people.values())


def learn(persons, candidates: set[str]) -> dict[str, dict]:
    """``decide`` on the agreements of linked persons (``findings.Person``)."""
    return decide(agreements(persons), candidates)


def decide(found: tuple[dict[str, Agreement], Agreement], candidates: set[str]) -> dict[str, dict]:
    """For each candidate feed (by name): {"agreement", "home_agreement", "people", "home"} — ``home`` True when its
    records are to be read as home. Feeds with too few people are left out. ``found``: ``agreements`` or
    ``agreements_by_id``."""
    by_feed, home = found
    out = {}
    for source in sorted(candidates):
        got = by_feed.get(source)
        if got is None or got.people < MIN_PEOPLE or home.people < MIN_PEOPLE:
            continue
        out[source] = {"agreement": round(got.share, 4), "home_agreement": round(home.share, 4),
                       "people": got.people, "home": got.share >= SHARE * home.share}
    return out


HOUSEHOLD = 4      # at most this many people at one room-level address: a household, not a school


def school_homes(persons) -> int:
    """School records that name the pupil's home, not the school: a school enrolment (学籍) carries the family's
    address as often as the school's. A school's address is shared by its pupils (dozens, hundreds); a record
    that names a room where the feed sees no more than a household's worth of people is a home. Those records
    are read as home records; returns how many accounts were."""
    people: dict[str, set] = defaultdict(set)
    for person in persons:
        for a in person.accounts:
            if a.meaning == SCHOOL and a.place is not None:
                people[a.place.code].add(person.key)
    changed = 0
    for person in persons:
        for a in person.accounts:
            if a.meaning == SCHOOL and a.place is not None and a.place.room_level \
                    and len(people[a.place.code]) <= HOUSEHOLD:
                a.meaning = HOME
                a.stated = True  # the family's address on a form, not a sighting
                changed += 1
    return changed


def apply(persons, learnt: dict[str, dict]) -> None:
    """Reads the records of the feeds learnt as home as home records, trusted as far as the feed agrees with
    registrations, against the home feeds' agreement."""
    homes = {s: min(1.0, v["agreement"] / v["home_agreement"]) for s, v in learnt.items() if v["home"]}
    if not homes:
        return
    for person in persons:
        for a in person.accounts:
            if a.source in homes:
                a.meaning = HOME
                a.trust *= homes[a.source]
