"""Scoring rules on hand-made people: what counts as living somewhere, and what does not."""
import datetime as dt
import functools
from dataclasses import replace

from anju.lib.fusion import findings as ff
from anju.lib.fusion import places
from anju.lib.fusion.counts import CountModel

AS_OF = dt.date(2026, 9, 30)
START = dt.date(2025, 10, 1)
ROOM = ff.Place("C101", "B1", True, "N1")
OTHER_ROOM = ff.Place("C901", "B9", True, "N1")
PRIORS = {"registered": 0.05, "suspect": 0.2}


def days(*offsets):
    """Days counted back from AS_OF."""
    return [AS_OF - dt.timedelta(days=o) for o in offsets]


def account(source="door", meaning="home", place=ROOM, when=(3, 40, 90, 150, 200), trust=0.9, outside=False):
    ds = days(*when)
    return ff.Account(f"{source}-{place.code if place else 'x'}", source, meaning, trust, place, outside, ds,
                      [f"{source}{i}" for i in range(len(ds))])


@functools.cache
def city() -> CountModel:
    """The count model learnt, as the pipeline learns it, from a small city's feeds: door swipes weekly, smart locks
    and payroll monthly, for 200 people who stay the whole window, 30 who left partway and 20 who arrived."""
    window = (AS_OF - START).days + 1

    def every(step, phase, first=0, last=window):
        return [START + dt.timedelta(days=d) for d in range(first + phase % step, last, step)]

    people = [{"door": every(7, i), "lock": every(30, i), "employment": every(30, i + 11)} for i in range(200)]
    people += [{"door": every(7, i, last=60 + 9 * i), "employment": every(30, i, last=60 + 9 * i)} for i in range(30)]
    people += [{"door": every(7, i, first=100 + 10 * i), "lock": every(30, i, first=100 + 10 * i)} for i in range(20)]
    return CountModel.fit(people, as_of=AS_OF, window_start=START)


def assess(person, **kw):
    return ff.assess(person, as_of=AS_OF, counts=city(), **{"prior_left": PRIORS, **kw})


def test_seen_at_home_without_registration_is_unregistered():
    person = ff.Person("p", known=True, valid_id=True, accounts=[account()])
    (finding,) = assess(person)
    assert finding.kind == ff.UNREGISTERED and finding.place == ROOM and finding.score >= 80
    assert {r[0] for r in finding.rules} >= {"home_records", "over_time", "recent", "known_identity", "room_known"}
    assert finding.record_ids == sorted(f"door{i}" for i in range(5))


def test_a_single_recent_home_record_is_still_a_finding_but_weaker():
    person = ff.Person("p", known=True, valid_id=True, accounts=[account(when=(5,))])
    (finding,) = assess(person)
    many = assess(ff.Person("q", known=True, valid_id=True, accounts=[account()]))[0]
    assert 50 <= finding.score < many.score


def test_an_old_home_record_counts_while_other_feeds_still_see_the_person():
    home = account(when=(200,))
    work = account(source="employment", meaning="workplace", place=OTHER_ROOM, when=(10, 100, 190))
    around = assess(ff.Person("p", True, True, [home, work]))
    assert [f.kind for f in around] == [ff.UNREGISTERED]
    assert "still_around" in {r[0] for r in around[0].rules} and around[0].score >= 50
    gone_quiet = assess(ff.Person("p", True, True, [home, account(source="employment", meaning="workplace",
                                                                    place=OTHER_ROOM, when=(100, 190))]))
    assert not gone_quiet or "not_recent" in {r[0] for r in gone_quiet[0].rules} and gone_quiet[0].score < 50


def test_workplace_hotel_and_property_records_are_not_a_home():
    for meaning, source in (("workplace", "face"), ("stay", "hotel"), ("property", "utility")):
        person = ff.Person("p", known=True, valid_id=True, accounts=[account(source=source, meaning=meaning)])
        assert assess(person) == []


def test_registered_in_the_building_is_no_finding():
    person = ff.Person("p", True, True, [account()], [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    assert assess(person) == []


def test_registered_elsewhere_is_moved_and_the_old_registration_is_stale():
    person = ff.Person("p", True, True, [account()], [ff.Registration("JZ1", True, OTHER_ROOM, dt.date(2020, 1, 1))])
    kinds = {f.kind: f for f in assess(person)}
    assert kinds[ff.MOVED].place == ROOM
    stale = kinds[ff.STALE]
    assert stale.registration == "JZ1" and stale.rules[0][0] == "seen_elsewhere"


def test_a_registration_found_stale_on_the_home_records_backs_the_move_they_show():
    # one door record here 53 days ago: alone, a weak suspect; the registration elsewhere is found stale on that
    # very record, and the two findings are one move seen from both ends
    person = ff.Person("p", True, True, [account(when=(53,))],
                       [ff.Registration("JZ1", True, OTHER_ROOM, dt.date(2020, 1, 1))])
    kinds = {f.kind: f for f in assess(person, prior_left={"registered": 0.0, "suspect": 0.0})}
    assert kinds[ff.STALE].rules[0][0] == "seen_elsewhere"
    moved = kinds[ff.MOVED]
    assert dict((r[0], r[1]) for r in moved.rules)["registration_elsewhere_stale"] == 10 and moved.score >= 50
    # without a registration elsewhere found stale, the same record is below the bar
    alone = ff.Person("q", True, True, [account(when=(53,), place=ff.Place("C103", "B3", False, "N1"))])
    assert not assess(alone, prior_left={"registered": 0.0, "suspect": 0.0})


NEXT_DOOR = ff.Place("C102", "B1", True, "N1")  # another room of ROOM's building


def test_a_move_to_another_room_of_the_building_is_moved_and_the_old_room_stale():
    old = account(when=(150, 200, 250))
    new = account(place=NEXT_DOOR, when=(3, 20, 40, 90))
    person = ff.Person("p", True, True, [old, new], [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    kinds = {f.kind: f for f in assess(person)}
    assert kinds[ff.MOVED].place == NEXT_DOOR and "moved_within_building" in {r[0] for r in kinds[ff.MOVED].rules}
    stale = kinds[ff.STALE]
    assert stale.registration == "JZ1" and stale.rules[0][0] == "seen_elsewhere"
    assert "another room of the same building" in stale.rules[0][2]


def test_home_records_at_the_registered_address_then_only_elsewhere_are_a_move_out():
    def stale(accounts, starts_on=dt.date(2020, 1, 1)):
        person = ff.Person("p", True, True, accounts, [ff.Registration("JZ1", True, ROOM, starts_on)])
        (finding,) = [f for f in assess(person, config={"stale_min_score": 1}) if f.kind == ff.STALE]
        return {r[0]: r for r in finding.rules}

    # at home here until 120 days ago, then one camera elsewhere 90 and 40 days ago: the move is seen from its start
    moved = stale([account(when=(120, 200, 250)), account(source="face", place=OTHER_ROOM, when=(40, 90), trust=0.45)])
    until = (AS_OF - dt.timedelta(days=120)).isoformat()
    assert moved["left_registered_address"][1] == 10 and moved["left_registered_address"][3] == {"until": until}
    # the same, with a record elsewhere while they were still recorded here: visits, no move out
    visits = stale([account(when=(120, 200, 250)), account(source="face", place=OTHER_ROOM, when=(40, 90, 220),
                                                           trust=0.45)])
    assert "left_registered_address" not in visits and "seen_elsewhere" in visits
    # records elsewhere before the registration began are where they lived before: still a move out
    before = stale([account(when=(120, 200)), account(source="face", place=OTHER_ROOM, when=(40, 90, 300),
                                                      trust=0.45)], starts_on=AS_OF - dt.timedelta(days=250))
    assert before["left_registered_address"][1] == 10
    # never recorded at the registered address: that rule, not this one
    never = stale([account(source="face", place=OTHER_ROOM, when=(40, 90), trust=0.45)])
    assert "never_at_registered_address" in never and "left_registered_address" not in never


def test_records_in_two_rooms_of_the_building_side_by_side_or_an_unknown_room_are_no_move():
    side_by_side = [account(when=(5, 100, 250)), account(place=NEXT_DOOR, when=(3, 20, 40, 90))]
    building_only = ff.Place("C100", "B1", False, "N1")
    for accounts, reg in ((side_by_side, ROOM), ([account(place=NEXT_DOOR)], building_only),
                          ([account(place=building_only)], ROOM)):
        person = ff.Person("p", True, True, accounts, [ff.Registration("JZ1", True, reg, dt.date(2020, 1, 1))])
        assert assess(person) == []


def test_home_records_elsewhere_count_against_a_suspect_only_when_side_by_side_with_these():
    rules = lambda person: {r[0] for r in assess(person)[0].rules}  # noqa: E731
    moved_on = ff.Person("p", True, True, [account(place=OTHER_ROOM, when=(40, 60, 80)), account(when=(3, 20))])
    assert "home_records_elsewhere" not in rules(moved_on)
    both = ff.Person("p", True, True, [account(place=OTHER_ROOM, when=(5, 60, 80)), account(when=(3, 20))])
    assert "home_records_elsewhere" in rules(both)


def test_a_move_declared_after_the_home_records_is_no_finding():
    person = ff.Person("p", True, True, [account(when=(100, 150))],
                       [ff.Registration("JZ2", True, OTHER_ROOM, AS_OF - dt.timedelta(days=20))])
    assert [f.kind for f in assess(person)] == []


def test_a_registration_cancelled_in_this_building_on_an_unknown_day_is_no_finding():
    assert assess(ff.Person("p", True, True, [account()], [ff.Registration("JZ1", False, ROOM, dt.date(2020, 1, 1))])) == []


def test_home_records_long_after_the_registration_here_ended_are_a_finding_again():
    ended = AS_OF - dt.timedelta(days=120)
    before = ff.Registration("JZ1", False, ROOM, dt.date(2020, 1, 1), ends_on=AS_OF - dt.timedelta(days=10))
    assert assess(ff.Person("p", True, True, [account()], [before])) == []
    back = ff.Registration("JZ1", False, ROOM, dt.date(2020, 1, 1), ends_on=ended)
    (finding,) = assess(ff.Person("p", True, True, [account()], [back]))
    assert finding.kind == ff.UNREGISTERED and "back_after_deregistration" in {r[0] for r in finding.rules}


def test_a_quiet_registered_person_is_never_stale():
    person = ff.Person("p", True, True, [], [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    assert assess(person) == []


def test_traces_that_stopped_make_a_registration_stale():
    # seen every week for the first half of the window, then nothing for half a year
    person = ff.Person("p", True, True, [account(when=range(190, 365, 7))],
                       [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    (finding,) = assess(person)
    assert finding.kind == ff.STALE and finding.rules[0][0] == "traces_stopped" and finding.score >= 90
    assert finding.last_seen == AS_OF - dt.timedelta(days=190)


def test_a_seldom_seen_person_silent_for_two_months_is_not_stale():
    person = ff.Person("p", True, True, [account(when=(70, 250, 330))],
                       [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    assert assess(person) == []


def test_home_outside_the_area_is_evidence_of_living_elsewhere():
    outside = account(place=None, outside=True, when=(5, 30, 60))
    person = ff.Person("p", True, True, [account(when=(200, 250)), outside],
                       [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    (finding,) = assess(person)
    assert finding.kind == ff.STALE and "outside the area" in finding.rules[0][2]


def test_the_share_of_leavers_is_learnt_from_everyones_odds():
    prior = ff.leaving_prior([0.1] * 90 + [1000.0] * 10)
    assert 0.05 < prior < 0.2
    assert ff.leaving_prior([]) == 0.0


def test_a_household_silent_together_is_told_to_the_officer_but_adds_no_points():
    reg = ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))
    alone = ff.Person("p", True, True, [account(when=range(160, 365, 20))], [reg])
    partner = ff.Person("q", True, True, [account(source="lock", when=range(170, 365, 30))],
                        [ff.Registration("JZ2", True, ROOM, dt.date(2020, 1, 1))])
    (before,) = assess(alone)
    ff.with_households([alone, partner])
    (after,) = assess(alone)
    assert alone.registrations[0].household_days
    assert after.score == before.score
    assert "nobody else registered at this address" in after.rules[-1][2]
    seen_later = ff.Person("r", True, True, [account(source="lock", when=range(100, 365, 30))],
                           [ff.Registration("JZ3", True, ROOM, dt.date(2020, 1, 1))])
    ff.with_households([alone, seen_later])
    (third,) = assess(alone)
    assert "nobody else" not in third.rules[-1][2]


def test_each_feeds_recording_rate_is_learnt_from_everyone_and_property_is_left_out():
    weekly = [ff.Person(f"p{i}", True, True, [account(when=range(i % 7, 365, 7)),
                                              account(source="utility", meaning="property", when=(10, 200))])
              for i in range(30)]
    rates = ff.fit_rates(weekly, as_of=AS_OF, window_start=START)
    assert set(rates) == {"door"}  # utility is an account holder's property: not a trace of being here
    shape, rate = rates["door"]
    assert 45 < shape / rate * 365 < 60  # about 52 records a year
    assert ff.fit_rates(weekly[:5], as_of=AS_OF, window_start=START) == {}  # too few people to learn from


def test_property_records_that_stopped_are_not_evidence_of_leaving():
    person = ff.Person("p", True, True, [account(source="utility", meaning="property", when=range(200, 365, 5))],
                       [ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))])
    assert assess(person) == []


def test_residence_says_who_lives_where_and_which_registrations_have_recent_evidence():
    here = ff.Registration("JZ1", True, ROOM, dt.date(2020, 1, 1))
    person = ff.Person("p", True, True, [account(when=(3, 40))], [here])
    assert ff.residence(person, as_of=AS_OF) == (ROOM, True, [("JZ1", True)])
    moved = ff.Person("q", True, True, [account(place=OTHER_ROOM, when=(3, 40))], [here])
    assert ff.residence(moved, as_of=AS_OF) == (OTHER_ROOM, False, [("JZ1", False)])
    quiet = ff.Person("r", True, True, [], [here])
    assert ff.residence(quiet, as_of=AS_OF) == (None, False, [("JZ1", False)])


def test_a_newcomer_in_the_registered_room_is_learnt_and_counts_as_evidence_of_leaving():
    def registered(name, when, newcomer_after=None):
        reg = ff.Registration(f"JZ{name}", True, ROOM if newcomer_after is None else OTHER_ROOM, dt.date(2020, 1, 1))
        people = [ff.Person(name, True, True, [account(place=reg.place, when=when)], [reg])]
        if newcomer_after is not None:  # someone else starts living in the room after the last trace
            people.append(ff.Person(name + "-new", True, True, [account(place=OTHER_ROOM, when=range(5, newcomer_after, 10))]))
        return people

    # leavers (traces stopped long ago) mostly have a newcomer; stayers seen lately have none
    persons = []
    for i in range(20):
        persons += registered(f"l{i}", range(200 + i, 365, 9), newcomer_after=190 if i % 4 else None)
        persons += registered(f"s{i}", range(65 + i, 365, 30))
    ff.with_households(persons)
    left = [p for p in persons if p.key == "l1"][0]
    assert left.registrations[0].newcomer_on is not None and left.registrations[0].covered
    odds = {p.key: city().odds(ff.streams(p)) for p in persons}
    ratios = ff.newcomer_ratios(persons, as_of=AS_OF, prior=0.3, odds=odds)
    assert ratios[0] > 1 > ratios[1]
    # a share of leavers that leaves this silence alone at P(left) 0.4, below the bar: the newcomer lifts it over
    faint = 0.4 / (0.6 * odds[left.key] + 0.4)
    assert assess(left, prior_left={"registered": faint, "suspect": 0.2}) == []
    (with_newcomer,) = assess(left, prior_left={"registered": faint, "suspect": 0.2}, newcomer=ratios)
    assert with_newcomer.score >= 50 and "someone else was first seen" in with_newcomer.rules[-1][2]


def test_the_data_window_leaves_out_records_from_wrong_clocks():
    counts = {dt.date(2025, 10, 1) + dt.timedelta(days=i): 100 for i in range(365)}
    counts[dt.date(1970, 1, 1)] = 3      # a reset device clock
    counts[dt.date(2037, 5, 2)] = 2      # one set years ahead
    assert ff.data_window(counts, gap_days=60) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    # a quiet fortnight (the Spring Festival) is not a break
    quiet = {d: n for d, n in counts.items() if not dt.date(2026, 2, 10) <= d < dt.date(2026, 2, 24)}
    assert ff.data_window(quiet, gap_days=60) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert ff.data_window({}, gap_days=60) == (None, None)


def test_a_home_record_is_recent_within_the_feeds_own_rhythm():
    # a feed that records a resident twice a year (fit_rates) has said nothing new for 120 days without anyone
    # leaving: half of those who stay go 127 days without one, so that is as recent as the feed can say; 150 days
    # is within its usual gap (182 days). For a feed that records them weekly, 120 days of silence is "not recent"
    def rules(first, per_year):
        person = ff.Person("p", known=True, valid_id=True, accounts=[account(when=(first, 300))])
        (f,) = assess(person, prior_left={"registered": 0.0, "suspect": 0.0},
                      rates={"door": (50.0, 50.0 / (per_year / 365))}) or (None,)
        return {r[0]: r[1] for r in f.rules} if f else {}

    assert rules(120, 2)["recent"] == 10
    assert rules(150, 2)["recent"] == 5
    often = rules(120, 50)
    assert often.get("not_recent", -10) == -10 and "recent" not in often


def test_one_school_enrolment_naming_the_home_is_a_finding_as_fresh_as_the_feed_can_be():
    # pupils are recorded about twice a year; one record naming the home 62 days ago is all such a feed can show
    school = account(source="school", when=(62,), trust=0.8)
    person = ff.Person("p", known=True, valid_id=True, accounts=[school])
    rates = {"school": (50.0, 50.0 / (1.7 / 365))}
    (finding,) = assess(person, prior_left={"registered": 0.0, "suspect": 0.0}, rates=rates)
    assert dict((r[0], r[1]) for r in finding.rules)["recent"] == 10 and finding.score >= 50


def test_a_form_stating_the_home_counts_as_a_stay_where_one_sighting_counts_as_a_day():
    # one record 100 days ago, the person still seen at work: a rental filing (a form for a stay) is a finding, one
    # door swipe (perhaps a visit) is not
    work = account(source="employment", meaning="workplace", place=OTHER_ROOM, when=(10, 50))

    def found(stated):
        home = replace(account(source="rental", when=(100,), trust=0.8), stated=stated)
        return assess(ff.Person("p", True, True, [home, work]))

    (filing,) = found(stated=True)
    assert filing.kind == ff.UNREGISTERED and filing.score >= 50
    rule = next(r for r in filing.rules if r[0] == "home_records")
    assert rule[1] == round(60 * 0.8) and rule[3]["stated"] is True
    assert found(stated=False) == []


def test_a_form_stating_a_home_elsewhere_counts_as_a_stay_there():
    registered = ff.Registration("JZ1", True, ROOM, AS_OF - dt.timedelta(days=400))

    def seen_elsewhere(stated):
        form = replace(account(source="school", place=OTHER_ROOM, when=(20,), trust=0.8), stated=stated)
        person = ff.Person("p", True, True, [account(when=(100, 200)), form], [registered])
        (stale,) = [f for f in assess(person) if f.kind == ff.STALE]
        return dict((r[0], r[1]) for r in stale.rules)["seen_elsewhere"]

    assert seen_elsewhere(stated=False) == round(40 * 0.8)
    assert seen_elsewhere(stated=True) == round(60 * 0.8)


def test_a_registration_declared_after_the_last_record_is_read_from_the_declaration_on():
    from anju.lib.fusion.counts import CountModel

    # feeds that record everyone who stays twelve times a year, evenly; some left after four months
    window = (AS_OF - START).days + 1
    monthly = [[START + dt.timedelta(days=d) for d in range(i % 30, window, 30)] for i in range(200)]
    monthly += [[START + dt.timedelta(days=d) for d in range(i % 30, 120, 30)] for i in range(30)]
    people = [{"door": ds, "employment": ds} for ds in monthly]
    counts = CountModel.fit(people, as_of=AS_OF, window_start=START)
    old_home = account(place=OTHER_ROOM, when=(300, 270, 240))  # seen at their old home, then nothing
    declared = ff.Registration("JZ1", True, ROOM, AS_OF - dt.timedelta(days=200))  # registered here since

    def stale(accounts):
        person = ff.Person("p", True, True, accounts, [declared])
        odds = counts.odds(ff.streams(person))
        return [f for f in ff.assess(person, as_of=AS_OF, counts=counts, prior_left=PRIORS, odds=odds)
                if f.kind == ff.STALE]

    # the old home's door records stopped with the move: nothing says they left the new one
    assert stale([old_home]) == []
    # a feed that would still see them wherever they live fell silent long before the declaration's day and stayed so
    work = account(source="employment", meaning="workplace", place=OTHER_ROOM, when=(330, 300, 270, 240))
    (finding,) = stale([old_home, work])
    assert finding.score >= 50 and "after the last record" in finding.rules[0][2]


def test_a_gate_sighting_is_placed_at_the_one_building_inside_that_the_persons_other_records_name():
    """Seen at home only at a compound's gate, unregistered: a utility account or the home address on a school record
    in one building of that compound says which building; records naming two buildings, a workplace inside the
    compound, or a building of another house say nothing."""
    gate = ff.Place("C28", "区|群贤路|28|", False, "N1")
    flat = ff.Place("B2-301", "区|群贤路|28|2幢", True, "N1")
    other_flat = ff.Place("B5-101", "区|群贤路|28|5幢", True, "N1")
    for meaning, source in (("property", "utility"), ("school", "school"), ("home", "lock")):
        person = ff.Person("p", True, True, [account("face", place=gate), account(source, meaning, flat, when=(30,))])
        ff.reconcile_places(person)
        assert person.accounts[0].place == ff.Place(flat.code, flat.building, False, "N1"), meaning
        [finding] = [f for f in assess(person) if f.kind == ff.UNREGISTERED]
        assert finding.place.building == flat.building
    for others in ([account("utility", "property", flat, when=(30,)), account("school", "school", other_flat,
                                                                                when=(30,))],
                   [account("employment", "workplace", flat, when=(30,))],
                   [account("utility", "property", ff.Place("X", "区|群贤路|30|2幢", True, "N1"), when=(30,))]):
        person = ff.Person("q", True, True, [account("face", place=gate), *others])
        ff.reconcile_places(person)
        assert person.accounts[0].place == gate


def test_a_place_known_only_to_its_house_does_not_contradict_a_room_inside_it():
    """A sighting at a compound's gate, or at a factory whose dormitories share its road and number, is consistent
    with a registration in a building behind it: no "moved", no stale."""
    dorm = ff.Place("D301", "区|工业路|88|宿舍3幢", True, "N1")
    factory = ff.Place("F88", "区|工业路|88|", False, "N1")
    registration = ff.Registration("JZ1", True, dorm, dt.date(2024, 1, 1))
    person = ff.Person("p", True, True, [account(place=factory)], [registration])
    ff.reconcile_places(person)
    assert person.accounts[0].place.building == dorm.building and assess(person) == []
    # registered only to the house, seen at home in a building inside it: the same
    person = ff.Person("q", True, True, [account(place=dorm)],
                       [ff.Registration("JZ2", True, factory, dt.date(2024, 1, 1))])
    ff.reconcile_places(person)
    assert person.registrations[0].place.building == dorm.building and assess(person) == []
    # another house is left as it is
    elsewhere = ff.Place("F90", "区|工业路|90|", False, "N1")
    person = ff.Person("r", True, True, [account(place=elsewhere)], [registration])
    ff.reconcile_places(person)
    assert person.accounts[0].place == elsewhere and {f.kind for f in assess(person)} == {ff.MOVED, ff.STALE}
    # registered in two buildings of the house (an old registration not cancelled): taken at the newest one
    older = ff.Registration("JZ3", True, ff.Place("D401", "区|工业路|88|宿舍4幢", True, "N1"), dt.date(2020, 1, 1))
    person = ff.Person("s", True, True, [account(place=factory)], [older, registration])
    ff.reconcile_places(person)
    assert person.accounts[0].place.building == dorm.building
    assert ff.MOVED not in {f.kind for f in assess(person)}


def test_a_place_known_only_to_its_village_holds_every_house_of_the_village():
    """A camera at a village's entrance (钱陶村村口) sees the villagers: consistent with a registration in any house of
    that village, not with one in another village."""
    house, village = places.address_keys("A1", "区", "街道", "钱陶村", "后街", "3号")
    assert (house, village) == ("区|后街|3号", "区|@钱陶村|")
    gate_house, gate_area = places.address_keys("V1", "区", "街道", "钱陶村", "", "")
    assert gate_house == gate_area == village  # the village's own row: its house is its area
    assert places.address_keys("V2", "区", "街道", "马鞍村", "", "")[0] != gate_house  # two villages, two places
    gate = ff.Place("V1", gate_house + "|", False, "N1", gate_area)
    home = ff.Place("A1-201", house + "|", True, "N1", village)
    assert ff.within(home, gate) and not ff.within(gate, home) and not ff.within(gate, gate)
    registration = ff.Registration("JZ1", True, home, dt.date(2024, 1, 1))
    person = ff.Person("p", True, True, [account("face", place=gate)], [registration])
    ff.reconcile_places(person)
    assert person.accounts[0].place.building == home.building and assess(person) == []
    other_house, other_village = places.address_keys("B1", "区", "街道", "马鞍村", "前街", "9号")
    away = ff.Registration("JZ2", True, ff.Place("B1", other_house + "|", True, "N1", other_village),
                           dt.date(2024, 1, 1))
    person = ff.Person("q", True, True, [account("face", place=gate)], [away])
    ff.reconcile_places(person)
    assert person.accounts[0].place == gate and {f.kind for f in assess(person)} == {ff.MOVED, ff.STALE}


def test_someone_who_came_and_went_inside_the_window_is_not_a_suspect():
    # weekly door swipes for eleven weeks from half a year into the window, then four months of silence: without
    # "passing through" as a kind of person, the count model read a newcomer seldom recorded and raised a suspect
    came_and_went = ff.Person("p", True, True, [account(when=tuple(range(120, 200, 7)))])
    assert assess(came_and_went) == []
    still_here = ff.Person("q", True, True, [account(when=tuple(range(3, 83, 7)))])
    assert [f.kind for f in assess(still_here)] == [ff.UNREGISTERED]
