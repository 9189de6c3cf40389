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
