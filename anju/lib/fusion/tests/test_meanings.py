"""A feed whose name does not say what its address means is read the way its records agree with registrations."""
import datetime as dt

from anju.lib.fusion import findings as ff
from anju.lib.fusion import meanings
from anju.lib.fusion.tests.test_findings import assess, days

DAY = dt.date(2026, 5, 1)


def person(i: int, *, face_at_home: bool) -> ff.Person:
    flat = ff.Place(f"F{i}", f"区|文一路|{i}|1幢", True, "N1")
    gate = ff.Place(f"G{i}", f"区|文一路|{i}|", False, "N1")
    site = ff.Place(f"S{i % 3}", f"区|工地路|{i % 3}|", False, "N2")
    door = ff.Account(f"d{i}", "door", "home", 0.9, flat, False, [DAY], [f"door{i}"])
    face = ff.Account(f"f{i}", "face", "workplace", 0.6, gate if face_at_home else site, False, [DAY], [f"face{i}"])
    return ff.Person(f"p{i}", True, True, [door, face], [ff.Registration(f"R{i}", True, flat, dt.date(2024, 1, 1))])


def test_face_capture_at_compound_gates_is_learnt_as_home_and_at_sites_is_not():
    at_gates = [person(i, face_at_home=i % 4 != 0) for i in range(40)]  # three in four seen at their own gate
    learnt = meanings.learn(at_gates, {"face"})
    assert learnt["face"]["home"] and learnt["face"]["agreement"] == 0.75 and learnt["face"]["home_agreement"] == 1.0
    meanings.apply(at_gates, learnt)
    assert all(a.meaning == "home" for p in at_gates for a in p.accounts)
    # and trusted as far as it agrees: three in four where the door feed agrees every time
    assert {round(a.trust, 3) for p in at_gates for a in p.accounts if a.source == "face"} == {0.45}
    at_sites = [person(i, face_at_home=i % 10 == 0) for i in range(40)]  # a few live where they work
    learnt = meanings.learn(at_sites, {"face"})
    assert not learnt["face"]["home"]
    meanings.apply(at_sites, learnt)
    assert {a.meaning for p in at_sites for a in p.accounts if a.source == "face"} == {"workplace"}


def test_a_camera_at_the_entrance_of_the_registered_village_agrees_with_the_registration():
    """Villagers seen at their village's entrance agree as the door feed does; seen at another village's, not."""
    def villager(i, *, own_village):
        home = ff.Place(f"H{i}", f"区|后街|{i}号|", True, "N1", "区|@钱陶村|")
        entrance = ff.Place("V1", "区|@钱陶村||", False, "N1", "区|@钱陶村|") if own_village else \
            ff.Place("V2", "区|@马鞍村||", False, "N1", "区|@马鞍村|")
        door = ff.Account(f"d{i}", "door", "home", 0.9, home, False, [DAY], [f"door{i}"])
        face = ff.Account(f"f{i}", "face", "workplace", 0.6, entrance, False, [DAY], [f"face{i}"])
        return ff.Person(f"p{i}", True, True, [door, face], [ff.Registration(f"R{i}", True, home, dt.date(2024, 1, 1))])

    learnt = meanings.learn([villager(i, own_village=i % 4 != 0) for i in range(40)], {"face"})
    assert learnt["face"]["agreement"] == 0.75 and learnt["face"]["home"]
    assert meanings.learn([villager(i, own_village=False) for i in range(40)], {"face"})["face"]["agreement"] == 0


def test_nothing_is_learnt_from_a_few_people_or_for_a_feed_not_asked_about():
    few = [person(i, face_at_home=True) for i in range(meanings.MIN_PEOPLE - 1)]
    assert meanings.learn(few, {"face"}) == {}
    many = [person(i, face_at_home=True) for i in range(40)]
    assert meanings.learn(many, set()) == {}


def test_a_gate_learnt_as_home_is_consistent_with_the_flat_behind_it():
    people = [person(i, face_at_home=True) for i in range(40)]
    meanings.apply(people, meanings.learn(people, {"face"}))
    ff.reconcile_places(people[0])
    assert {a.place.building for a in people[0].accounts} == {"区|文一路|0|1幢"}


def test_school_records_naming_a_households_room_are_home_records_and_the_schools_address_is_not():
    school = ff.Place("SCH", "区|学院路|1|", False, "N1")
    pupils = []
    for i in range(30):
        home = ff.Place(f"H{i}", f"区|文一路|{i}|1幢", True, "N1")
        at = home if i < 10 else school  # ten enrolments give the family's flat, the rest the school
        pupils.append(ff.Person(f"c{i}", True, True, [ff.Account(f"s{i}", "school", "school", 0.8, at, False,
                                                                 days(5, 40), [f"sch{i}", f"sch{i}b"])]))
    # five pupils whose enrolments all name one room-level address: a school's office, not a home
    office = ff.Place("OFF", "区|学院路|2|1幢", True, "N1")
    pupils += [ff.Person(f"o{i}", True, True, [ff.Account(f"o{i}", "school", "school", 0.8, office, False, [DAY],
                                                          [f"off{i}"])]) for i in range(5)]
    assert meanings.school_homes(pupils) == 10
    assert [p.accounts[0].meaning for p in pupils[:11]] == ["home"] * 10 + ["school"]
    assert [p.accounts[0].stated for p in pupils[:11]] == [True] * 10 + [False]  # the family's address, on a form
    assert {p.accounts[0].meaning for p in pupils[30:]} == {"school"}
    (finding,) = assess(pupils[0])
    assert finding.kind == ff.UNREGISTERED and finding.place.code == "H0"


def test_before_linking_the_meaning_is_learnt_from_id_numbers_found_among_registrations():
    registered = {f"ID{i}": {f"H{i % 40}"} for i in range(100)}
    gates = [(f"ID{i}", "face", f"H{i % 40}" if i % 3 else "H99", "workplace") for i in range(100)]   # 2 in 3 at home
    sites = [(f"ID{i}", "camera", "SITE", "workplace") for i in range(100)]                          # never at home
    doors = [(f"ID{i}", "door", f"H{i % 40}", "home") for i in range(100)]
    strangers = [(f"X{i}", "face", "H1", "workplace") for i in range(100)]  # no registration: not counted
    found = meanings.agreements_by_id(registered, gates + sites + doors + strangers)
    assert found[0]["face"].people == 100 and found[1].share == 1.0
    learnt = meanings.decide(found, {"face", "camera"})
    assert learnt["face"]["home"] is True and learnt["camera"]["home"] is False
