"""Write a generated city: the interchange files (what departments deliver) and ``truth/``.

Pure Python, no Django. Column orders are those of
``shared/spec/interchange.md``; the truth files are described in
``anju/simulation/README.md``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import io
import json
import math
import os
import random
import sys
import traceback
from operator import itemgetter
from pathlib import Path

from anju.simulation.city import ETHNIC_NAMES, GENERATOR_VERSION, RECORD_PREFIX, SOURCE_ORDER, City
from anju.simulation.params import HOME_SOURCES, SOURCE_MEANING

ADDRESS_COLUMNS = ("address_code", "full_address", "province", "city", "district", "street", "community", "road",
                   "house_number", "building", "unit", "room", "police_station", "grid")
POPULATION_COLUMNS = ("id_number", "name", "sex", "birth_date", "ethnicity", "hukou_address")
REGISTRATION_COLUMNS = ("registration_id", "id_number", "name", "sex", "birth_date", "phone", "address",
                        "address_code", "registered_at", "status")
OBSERVATION_COLUMNS = ("source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone",
                       "address", "organisation")
WATCHLIST_COLUMNS = ("watch_id", "id_number", "name", "sex", "birth_date", "reason")
JURISDICTION_COLUMNS = ("code", "name", "level", "parent_code")

TRUTH_PERSONS = ("person_key", "id_number", "name", "sex", "birth_date", "ethnicity", "phone", "origin", "status",
                 "event_date", "home_address_code", "previous_address_code", "household", "in_registry",
                 "is_landlord", "lives_here", "observations", "home_observations")
TRUTH_ADDRESSES = ("address_code", "building_key", "kind", "grid_code")
TRUTH_REGISTRATIONS = ("registration_id", "person_key", "address_code", "status", "state", "typo", "text_only")
TRUTH_OBSERVATIONS = ("record_id", "source", "person_key", "address_code", "meaning", "noise")
TRUTH_TARGETS = ("person_key", "id_number", "name", "kind", "home_address_code", "home_building_key",
                 "registered_address_codes", "home_observations", "revealable")
TRUTH_STALE = ("registration_id", "person_key", "address_code", "reason", "evidence", "last_seen", "revealable")
TRUTH_WATCH = ("watch_id", "person_key", "present", "observations")
TRUTH_SILENCES = ("registration_id", "person_key", "silent_days", "expected_records", "chance_if_stayed", "evidence")

_SEX_ZH = {"1": "男", "2": "女"}
_ONE_DAY = datetime.timedelta(days=1)


class _Writer:
    """CSV as the csv module writes it (minimal quoting, "\n" line ends), about 2.5x faster:
    a row of plain strings is joined directly, anything needing quotes goes through csv."""

    def __init__(self, path: Path, header):
        self.fh = path.open("w", encoding="utf-8", newline="", buffering=1 << 20)
        self.width = len(header)
        self.rows = 0
        self._quote = io.StringIO()
        self._csv = csv.writer(self._quote, lineterminator="\n")
        self.write_all([header])
        self.rows = 0

    def _quoted(self, row) -> str:
        self._quote.seek(0)
        self._quote.truncate()
        self._csv.writerow(row)
        return self._quote.getvalue()[:-1]

    def write_all(self, rows) -> None:
        rows = rows if isinstance(rows, list) else list(rows)
        for i in range(0, len(rows), 100_000):
            self._chunk(rows[i:i + 100_000])

    def _chunk(self, rows: list) -> None:
        if not rows:
            return
        commas = self.width - 1
        try:
            text = "\n".join([",".join(row) for row in rows])
        except TypeError:  # numbers in the rows
            rows = [[str(v) for v in row] for row in rows]
            text = "\n".join([",".join(row) for row in rows])
        # one pass in C decides whether any field needs quoting; then fall back row by row
        if (text.count(",") != commas * len(rows) or '"' in text or "\r" in text
                or text.count("\n") != len(rows) - 1):
            lines = []
            for row in rows:
                line = ",".join(row)
                if line.count(",") != commas or '"' in line or "\n" in line or "\r" in line:
                    line = self._quoted(row)
                lines.append(line)
            text = "\n".join(lines)
        self.fh.write(text)
        self.fh.write("\n")
        self.rows += len(rows)

    def close(self) -> int:
        self.fh.close()
        return self.rows


def _write(path: Path, header, rows) -> int:
    w = _Writer(path, header)
    w.write_all(rows)
    return w.close()


def write_city(city: City, out: Path | str) -> dict:
    """Write every file under ``out``; returns the row counts (also in truth/summary.json)."""
    with no_gc():
        return _write_city(city, Path(out))


@contextlib.contextmanager
def no_gc():
    """Millions of small live objects make every full GC pass slower: nothing here forms cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_city(city: City, out: Path) -> dict:
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    _set_hukou(city)
    targets, stale = _targets(city), _stale(city)
    silences = _silences(city, stale)
    observations = _observations_with_ids(city)  # ids drawn once, before the writers split
    counts: dict[str, int] = {
        "jurisdictions.csv": len(city.district.nodes), "addresses.csv": len(city.district.addresses),
        "population.csv": sum(1 for m in city.persons if m.in_registry),
        "registrations.csv": len(city.registrations), "watchlist.csv": len(city.watchlist),
        **{f"observations.csv[{source}]": len(rows) for source, rows, _ids in observations},
        "observations.csv": sum(len(rows) for _s, rows, _ids in observations),
        "truth/targets.csv": len(targets), "truth/stale.csv": len(stale), "truth/silences.csv": len(silences),
    }
    _in_parallel(lambda: _write_interchange(city, out, observations),
                 lambda: _write_truth(city, truth, observations, targets, stale, silences))
    params = {
        "generator_version": GENERATOR_VERSION, "seed": city.seed, "residents": city.residents,
        "as_of": city.as_of.isoformat(), "window_start": city.window_start.isoformat(),
        "source_meaning": SOURCE_MEANING, "home_sources": list(HOME_SOURCES), "params": city.params.to_dict(),
    }
    (truth / "params.json").write_text(json.dumps(params, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
    summary = _summary(city, counts, targets, stale)
    (truth / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return summary


def _in_parallel(first, second) -> None:
    """Run ``second`` in a forked child while this process runs ``first``: writing is half the work
    of a big city and the machines have two cores. Sequential where fork is missing."""
    if not hasattr(os, "fork") or os.environ.get("ANJU_SIMULATE_NO_FORK"):
        first()
        second()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: write, then leave without running the parent's exit handlers
        status = 0
        try:
            second()
        except BaseException:  # noqa: BLE001 - reported to the parent through the exit status
            traceback.print_exc()
            status = 1
        finally:
            sys.stderr.flush()
            os._exit(status)
    try:
        first()
    finally:
        _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("writing the truth files failed (see the error above)")


def _set_hukou(city: City) -> None:
    """Hukou address of locals: the address of their first registration here, else their home."""
    for m in city.persons:
        if m.origin == "local" and not m.hukou:
            first = min(m.regs, key=lambda g: g.registered_at) if m.regs else None
            place = first.address if first else (m.home or m.prev)
            m.hukou = place.full() if place else ""


def _targets(city: City) -> list[tuple]:
    out = []
    for m in city.persons:
        if m.home is None:
            continue
        active = [g for g in m.regs if g.status == "active"]
        if any(g.address is m.home for g in active):
            continue
        seen = m.home_obs.get(m.home.index, 0)
        out.append((m.key, m.id_number, m.name, "moved" if active else "unregistered", m.home.code,
                    m.home.building.key, ";".join(g.address.code for g in active), seen, int(seen > 0)))
    return out


def _stale(city: City) -> list[tuple]:
    quiet_before = city.params.window_days - 1 - city.params.stale_quiet_days
    out = []
    for g in city.registrations:
        m = g.person
        if g.status != "active" or m.home is g.address:
            continue
        elsewhere = m.outside_obs > 0 or any(n > 0 and idx != g.address.index for idx, n in m.home_obs.items())
        if elsewhere:
            evidence = "seen_elsewhere"
        elif m.home is None and m.n_obs > 0:
            evidence = "traces_stopped" if m.last_day <= quiet_before else "too_recent"
        else:
            evidence = "none"
        last_seen = (city.window_start + m.last_day * _ONE_DAY).isoformat() if m.last_day >= 0 else ""
        out.append((g.reg_id, m.key, g.address.code, "moved" if m.home is not None else "left", evidence,
                    last_seen, int(evidence in ("seen_elsewhere", "traces_stopped"))))
    return out


def _silences(city: City, stale: list) -> list[tuple]:
    """Every active registration whose person has records but none in the last ``stale_quiet_days``: how many days,
    how many records their feeds would have given them in that time had they stayed (their true rates, and a
    pupil's enrolment days), the chance that a stayer with those feeds goes that long unseen (none across an
    enrolment day), and the evidence of its stale row (empty where the person does live there). What silence alone
    can tell, for ``evaluate``'s ceiling of stale recall."""
    evidence = {row[0]: row[4] for row in stale}
    end = city.params.window_days - 1
    out = []
    for g in city.registrations:
        m = g.person
        silent = end - m.last_day
        if g.status == "active" and m.n_obs > 0 and silent >= city.params.stale_quiet_days:
            terms = sum(1 for d in m.terms if d > m.last_day)
            chance = 0.0 if terms else math.exp(-m.rate * silent)
            out.append((g.reg_id, m.key, silent, f"{m.rate * silent + terms:.3f}", f"{chance:.3g}",
                        evidence.get(g.reg_id, "")))
    return out


def _observations_with_ids(city: City) -> list[tuple[str, list, list]]:
    """(source, rows sorted by time, record ids): ids are drawn after sorting, so they say nothing of who."""
    rng = random.Random(f"anju-city:{city.seed}:record-ids")
    getbits = rng.getrandbits
    used: set[str] = set()
    out = []
    for source in SOURCE_ORDER:
        rows = city.observations.get(source, [])
        rows.sort(key=itemgetter(0))
        prefix = RECORD_PREFIX[source]
        ids = [f"{prefix}{getbits(48):015d}" for _ in range(len(rows))]
        for i, rid in enumerate(ids):  # a clash is rare (48 random bits): redraw it, in order
            while rid in used:
                rid = ids[i] = f"{prefix}{getbits(48):015d}"
            used.add(rid)
        out.append((source, rows, ids))
    return out


def _write_interchange(city: City, out: Path, observations) -> None:
    d = city.district
    _write(out / "jurisdictions.csv", JURISDICTION_COLUMNS, d.jurisdiction_rows())
    parts = ADDRESS_COLUMNS[2:]
    _write(out / "addresses.csv", ADDRESS_COLUMNS,
           ((a.code, a.full(), *itemgetter(*parts)(a.parts())) for a in d.addresses))
    registry = sorted((m for m in city.persons if m.in_registry), key=lambda m: m.id_number)
    _write(out / "population.csv", POPULATION_COLUMNS, (
        (m.id_number, m.name, _SEX_ZH[m.sex], m.birth.isoformat(), ETHNIC_NAMES.get(m.ethnicity, m.ethnicity),
         m.hukou) for m in registry))
    _write(out / "registrations.csv", REGISTRATION_COLUMNS, (
        (g.reg_id, g.id_number, g.name, _SEX_ZH[g.person.sex], g.person.birth.isoformat(), g.phone, g.address_text,
         g.address_code, g.registered_at.isoformat(), g.status) for g in city.registrations))
    w = _Writer(out / "observations.csv", OBSERVATION_COLUMNS)
    for source, rows, ids in observations:
        w.write_all([(source, rid, row[0], *row[1], row[2], row[3]) for rid, row in zip(ids, rows)])
    w.close()
    _write(out / "watchlist.csv", WATCHLIST_COLUMNS, (
        (wid, number, name, _SEX_ZH[sex], birth.isoformat(), reason)
        for wid, number, name, sex, birth, reason, _m in city.watchlist))


def _write_truth(city: City, truth: Path, observations, targets: list, stale: list, silences: list) -> None:
    _write(truth / "addresses.csv", TRUTH_ADDRESSES,
           ((a.code, a.building.key, a.kind, a.building.grid.code) for a in city.district.addresses))
    _write(truth / "registrations.csv", TRUTH_REGISTRATIONS, (
        (g.reg_id, g.person.key, g.address.code, g.status, g.state, g.typo, "1" if not g.address_code else "0")
        for g in city.registrations))
    t = _Writer(truth / "observation_persons.csv", TRUTH_OBSERVATIONS)
    for source, rows, ids in observations:
        meaning = SOURCE_MEANING[source]
        t.write_all([(rid, source, row[4], row[5], meaning, row[6]) for rid, row in zip(ids, rows)])
    t.close()
    _write(truth / "watch_hits.csv", TRUTH_WATCH, (
        (wid, m.key if m else "", "1" if m else "0", m.n_obs if m else 0)
        for wid, _n, _name, _s, _b, _r, m in city.watchlist))
    _write(truth / "persons.csv", TRUTH_PERSONS, (
        (m.key, m.id_number, m.name, m.sex, m.birth.isoformat(), m.ethnicity, m.phone, m.origin, m.status,
         m.event.isoformat() if m.event else "", m.home.code if m.home else "", m.prev.code if m.prev else "",
         f"H{m.household + 1:06d}" if m.household >= 0 else "", int(m.in_registry), int(m.is_landlord),
         int(m.home is not None), m.n_obs, m.home_obs.get(m.home.index, 0) if m.home else 0)
        for m in city.persons))
    _write(truth / "targets.csv", TRUTH_TARGETS, targets)
    _write(truth / "stale.csv", TRUTH_STALE, stale)
    _write(truth / "silences.csv", TRUTH_SILENCES, silences)


def _summary(city: City, counts: dict, targets: list, stale: list) -> dict:
    persons = city.persons
    living = [m for m in persons if m.home is not None]
    statuses: dict[str, int] = {}
    for m in persons:
        statuses[m.status] = statuses.get(m.status, 0) + 1
    kinds: dict[str, int] = {}
    for row in targets:
        kinds[row[3]] = kinds.get(row[3], 0) + 1
    evidence: dict[str, int] = {}
    for row in stale:
        evidence[row[4]] = evidence.get(row[4], 0) + 1
    d = city.district
    return {
        "rows": counts,
        "persons_by_status": dict(sorted(statuses.items())),
        "residents": len(living),
        "migrant_residents": sum(1 for m in living if m.origin != "local"),
        "children_under_16": sum(1 for m in living if m.age_at(city.as_of) < 16),
        "stations": len(d.stations), "communities": len(d.communities), "grids": len(d.grids),
        "dwellings": sum(1 for a in d.addresses if a.kind == "dwelling"),
        "buildings": sum(1 for b in d.buildings if b.kind != "org"),
        "targets": {"total": len(targets), **kinds, "revealable": sum(r[8] for r in targets)},
        "stale": {"total": len(stale), **evidence, "revealable": sum(r[6] for r in stale)},
    }
