"""The synthetic district: who lives where, what is on record, and what the feeds saw.

Pure Python, no Django. ``generate(residents=…, seed=…)`` builds a ``City`` in
memory; ``write_city(city, out)`` writes the interchange files and the ground
truth (see ``anju/simulation/README.md`` for the model and every file's
columns). The same seed and parameters give byte-identical files: every random
draw comes from ``random.Random`` streams seeded with strings, and nothing
iterates over a set or depends on the clock.

Nothing of the truth leaks into the interchange files: record and
registration ids are random tokens drawn after the rows are sorted by time,
person keys appear only under ``truth/``.
"""

from __future__ import annotations

import datetime
import functools
import gc
import math
import random
from dataclasses import dataclass, field

from anju.simulation import ids as idmod
from anju.simulation import names as namemod
from anju.simulation.params import DEFAULT_AS_OF, HOME_SOURCES, SOURCE_MEANING, Params, SourceParams
from anju.simulation.places import (
    COMPANY_WORDS, HOTEL_BRANDS, INDUSTRIES, SITE_KINDS, Address, District, render,
)

GENERATOR_VERSION = "1"
DAY = datetime.timedelta(days=1)
SPRING_FESTIVAL = {2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
                   2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3)}
ETHNIC_NAMES = {"01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝", "08": "壮",
                "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白", "15": "土家",
                "16": "哈尼", "22": "畲"}
WATCH_REASONS = ("网上在逃（盗窃）", "网上在逃（诈骗）", "网上在逃（故意伤害）", "网上在逃（抢劫）",
                 "网上在逃（寻衅滋事）", "网上在逃（非法集资）", "网上在逃（交通肇事逃逸）")
RECORD_PREFIX = {"door": "MJ", "lock": "ZS", "face": "RL", "employment": "SB", "hotel": "LG", "school": "XJ",
                 "utility": "SD"}
SOURCE_ORDER = ("door", "lock", "face", "employment", "hotel", "school", "utility")
_TOWN = "金桂兴和德翠景云溪竹梅兰枫湖山春秋明华锦庆丰瑞安康福宝紫青绿嘉益祥万永昌盛隆泰宏文新东西南北"


@dataclass(slots=True, eq=False)
class Person:
    idx: int
    key: str
    id_number: str
    name: str
    sex: str                 # "1" / "2"
    birth: datetime.date
    ethnicity: str           # GB 3304 code
    phone: str
    origin: str              # "local" | "migrant" | "hmt"
    status: str              # resident | arrival | mover | leaver | visitor | commuter | landlord | registry_only
    household: int = -1
    event: datetime.date | None = None   # arrival / move / leave date
    since: datetime.date | None = None   # living at the current home since
    home: Address | None = None          # where they live at as_of (in the district)
    prev: Address | None = None          # mover's old home, leaver's last home
    in_registry: bool = True
    hukou: str = ""
    is_landlord: bool = False
    employer: int = -1
    activity: float = 1.0
    regs: list = field(default_factory=list)
    homes: list = field(default_factory=list)  # (Address, first_day, last_day) inside the window
    outside: tuple | None = None  # (address text, first_day, last_day): a home elsewhere in Hangzhou
    # filled while the feeds are generated
    last_day: int = -1
    home_obs: dict = field(default_factory=dict)  # address index -> home-source records there
    outside_obs: int = 0  # home-source records at a home outside the district
    n_obs: int = 0
    rate: float = 0.0  # records a day their feeds expect of them while here: how long a stayer goes unseen
    terms: tuple = ()  # a pupil's enrolment days (window days), each recorded for certain while here

    @property
    def lives_here(self) -> bool:
        return self.home is not None

    def age_at(self, day: datetime.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))


@dataclass(slots=True, eq=False)
class Household:
    idx: int
    kind: str        # local_family | migrant_family | group | single
    origin: str
    housing: str     # compound | village | village_owner
    members: list = field(default_factory=list)
    home: Address | None = None


@dataclass(slots=True, eq=False)
class Org:
    idx: int
    name: str
    kind: str          # company | site | shop | hotel | school | outside
    address: Address | None
    text: str = ""     # outside organisations: their address text
    weight: float = 1.0


@dataclass(slots=True, eq=False)
class Registration:
    idx: int
    reg_id: str
    person: Person
    address: Address
    registered_at: datetime.date
    status: str        # active | cancelled
    state: str         # correct | old_address | stale_zombie | cancelled
    id_number: str
    name: str
    phone: str
    address_text: str
    address_code: str
    typo: str = ""


@dataclass
class City:
    residents: int
    seed: int
    as_of: datetime.date
    params: Params
    district: District
    persons: list
    households: list
    orgs: list
    registrations: list
    observations: dict       # source -> list of rows (see Generator._emit)
    watchlist: list          # (watch_id, id_number, name, sex, birth, reason, person or None)
    window_start: datetime.date
    stats: dict = field(default_factory=dict)


class Generator:
    def __init__(self, *, residents: int, seed: int, as_of: datetime.date | None = None,
                 params: Params | None = None):
        if residents < 10:
            raise ValueError("a city needs at least 10 residents")
        self.N = residents
        self.seed = seed
        self.as_of = as_of or DEFAULT_AS_OF
        self.p = params or Params()
        self.W = self.p.window_days
        self.start = self.as_of - (self.W - 1) * DAY
        s = f"anju-city:{seed}"
        self.r_people = random.Random(f"{s}:people")
        self.r_place = random.Random(f"{s}:place")
        self.r_reg = random.Random(f"{s}:registrations")
        self.r_obs = random.Random(f"{s}:observations")
        self.r_noise = random.Random(f"{s}:noise")
        self.r_ids = random.Random(f"{s}:ids")
        self.names = namemod.NameMaker(self.r_people)
        self.idm = idmod.IdMaker(self.r_ids)
        self.district = District(self.r_place, residents)
        self.persons: list[Person] = []
        self.households: list[Household] = []
        self.orgs: list[Org] = []
        self.registrations: list[Registration] = []
        self._origins = [o for o, _w in idmod.MIGRANT_ORIGINS]
        self._origin_cum = namemod._cum([w for _o, w in idmod.MIGRANT_ORIGINS])
        self._days = [(self.start + d * DAY).isoformat() for d in range(self.W)]
        self._festival = None
        for year in (self.as_of.year, self.as_of.year - 1):
            md = SPRING_FESTIVAL.get(year)
            if md:
                d = self.day_of(datetime.date(year, *md))
                if 0 <= d < self.W:
                    self._festival = (d - 7, d + 10)
                    break

    # ------------------------------------------------------------------ helpers
    def day_of(self, date: datetime.date) -> int:
        return (date - self.start).days

    def _birth(self, age: int) -> datetime.date:
        """A birth date giving ``age`` full years on as_of (at least 30 days before it)."""
        # the last day someone aged ``age`` can be born is as_of minus ``age`` years
        try:
            last = self.as_of.replace(year=self.as_of.year - age)
        except ValueError:  # 29 February
            last = self.as_of.replace(year=self.as_of.year - age, day=28)
        born = last - int(self.r_people.random() * 365) * DAY
        return min(born, self.as_of - 30 * DAY)

    def _person(self, *, sex: str, age: int, origin: str, status: str, prov: str | None = None,
                surname: str | None = None, household: int = -1, ethnicity: str | None = None) -> Person:
        r = self.r_people
        birth = self._birth(age)
        eth = "01"
        if origin == "hmt":
            region = r.choices([c for c, _w in idmod.HMT], weights=[w for _c, w in idmod.HMT])[0]
            prov = region[:2]
        elif origin == "local":
            prov = "33"
            region = "330106" if r.random() < 0.5 else r.choice(idmod.counties_in(idmod.LOCAL_CITY, birth.year))
        else:
            prov = prov or r.choices(self._origins, cum_weights=self._origin_cum)[0]
            region = r.choice(idmod.counties_in(prov, birth.year))
            for code, share in idmod.PROVINCE_MINORITIES.get(prov, ()):
                if r.random() < share:
                    eth = code
                    break
        if ethnicity is not None:
            eth = ethnicity
        if eth == "05":
            name = self.names.uygur(sex)
        else:
            name = self.names.full(sex, birth.year, surname)
        number = self.idm.number(region, birth, sex)
        phone = self.idm.phone() if age >= 14 and r.random() < 0.97 else ""
        p = Person(len(self.persons), f"P{len(self.persons) + 1:07d}", number, name, sex, birth, eth, phone,
                   origin, status, household)
        p.in_registry = origin != "hmt" and r.random() >= self.p.registry_missing
        if origin == "migrant":
            p.hukou = self._rural_address(region)
        elif origin == "local" and status in ("visitor", "commuter", "landlord", "registry_only"):
            p.hukou = self.district.outside_address()
        p.activity = r.lognormvariate(0, 0.5) if r.random() > 0.05 else 0.05
        self.persons.append(p)
        return p

    def _rural_address(self, region: str) -> str:
        rnd, n = self.r_people.random, len(_TOWN)
        t = _TOWN
        return (f"{idmod.county_name(region)}{t[int(rnd() * n)]}{t[int(rnd() * n)]}镇"
                f"{t[int(rnd() * n)]}{t[int(rnd() * n)]}村{1 + int(rnd() * 120)}号")

    def _other_sex(self, sex: str) -> str:
        return "2" if sex == "1" else "1"

    # ------------------------------------------------------------------ households
    def _family(self, hh: Household, origin: str, status: str, head_age: int, n_children: int,
                grandparent: bool) -> list[Person]:
        r = self.r_people
        prov = None
        if origin == "migrant":
            prov = r.choices(self._origins, cum_weights=self._origin_cum)[0]
        husband = self._person(sex="1", age=head_age, origin=origin, status=status, prov=prov, household=hh.idx)
        wife_prov = prov if r.random() < 0.8 else None
        wife = self._person(sex="2", age=max(20, head_age + r.randint(-6, 2)), origin=origin, status=status,
                            prov=wife_prov, household=hh.idx)
        members = [husband, wife]
        surname = husband.name[:namemod.surname_length(husband.name)] or None
        mother_age = wife.age_at(self.as_of)
        for _ in range(n_children):
            top = min(15, mother_age - 20)
            if top < 0:
                break
            child_age = r.randint(0, top)
            sex = r.choice("12")
            child_surname = surname if r.random() < 0.95 else None  # some take the mother's
            if husband.ethnicity == "05":
                child_surname = None
            members.append(self._person(sex=sex, age=child_age, origin=origin, status=status,
                                        prov=husband.id_number[:2] if origin == "migrant" else prov,
                                        surname=child_surname, household=hh.idx, ethnicity=husband.ethnicity))
        if grandparent:
            members.append(self._person(sex=r.choice("12"), age=r.randint(head_age + 22, min(92, head_age + 35)),
                                        origin=origin, status=status, prov=prov, household=hh.idx))
        return members

    def _household(self, *, local: bool, status: str | None = None) -> Household:
        r = self.r_people
        p = self.p
        hh = Household(len(self.households), "", "local" if local else "migrant", "compound")
        self.households.append(hh)
        u = r.random()
        if local:
            hh.kind = "local_family"
            st = status or ("mover" if r.random() < p.mover_share else "resident")
            if u < 0.2:
                hh.members = [self._person(sex="1", age=r.randint(62, 85), origin="local", status=st, household=hh.idx)]
                hh.members.append(self._person(sex="2", age=r.randint(60, 83), origin="local", status=st,
                                               household=hh.idx))
            elif u < 0.3:
                hh.members = [self._person(sex=r.choice("12"), age=r.randint(65, 92), origin="local", status=st,
                                           household=hh.idx)]
            elif u < 0.75:
                hh.members = self._family(hh, "local", st, r.randint(30, 55), r.choices((0, 1, 2), (0.2, 0.55, 0.25))[0],
                                          r.random() < 0.2)
            elif u < 0.9:
                hh.members = self._family(hh, "local", st, r.randint(24, 40), 0, False)
            else:
                hh.members = [self._person(sex=r.choice("12"), age=r.randint(22, 55), origin="local", status=st,
                                           household=hh.idx)]
            hh.housing = "compound"  # some become village-house owners in _make_housing
            return hh
        st = status
        if st is None:
            v = r.random()
            st = "arrival" if v < p.arrival_share else ("mover" if v < p.arrival_share + p.mover_share else "resident")
        if u < p.migrant_family_share:
            hh.kind = "migrant_family"
            hh.members = self._family(hh, "migrant", st, r.randint(24, 50),
                                      r.choices((0, 1, 2, 3), (0.35, 0.4, 0.22, 0.03))[0], r.random() < 0.08)
            hh.housing = "compound" if r.random() < 0.45 else "village"
        elif u < p.migrant_family_share + (1 - p.migrant_family_share) * p.group_rental_share:
            hh.kind = "group"
            hh.housing = "compound" if r.random() < 0.5 else "village"
            size = r.randint(4, 8) if hh.housing == "compound" else r.randint(2, 4)
            prov = r.choices(self._origins, cum_weights=self._origin_cum)[0]  # fellow villagers (老乡)
            for _ in range(size):
                mst = st
                if status is None and st != "mover":
                    mst = "arrival" if r.random() < p.arrival_share else "resident"
                hh.members.append(self._person(sex="1" if r.random() < 0.65 else "2", age=r.randint(18, 48),
                                               origin="migrant", status=mst,
                                               prov=prov if r.random() < 0.6 else None, household=hh.idx))
        else:
            hh.kind = "single"
            # singles are about a third of migrants: three times the share among them
            origin = "hmt" if r.random() < p.hmt_share * 3 else "migrant"
            hh.members = [self._person(sex="1" if r.random() < 0.58 else "2", age=r.randint(18, 58), origin=origin,
                                       status=st, household=hh.idx)]
            if r.random() < 0.25:  # a couple without children
                hh.members.append(self._person(sex=self._other_sex(hh.members[0].sex), age=r.randint(20, 55),
                                               origin="migrant", status=st, household=hh.idx))
            hh.housing = "village" if r.random() < 0.7 else "compound"
        return hh

    def _make_population(self) -> None:
        p, r = self.p, self.r_people
        living = local = 0
        while living < self.N:
            want_local = local < p.local_share * (living + 1)
            hh = self._household(local=want_local)
            room = self.N - living
            if len(hh.members) > room:
                for extra in hh.members[room:]:
                    self.persons.remove(extra)  # only ever the last few created
                hh.members = hh.members[:room]
            living += len(hh.members)
            if want_local:
                local += len(hh.members)
        # re-number after the trim so that keys are dense
        for i, person in enumerate(self.persons):
            person.idx, person.key = i, f"P{i + 1:07d}"
        for hh in self.households:
            for m in hh.members:
                self._set_dates(m)
        # leavers: households that lived here within history_years and left
        target = round(p.leavers_per_resident * self.N)
        n = 0
        while n < target:
            hh = self._household(local=r.random() < 0.15, status="leaver")
            youngest = max(m.birth for m in hh.members)
            # they left after the youngest was born (and had lived here a while)
            latest_gap = min(365 * p.history_years, max(1, (self.as_of - youngest).days - 90))
            left = self.as_of - r.randint(1, latest_gap) * DAY
            for m in hh.members:
                m.event = left
                m.since = max(m.birth, left - r.randint(60, 365 * 4) * DAY)
            n += len(hh.members)
        for _ in range(round(p.commuters_per_resident * self.N)):
            c = self._person(sex="1" if r.random() < 0.6 else "2", age=r.randint(20, 58),
                             origin="local" if r.random() < 0.4 else "migrant", status="commuter")
            if c.origin == "migrant":
                c.hukou = self._rural_address(c.id_number[:6])
        for _ in range(round(p.visitors_per_resident * self.N)):
            self._person(sex="1" if r.random() < 0.6 else "2", age=r.randint(18, 70),
                         origin="local" if r.random() < 0.15 else "migrant", status="visitor")
        decoys = round(p.registry_decoys_per_resident * self.N)
        originals = [q for q in self.persons if q.status != "registry_only"]
        for _ in range(decoys):
            if r.random() < 0.05:
                # same name and birth date as someone here, another number: the hardest namesakes
                q = r.choice(originals)
                d = self._person(sex=q.sex, age=q.age_at(self.as_of), origin="migrant", status="registry_only")
                d.name, d.birth = q.name, q.birth
                body = d.id_number[:6] + q.birth.strftime("%Y%m%d") + d.id_number[14:17]
                self.idm.issued.discard(d.id_number)
                d.id_number = body + idmod.check_digit(body)
                if d.id_number in self.idm.issued:
                    d.id_number = self.idm.number(d.id_number[:6], q.birth, q.sex)
                self.idm.issued.add(d.id_number)
            else:
                self._person(sex=r.choice("12"), age=r.randint(0, 85),
                             origin="local" if r.random() < 0.3 else "migrant", status="registry_only")

    def _set_dates(self, m: Person) -> None:
        r = self.r_people
        W = self.W
        if m.status == "arrival":
            m.event = self.start + r.randrange(W - 3) * DAY
            m.since = m.event
        elif m.status == "mover":
            m.event = self.start + r.randrange(W - 3) * DAY if r.random() < 0.7 else \
                self.start - r.randint(30, 900) * DAY
            m.since = m.event
        else:
            years = 30 if m.origin == "local" else 8
            m.since = self.start - r.randint(1, 365 * years) * DAY
        born = m.birth
        if m.since < born:
            m.since = born

    # ------------------------------------------------------------------ housing
    def _make_housing(self) -> None:
        p, r, dist = self.p, self.r_place, self.district
        living = [hh for hh in self.households if hh.members and hh.members[0].status != "leaver"]
        grids = dist.grids
        # village rental houses for the renters who want one; in some the owner's family keeps a room
        need_v = sum(1 for hh in living if hh.housing == "village")
        want_v = math.ceil(need_v * (1 + p.vacancy)) + 2
        houses: list[list[Address]] = []
        rooms = gi = 0
        while rooms < want_v:
            house = dist.add_village_house(grids[gi % len(grids)], p.door_village, p.lock_village_room)
            houses.append(house)
            rooms += len(house) - p.owner_lives_in_village_house  # the owner's room, on average
            gi += 1
        locals_ = [hh for hh in living if hh.origin == "local" and hh.kind == "local_family"]
        n_owners = min(len(locals_), round(p.owner_lives_in_village_house * len(houses)))
        owners = r.sample(locals_, n_owners)
        for hh in owners:
            hh.housing = "village_owner"
        need_c = sum(1 for hh in living if hh.housing == "compound")
        want_c = math.ceil(need_c * (1 + p.vacancy)) + 2
        cap = max(8, min(240, want_c // max(1, len(grids))))
        compound: list[Address] = []
        while len(compound) < want_c:
            compound += dist.add_compound(grids[gi % len(grids)], cap, p.door_compound)
            gi += 1
        for a in compound:
            a.has_lock = r.random() < p.lock_compound_rental
        r.shuffle(compound)
        r.shuffle(houses)
        village_rooms: list[Address] = []
        for i, house in enumerate(houses):
            if i < len(owners):
                hh = owners[i]
                hh.home = house[0]
                house[0].has_lock = False
                house[0].building.owner = hh.members[0].idx
                village_rooms += house[1:]
            else:
                village_rooms += house
        r.shuffle(village_rooms)
        for hh in living:
            if hh.home is not None:
                continue
            pool = compound if hh.housing == "compound" else village_rooms
            if not pool:  # rounding: one more building
                pool += (dist.add_compound(grids[gi % len(grids)], cap, p.door_compound) if hh.housing == "compound"
                         else dist.add_village_house(grids[gi % len(grids)], p.door_village, p.lock_village_room))
                gi += 1
            hh.home = pool.pop()
        all_dwellings = [a for a in dist.addresses if a.kind == "dwelling"]
        self._dwellings = all_dwellings
        for hh in living:
            for m in hh.members:
                m.home = hh.home
                if m.status == "mover":
                    m.prev = self._other_dwelling(all_dwellings, hh.home, hh.housing)
        for hh in self.households:
            if hh.members and hh.members[0].status == "leaver":
                hh.home = self._other_dwelling(all_dwellings, None, hh.housing)
                for m in hh.members:
                    m.prev = hh.home
        # a mover's whole household moved together: one previous home for all
        for hh in living:
            movers = [m for m in hh.members if m.status == "mover"]
            if movers and hh.kind != "group":
                for m in movers:
                    m.prev = movers[0].prev
                    m.event = movers[0].event
                    m.since = movers[0].since
        self._owners(all_dwellings, living)

    def _other_dwelling(self, dwellings: list[Address], not_this: Address | None, housing: str) -> Address:
        r = self.r_place
        want = "village" if housing == "village" else "compound"
        for _ in range(50):
            a = r.choice(dwellings)
            if a is not not_this and a.building.kind == want:
                return a
        return r.choice(dwellings)

    def _owners(self, dwellings: list[Address], living: list[Household]) -> None:
        r = self.r_place
        occupants: dict[int, list[Person]] = {}
        for hh in living:
            occupants.setdefault(hh.home.index, []).extend(hh.members)
        local_heads = [hh.members[0] for hh in living if hh.origin == "local" and hh.members
                       and hh.members[0].age_at(self.as_of) >= 25]
        outside: list[Person] = []

        def landlord() -> Person:
            if local_heads and r.random() < 0.5:
                return r.choice(local_heads)
            if outside and r.random() < 0.5:
                return r.choice(outside)
            q = self._person(sex="1" if r.random() < 0.55 else "2", age=r.randint(35, 75), origin="local",
                             status="landlord")
            outside.append(q)
            return q

        for a in dwellings:
            b = a.building
            if b.kind == "village":
                if b.owner < 0:
                    b.owner = landlord().idx
                a.owner = b.owner
            else:
                occ = occupants.get(a.index, [])
                if occ and occ[0].origin == "local" and r.random() < 0.85:
                    a.owner = occ[0].idx
                else:
                    a.owner = landlord().idx
            owner = self.persons[a.owner]
            if not (owner.home is a):
                owner.is_landlord = True

    # ------------------------------------------------------------------ organisations and jobs
    def _make_orgs(self) -> None:
        r, p, dist = self.r_place, self.p, self.district
        n = max(4, self.N // 120)
        used = set()
        for i in range(n):
            kind = "site" if r.random() < p.site_share else ("shop" if r.random() < 0.3 else "company")
            for _ in range(100):
                if kind == "site":
                    name = f"杭州{r.choice(COMPANY_WORDS)}{r.choice(SITE_KINDS)}"
                elif kind == "shop":
                    name = f"{r.choice(namemod.SURNAMES)[0]}记{r.choice(('面馆', '快餐', '小吃', '超市', '水果店', '理发店'))}"
                else:
                    name = f"杭州{r.choice(COMPANY_WORDS)}{r.choice(INDUSTRIES)}"
                if name not in used:
                    break
                name = f"{name[:-2]}{r.randint(2, 99)}{name[-2:]}" if kind != "company" else \
                    name.replace("杭州", f"杭州{r.choice('东西南北新')}")
            used.add(name)
            org = Org(len(self.orgs), name, kind, None, weight=1 / (i + 1) ** 0.7 * (3 if kind == "site" else 1))
            org.address = dist.add_place("workplace", org.idx)
            self.orgs.append(org)
        for i in range(max(2, self.N // 8000)):
            org = Org(len(self.orgs), "", "hotel", None)
            org.address = dist.add_place("hotel", org.idx)
            org.name = f"{r.choice(HOTEL_BRANDS)}({org.address.building.road}店)"
            self.orgs.append(org)
        for i in range(max(1, self.N // 6000)):
            org = Org(len(self.orgs), "", "school", None)
            org.address = dist.add_place("school", org.idx)
            base = org.address.building.road.rstrip("路街巷道大东西南北")[:2]
            org.name = f"杭州市{base}{'小学' if i % 3 != 2 else '中学'}" + (f"{i + 1}" if i >= 3 else "")
            self.orgs.append(org)
        for i in range(max(3, self.N // 400)):
            self.orgs.append(Org(len(self.orgs), f"杭州{r.choice(COMPANY_WORDS)}{r.choice(INDUSTRIES)}"
                                                 .replace("杭州", f"杭州{r.choice('东西南北新中')}{r.randint(1, 9)}"),
                                 "outside", None, text=dist.outside_address()))
        self._work = [o for o in self.orgs if o.kind in ("company", "site", "shop")]
        self._work_cum = namemod._cum([o.weight for o in self._work])
        self._outside = [o for o in self.orgs if o.kind == "outside"]
        self._hotels = [o for o in self.orgs if o.kind == "hotel"]
        self._schools = [o for o in self.orgs if o.kind == "school"]
        for person in self.persons:
            if person.status in ("visitor", "landlord", "registry_only"):
                continue
            age = person.age_at(self.as_of)
            if not 18 <= age <= 60:
                continue
            if person.status == "commuter":
                person.employer = r.choices(self._work, cum_weights=self._work_cum)[0].idx
                continue
            share = p.employed_local if person.origin == "local" else p.employed_migrant
            if r.random() < share:
                if r.random() < p.works_in_district:
                    person.employer = r.choices(self._work, cum_weights=self._work_cum)[0].idx
                else:
                    person.employer = r.choice(self._outside).idx

    # ------------------------------------------------------------------ registrations
    def _reg(self, person: Person, address: Address, when: datetime.date, status: str, state: str) -> Registration:
        when = max(min(when, self.as_of), person.birth)
        reg = Registration(len(self.registrations), "", person, address, when, status, state,
                           person.id_number, person.name, person.phone, address.full(), address.code)
        self.registrations.append(reg)
        person.regs.append(reg)
        return reg

    def _make_registrations(self) -> None:
        p, r = self.p, self.r_reg
        for hh in self.households:
            if not hh.members:
                continue
            head = hh.members[0]
            head_plan = None
            for i, m in enumerate(hh.members):
                child = m.age_at(self.as_of) < 16
                if hh.kind == "group" or i == 0:
                    plan = self._plan(m)
                elif child and hh.origin == "local":
                    plan = head_plan  # born into the parents' hukou
                elif child:
                    plan = head_plan if head_plan != "missing" and r.random() >= p.child_unregistered else "missing"
                else:
                    plan = head_plan if r.random() < 0.85 else self._plan(m)
                if i == 0:
                    head_plan = plan
                self._apply_plan(m, plan or "missing", head)
        for reg in self.registrations:
            self._registration_noise(reg)
        # opaque ids, issued in the order the records were made (registered_at), not by person
        order = sorted(self.registrations, key=lambda g: (g.registered_at, r.random()))
        used = set()
        for reg in order:
            while True:
                rid = f"JZ{r.randrange(10 ** 14):014d}"
                if rid not in used:
                    used.add(rid)
                    reg.reg_id = rid
                    break
        self.registrations = order

    def _plan(self, m: Person) -> str:
        p, r = self.p, self.r_reg
        if m.status == "leaver":
            if r.random() < p.leaver_never_registered:
                return "missing"
            return "zombie" if r.random() < p.leaver_not_cancelled else "left_cancelled"
        if m.origin == "local":
            if m.status == "mover":
                return "not_updated" if r.random() < p.mover_not_updated else (
                    "both" if r.random() < p.mover_old_not_cancelled else "updated")
            if r.random() < p.local_away_from_hukou:
                return "away"
            return "missing" if r.random() < p.reg_missing_local else "home"
        if m.status == "arrival":
            return "missing" if r.random() < p.reg_missing_arrival else "home"
        if r.random() < p.reg_missing_resident:
            return "missing"
        if m.status == "mover":
            return "not_updated" if r.random() < p.mover_not_updated else (
                "both" if r.random() < p.mover_old_not_cancelled else "updated")
        return "home"

    def _apply_plan(self, m: Person, plan: str, head: Person) -> None:
        r = self.r_reg
        delay = r.randint(0, 10) if r.random() < 0.8 else r.randint(11, 200)
        if m.status == "leaver":
            if plan == "missing" or m.prev is None:
                return
            when = m.since + delay * DAY
            if when >= m.event:
                when = m.since
            self._reg(m, m.prev, when, "active" if plan == "zombie" else "cancelled",
                      "stale_zombie" if plan == "zombie" else "cancelled")
            return
        if plan == "missing":
            self._history(m)
            return
        if plan == "away":
            hukou = self._other_dwelling(self._dwellings, m.home, "compound")
            self._reg(m, hukou, m.since - r.randint(100, 3000) * DAY, "active", "old_address")
            return
        if m.status == "mover" and m.prev is not None and plan in ("not_updated", "both", "updated"):
            old_when = m.since - r.randint(100, 2000) * DAY
            if plan == "not_updated":
                self._reg(m, m.prev, old_when, "active", "old_address")
            elif plan == "both":
                self._reg(m, m.prev, old_when, "active", "old_address")
                if m.since + delay * DAY <= self.as_of:
                    self._reg(m, m.home, m.since + delay * DAY, "active", "correct")
            elif m.since + delay * DAY <= self.as_of:
                self._reg(m, m.prev, old_when, "cancelled", "cancelled")
                self._reg(m, m.home, m.since + delay * DAY, "active", "correct")
            else:  # moved days ago: the old registration is still the only one
                self._reg(m, m.prev, old_when, "active", "old_address")
            return
        self._history(m)
        when = m.since + delay * DAY
        if m.status != "arrival" and m.origin == "local":
            when = m.since
        if when > self.as_of:
            return  # not registered yet: the deadline (or the delay) runs past as_of
        self._reg(m, m.home, when, "active", "correct")

    def _history(self, m: Person) -> None:
        r = self.r_reg
        if m.origin == "local" or r.random() >= self.p.reg_history or m.age_at(self.as_of) < 18:
            return
        old = self._other_dwelling(self._dwellings, m.home, "village")
        if old is m.home:
            return
        self._reg(m, old, (m.since or self.start) - r.randint(200, 1500) * DAY, "cancelled", "cancelled")

    def _registration_noise(self, reg: Registration) -> None:
        p, r = self.p, self.r_noise
        if r.random() < p.reg_typo:
            if r.random() < 0.6:
                bad = idmod.id_digit(reg.id_number, r) if r.random() < 0.6 else idmod.id_transpose(reg.id_number, r)
                if bad:
                    reg.id_number, reg.typo = bad, "id_number"
            else:
                bad = namemod.homophone(reg.name, r)
                if bad:
                    reg.name, reg.typo = bad, "name"
        if reg.phone and r.random() < p.reg_phone_outdated:
            reg.phone = idmod.phone_wrong(reg.phone, r)
        if r.random() < p.reg_text_only:
            reg.address_code = ""
            reg.address_text, _tags = render(reg.address, r, p.address, standard=False)

    # ------------------------------------------------------------------ feeds
    def _identity(self, person: Person, sp: SourceParams, *, other_phone: str = "") -> tuple[tuple, str]:
        """(name, id, sex, birth, phone) as one account of a feed holds them, and the noise tags."""
        r = self.r_noise
        tags = []
        name = person.name
        if person.origin == "hmt":
            name = namemod.traditional(name)
        if "·" in name and r.random() < 0.5:
            name = namemod.uygur_dot(name, r)
            tags.append("name_dot")
        if sp.name_pinyin and r.random() < sp.name_pinyin:
            name = namemod.pinyin(person.name, r)
            tags.append("name_pinyin")
        else:
            if sp.name_traditional and r.random() < sp.name_traditional:
                name = namemod.traditional(name)
                tags.append("name_traditional")
            if r.random() < sp.name_homophone:
                bad = namemod.homophone(name, r)
                if bad:
                    name = bad
                    tags.append("name_homophone")
            if r.random() < sp.name_dropped:
                bad = namemod.dropped(name, r)
                if bad:
                    name = bad
                    tags.append("name_dropped")
        number = person.id_number
        if r.random() < sp.id_missing:
            number = ""
            tags.append("id_missing")
        else:
            if sp.id_legacy15 and r.random() < sp.id_legacy15:
                old = idmod.id_legacy15(number)
                if old:
                    number = old
                    tags.append("id_legacy15")
            if len(number) == 18:
                if r.random() < sp.id_digit:
                    number = idmod.id_digit(number, r)
                    tags.append("id_digit")
                elif r.random() < sp.id_transpose:
                    bad = idmod.id_transpose(number, r)
                    if bad:
                        number = bad
                        tags.append("id_transpose")
                if r.random() < sp.id_format:
                    number = idmod.id_format(number, r)
                    tags.append("id_format")
        sex = ""
        if r.random() >= sp.sex_missing:
            sex = _SEX_STYLE[sp.sex_style][person.sex]
        birth = ""
        if r.random() >= sp.birth_missing:
            b = person.birth
            if r.random() < sp.birth_wrong:
                wrong = idmod.birth_wrong(b, r)
                if wrong <= self.as_of:
                    b = wrong
                    tags.append("birth_wrong")
            birth = b.isoformat()
        phone = person.phone
        if not phone or r.random() < sp.phone_missing:
            phone = ""
        elif r.random() < sp.phone_wrong:
            phone = idmod.phone_wrong(phone, r, other_phone)
            tags.append("phone_wrong")
        return (name, number, sex, birth, phone), "+".join(tags)

    def _records(self, source: str, person: Person, ident: tuple, tags: str, address_text: str, org: str,
                 true_address: Address | None, first: int, last: int, mean: float, hours) -> None:
        """Emit about ``mean`` records of one account, spread over [first, last] (window days)."""
        r = self.r_obs
        if last < first:
            return
        if last > first:  # a stay, a school term: one-day events, whose rate the caller adds
            person.rate += mean / (last - first + 1)
        n = int(mean)
        if r.random() < mean - n:
            n += 1
        if n <= 0:
            return
        out = self._out[source]
        days, times = self._days, _TIMES
        fest = self._festival if person.origin != "local" else None
        code = true_address.code if true_address is not None else ""
        emitted = 0
        span = last - first + 1
        for _ in range(n):
            d = first + int(r.random() * span)
            if fest and fest[0] <= d <= fest[1] and r.random() < 0.85:
                continue  # home for the Spring Festival
            h = hours[int(r.random() * len(hours))]
            out.append((days[d] + "T" + times[h * 3600 + int(r.random() * 3600)], ident, address_text, org,
                        person.key, code, tags))
            emitted += 1
            if d > person.last_day:
                person.last_day = d
        if emitted:
            person.n_obs += emitted
            if source in HOME_SOURCES:
                if true_address is not None:
                    person.home_obs[true_address.index] = person.home_obs.get(true_address.index, 0) + emitted
                else:
                    person.outside_obs += emitted

    def _account_address(self, source: str, a: Address, *, room_missing: float = 0.0) -> tuple[str, str]:
        sp, r = self.p.sources[source], self.r_noise
        return render(a, r, self.p.address, standard=r.random() < sp.address_standard,
                      room_missing=r.random() < room_missing)

    def _org_text(self, source: str, org: Org) -> tuple[str, str]:
        """Each department writes an organisation's address its own way, the same on every record."""
        key = (source, org.idx)
        got = self._org_texts.get(key)
        if got is None:
            got = (org.text, "outside") if org.address is None else self._account_address(source, org.address)
            self._org_texts[key] = got
        return got

    def _make_homes(self) -> None:
        W = self.W
        for m in self.persons:
            if m.status in ("resident", "arrival", "mover"):
                first = max(0, self.day_of(m.since))
                if m.status == "mover" and m.prev is not None and first > 0:
                    m.homes.append((m.prev, 0, first - 1))
                m.homes.append((m.home, first, W - 1))
            elif m.status == "leaver" and m.prev is not None:
                last = self.day_of(m.event) - 1
                if last >= 0:
                    m.homes.append((m.prev, max(0, self.day_of(m.since)), last))
                if self.r_place.random() < self.p.leaver_to_city and last + 1 < W:
                    m.outside = (self.district.outside_home(), max(0, last + 1), W - 1)
            elif m.status == "commuter":
                m.outside = (self.district.outside_home(), 0, W - 1)

    def _make_feeds(self) -> None:
        p, W = self.p, self.W
        S = p.sources
        r = self.r_obs
        self._out = {s: [] for s in SOURCE_ORDER}
        self._org_texts = {}
        home_hours = (6, 7, 7, 8, 8, 12, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 23)
        work_hours = (7, 7, 8, 8, 8, 9, 12, 13, 17, 17, 18, 18, 19)
        office_hours = (9, 10, 11, 14, 15, 16)
        hotel_hours = (13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1)
        for m in self.persons:
            age = m.age_at(self.as_of)
            for home, first, last in m.homes:
                frac = (last - first + 1) / W
                reg_here = next((g for g in m.regs if g.address is home), None)
                b = home.building
                if b.has_door:
                    if age < 10:
                        chance = 0.0
                    elif age < 16:
                        chance = p.card_child
                    else:
                        chance = p.card_registered if reg_here is not None else p.card_unregistered
                        if age >= 70:
                            chance *= 0.6
                    if r.random() < chance:
                        sp = S["door"]
                        ident, tags = self._identity(m, sp)
                        if reg_here is not None and r.random() < p.card_from_registration:
                            # 办卡先登记: the card copies the registration's identity, typos included
                            ident = (reg_here.name, reg_here.id_number, ident[2], ident[3], reg_here.phone or ident[4])
                            tags = "from_registration" + (f"+reg_{reg_here.typo}" if reg_here.typo else "")
                        text, atags = self._account_address("door", home, room_missing=sp.room_missing)
                        self._records("door", m, ident, _join(tags, atags), text, "", home, first, last,
                                      sp.records_mean * m.activity * frac, home_hours)
                if home.has_lock and age >= 16 and r.random() < p.lock_account:
                    sp = S["lock"]
                    # a wrong phone on a lock account is often the landlord's, who opened it
                    ident, tags = self._identity(m, sp, other_phone=self.persons[home.owner].phone)
                    text, atags = self._account_address("lock", home, room_missing=sp.room_missing)
                    self._records("lock", m, ident, _join(tags, atags), text, "", home, first, last,
                                  sp.records_mean * m.activity * frac, home_hours)
            if m.outside is not None and age >= 16 and r.random() < p.door_outside * p.card_registered:
                # the city door platform also covers homes outside the district: seen elsewhere
                sp = S["door"]
                text, first, last = m.outside
                ident, tags = self._identity(m, sp)
                self._records("door", m, ident, _join(tags, "outside"), text, "", None, first, last,
                              sp.records_mean * m.activity * (last - first + 1) / W, home_hours)
            self._jobs(m, work_hours, office_hours)
            self._stays(m, hotel_hours)
            if 6 <= age <= 15 and m.homes:
                self._school(m)
        self._utilities(office_hours)

    def _presence(self, m: Person) -> tuple[int, int] | None:
        if m.status == "commuter":
            return 0, self.W - 1
        if not m.homes:
            return None
        return m.homes[0][1], m.homes[-1][2]

    def _jobs(self, m: Person, work_hours, office_hours) -> None:
        if m.employer < 0:
            return
        span = self._presence(m)
        if span is None:
            return
        org = self.orgs[m.employer]
        first, last = span
        S = self.p.sources
        sp = S["employment"]
        ident, tags = self._identity(m, sp)
        text, atags = self._org_text("employment", org)
        self._records("employment", m, ident, _join(tags, atags), text, org.name, org.address, first, last,
                      max(1.0, sp.records_mean * (last - first + 1) / self.W), office_hours)
        if org.kind == "site":
            sp = S["face"]
            ident, tags = self._identity(m, sp)
            text, atags = self._org_text("face", org)
            self._records("face", m, ident, _join(tags, atags), text, org.name, org.address, first, last,
                          sp.records_mean * m.activity * (last - first + 1) / self.W, work_hours)

    def _stays(self, m: Person, hours) -> None:
        p, r = self.p, self.r_obs
        sp = p.sources["hotel"]
        stays: list[int] = []
        if m.status == "visitor":
            stays = [r.randrange(self.W) for _ in range(r.choices((1, 2, 3), (0.6, 0.28, 0.12))[0])]
        elif m.status == "arrival" and m.age_at(self.as_of) >= 18 and r.random() < p.arrival_hotel:
            d = self.day_of(m.event) - r.randint(1, 4)
            if d >= 0:
                stays = [d]
        elif m.homes and m.age_at(self.as_of) >= 18:
            m.rate += p.hotel_stays_resident / 365
            if r.random() < p.hotel_stays_resident * self.W / 365:
                stays = [r.randrange(m.homes[0][1], m.homes[-1][2] + 1)]
        for d in stays:
            hotel = r.choice(self._hotels)
            ident, tags = self._identity(m, sp)
            text, atags = self._org_text("hotel", hotel)
            self._records("hotel", m, ident, _join(tags, atags), text, hotel.name, hotel.address, d, d, 1.0, hours)

    def _school(self, m: Person) -> None:
        r = self.r_obs
        first, last = m.homes[0][1], m.homes[-1][2]
        terms = [d for d in self._term_days if first <= d <= last] or [first]
        m.terms = tuple(self._term_days)
        school = self._schools[m.idx % len(self._schools)]
        sp = self.p.sources["school"]
        guardian = self.households[m.household].members[0] if m.household >= 0 else m
        ident, tags = self._identity(m, sp)
        if not ident[4] and guardian.phone and r.random() >= sp.phone_missing:
            ident = ident[:4] + (guardian.phone,)
        text, atags = self._org_text("school", school)
        for d in terms:
            self._records("school", m, ident, _join(tags, atags), text, school.name, school.address, d, d, 1.0,
                          (8, 9, 10, 14, 15))

    def _utilities(self, hours) -> None:
        p, r = self.p, self.r_obs
        sp = p.sources["utility"]
        occupants: dict[int, Person] = {}
        for m in self.persons:
            if m.home is not None and m.age_at(self.as_of) >= 18 and m.home.index not in occupants:
                occupants[m.home.index] = m
        for a in self.district.addresses:
            if a.kind != "dwelling":
                continue
            holder = self.persons[a.owner]
            tenant = occupants.get(a.index)
            if tenant is not None and tenant is not holder and r.random() < p.utility_tenant_name:
                holder = tenant
            ident, tags = self._identity(holder, sp)
            text, atags = self._account_address("utility", a)
            self._records("utility", holder, ident, _join(tags, atags), text, "", a, 0, self.W - 1,
                          sp.records_mean * r.uniform(0.5, 1.5), hours)

    @functools.cached_property
    def _term_days(self) -> list[int]:
        out = []
        for year in range(self.start.year, self.as_of.year + 1):
            for month, day in ((2, 24), (9, 1)):
                d = self.day_of(datetime.date(year, month, day))
                if 0 <= d < self.W:
                    out.append(d)
        return out

    # ------------------------------------------------------------------ watchlist
    def _make_watchlist(self) -> list:
        p, r = self.p, self.r_people
        seen = [m for m in self.persons if m.n_obs > 0]
        n_present = min(len(seen), max(2, round(p.watch_present_per_100k * self.N / 100_000)))
        present = r.sample(seen, n_present)
        rows = []
        for m in present:
            rows.append([m.id_number, m.name, m.sex, m.birth, r.choice(WATCH_REASONS), m])
        for _ in range(round(n_present * p.watch_absent_ratio)):
            sex = "1" if r.random() < 0.85 else "2"
            age = r.randint(20, 60)
            birth = self._birth(age)
            prov = r.choices(self._origins, cum_weights=self._origin_cum)[0]
            number = self.idm.number(r.choice(idmod.counties_in(prov, birth.year)), birth, sex)
            rows.append([number, self.names.full(sex, birth.year), sex, birth, r.choice(WATCH_REASONS), None])
        for row in rows:
            if r.random() < p.watch_legacy15:
                old = idmod.id_legacy15(row[0])
                if old:
                    row[0] = old
        r.shuffle(rows)
        used = set()
        out = []
        for row in rows:
            while True:
                wid = f"ZT{r.randrange(10 ** 10):010d}"
                if wid not in used:
                    used.add(wid)
                    break
            out.append((wid, *row))
        out.sort(key=lambda t: t[0])
        return out

    # ------------------------------------------------------------------ all
    def generate(self) -> City:
        self._make_population()
        self._make_housing()
        self._make_orgs()
        self._make_registrations()
        self._make_homes()
        self._make_feeds()
        watch = self._make_watchlist()
        return City(self.N, self.seed, self.as_of, self.p, self.district, self.persons, self.households, self.orgs,
                    self.registrations, self._out, watch, self.start)


_SEX_STYLE = {"zh": {"1": "男", "2": "女"}, "code": {"1": "1", "2": "2"}, "mf": {"1": "M", "2": "F"}}
_TIMES = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


def _join(a: str, b: str) -> str:
    if a and b:
        return f"{a}+addr:{b}"
    return a or (f"addr:{b}" if b else "")


def generate(*, residents: int, seed: int = 1, as_of: datetime.date | None = None,
             params: Params | None = None) -> City:
    enabled = gc.isenabled()
    gc.disable()  # a million small objects, no cycles: full GC passes would cost a third of the time
    try:
        return Generator(residents=residents, seed=seed, as_of=as_of, params=params).generate()
    finally:
        if enabled:
            gc.enable()


__all__ = ["City", "Generator", "generate", "GENERATOR_VERSION", "SOURCE_MEANING"]
