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


def _comb_log(k: int) -> np.ndarray:
    """log C(N, n) as a [n, N] table for 0 ≤ n, N ≤ k (−inf where N < n)."""
    lg = np.array([math.lgamma(i + 1) for i in range(k + 1)])
    n = np.arange(k + 1)[:, None]
    big = np.arange(k + 1)[None, :]
    out = lg[big] - lg[n] - lg[np.maximum(big - n, 0)]
    return np.where(big >= n, out, -np.inf)


@dataclass
class _Feed:
    scale: int
    support: int             # F is defined on 0 … support units
    dist: np.ndarray         # F, F[0] = 0: a feed account with no record in the window is never seen
    q: np.ndarray = None     # [n, g]: Σ_N F(N) C(N, n) (1 − f_g)^(N − n)
    post: np.ndarray = None  # [n, g, N]: what a leaver with n records, gone at f_g, would have had

    def units(self, n: int) -> int:
        return min(CAP, max(1, round(n / self.scale)))

    def tables(self, comb: np.ndarray, log_stay: np.ndarray) -> None:
        k = self.support
        n = np.arange(k + 1)
        gap = n[None, :] - n[:, None]  # N − n, [n, N]
        log_terms = comb[:k + 1, :k + 1][:, None, :] + np.where(gap >= 0, gap, 0)[:, None, :] * log_stay[None, :, None]
        terms = np.exp(log_terms) * self.dist[None, None, :]  # [n, g, N]
        self.q = terms.sum(axis=2)
        self.post = terms / np.maximum(self.q[:, :, None], 1e-300)


@dataclass
class CountModel:
    window: int
    window_start: date
    as_of: date
    feeds: dict[str, _Feed] = field(default_factory=dict)
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
            hist = np.full(support + 1, 0.5)
            hist[0] = 0.0
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
        """{feed: (records in the window, the first one's day, the last one's)} of the feeds with any."""
        out = {}
        for feed, days in streams.items():
            inside = [d for d in days if self.window_start <= d <= self.as_of]
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
        f = (np.arange(GRID) + 0.5) / GRID
        log_stay = np.log1p(-f)
        k = max(feed.support for feed in self.feeds.values())
        comb = _comb_log(k)
        for feed in self.feeds.values():
            feed.tables(comb, log_stay)
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
        out = np.zeros((len(sigs), GRID))
        for name, feed in self.feeds.items():
            rows, units = index[name]
            if len(rows):
                np.add.at(out, rows, np.log(np.maximum(feed.q[units], 1e-300)) - np.log(feed.dist[units])[:, None])
        steps = np.arange(GRID)[None, :]
        last = np.array([s[0] for s in sigs])[:, None]
        first = np.array([s[1] for s in sigs])[:, None]
        # arrival step h ≤ first, leaving step h + d + 1 ≥ last and < GRID: kept (d + 0.5) / GRID of the window
        pairs = np.minimum(first, GRID - 2 - steps) - np.maximum(0, last - steps - 1) + 1
        with np.errstate(divide="ignore"):
            # averaged over the GRID·(GRID − 1)/2 pairs of arrival and leaving steps (_ratios divides by GRID)
            passing = out + np.log(np.maximum(pairs, 0)) + math.log(2 / (GRID - 1))
        # arriving at step g keeps what leaving at step GRID − 1 − g keeps: 1 − f_g = f_(GRID − 1 − g)
        arrived = out[:, ::-1].copy()
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
            # a newcomer who arrived at step g kept what a leaver gone at step GRID − 1 − g keeps
            thinned = left[:, None] * when + arrived[:, None] * since[:, ::-1] + passing[:, None] * kept
            for name, feed in self.feeds.items():
                rows, units = index[name]
                stay = np.zeros(feed.support + 1)
                np.add.at(stay, units, mult[rows] * (1 - left[rows] - arrived[rows] - passing[rows]))
                leavers = np.zeros((feed.support + 1, GRID))
                np.add.at(leavers, units, mult[rows][:, None] * thinned[rows])
                acc = stay + np.einsum("ng,ngN->N", leavers, feed.post) + SMOOTH
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
                "feeds": {name: {"scale": f.scale, "mean_units": round(float((np.arange(len(f.dist)) * f.dist).sum()), 2)}
                          for name, f in self.feeds.items()}}
