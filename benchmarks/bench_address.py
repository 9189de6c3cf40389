"""Benchmark: the address normaliser (anju.lib.address) on a generated 100,000-address library.

Figures: matches per second on one core (matching only, after the index is built),
top-1 accuracy on noisy variants, index build time and memory, and in the same run
a baseline: exact dict lookup of the untouched full address.

NOTE: the variants are produced by *our own* noise generator (below), written by
the same people as the matcher, so the accuracy here is an optimistic figure. The
simulator issue generates independent variants; trust that figure more.

    python benchmarks/bench_address.py [--quick]     # --quick: 10,000 addresses
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anju.lib.address import AddressIndex, StandardAddress  # noqa: E402
from anju.lib.address.normalise import PINYIN, _read_tsv  # noqa: E402

SEED = 20261123
N_VARIANTS = 20_000

# --------------------------------------------------------------------------- the library

_NAME_CHARS = ("文古天学教益紫莫丰西湖金银花翠绿桂兰竹松柏梅和平安康宁德仁义信华中东南北新光明阳春秋"
               "丽景星月江河山海林园泉水石桥城宝龙凤祥瑞福兴盛隆昌荣恒泰嘉欣悦美佳怡馨雅"
               "青白红黄蓝朝晖晨曦锦绣云霞振宁双塘湾港浦溪沙坪岭峰岗庄桐杨柳荷莲菊梧枫")
_ROAD_SUFFIX = ("路", "路", "路", "街", "大道", "巷")
_ESTATE_SUFFIX = ("花园", "家园", "苑", "公寓", "新村", "小区", "府", "庭", "名苑", "雅苑", "嘉园", "公馆")
_DISTRICTS = (("西湖区", ("文新街道", "三墩镇", "古荡街道", "西溪街道", "翠苑街道", "蒋村街道", "留下街道")),
              ("拱墅区", ("米市巷街道", "湖墅街道", "小河街道", "和睦街道")),
              ("余杭区", ("仓前街道", "五常街道", "闲林街道")))


def _name(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_NAME_CHARS) for _ in range(length))


def make_library(n: int, seed: int = SEED) -> list[StandardAddress]:
    """``n`` addresses: roads and 小区 in three districts of one city, buildings 1-30, units 0-6, rooms 101-3204.

    A few near-duplicate road names are planted on purpose (文一路/文一西路/文二路,
    one-character and homophone neighbours), and some road names exist in two districts.
    """
    rng = random.Random(seed)
    roads: list[tuple[str, str, str]] = []  # (district, street, road)
    seen: set[tuple[str, str]] = set()
    n_roads = max(40, n // 250)
    while len(roads) < n_roads:
        district, streets = _DISTRICTS[0] if rng.random() < 0.6 else rng.choice(_DISTRICTS[1:])
        r = rng.random()
        if r < 0.1 and roads:
            # a near-duplicate of an existing road: one character changed or a direction added
            base = rng.choice(roads)[2]
            stem = base.rstrip("路街大道巷")
            suffix = base[len(stem):]
            if rng.random() < 0.5 and len(stem) >= 2:
                i = rng.randrange(len(stem))
                stem = stem[:i] + rng.choice(_NAME_CHARS) + stem[i + 1:]
            else:
                stem = stem + rng.choice("东西南北中")
            name = stem + suffix
        elif r < 0.15 and roads:
            name = rng.choice(roads)[2]  # the same road name in another district
        else:
            name = _name(rng, rng.choice((2, 2, 2, 3))) + rng.choice(_ROAD_SUFFIX)
        if (district, name) in seen:
            continue
        seen.add((district, name))
        roads.append((district, rng.choice(streets), name))
    for planted in ("文一路", "文一西路", "文二路", "古墩路", "古荡路"):
        if ("西湖区", planted) not in seen:
            seen.add(("西湖区", planted))
            roads.append(("西湖区", "文新街道", planted))

    rows: list[StandardAddress] = []
    code = 0
    estates_seen: set[str] = set()
    used_houses: set[tuple[str, str, int]] = set()
    while len(rows) < n:
        district, street, road = rng.choice(roads)
        house = rng.randint(1, 400)
        if (district, road, house) in used_houses:
            continue
        used_houses.add((district, road, house))
        estate = ""
        if rng.random() < 0.8:
            while not estate or estate in estates_seen:
                estate = _name(rng, rng.choice((2, 2, 3))) + rng.choice(_ESTATE_SUFFIX)
            estates_seen.add(estate)
        community = street[:2] + rng.choice("东西南北中新") + "社区"
        prefix = f"浙江省杭州市{district}{street}"
        base = dict(province="浙江省", city="杭州市", district=district, street=street, community=community,
                    road=road, house_number=f"{house}号")

        def add(building="", unit="", room=""):
            nonlocal code
            code += 1
            full = prefix + f"{road}{house}号{estate}" + (f"{building}幢" if building else "") + \
                (f"{unit}单元" if unit else "") + (f"{room}室" if room else "")
            rows.append(StandardAddress(code=f"33010{code:07d}", full_address=full, building=building and f"{building}幢",
                                        unit=unit and f"{unit}单元", room=room and f"{room}室", **base))

        add()  # the house itself (门牌)
        n_buildings = rng.randint(1, 30)
        units = rng.choice((0, 0, 1, 2, 2, 3, 4, 6))
        floors = rng.randint(3, 32)
        per_floor = rng.randint(2, 4)
        for b in range(1, n_buildings + 1):
            if rng.random() < 0.3:
                add(str(b))  # building-level code
            for u in (range(1, units + 1) if units else [0]):
                for floor in rng.sample(range(1, floors + 1), k=min(floors, rng.randint(1, 4))):
                    for k in rng.sample(range(1, per_floor + 1), k=rng.randint(1, per_floor)):
                        add(str(b), str(u) if u else "", f"{floor}{k:02d}")
            if len(rows) >= n:
                break
    return rows[:n]


# --------------------------------------------------------------------------- the variants (our own noise)

_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int, digitwise: bool) -> str:
    if digitwise or n >= 100:
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _homophones() -> dict[str, list[str]]:
    by_sound: dict[str, list[str]] = {}
    for ch, readings in PINYIN.items():
        by_sound.setdefault(readings[0], []).append(ch)
    return {ch: [c for c in by_sound[r[0]] if c != ch] for ch, r in PINYIN.items()}


_HOMOPHONES = _homophones()
_S2T = {simp: trad for trad, simp in _read_tsv("address_t2s.tsv")}


def _typo(rng: random.Random, name: str) -> str:
    stem_len = len(name.rstrip("路街大道巷")) if name.endswith(("路", "街", "大道", "巷")) else len(name)
    if stem_len < 2:
        return name
    i = rng.randrange(stem_len)
    op = rng.random()
    if op < 0.45 and _HOMOPHONES.get(name[i]):
        return name[:i] + rng.choice(_HOMOPHONES[name[i]]) + name[i + 1:]
    if op < 0.65:
        return name[:i] + rng.choice(_NAME_CHARS) + name[i + 1:]
    if op < 0.8 and len(name) >= 4:
        return name[:i] + name[i + 1:]
    if op < 0.9 and i + 1 < stem_len:
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    return name[:i] + rng.choice(_NAME_CHARS) + name[i:]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def make_variant(rng: random.Random, a: StandardAddress, estate: str) -> str:
    """One noisy way of writing ``a``, as a landlord or a department would."""
    r = rng.random()
    if r < 0.35:
        prefix = ""
    elif r < 0.5:
        prefix = a.district
    elif r < 0.6:
        prefix = "杭州" + a.district
    elif r < 0.7:
        prefix = a.city + a.district
    elif r < 0.8:
        prefix = a.province + a.city + a.district + (a.street if rng.random() < 0.5 else "")
    elif r < 0.85:
        prefix = a.street
    else:
        prefix = a.province + a.city + a.district + a.street + a.community
    building = a.building.rstrip("幢")
    unit = a.unit.rstrip("单元")
    room = a.room.rstrip("室")
    house = a.house_number.rstrip("号")
    road = a.road
    typo_estate = False
    if rng.random() < 0.18:
        if estate and rng.random() < 0.3:
            typo_estate = True
        else:
            road = _typo(rng, road)
    use_estate = estate and rng.random() < 0.3
    if use_estate:
        name = _typo(rng, estate) if typo_estate else estate
        place = name
        if rng.random() < 0.3:
            place = road + house + "号" + name
    else:
        h = _cn_number(int(house), False) if rng.random() < 0.1 else house
        place = road + h + ("号" if rng.random() < 0.8 else " ")
        if estate and rng.random() < 0.2:
            place += _typo(rng, estate) if typo_estate else estate
    tail = ""
    if building:
        form = rng.random()
        if room and form < 0.25:
            tail = "-".join(x for x in (building, unit, room) if x)  # 3-2-502 / 3-502
        else:
            b = _cn_number(int(building), False) if rng.random() < 0.15 else building
            tail = b + rng.choice(("幢", "幢", "栋", "号楼", "座", "#"))
            if unit:
                tail += (_cn_number(int(unit), False) if rng.random() < 0.2 else unit) + "单元"
            if room:
                rr = _cn_number(int(room), True) if rng.random() < 0.1 else room
                tail += rr + rng.choice(("室", "室", "", "房", "号房"))
    text = prefix + place + tail
    if rng.random() < 0.15:
        text = _full_width(text)
    if rng.random() < 0.15:
        i = rng.randrange(1, len(text))
        text = text[:i] + " " + text[i:]
    if rng.random() < 0.05:
        text = "".join(_S2T.get(c, c) for c in text)
    return text


def make_variants(rows: list[StandardAddress], n: int, seed: int = SEED + 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    picks = [a for a in rows if a.room or a.building] or rows
    for _ in range(n):
        a = rng.choice(picks)
        # the 小区 name, as the generator put it into the full address
        estate = a.full_address.split(a.house_number, 1)[1]
        for cut in (a.building, a.unit, a.room):
            if cut:
                estate = estate.split(cut, 1)[0]
        out.append((make_variant(rng, a, estate), a.code))
    return out


# --------------------------------------------------------------------------- the run

def run(quick: bool = False) -> list[dict]:
    size = 10_000 if quick else 100_000
    n_variants = 5_000 if quick else N_VARIANTS
    bench = "address normaliser"
    rows = make_library(size)
    variants = make_variants(rows, n_variants)
    exact = {a.full_address: a.code for a in rows}
    queries = [rows[i].full_address for i in range(0, len(rows), max(1, len(rows) // n_variants))]

    # index memory: what the index holds once built (tracemalloc slows the build, so it is a separate build)
    gc.collect()
    tracemalloc.start()
    index = AddressIndex(rows)
    mem_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del index

    # Three rounds, each with a freshly built index (cold caches); the best round counts, as
    # other processes on the machine only ever make a round slower. CPU time of this process
    # (one thread) is the time on one core.
    build_s = []
    rates = []
    accuracy = 0.0
    for _round in range(3):
        gc.collect()
        t0 = time.perf_counter()
        index = AddressIndex(rows)
        build_s.append(time.perf_counter() - t0)
        gc.collect()  # settle the build's garbage before timing, as a batch job would after loading
        correct = 0
        c0 = time.process_time()
        for text, code in variants:
            m = index.match_one(text)
            if m is not None and m.code == code:
                correct += 1
        rates.append(len(variants) / (time.process_time() - c0))
        accuracy = 100.0 * correct / len(variants)
        del index

    # baseline in the same run: exact lookup of the untouched full address
    base_rates = []
    for _round in range(3):
        c0 = time.process_time()
        for _ in range(20):
            for q in queries:
                exact.get(q)
        base_rates.append(20 * len(queries) / (time.process_time() - c0))
    baseline_hits = sum(1 for text, code in variants if exact.get(text) == code)

    label = f"{size:,}-address library"
    return [
        {"benchmark": bench, "metric": f"matches per second (1 core, CPU time, best of 3 cold rounds, {label}, "
                                       f"{len(variants):,} noisy variants)",
         "value": round(max(rates)), "unit": "addresses/s",
         "baseline": {"name": "exact dict lookup of the untouched full address", "value": round(max(base_rates)),
                      "unit": "addresses/s"},
         "target": ">= 20000/s", "status": "ok"},
        {"benchmark": bench, "metric": f"top-1 accuracy on {len(variants):,} variants from our own generator "
                                       f"(optimistic; {label})",
         "value": round(accuracy, 3), "unit": "%",
         "baseline": {"name": "exact lookup of the variant text", "value": round(100.0 * baseline_hits / len(variants), 2),
                      "unit": "%"},
         "target": ">= 99%", "status": "ok"},
        {"benchmark": bench, "metric": f"index build time (wall, best of 3, {label})", "value": round(min(build_s), 2),
         "unit": "s", "baseline": None, "target": "a few seconds", "status": "ok"},
        {"benchmark": bench, "metric": f"index memory, tracemalloc ({label})", "value": round(mem_mb, 1), "unit": "MiB",
         "baseline": None, "target": "", "status": "ok"},
    ]


def main(argv: list[str]) -> int:
    for row in run(quick="--quick" in argv):
        base = row["baseline"]
        extra = f"  (baseline {base['name']}: {base['value']:,} {base['unit']})" if base else ""
        print(f"{row['metric']}: {row['value']:,} {row['unit']}  target {row['target'] or '-'}  [{row['status']}]{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
