"""How many records a staying person gets from each feed, learnt from the data; and what a silence says.

Pure Python and numpy, no Django. ``CountModel.fit(streams, as_of=…, window_start=…)`` learns, for each feed, the
distribution F of the number of records a person who stays the whole window gets from it (one account's worth of
door swipes, employment records …), without assuming its shape: some feeds record people at random (a Poisson
count, widely spread), others at a steady rhythm (monthly payroll: nearly the same count for everyone who stays).
``odds(streams)`` is then the likelihood ratio of "left on some day after the last record" to "still here".

The model
---------
A person who stays has N records of a feed, N ~ F, at days spread uniformly over the window. A person who leaves
after a fraction f of the window keeps each of those records with probability f (binomial thinning: the records
that would have come after the leaving day never happen). For n records, the last on day L, the ratio of the two
likelihoods, positions included, is for each feed Σ_N F(N)·C(N, n)·(1−f)^(N−n) / F(n); the feeds multiply, and
the leaving day is averaged over the window after L (a uniform prior over the whole window). Seeing the
count stayers usually reach says "stayed"; fewer records than stayers get, all early, says "left".

Someone who *arrived* during the window has fewer records too, all late: by the same thinning, arriving after a
fraction a of the window keeps each record with probability 1 − a, so their ratio is the leaving one read backwards
(the arrival day averaged over the window before the first record). Without that third kind of person, newcomers
are taken for stayers who are seldom recorded: stayers' counts look lower than they are, and a leaver's short count
looks ordinary. ``odds`` is the ratio of "left" to "did not leave", the latter a stayer or a newcomer in the shares
learnt from the data.

Someone *passing through* arrived and left inside the window (a season's work, a few months in a let room): they
keep the share of the window they were here for, so their records fit neither a leaver (too few for someone here
since the start) nor a newcomer (who would still be recorded). Without that fourth kind they were read as newcomers
seldom recorded, still here. "Gone" is a leaver or someone passing through, in the shares learnt.

Learning F
----------
F is fitted by expectation maximisation over everyone with records: each person is a stayer (their count is a draw
of F), a leaver or a newcomer (their count is a thinned draw: the records they would have had are imputed from F and
their leaving or arrival day). No labels are used and nothing is set per dataset. Starting from the observed counts,
each round re-weighs who probably left or arrived and re-estimates F and the shares until nothing moves.

A feed on a calendar
--------------------
Not every feed records people on any day: social insurance is paid on the 25th of the last month of a quarter,
pupils are enrolled at the start of a term. Such a feed holds most of its records on a few days (80 % of them on
at most ``CALENDAR_DAYS`` of the window's days, or of its records for a small feed); its days are those with
``CALENDAR_BUSY`` times an average day's records, and only records on them are counted (a hiring record on another
day still dates the last trace). What a leaver keeps of it is not the share of the *days* before
the leaving day but the share of the feed's *payment days* before it: leaving in the week after a quarter's
payment loses nothing of that quarter, leaving a week before it loses it all; and a stayer is paid once on each
day, so a leaver's count is not thinned by chance but cut: the days after the leaving day are all lost.
Such a feed is read on its own clock (the share of its records dated up to each day) and as slots: a person is
recorded at most once in each of R slots (R the most records anyone usually has, the 99.5th percentile), and
someone gone lost the slots after their leaving day (``_slot_tables``; for many slots this is the binomial
thinning above). Without it a feed paid four times a year said little of a silence of half a year (the count of
a stayer who is paid twice is not rare under thinning by chance), and the EM read its leavers as stayers who are
seldom paid. Someone passing through is read on the calendar: a feed on a calendar pays evenly over the year.
A feed that only started during the window (a camera installed in December) is still read on the calendar: its
records begin late for everyone, so passing-through and arrival would have to be read on its clock too (not
done).

Feeds with many records per person (a door swiped daily) are counted in units of ``scale`` records so that
the largest usual count is at most ``UNITS``: the tables stay small. A unit is thinned as one record would be, so a
count in units says less than the same count in records: at 40 units the foreign benchmark's dense city (doors
about 40 times a year, counted in threes) found 0.881 of its stale registrations, at 80 units (in twos) 0.907, for
about 90 MB more and a second more on the 100k city.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np

GRID = 64        # leaving days tried, evenly over the window
UNITS = 80       # the 99th percentile of a feed's counts is brought to at most this many units
CAP = 2 * UNITS  # counts above are taken as this many units
SMOOTH = 1e-3    # pseudo-count per possible count: no count is impossible for a stayer
MIN_PEOPLE = 20  # feeds seen on fewer people are left out (their records still date the last trace)
CALENDAR_DAYS = 0.1  # a feed with 80 % of its records on at most this share of the window's days is on a calendar
CALENDAR_BUSY = 3  # … whose days are those with this many times the records of an average day
SLOTS_MAX = 24   # … and read as slots (_slot_tables) when people get at most this many records from it


def _comb_log(k: int) -> np.ndarray:
    """log C(N, n) as a [n, N] table for 0 ≤ n, N ≤ k (−inf where N < n)."""
    lg = np.array([math.lgamma(i + 1) for i in range(k + 1)])
    n = np.arange(k + 1)[:, None]
    big = np.arange(k + 1)[None, :]
    out = lg[big] - lg[n] - lg[np.maximum(big - n, 0)]
    return np.where(big >= n, out, -np.inf)


def _tables(dist: np.ndarray, comb: np.ndarray, lost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(q, post) for a person who lost each record with probability ``lost[g]`` ([GRID]): q[n, g] = Σ_N F(N)
    C(N, n) lost^(N − n) and post[n, g, N] what they would have had."""
    k = len(dist) - 1
    n = np.arange(k + 1)
    gap = (n[None, :] - n[:, None])[:, None, :]  # N − n, [n, 1, N]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_lost = np.log(np.clip(lost, 0.0, 1.0))[None, :, None]
        # nothing lost to a leaving day after the feed's last record: only N = n stays possible (0^0 = 1)
        log_terms = comb[:k + 1, :k + 1][:, None, :] + np.where(gap > 0, gap * log_lost, 0.0)
    terms = np.exp(np.where(gap >= 0, log_terms, -np.inf)) * dist[None, None, :]  # [n, g, N]
    q = terms.sum(axis=2)
    return q, terms / np.maximum(q[:, :, None], 1e-300)


def _slot_tables(dist: np.ndarray, slots: int, lost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(q, post) as ``_tables`` for a feed that records a person at most once in each of ``slots`` slots (a quarter's
    payment day): a stayer's N records are N of the slots, any N alike, and someone gone or not yet here lost the
    slots of their absence, ``lost[g]`` of them ([GRID], a share of ``slots``), not each record by chance. The
    ratio to a stayer's for a given set of n kept slots is Σ_N F(N) C(L, N − n) C(R, n) / C(R, N) / F(n), L the lost
    slots (between two whole numbers, the two weighed); many slots make it the binomial thinning of ``_tables``."""
    k = len(dist) - 1
    lg = np.array([math.lgamma(i + 1) for i in range(slots + 1)])

    def log_comb(a, b):
        return np.where((b >= 0) & (b <= a), lg[np.clip(a, 0, slots)] - lg[np.clip(b, 0, slots)]
                        - lg[np.clip(a - b, 0, slots)], -np.inf)

    n = np.arange(k + 1)
    gap = n[None, :] - n[:, None]  # N − n, [n, N]
    inside = (n[:, None] <= slots) & (n[None, :] <= slots)
    with np.errstate(invalid="ignore"):  # −inf − −inf outside the slots, masked
        base = np.where(inside, log_comb(slots, n)[:, None] - log_comb(slots, n)[None, :], -np.inf)
    whole = np.stack([np.exp(np.where(inside, base + log_comb(lost_slots, gap), -np.inf)) * dist[None, :]
                      for lost_slots in range(slots + 1)])  # [L, n, N]
    at = np.clip(lost * slots, 0, slots)
    low = np.floor(at).astype(int)
    high = np.minimum(low + 1, slots)
    w = (at - low)[None, :, None]
    terms = (1 - w) * whole[low].transpose(1, 0, 2) + w * whole[high].transpose(1, 0, 2)  # [n, g, N]
    q = terms.sum(axis=2)
    return q, terms / np.maximum(q[:, :, None], 1e-300)


@dataclass
class _Feed:
    scale: int
    support: int             # F is defined on 0 … support units
    dist: np.ndarray         # F, F[0] = 0: a feed account with no record in the window is never seen
    clock: np.ndarray = None  # [g]: a feed on a calendar: the share of its records up to leaving step g
    slots: int | None = None  # … with few records a person: at most this many (SLOTS_MAX)
    q: np.ndarray = None     # [n, g]: Σ_N F(N) C(N, n) (1 − kept_g)^(N − n), leaving at step g
    post: np.ndarray = None  # [n, g, N]: what a leaver with n records, gone at step g, would have had
    q_arrived: np.ndarray = None     # the same for someone who arrived at step g
    post_arrived: np.ndarray = None
    q_passing: np.ndarray = None     # passing through, keeping the share (g + ½) / GRID of the window
    post_passing: np.ndarray = None

    def units(self, n: int) -> int:
        return min(self.slots or CAP, max(1, round(n / self.scale)))

    def tables(self, comb: np.ndarray) -> None:
        f = (np.arange(GRID) + 0.5) / GRID

        def table(lost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return _slot_tables(self.dist, self.slots, lost) if self.slots else _tables(self.dist, comb, lost)

        self.q_passing, self.post_passing = table(1 - f)  # passing through is read on the calendar
        if self.clock is None:
            # on the calendar, arriving at step g keeps what leaving at step GRID − 1 − g keeps: 1 − f_g
            self.q, self.post = self.q_passing, self.post_passing
            self.q_arrived, self.post_arrived = self.q[:, ::-1], self.post[:, ::-1]
        else:  # a feed on a calendar: leaving and arriving on its own clock
            self.q, self.post = table(1 - self.clock)
            self.q_arrived, self.post_arrived = table(self.clock)


def _calendar_days(offsets: list[int], window: int) -> frozenset[int] | None:
    """The days a feed on a calendar records people on (``offsets``: its records' days, counted from the window's
    start): those with at least ``CALENDAR_BUSY`` times the records of an average day. None where the feed is not on
    a calendar: 80 % of its records on more than ``CALENDAR_DAYS`` of the window's days, or, for a feed with fewer
    records than the window has days, of its records (forty records on random days fill thirty-odd days)."""
    if not offsets:
        return None
    days, per_day = np.unique(np.asarray(offsets), return_counts=True)
    busiest = int(np.searchsorted(np.cumsum(np.sort(per_day)[::-1]), 0.8 * len(offsets))) + 1
    if busiest > CALENDAR_DAYS * min(window, len(offsets)):  # a few records fall on a few days by chance
        return None
    return frozenset(int(d) for d in days[per_day >= CALENDAR_BUSY * len(offsets) / window])


def _clock(offsets: list[int], window: int) -> np.ndarray:
    """The share of a feed's records (``offsets``) dated up to each leaving step."""
    f = (np.arange(GRID) + 0.5) / GRID
    x = np.sort((np.asarray(offsets, dtype=float) + 0.5) / window)
    return np.searchsorted(x, f, side="right") / len(x)


@dataclass
class CountModel:
    window: int
    window_start: date
    as_of: date
    feeds: dict[str, _Feed] = field(default_factory=dict)
    calendars: dict[str, frozenset[int]] = field(default_factory=dict)  # a feed on a calendar: its days
    share_left: float = 0.0
    share_arrived: float = 0.0
    share_passing: float = 0.0
    iterations: int = 0
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def fit(cls, people: list[dict[str, list[date]]], *, as_of: date, window_start: date, max_iterations: int = 100,
            tolerance: float = 1e-4) -> "CountModel":
        """``people``: each person's record days per feed (``findings.streams``)."""
        model = cls(window=(as_of - window_start).days + 1, window_start=window_start, as_of=as_of)
        offsets: dict[str, list[int]] = {}
        for streams in people:
            for feed, days in streams.items():
                offsets.setdefault(feed, []).extend((d - window_start).days for d in days if window_start <= d <= as_of)
        model.calendars = {feed: days for feed, ds in offsets.items()
                           if (days := _calendar_days(ds, model.window)) is not None}
        inside = [model._inside(streams) for streams in people]
        counts: dict[str, list[int]] = {}
        for person in inside:
            for feed, (n, _first, _last) in person.items():
                counts.setdefault(feed, []).append(n)
        for feed, ns in counts.items():
            if len(ns) < MIN_PEOPLE:
                continue
            support = CAP + CAP // 4
            f = model.feeds[feed] = _Feed(max(1, math.ceil(float(np.percentile(ns, 99)) / UNITS)), support,
                                          np.zeros(support + 1))
            if feed in model.calendars:
                f.clock = _clock([d for d in offsets[feed] if d in model.calendars[feed]], model.window)
            most = math.ceil(float(np.percentile(ns, 99.5)))
            if f.clock is not None and most <= SLOTS_MAX:
                f.slots = most
            hist = np.full(support + 1, 0.5)
            hist[0] = 0.0
            hist[(f.slots or support) + 1:] = 0.0
            for n in ns:
                hist[f.units(n)] += 1
            f.dist = hist / hist.sum()
        if not model.feeds:
            return model
        signatures: dict[tuple, int] = {}
        for person in inside:
            sig = model._signature(person)
            if sig is not None:
                signatures[sig] = signatures.get(sig, 0) + 1
        model._em(signatures, max_iterations, tolerance)
        return model

    # ---- what a person's records look like to the model
    def _inside(self, streams: dict[str, list[date]]) -> dict[str, tuple[int, date, date]]:
        """{feed: (records in the window, the first one's day, the last one's)} of the feeds with any. Of a feed on a
        calendar only the records on its days count (a hiring record beside the quarterly payments says nothing of
        the payments to come)."""
        out = {}
        for feed, days in streams.items():
            inside = [d for d in days if self.window_start <= d <= self.as_of]
            if feed in self.calendars:
                inside = [d for d in inside if (d - self.window_start).days in self.calendars[feed]]
            if inside:
                out[feed] = (len(inside), min(inside), max(inside))
        return out

    def _signature(self, inside: dict[str, tuple[int, date, date]]) -> tuple | None:
        """(first grid step after the last record, last grid step before the first record, ((feed, units), …)) of
        the feeds the model knows, or None."""
        parts = [(feed, self.feeds[feed].units(n)) for feed, (n, _first, _last) in inside.items() if feed in self.feeds]
        if not parts:
            return None
        last = max(day for _n, _first, day in inside.values())
        first = min(day for _n, day, _last in inside.values())
        after = ((last - self.window_start).days + 1) / self.window  # share of the window up to the last record
        before = (first - self.window_start).days / self.window  # share of the window before the first record
        return (min(GRID, math.ceil(after * GRID - 0.5)), max(-1, math.floor(before * GRID - 0.5)),
                tuple(sorted(parts)))

    # ---- fitting
    def _refresh(self) -> None:
        comb = _comb_log(max(feed.support for feed in self.feeds.values()))
        for feed in self.feeds.values():
            feed.tables(comb)
        self._cache = {}

    def _index(self, sigs: list[tuple]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """For each feed: which signatures have it (rows), with how many units."""
        rows: dict[str, list[int]] = {name: [] for name in self.feeds}
        units: dict[str, list[int]] = {name: [] for name in self.feeds}
        for i, (_g0, _h0, parts) in enumerate(sigs):
            for name, n in parts:
                rows[name].append(i)
                units[name].append(n)
        return {name: (np.array(rows[name], dtype=int), np.array(units[name], dtype=int)) for name in self.feeds}

    def _log_ratios(self, sigs: list[tuple], index: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """[signature, g]: log of the likelihood ratio of leaving at step g (−inf before the last record), of
        arriving at step g (−inf after the first record), and of passing through — arriving, then leaving, inside
        the window — keeping the share of the window that leaving at step g keeps (the pairs of an arrival before
        the first record and a leaving after the last that keep so much, as a log count, added)."""
        out, arrived, through = (np.zeros((len(sigs), GRID)) for _ in range(3))
        for name, feed in self.feeds.items():
            rows, units = index[name]
            if len(rows):
                log_f = np.log(feed.dist[units])[:, None]
                for acc, q in ((out, feed.q), (arrived, feed.q_arrived), (through, feed.q_passing)):
                    np.add.at(acc, rows, np.log(np.maximum(q[units], 1e-300)) - log_f)
        steps = np.arange(GRID)[None, :]
        last = np.array([s[0] for s in sigs])[:, None]
        first = np.array([s[1] for s in sigs])[:, None]
        # arrival step h ≤ first, leaving step h + d + 1 ≥ last and < GRID: kept (d + 0.5) / GRID of the window
        pairs = np.minimum(first, GRID - 2 - steps) - np.maximum(0, last - steps - 1) + 1
        with np.errstate(divide="ignore"):
            # averaged over the GRID·(GRID − 1)/2 pairs of arrival and leaving steps (_ratios divides by GRID)
            passing = through + np.log(np.maximum(pairs, 0)) + math.log(2 / (GRID - 1))
        arrived[steps > first] = -np.inf
        out[steps < last] = -np.inf
        return out, arrived, passing

    def _leaving_and_arrival(self, sigs: list[tuple], index: dict) -> tuple[np.ndarray, ...]:
        """(ratio of leaving, leaving day's weights, ratio of arriving, arrival day's weights, ratio of passing
        through, the kept share's weights) per signature."""
        log_left, log_arrived, log_passing = self._log_ratios(sigs, index)
        return (*self._ratios(log_left), *self._ratios(log_arrived), *self._ratios(log_passing))

    @staticmethod
    def _ratios(log_ratios: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The likelihood ratio averaged over the leaving days, and the leaving day's weights given "left"."""
        top = log_ratios.max(axis=1, keepdims=True)
        safe = np.where(np.isfinite(top), top, 0.0)
        terms = np.exp(log_ratios - safe)
        total = terms.sum(axis=1)
        ratio = np.where(total > 0, total / GRID * np.exp(np.minimum(safe[:, 0], 700.0)), 0.0)
        weights = terms / np.maximum(total, 1e-300)[:, None]
        return np.minimum(ratio, 1e12), weights

    def _em(self, signatures: dict[tuple, int], max_iterations: int, tolerance: float) -> None:
        sigs = list(signatures)
        index = self._index(sigs)
        mult = np.array([signatures[s] for s in sigs], dtype=float)
        people = mult.sum()
        share, arrived_share, passing_share = 0.1, 0.1, 0.05
        for it in range(1, max_iterations + 1):
            self._refresh()
            ratio, when, arrival, since, through, kept = self._leaving_and_arrival(sigs, index)
            total = share * ratio + arrived_share * arrival + passing_share * through \
                + 1 - share - arrived_share - passing_share
            left = share * ratio / total
            arrived = arrived_share * arrival / total
            passing = passing_share * through / total
            shares = [min(0.9, max(1e-4, float((x * mult).sum() / people))) for x in (left, arrived, passing)]
            if sum(shares) > 0.99:  # stayers keep a share: a city is not all comings and goings
                shares = [x * 0.99 / sum(shares) for x in shares]
            shift = max(abs(a - b) for a, b in zip(shares, (share, arrived_share, passing_share)))
            share, arrived_share, passing_share = shares
            for name, feed in self.feeds.items():
                rows, units = index[name]
                stay = np.zeros(feed.support + 1)
                np.add.at(stay, units, mult[rows] * (1 - left[rows] - arrived[rows] - passing[rows]))
                acc = stay + SMOOTH
                if feed.slots:
                    acc[feed.slots + 1:] = 0.0  # no more records than slots
                for share_of, weights, post in ((left, when, feed.post), (arrived, since, feed.post_arrived),
                                                (passing, kept, feed.post_passing)):
                    thinned = np.zeros((feed.support + 1, GRID))
                    np.add.at(thinned, units, (mult[rows] * share_of[rows])[:, None] * weights[rows])
                    acc = acc + np.einsum("ng,ngN->N", thinned, post)
                acc[0] = 0.0
                new = acc / acc.sum()
                shift = max(shift, float(np.abs(new - feed.dist).max()))
                feed.dist = new
            self.iterations = it
            if shift < tolerance:
                break
        self.share_left, self.share_arrived, self.share_passing = share, arrived_share, passing_share
        self._refresh()

    # ---- use
    def odds(self, streams: dict[str, list[date]], *, not_before: date | None = None) -> float:
        """Likelihood ratio of "left after the last record" to "did not leave" (stayed the whole window, or arrived
        before the first record and stayed, in the shares learnt); 1.0 where the model has nothing to go on (no
        record in the window, or only feeds it does not know). ``not_before``: a day the person is known to have
        been here although no record shows it (they came to declare a registration): leaving days before it are
        ruled out."""
        sig = self._signature(self._inside(streams)) if self.feeds else None
        if sig is None:
            return 1.0
        if not_before is not None:
            here = min(1.0, ((not_before - self.window_start).days + 1) / self.window)
            sig = (max(sig[0], min(GRID, math.ceil(here * GRID - 0.5))), sig[1], sig[2])
        got = self._cache.get(sig)
        if got is None:
            ratio, _when, arrival, _since, through, _kept = self._leaving_and_arrival([sig], self._index([sig]))
            stay = 1 - self.share_left - self.share_arrived - self.share_passing
            not_left = (stay + self.share_arrived * float(arrival[0])) / (stay + self.share_arrived)
            # gone: left having been here from the start, or came and went inside the window, in the shares learnt
            gone = (self.share_left * float(ratio[0]) + self.share_passing * float(through[0])) / max(
                self.share_left + self.share_passing, 1e-12)
            got = self._cache[sig] = min(1e12, gone / max(not_left, 1e-12))
        return got

    def summary(self) -> dict:
        return {"share_left": round(self.share_left, 4), "share_arrived": round(self.share_arrived, 4),
                "share_passing": round(self.share_passing, 4),
                "iterations": self.iterations,
                "feeds": {name: {"scale": f.scale, "mean_units": round(float((np.arange(len(f.dist)) * f.dist).sum()), 2),
                                 "calendar": f.clock is not None, "slots": f.slots}
                          for name, f in self.feeds.items()}}
