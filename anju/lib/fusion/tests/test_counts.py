"""The count model: how many records stayers get from each feed, learnt without labels; what a silence says."""
import datetime as dt
import random

from anju.lib.fusion.counts import CAP, CountModel

AS_OF = dt.date(2026, 9, 30)
START = dt.date(2025, 10, 1)
WINDOW = (AS_OF - START).days + 1


def on(*offsets):
    """Days counted from the window's start."""
    return [START + dt.timedelta(days=int(o)) for o in offsets]


def city(count, *, stayers=300, leavers=60, arrivals=0, feed="employment", seed=1):
    """Stayers with ``count(rng)`` records spread over the window; leavers who left at a random day and kept the
    records from before it; newcomers who arrived at a random day and have the records from after it."""
    rng = random.Random(seed)
    people = []
    for i in range(stayers + leavers + arrivals):
        n = count(rng)
        days = sorted(rng.randrange(WINDOW) for _ in range(n))
        if stayers <= i < stayers + leavers:
            gone = rng.randrange(30, WINDOW - 60)
            days = [d for d in days if d < gone]
        elif i >= stayers + leavers:
            came = rng.randrange(30, WINDOW - 30)
            days = [d for d in days if d >= came]
        if days:
            people.append({feed: on(*days)})
    return people


def steady(_rng):
    return 12  # monthly payroll: everyone who stays has twelve records


def poisson_like(rng):
    return max(1, int(rng.expovariate(1 / 12)))  # the same mean, widely spread


def fit(people):
    return CountModel.fit(people, as_of=AS_OF, window_start=START)


def test_a_steady_feed_is_learnt_with_the_leavers_unseen_records_filled_in():
    model = fit(city(steady))
    summary = model.summary()
    assert abs(summary["feeds"]["employment"]["mean_units"] - 12) < 0.5  # leavers' short counts did not drag it down
    assert 0.08 < model.share_left < 0.25  # 60 of 360 left
    assert model.odds({"employment": on(*range(15, WINDOW, 30))}) < 1  # twelve records to the end: still here
    assert model.odds({"employment": on(10, 40, 70, 100)}) > 100  # a third of the count, all early: gone


def test_a_widely_spread_feed_says_less_about_the_same_silence():
    early = {"employment": on(10, 40, 70, 100)}
    assert fit(city(poisson_like)).odds(early) < fit(city(steady)).odds(early) / 10


def test_no_records_and_unknown_feeds_say_nothing():
    model = fit(city(steady))
    assert model.odds({}) == 1.0
    assert model.odds({"hotel": on(5)}) == 1.0  # not a feed the model has learnt
    assert model.odds({"employment": [START - dt.timedelta(days=3)]}) == 1.0  # before the window
    assert CountModel.fit(city(steady)[:10], as_of=AS_OF, window_start=START).odds({"employment": on(5)}) == 1.0


def test_a_feed_with_many_records_per_person_is_counted_in_units():
    model = fit(city(lambda rng: rng.randint(300, 400), feed="door"))
    feed = model.feeds["door"]
    assert feed.scale > 1 and feed.units(10_000) == CAP
    assert model.odds({"door": on(*range(0, 200))}) > 1000  # swiped daily, then silent for five months
    assert model.odds({"door": on(*range(0, WINDOW, 1))}) < 1


def test_newcomers_are_learnt_apart_so_stayers_counts_and_a_leavers_silence_keep_their_weight():
    people = city(steady, stayers=300, leavers=60, arrivals=90)
    model = fit(people)
    summary = model.summary()
    assert abs(summary["feeds"]["employment"]["mean_units"] - 12) < 0.5  # newcomers' short counts are not stayers'
    assert 0.12 < model.share_arrived < 0.3 and 0.08 < model.share_left < 0.25  # 90 and 60 of 450
    late = {"employment": on(250, 280, 310, 340)}  # a third of the count, all late: arrived, still here
    early = {"employment": on(10, 40, 70, 100)}  # a third of the count, all early: gone
    assert model.odds(late) < 0.1 and model.odds(early) > 100


def test_people_who_came_and_went_inside_the_window_are_learnt_apart_and_read_as_gone():
    people = city(steady, stayers=300, leavers=30, arrivals=60)
    rng = random.Random(5)
    for _ in range(60):  # passing through: arrived in the first months, stayed five, left
        came = rng.randrange(60, 120)
        people.append({"employment": on(*range(came, came + 150, 30))})
    model = fit(people)
    assert 0.08 < model.share_passing < 0.25  # 60 of 450
    assert abs(model.summary()["feeds"]["employment"]["mean_units"] - 12) < 0.5  # not taken for seldom-paid stayers
    # five monthly records from the third month, none for the last five: came and went (3-kind model: 1.1)
    assert model.odds({"employment": on(*range(90, 240, 30))}) > 10


def quarterly_city(*, stayers=300, leavers=80, arrivals=60, jobs_lost=0, seed=3, days=(84, 175, 267, 358)):
    """Social insurance paid on four days of the window (25 Dec, 25 Mar, 25 Jun, 25 Sep), each one missed now and
    then, and a door swiped on any day; leavers keep the records before their leaving day, newcomers the ones after
    their arrival, and ``jobs_lost`` of the stayers stop being paid on a day but keep swiping."""
    rng = random.Random(seed)
    people = []
    for i in range(stayers + leavers + arrivals):
        paid = [d for d in days if rng.random() < 0.93]
        door = sorted(rng.sample(range(WINDOW), rng.randint(8, 30)))
        if i < jobs_lost:
            lost = rng.randrange(30, WINDOW - 30)
            paid = [d for d in paid if d < lost]
        elif stayers <= i < stayers + leavers:
            gone = rng.randrange(30, WINDOW - 30)
            paid, door = [d for d in paid if d < gone], [d for d in door if d < gone]
        elif i >= stayers + leavers:
            came = rng.randrange(30, WINDOW - 30)
            paid, door = [d for d in paid if d >= came], [d for d in door if d >= came]
        person = {feed: on(*ds) for feed, ds in (("employment", paid), ("door", door)) if ds}
        if person:
            people.append(person)
    return people


def test_a_feed_paid_on_fixed_days_is_read_on_its_calendar():
    model = fit(quarterly_city())
    feed = model.summary()["feeds"]["employment"]
    assert feed["calendar"] and feed["slots"] == 4
    # paid in December and March, not since, and nothing else: two payment days missed, gone (read as records on any
    # day, of which a leaver loses each by chance, 15)
    assert model.odds({"employment": on(84, 175)}) > 50
    # paid on all four days, the last one five weeks before the end: nothing was due since, still here
    assert model.odds({"employment": on(84, 175, 267, 358), "door": on(20, 60, 100, 150)}) < 1
    # paid on the first three, the last still to come when the silence began: one day missed, an open question
    assert 1 < model.odds({"employment": on(84, 175, 267)}) < model.odds({"employment": on(84, 175)})
    # a hiring record on another day (a few of them beside the payments) is not a payment: it says nothing of the
    # payments to come, the count is of payment days
    hired = quarterly_city() + [{"employment": on(rng_day)} for rng_day in range(40, 340, 10)]
    model = fit(hired)
    assert model.odds({"employment": on(62)}) == 1.0
    assert model.odds({"employment": on(62, 84, 175)}) == model.odds({"employment": on(84, 175)})


def test_a_feed_recording_any_day_is_not_on_a_calendar():
    assert not fit(city(steady)).summary()["feeds"]["employment"]["calendar"]
    assert not fit(city(lambda rng: rng.randint(300, 400), feed="door")).summary()["feeds"]["door"]["calendar"]
    # a camera installed two thirds into the window: its records start late for everyone, but on any day
    late = [{"face": [d for d in p["face"] if d >= START + dt.timedelta(days=240)]}
            for p in city(lambda rng: rng.randint(5, 30), feed="face")]
    assert not fit([p for p in late if p["face"]]).summary()["feeds"]["face"]["calendar"]
    # a small feed: forty records on random days lie on few days, but not on a calendar
    rng = random.Random(4)
    sparse = [{"hotel": on(rng.randrange(WINDOW), rng.randrange(WINDOW))} for _ in range(20)]
    assert not fit(sparse).summary()["feeds"]["hotel"]["calendar"]
