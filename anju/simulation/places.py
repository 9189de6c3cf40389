"""The district: jurisdiction tree, roads, buildings, dwellings, workplaces, and address texts.

Pure Python, no Django. The tree has the shape of the demo district
(浙江省 330000 → 杭州市 330100 → 西湖区 330106 → police stations → communities →
grids); the first two stations and their first communities carry the demo
tree's codes and names, so the two coincide where they overlap.

Standard full address: 浙江省杭州市西湖区文新街道文一西路588号3幢2单元502室 (an
apartment in a compound) or 浙江省杭州市西湖区蒋村街道紫荆花路12号301室 (a room in
a village rental house). ``render`` writes the variants departments write.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from anju.simulation.names import HOMOPHONES
from anju.simulation.params import AddressNoise

PROVINCE, CITY, DISTRICT = ("330000", "浙江省"), ("330100", "杭州市"), ("330106", "西湖区")

# (street, street code, police station); the first two are the demo tree's.
STREETS = (
    ("文新街道", "006", "文新派出所"), ("古荡街道", "007", "古荡派出所"), ("翠苑街道", "005", "翠苑派出所"),
    ("蒋村街道", "008", "蒋村派出所"), ("西溪街道", "002", "西溪派出所"), ("北山街道", "001", "北山派出所"),
    ("灵隐街道", "003", "灵隐派出所"), ("留下街道", "009", "留下派出所"), ("转塘街道", "010", "转塘派出所"),
    ("三墩镇", "101", "三墩派出所"), ("双浦镇", "102", "双浦派出所"), ("之江街道", "011", "之江派出所"),
)
DEMO_COMMUNITIES = {0: ("文华", "新苑", "嘉禾"), 1: ("古荡湾", "松木场", "翠柏")}
_NAME_A = "金桂兴和德翠景云溪竹梅兰枫湖山春秋明华锦庆丰瑞安康福宝紫青绿嘉益祥万永昌盛隆泰宏文新"
_NAME_B = ("苑", "园", "里", "湾", "桥", "庄", "坊", "新村", "家园", "花园", "东", "西", "南", "北")
ROADS = ("文一西路", "文二路", "文三路", "天目山路", "古墩路", "紫金港路", "丰潭路", "学院路", "教工路", "西溪路",
         "余杭塘路", "花蒋路", "紫荆花路", "竞舟路", "益乐路", "莫干山路", "黄姑山路", "保俶北路", "求是路", "玉古路",
         "曙光路", "杭大路", "留和路", "转塘路", "之江路", "三墩路", "蒋村路", "五常大道", "申花路", "华星路",
         "古翠路", "文晖路", "嘉绿路", "府苑路", "骆家庄路", "龙井路", "梅灵路", "灵隐路", "北山路", "杨公堤")
_ROAD_A = "文学丰兴和德翠景云溪竹梅兰枫湖春明华锦庆瑞安康福宝紫青嘉益祥永昌盛隆泰宏新天古"
_ROAD_B = ("路", "街", "巷", "西路", "东路", "北路", "南路", "大道")
OTHER_DISTRICTS = ("上城区", "拱墅区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区")

HOTEL_BRANDS = ("如家酒店", "汉庭酒店", "全季酒店", "锦江之星", "7天连锁酒店", "格林豪泰酒店", "维也纳酒店",
                "亚朵酒店", "城市便捷酒店", "布丁酒店", "宜必思酒店", "速8酒店")
COMPANY_WORDS = ("华数", "恒生", "东信", "中控", "新天", "正元", "浙大网新", "博彦", "信雅达", "银江", "创业",
                 "远望", "天堂", "西子", "钱江", "之江", "申通", "顺丰", "百世", "蓝天", "海康", "大华")
INDUSTRIES = ("科技有限公司", "信息技术有限公司", "物流有限公司", "餐饮管理有限公司", "物业管理有限公司",
              "建筑工程有限公司", "服装有限公司", "电子商务有限公司", "商贸有限公司", "家政服务有限公司")
SITE_KINDS = ("项目工地", "机械厂", "物流园", "食品厂", "印刷厂", "装配车间")


@dataclass(slots=True, eq=False)
class Node:
    code: str
    name: str
    level: str
    parent: "Node | None"


@dataclass(slots=True, eq=False)
class Building:
    index: int
    kind: str            # "compound" | "village" | "org"
    station: Node
    community: Node
    grid: Node
    street: str
    road: str
    number: int          # house number on the road (门牌号)
    label: str           # "3幢" in a compound, "" otherwise
    has_door: bool = False
    owner: int = -1      # person index owning a village house
    dwellings: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"B{self.index:06d}"


@dataclass(slots=True, eq=False)
class Address:
    index: int
    code: str
    kind: str            # "dwelling" | "workplace" | "hotel" | "school"
    building: Building
    unit: int = 0        # 0: none
    floor: int = 0
    room: int = 0        # 502; 0: none (workplaces)
    has_lock: bool = False
    owner: int = -1      # person index of the owner (dwellings)
    org: int = -1        # organisation index (workplaces, hotels, schools)

    def parts(self) -> dict:
        b = self.building
        return {
            "province": PROVINCE[1], "city": CITY[1], "district": DISTRICT[1], "street": b.street,
            "community": b.community.name, "road": b.road, "house_number": f"{b.number}号",
            "building": b.label, "unit": f"{self.unit}单元" if self.unit else "",
            "room": f"{self.room}室" if self.room else "",
            "police_station": b.station.name, "grid": b.grid.name,
        }

    def full(self) -> str:
        b = self.building
        return (f"{PROVINCE[1]}{CITY[1]}{DISTRICT[1]}{b.street}{b.road}{b.number}号{b.label}"
                f"{f'{self.unit}单元' if self.unit else ''}{f'{self.room}室' if self.room else ''}")


class District:
    """Builds the tree sized to the resident count and hands out buildings and addresses."""

    def __init__(self, rng: random.Random, residents: int):
        self.rng = rng
        self.nodes: list[Node] = []
        self.stations: list[Node] = []
        self.communities: list[Node] = []
        self.grids: list[Node] = []
        self.street_of: dict[str, str] = {}  # station code -> street name
        self.roads: dict[str, list[list]] = {}  # community code -> [[road, next number], ...]
        self.buildings: list[Building] = []
        self.addresses: list[Address] = []
        self._code_n = 0
        self._used_names: set[str] = set()
        self._build_tree(residents)

    # ------------------------------------------------------------------ tree
    def _build_tree(self, residents: int) -> None:
        rng = self.rng
        n_station = max(2, round(residents / 20000))
        n_comm = max(2 * n_station, round(residents / 3000))
        n_grid = max(2 * n_comm, round(residents / 500))
        province = Node(PROVINCE[0], PROVINCE[1], "province", None)
        city = Node(CITY[0], CITY[1], "city", province)
        district = Node(DISTRICT[0], DISTRICT[1], "district", city)
        self.nodes += [province, city, district]
        streets = []
        for i in range(n_station):
            if i < len(STREETS):
                street, street_code, station_name = STREETS[i]
            else:
                base = self._unique_name(_NAME_A, ("溪", "山", "桥", "塘", "港", "浦"), "")
                street, street_code, station_name = f"{base}街道", f"{200 + i:03d}", f"{base}派出所"
            code = f"33010651{i + 1:02d}00" if i < 99 else f"3301065{i + 1:03d}00"
            station = Node(code, station_name, "station", district)
            self.stations.append(station)
            self.street_of[code] = street
            streets.append(street_code)
        per_station: dict[int, int] = {}
        for j in range(n_comm):
            s = j % n_station
            k = per_station.get(s, 0)
            per_station[s] = k + 1
            demo = DEMO_COMMUNITIES.get(s, ())
            if k < len(demo):
                base = demo[k]
                self._used_names.add(base)
            else:
                base = self._unique_name(_NAME_A, _NAME_B, "")
            comm = Node(f"330106{streets[s]}{k + 1:03d}", f"{base}社区", "community", self.stations[s])
            self.communities.append(comm)
        per_comm: dict[int, int] = {}
        for g in range(n_grid):
            c = g % n_comm
            k = per_comm.get(c, 0) + 1
            per_comm[c] = k
            comm = self.communities[c]
            self.grids.append(Node(f"{comm.code}{k:02d}", f"{comm.name}第{k}网格", "grid", comm))
        self.nodes += self.stations
        # parents before children, grids grouped under their community (the demo file's order)
        for comm in self.communities:
            self.nodes.append(comm)
            self.nodes += [g for g in self.grids if g.parent is comm]
        road_pool = list(ROADS)
        rng.shuffle(road_pool)
        for comm in self.communities:
            roads = []
            for _ in range(rng.randint(2, 3)):
                name = road_pool.pop() if road_pool else self._unique_name(_ROAD_A, _ROAD_B, "", pair=True)
                self._used_names.add(name)
                roads.append([name, rng.randint(1, 30)])
            self.roads[comm.code] = roads

    def _unique_name(self, first: str, second, suffix: str, pair: bool = False) -> str:
        rng = self.rng
        for attempt in range(10000):
            a = rng.choice(first)
            if pair or attempt > 200:
                a += rng.choice(first.replace(a, ""))
            name = a + rng.choice(second) + suffix
            if name not in self._used_names:
                self._used_names.add(name)
                return name
        raise RuntimeError("name pool exhausted")

    def jurisdiction_rows(self) -> list[tuple[str, str, str, str]]:
        return [(n.code, n.name, n.level, n.parent.code if n.parent else "") for n in self.nodes]

    # ------------------------------------------------------------------ buildings
    def _next_code(self) -> str:
        self._code_n += 1
        return f"{DISTRICT[0]}{self._code_n:010d}"

    def _house_number(self, community: Node) -> tuple[str, int]:
        road = self.rng.choice(self.roads[community.code])
        number = road[1]
        road[1] += self.rng.randint(1, 12)
        return road[0], number

    def _building(self, kind: str, grid: Node, road: str, number: int, label: str) -> Building:
        comm = grid.parent
        station = comm.parent
        b = Building(len(self.buildings), kind, station, comm, grid, self.street_of[station.code], road, number, label)
        self.buildings.append(b)
        return b

    def _address(self, kind: str, building: Building, unit=0, floor=0, room=0) -> Address:
        a = Address(len(self.addresses), self._next_code(), kind, building, unit, floor, room)
        self.addresses.append(a)
        building.dwellings.append(a)
        return a

    def add_compound(self, grid: Node, max_dwellings: int, door_share: float) -> list[Address]:
        """A compound: one house number with 1-6 buildings of 1-3 units, 2 flats a floor."""
        rng = self.rng
        road, number = self._house_number(grid.parent)
        out: list[Address] = []
        for bno in range(1, rng.randint(1, 6) + 1):
            units = rng.randint(1, 3)
            floors = rng.randint(5, 18)
            floors = max(2, min(floors, max_dwellings // (2 * units)))
            b = self._building("compound", grid, road, number, f"{bno}幢")
            b.has_door = rng.random() < door_share
            for unit in range(1, units + 1):
                for floor in range(1, floors + 1):
                    for k in (1, 2):
                        out.append(self._address("dwelling", b, unit, floor, floor * 100 + k))
            if len(out) >= max_dwellings:
                break
        return out

    def add_village_house(self, grid: Node, door_share: float, lock_share: float) -> list[Address]:
        """A village rental house (农居房): 3-6 floors of 2-5 rooms; the owner's family may keep floor 1."""
        rng = self.rng
        road, number = self._house_number(grid.parent)
        b = self._building("village", grid, road, number, "")
        b.has_door = rng.random() < door_share
        out = []
        rooms = rng.randint(2, 5)
        for floor in range(1, rng.randint(3, 6) + 1):
            for k in range(1, rooms + 1):
                a = self._address("dwelling", b, 0, floor, floor * 100 + k)
                a.has_lock = rng.random() < lock_share
                out.append(a)
        return out

    def add_place(self, kind: str, org: int) -> Address:
        """A workplace, hotel or school: a house number on a road, sometimes with a building."""
        rng = self.rng
        grid = rng.choice(self.grids)
        road, number = self._house_number(grid.parent)
        label = f"{rng.randint(1, 5)}幢" if kind == "workplace" and rng.random() < 0.4 else ""
        b = self._building("org", grid, road, number, label)
        a = self._address(kind, b)
        a.org = org
        return a

    def outside_address(self) -> str:
        """An address elsewhere in Hangzhou (not in the library): outside employers and homes."""
        rng = self.rng
        road = rng.choice(_ROAD_A) + rng.choice(_ROAD_A) + rng.choice(_ROAD_B)
        return f"浙江省杭州市{rng.choice(OTHER_DISTRICTS)}{road}{rng.randint(1, 999)}号"

    def outside_home(self) -> str:
        """A flat elsewhere in Hangzhou, as the city door platform writes it."""
        rng = self.rng
        text = f"{self.outside_address()}{rng.randint(1, 12)}幢{rng.randint(1, 3)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室"
        return text[3:] if rng.random() < 0.5 else text


# --------------------------------------------------------------------------- address texts

_DIGITS_ZH = "〇一二三四五六七八九"
_DIGITS_ZH2 = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})
_SYNONYMS = ("栋", "号楼", "座")


def zh_number(n: int) -> str:
    """588 → 五百八十八, 12 → 十二, 105 → 一百零五 (counting numerals, as house numbers are read)."""
    if n < 10:
        return _DIGITS_ZH2[n]
    if n < 20:
        return "十" + (_DIGITS_ZH2[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS_ZH2[n // 10] + "十" + (_DIGITS_ZH2[n % 10] if n % 10 else "")
    if n < 1000:
        h, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS_ZH2[h] + "百"
        if rest < 10:
            return _DIGITS_ZH2[h] + "百零" + _DIGITS_ZH2[rest]
        return _DIGITS_ZH2[h] + "百" + (zh_number(rest) if rest >= 20 else "一" + zh_number(rest))
    return str(n)


def zh_digits(n: int, rng: random.Random) -> str:
    """502 → 五〇二 or 五零二 (room numbers are read digit by digit)."""
    table = _DIGITS_ZH if rng.random() < 0.5 else _DIGITS_ZH2
    return "".join(table[int(c)] for c in str(n))


def render(a: Address, rng: random.Random, noise: AddressNoise, *, standard: bool,
           room_missing: bool = False) -> tuple[str, str]:
    """(address text, noise tags) as a department writes the address ``a``."""
    if standard and not room_missing:
        return a.full(), ""
    b = a.building
    tags = []
    if standard:
        prefix, street = f"{PROVINCE[1]}{CITY[1]}{DISTRICT[1]}", b.street
    else:
        prefix = f"{PROVINCE[1]}{CITY[1]}{DISTRICT[1]}"
        if rng.random() < noise.drop_province:
            prefix = f"{CITY[1]}{DISTRICT[1]}"
            tags.append("no_province")
            if rng.random() < noise.drop_city:
                prefix = DISTRICT[1]
                tags.append("no_city")
                if rng.random() < noise.drop_district:
                    prefix = ""
                    tags.append("no_district")
        street = b.street
        if rng.random() < noise.drop_street:
            street = ""
            tags.append("no_street")
    road = b.road
    if not standard and rng.random() < noise.typo:
        road = _road_typo(road, rng)
        tags.append("typo")
    chinese = not standard and rng.random() < noise.chinese_numerals
    fullwidth = not standard and not chinese and rng.random() < noise.fullwidth_digits
    if chinese:
        tags.append("zh_numerals")
    if fullwidth:
        tags.append("fullwidth")
    number = f"{zh_number(b.number) if chinese else b.number}号"
    building = ""
    bno = int(b.label[:-1]) if b.label else 0
    word = "幢"
    if bno:
        if not standard and rng.random() < noise.building_synonym:
            word = rng.choice(_SYNONYMS)
            tags.append("building_word")
        building = f"{zh_number(bno) if chinese else bno}{word}"
    unit = f"{zh_number(a.unit) if chinese else a.unit}单元" if a.unit else ""
    room = ""
    if a.room and not room_missing:
        room = zh_digits(a.room, rng) + "室" if chinese else f"{a.room}室"
        if not standard and not chinese and rng.random() < noise.room_word_dropped:
            room = str(a.room) + ("" if rng.random() < 0.7 else "房")
            tags.append("room_word")
    if room_missing and a.room:
        tags.append("no_room")
    tail = f"{building}{unit}{room}"
    if not standard and not chinese and a.room and not room_missing and rng.random() < noise.dash_form:
        tags.append("dash")
        if bno and a.unit and rng.random() < 0.6:
            tail = f"{bno}-{a.unit}-{a.room}"
        elif bno:
            tail = f"{bno}-{a.room}"
        else:
            number = f"{b.number}"
            tail = f"-{a.room}"
    parts = [prefix, street, road, number, tail]
    if not standard and rng.random() < noise.spaces:
        text = " ".join(p for p in parts if p)
        tags.append("spaces")
    else:
        text = "".join(parts)
    if fullwidth:
        text = text.translate(_FULLWIDTH)
    return text, "+".join(tags)


def _road_typo(road: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(road) if ch in HOMOPHONES]
    if spots and rng.random() < 0.7:
        i = rng.choice(spots)
        return road[:i] + rng.choice(HOMOPHONES[road[i]]) + road[i + 1:]
    if road.endswith("路") and len(road) > 2:
        return road[:-1]
    return road
