"""The generated city: valid identities, a coherent tree, truth consistent with the files, no leaks."""
import csv
import datetime
import hashlib
import re
from collections import Counter, defaultdict

from anju.lib.identity import convert_15_to_18, is_valid_id_number
from anju.simulation.city import generate
from anju.simulation.output import (
    ADDRESS_COLUMNS, OBSERVATION_COLUMNS, POPULATION_COLUMNS, REGISTRATION_COLUMNS, WATCHLIST_COLUMNS, write_city,
)
from anju.simulation.params import DEFAULT_AS_OF

INTERCHANGE = ("addresses.csv", "population.csv", "registrations.csv", "observations.csv", "watchlist.csv",
               "jurisdictions.csv")


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(next(csv.reader(fh)))


def digest(directory):
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_files_have_exactly_the_interchange_columns(city_dir):
    assert header(city_dir / "addresses.csv") == ADDRESS_COLUMNS
    assert header(city_dir / "population.csv") == POPULATION_COLUMNS
    assert header(city_dir / "registrations.csv") == REGISTRATION_COLUMNS
    assert header(city_dir / "observations.csv") == OBSERVATION_COLUMNS
    assert header(city_dir / "watchlist.csv") == WATCHLIST_COLUMNS
    assert header(city_dir / "jurisdictions.csv") == ("code", "name", "level", "parent_code")


def test_every_registry_id_number_validates(city_dir):
    population = rows(city_dir / "population.csv")
    assert len(population) > 2000
    assert all(is_valid_id_number(r["id_number"], today=DEFAULT_AS_OF) for r in population)
    assert len({r["id_number"] for r in population}) == len(population)
    provinces = Counter(r["id_number"][:2] for r in population)
    assert len(provinces) >= 15  # migrants from many provinces, real region codes


def test_id_numbers_carry_the_persons_sex_and_birth_date(city_dir):
    for r in rows(city_dir / "truth" / "persons.csv"):
        number = r["id_number"]
        assert is_valid_id_number(number, today=DEFAULT_AS_OF), number
        if number[:2] not in ("81", "82", "83"):
            assert number[6:14] == r["birth_date"].replace("-", "")
        assert int(number[16]) % 2 == (1 if r["sex"] == "1" else 0)


def test_noisy_records_keep_valid_numbers_unless_the_noise_broke_them(city_dir):
    truth = {r["record_id"]: r for r in rows(city_dir / "truth" / "observation_persons.csv")}
    persons = {r["person_key"]: r for r in rows(city_dir / "truth" / "persons.csv")}
    legacy = digit = 0
    for obs in rows(city_dir / "observations.csv"):
        t = truth[obs["record_id"]]
        number = obs["id_number"]
        tags = t["noise"]
        if not number or "id_" in tags or "reg_id_number" in tags:
            if "id_legacy15" in tags:
                legacy += 1
                if "id_digit" not in tags and "id_transpose" not in tags:
                    assert convert_15_to_18(number) == persons[t["person_key"]]["id_number"]
            if "id_digit" in tags:
                digit += 1
                assert not is_valid_id_number(number, today=DEFAULT_AS_OF)
            continue
        assert number == persons[t["person_key"]]["id_number"], (obs, t)
    assert legacy and digit


def test_truth_is_consistent_with_the_files(city_dir):
    persons = {r["person_key"]: r for r in rows(city_dir / "truth" / "persons.csv")}
    addresses = {r["address_code"] for r in rows(city_dir / "addresses.csv")}
    observations = rows(city_dir / "observations.csv")
    truth_obs = rows(city_dir / "truth" / "observation_persons.csv")
    assert [o["record_id"] for o in observations] == [t["record_id"] for t in truth_obs]
    assert len({o["record_id"] for o in observations}) == len(observations)
    assert all(t["person_key"] in persons for t in truth_obs)
    assert all(not t["address_code"] or t["address_code"] in addresses for t in truth_obs)
    regs = {r["registration_id"]: r for r in rows(city_dir / "registrations.csv")}
    truth_regs = rows(city_dir / "truth" / "registrations.csv")
    assert set(regs) == {r["registration_id"] for r in truth_regs}
    for t in truth_regs:
        r = regs[t["registration_id"]]
        assert r["status"] == t["status"]
        assert r["address_code"] in ("", t["address_code"])
        p = persons[t["person_key"]]
        if t["state"] == "correct":
            assert p["home_address_code"] == t["address_code"] and r["status"] == "active"
        if not t["typo"]:
            assert r["id_number"] == p["id_number"]


def test_every_stale_registration_belongs_to_someone_who_left_that_address(city_dir):
    persons = {r["person_key"]: r for r in rows(city_dir / "truth" / "persons.csv")}
    regs = {r["registration_id"]: r for r in rows(city_dir / "truth" / "registrations.csv")}
    stale = rows(city_dir / "truth" / "stale.csv")
    assert stale
    for s in stale:
        reg, p = regs[s["registration_id"]], persons[s["person_key"]]
        assert reg["status"] == "active" and reg["person_key"] == s["person_key"]
        assert p["home_address_code"] != reg["address_code"]
        assert (s["reason"] == "left") == (p["lives_here"] == "0")
        assert s["revealable"] == ("1" if s["evidence"] in ("seen_elsewhere", "traces_stopped") else "0")
    # and every active registration of someone not living there is in stale.csv
    listed = {s["registration_id"] for s in stale}
    for rid, reg in regs.items():
        if reg["status"] == "active" and persons[reg["person_key"]]["home_address_code"] != reg["address_code"]:
            assert rid in listed


def test_silences_list_every_active_registration_of_someone_quiet_for_two_months(city_dir):
    persons = {r["person_key"]: r for r in rows(city_dir / "truth" / "persons.csv")}
    regs = {r["registration_id"]: r for r in rows(city_dir / "truth" / "registrations.csv")}
    stale = {r["registration_id"]: r["evidence"] for r in rows(city_dir / "truth" / "stale.csv")}
    silences = rows(city_dir / "truth" / "silences.csv")
    assert {s["evidence"] for s in silences} >= {"", "traces_stopped"}
    for s in silences:
        reg = regs[s["registration_id"]]
        assert reg["status"] == "active" and reg["person_key"] == s["person_key"]
        assert int(persons[s["person_key"]]["observations"]) > 0 and int(s["silent_days"]) >= 60
        assert s["evidence"] == stale.get(s["registration_id"], "")
    listed = {s["registration_id"] for s in silences}
    assert all(rid in listed for rid, evidence in stale.items() if evidence == "traces_stopped")


def test_a_stayers_record_rate_says_how_likely_two_silent_months_are():
    city = generate(residents=3000, seed=5)
    end = city.params.window_days - 1
    silent = defaultdict(lambda: [0, 0])  # expected records in 60 days -> [stayers, of them silent for 60 days]
    for m in city.persons:
        if m.home is not None and m.homes and m.homes[0][1] == 0 and m.n_obs:  # here the whole window
            expected = m.rate * 60 + sum(1 for d in m.terms if d > end - 60)  # a pupil is seen every term day
            band = silent[min(int(expected), 4)]
            band[0] += 1
            band[1] += end - m.last_day >= 60
    assert silent[0][0] > 50 and silent[4][0] > 50
    assert silent[0][1] / silent[0][0] > 0.4  # under one record expected: silence is common
    assert silent[4][1] / silent[4][0] < 0.03  # four or more: a stayer is rarely silent (e^-4 ≈ 0.02)


def test_targets_are_exactly_the_residents_without_a_registration_at_home(city_dir):
    persons = rows(city_dir / "truth" / "persons.csv")
    active = defaultdict(set)
    for r in rows(city_dir / "truth" / "registrations.csv"):
        if r["status"] == "active":
            active[r["person_key"]].add(r["address_code"])
    expected = {p["person_key"]: ("moved" if active[p["person_key"]] else "unregistered")
                for p in persons if p["lives_here"] == "1" and p["home_address_code"] not in active[p["person_key"]]}
    targets = {t["person_key"]: t for t in rows(city_dir / "truth" / "targets.csv")}
    assert {k: t["kind"] for k, t in targets.items()} == expected
    home_seen = Counter()
    by_person = {p["person_key"]: p for p in persons}
    for t in rows(city_dir / "truth" / "observation_persons.csv"):
        if t["meaning"] == "home" and t["address_code"] == by_person[t["person_key"]]["home_address_code"]:
            home_seen[t["person_key"]] += 1
    for key, t in targets.items():
        assert t["revealable"] == ("1" if home_seen[key] else "0")
    assert {"moved", "unregistered"} <= {t["kind"] for t in targets.values()}


def test_nothing_of_the_truth_leaks_into_the_interchange_files(city_dir):
    truth_key = re.compile(r"\b[PH]\d{6,7}\b|\bB\d{6}\b")  # person, household and building keys
    for name in INTERCHANGE:
        text = (city_dir / name).read_text(encoding="utf-8")
        assert not truth_key.search(text), name
    observations = rows(city_dir / "observations.csv")
    # record ids are opaque: not ordered by person, nothing but a source prefix and digits
    assert all(re.fullmatch(r"[A-Z]{2}\d{15}", o["record_id"]) for o in observations)
    truth = rows(city_dir / "truth" / "observation_persons.csv")
    same_person_neighbours = sum(a["person_key"] == b["person_key"] for a, b in zip(truth, truth[1:]))
    assert same_person_neighbours < 0.2 * len(truth)


def test_jurisdiction_tree_has_the_demo_shape_and_addresses_name_its_nodes(city_dir):
    tree = {r["code"]: r for r in rows(city_dir / "jurisdictions.csv")}
    levels = Counter(r["level"] for r in tree.values())
    assert levels["province"] == levels["city"] == levels["district"] == 1
    assert levels["station"] >= 2 and levels["community"] >= 2 * levels["station"]
    assert levels["grid"] >= 2 * levels["community"]
    order = ["province", "city", "district", "station", "community", "grid"]
    for r in tree.values():
        if r["parent_code"]:
            assert order.index(tree[r["parent_code"]]["level"]) == order.index(r["level"]) - 1
    assert tree["330106510100"]["name"] == "文新派出所"  # the demo tree's codes where they overlap
    by_name = {r["name"]: r for r in tree.values()}
    for a in rows(city_dir / "addresses.csv"):
        grid = by_name[a["grid"]]
        community = tree[grid["parent_code"]]
        assert community["name"] == a["community"]
        assert tree[community["parent_code"]]["name"] == a["police_station"]
        assert a["full_address"].startswith("浙江省杭州市西湖区" + a["street"] + a["road"] + a["house_number"])


def test_the_population_looks_like_a_chinese_district(city_dir):
    persons = rows(city_dir / "truth" / "persons.csv")
    statuses = Counter(p["status"] for p in persons)
    for status in ("resident", "arrival", "mover", "leaver", "visitor", "commuter", "landlord", "registry_only"):
        assert statuses[status], status
    residents = [p for p in persons if p["lives_here"] == "1"]
    assert len(residents) == 2000
    names = Counter(p["name"] for p in residents)
    assert names.most_common(1)[0][1] >= 3  # many 张伟, 王芳
    children = [p for p in residents if int(p["birth_date"][:4]) >= 2011]
    households = defaultdict(list)
    for p in residents:
        households[p["household"]].append(p)
    with_kids = [h for h in households.values() if any(int(p["birth_date"][:4]) >= 2011 for p in h)
                 and any(int(p["birth_date"][:4]) <= 1995 for p in h)]
    assert children and with_kids
    by_home = defaultdict(set)
    for p in residents:
        by_home[p["home_address_code"]].add(p["household"])
    assert any(len(h) == 1 and len(households[next(iter(h))]) >= 4 for h in by_home.values())  # group rentals
    assert Counter(p["ethnicity"] for p in persons)["01"] < len(persons)


def test_sources_carry_their_noise_and_traps(city_dir):
    tags = Counter()
    for t in rows(city_dir / "truth" / "observation_persons.csv"):
        tags.update(t["noise"].replace("addr:", "").split("+"))
    for tag in ("id_missing", "id_digit", "id_transpose", "id_legacy15", "name_homophone", "name_pinyin",
                "name_traditional", "name_dropped", "phone_wrong", "no_province", "zh_numerals", "building_word",
                "dash", "typo", "no_room", "outside"):
        assert tags[tag], tag
    observations = rows(city_dir / "observations.csv")
    sources = Counter(o["source"] for o in observations)
    assert set(sources) == {"door", "lock", "face", "employment", "hotel", "school", "utility"}
    persons = {r["person_key"]: r for r in rows(city_dir / "truth" / "persons.csv")}
    truth = {t["record_id"]: t for t in rows(city_dir / "truth" / "observation_persons.csv")}
    hotel_guests = [persons[truth[o["record_id"]]["person_key"]] for o in observations if o["source"] == "hotel"]
    assert sum(p["lives_here"] == "0" for p in hotel_guests) > 0.5 * len(hotel_guests)
    utility_holders = [persons[truth[o["record_id"]]["person_key"]] for o in observations if o["source"] == "utility"]
    assert sum(p["is_landlord"] == "1" for p in utility_holders) > 0.3 * len(utility_holders)


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        write_city(generate(residents=300, seed=seed), tmp_path / name)
    a, b, c = digest(tmp_path / "a"), digest(tmp_path / "b"), digest(tmp_path / "c")
    assert a == b
    assert len(a) == 16
    assert a["observations.csv"] != c["observations.csv"] and a["population.csv"] != c["population.csv"]


def test_as_of_moves_the_window(tmp_path):
    as_of = datetime.date(2025, 3, 31)
    write_city(generate(residents=200, seed=2, as_of=as_of), tmp_path)
    times = [o["observed_at"] for o in rows(tmp_path / "observations.csv")]
    assert max(times) < "2025-04-01" and min(times) >= "2024-04-01"


def test_output_does_not_depend_on_the_process_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    script = ("import sys; from anju.simulation.city import generate; from anju.simulation.output import write_city; "
              "write_city(generate(residents=300, seed=9), sys.argv[1])")
    for name, hashseed in (("a", "1"), ("b", "2")):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": hashseed})
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_parallel_and_sequential_writing_give_the_same_files(tmp_path, monkeypatch):
    write_city(generate(residents=300, seed=8), tmp_path / "forked")
    monkeypatch.setenv("ANJU_SIMULATE_NO_FORK", "1")
    write_city(generate(residents=300, seed=8), tmp_path / "sequential")
    assert digest(tmp_path / "forked") == digest(tmp_path / "sequential")
