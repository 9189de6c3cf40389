"""`anju fusion run`: load what is on record and what the feeds saw, resolve persons, score findings, save.

The Django side of fusion: it reads the database in bulk (a handful of
queries, no query per person), hands plain data to ``anju.lib.fusion`` and
writes the results back in bulk. The steps:

1. **Load.** The identity registry (``P<pk>``), registrations (``R<pk>``) and
   observation *profiles* (``O<profile>``: the records of one feed account
   share their identity fields and address, so a million records are a few
   hundred thousand identities). ID numbers are decrypted in memory only.
2. **Link** (``lib.fusion.link``): Splink on DuckDB, trained on these data
   without labels, then grouped with the cannot-link rule. An incremental run
   (``incremental=True``, or automatically when the only change is new
   observations and a trained model exists) links only the new profiles
   against what is resolved (``predict_between`` + ``predict_within``).
3. **Persons.** A group holding a valid ID number of the registry or of a
   registration is that known person (key: the ID number); any other group is
   an unknown person with a stable ``U…`` key (kept from the previous run
   where the group is the same).
4. **Findings** (``lib.fusion.findings``), routed to the officer of the
   address, merged with earlier findings: decided ones are not raised again,
   rejected ones only on newer evidence, open ones no longer supported are
   withdrawn.
5. **Watchlist.** A person resolved to a wanted person's identity raises an
   alert with the record_ids that were not behind an alert yet.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from anju.accounts.choices import Role
from anju.accounts.models import User
from anju.addresses.models import StandardAddress
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.bulk import analyze_after_commit
from anju.fusion.choices import FindingStatus
from anju.fusion.conf import fusion_config
from anju.fusion.models import Entity, Finding, FusionRun, Link, Observation, Profile, Residence, Source
from anju.jurisdictions.models import Node
from anju.lib.fusion import meanings, places
from anju.lib.fusion import findings as ff
from anju.lib.fusion.counts import CountModel
from anju.lib.fusion.link import anchor_of, link, link_new, record
from anju.lib.fusion.normalise import LOCAL_TZ, id_forms, org_norm
from anju.lib.fusion.places import RIVAL, place
from anju.lib.fusion.sources import HOME, STATED
from anju.lib.identity import mask_id_number
from anju.people.models import RegistryRecord
from anju.registrations.choices import RegistrationStatus
from anju.registrations.models import Registration

logger = logging.getLogger(__name__)


class FusionError(ValueError):
    pass


@dataclass
class _Address:
    code: str
    building: str
    house: str
    node: int
    full: str
    area: str  # the house key a place known only to its village or community has (``address_keys``)


@dataclass
class _Profile:
    key: str
    source: int
    meaning: str
    trust: float
    address_pk: int | None
    address_text: str
    level: str
    days: list = field(default_factory=list)
    record_ids: list = field(default_factory=list)


def _say(progress, text):
    if progress:
        progress(text)


def _h(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest().upper()


class Loader:
    """Everything the run needs, read in bulk."""

    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.addresses: dict[int, _Address] = {}
        for pk, code, district, street, community, road, number, building, node, full in \
                StandardAddress.objects.values_list(
                    "pk", "code", "district", "street", "community", "road", "house_number", "building",
                    "jurisdiction_id", "full_address").iterator(chunk_size=10000):
            house, area = places.address_keys(code, district, street, community, road, number)
            self.addresses[pk] = _Address(code, f"{house}|{building}", house, node, full, area)
        self.districts = set(StandardAddress.objects.values_list("district", flat=True).distinct())
        self.by_code = {a.code: pk for pk, a in self.addresses.items()}
        self.sources = {s.pk: s for s in Source.objects.all()}
        self._match_cache: dict[str, tuple] = {}
        self.reg_rivals: dict[int, tuple] = {}  # free-text registrations the normaliser reads as several buildings
        self.first_day = self.last_day = None  # the data's window (``window``)

    # -- the window of the feeds
    def window(self) -> tuple[dt.date | None, dt.date | None]:
        """The days the feeds cover (``findings.data_window``: records far outside, from wrong clocks, are not)."""
        table = Observation._meta.db_table
        counts: Counter = Counter()
        with connection.cursor() as cur:
            if connection.vendor == "sqlite":  # naive UTC text: one group per UTC hour, made local here
                cur.execute(f"SELECT substr(observed_at, 1, 13), count(*) FROM {table} GROUP BY 1")
                for hour, n in cur.fetchall():
                    moment = dt.datetime.fromisoformat(hour + ":00").replace(tzinfo=dt.timezone.utc)
                    counts[moment.astimezone(LOCAL_TZ).date()] += n
            else:
                cur.execute(f"SELECT (observed_at AT TIME ZONE %s)::date, count(*) FROM {table} GROUP BY 1",
                            [str(LOCAL_TZ)])
                counts.update(dict(cur.fetchall()))
        first, last = ff.data_window(counts, gap_days=self.cfg["stale_quiet_days"])
        self.first_day, self.last_day = first, last
        return first, last

    def match(self, text: str, min_confidence: float) -> tuple[int | None, str, tuple]:
        """A free-text address placed at building level with a low bar (registrations written by hand): (address,
        level, the buildings the text reads as nearly as well — "陶堰村96号" where two lanes have a 96号)."""
        got = self._match_cache.get(text)
        if got is None:
            from anju.addresses.matching import address_index

            got = (None, "", ())
            found = address_index().match(text, limit=5) if text.strip() else []
            building_of = (lambda c: self.addresses[self.by_code[c]].building if c in self.by_code else None)
            placed = place(found, building_of, min_confidence)
            if placed is not None and placed[0] in self.by_code:
                bar = max(min_confidence, RIVAL * found[0].confidence)
                rivals = tuple(sorted({b for m in found if m.confidence >= bar and (b := building_of(m.code))}))
                got = (self.by_code[placed[0]], placed[2], rivals if len(rivals) > 1 else ())
            self._match_cache[text] = got
        return got

    def outside(self, text: str) -> bool:
        """An address that names another district or city than the library's: a home outside the area."""
        from anju.lib.address import parse_address

        if not text.strip():
            return False
        parsed = parse_address(text)
        return bool(parsed.district) and parsed.district not in self.districts

    # -- records for linking
    def registry(self):
        rows = []
        for pk, cipher, name, sex, birth in RegistryRecord.objects.values_list(
                "pk", "id_cipher", "name", "sex", "birth_date").iterator(chunk_size=20000):
            rows.append(record(f"P{pk}", id_number=crypto.decrypt(cipher), name=name, sex=sex,
                               birth=birth.isoformat() if birth else ""))
        return rows

    def registrations(self):
        rows, regs = [], {}
        legacy = set(Registration.objects.filter(extra__id_legacy=True).values_list("pk", flat=True))
        # a registration imported without registered_at holds the import day: not evidence of a declared move
        undated = set(Registration.objects.filter(extra__registered_at_unknown=True).values_list("pk", flat=True))
        # a cancelled registration from an import: the file says it ended, not when
        end_unknown = set(Registration.objects.filter(extra__ended_on_unknown=True).values_list("pk", flat=True))
        for pk, number, status, cipher, name, sex, birth, phone, address_pk, text, starts, ends, node in \
                Registration.objects.values_list("pk", "number", "status", "id_cipher", "name", "sex", "birth_date",
                                                 "phone", "standard_address_id", "address", "starts_on", "ended_on",
                                                 "jurisdiction_id").iterator(chunk_size=20000):
            level = "room"
            if address_pk is None and text:
                address_pk, level, rivals = self.match(text, self.cfg["registration_address_min_confidence"])
                if rivals:
                    self.reg_rivals[pk] = rivals
            a = self.addresses.get(address_pk) if address_pk else None
            rows.append(record(f"R{pk}", id_number=crypto.decrypt(cipher), legacy=pk in legacy, name=name, sex=sex,
                               birth=birth.isoformat() if birth else "", phone=phone, meaning=HOME,
                               code=a.code if a and level == "room" else "", building=a.building if a else "",
                               house=a.house if a else ""))
            regs[pk] = (number, status == RegistrationStatus.ACTIVE, address_pk, level,
                        None if pk in undated else starts, None if pk in end_unknown else ends, node)
        return rows, regs

    def profiles(self):
        """One linking record per observation profile (the identity of one feed account)."""
        rows, profiles = [], {}
        for key, src, name, cipher, status, sex, birth, phone, address_pk, text, level, org in \
                Profile.objects.values_list("key", "source_id", "name", "id_cipher", "id_status", "sex", "birth_date",
                                            "phone", "standard_address_id", "address", "address_level",
                                            "organisation").iterator(chunk_size=20000):
            source = self.sources[src]
            a = self.addresses.get(address_pk) if address_pk else None
            number = crypto.decrypt(cipher) if cipher else ""
            rows.append(record(f"O{key}", id_number=number, legacy=status == "legacy", name=name, sex=sex,
                               birth=birth.isoformat() if birth else "", phone=phone, meaning=source.meaning,
                               code=a.code if a and level == "room" else "", building=a.building if a else "",
                               house=a.house if a else "",
                               org=org_norm(org) if source.meaning == "workplace" else ""))
            profiles[key] = _Profile(key, source.pk, source.meaning, source.trust, address_pk, text or "", level or "")
        return rows, profiles

    def traces(self, profiles: dict[str, _Profile]) -> None:
        """Every record's local day and id, onto its profile (one pass over the table)."""
        day_of: dict[str, dt.date] = {}
        with connection.cursor() as cur:
            cur.execute(f"SELECT profile, record_id, observed_at FROM {Observation._meta.db_table}")
            while True:
                chunk = cur.fetchmany(50000)
                if not chunk:
                    break
                for profile, rid, at in chunk:
                    p = profiles.get(profile)
                    if p is None or at is None:
                        if p is not None:
                            p.record_ids.append(rid)
                        continue
                    # the local day depends on the UTC date and hour only: one conversion per hour
                    key = at[:13] if isinstance(at, str) else (at.year, at.month, at.day, at.hour, at.tzinfo is None)
                    day = day_of.get(key, False)
                    if day is False:
                        moment = dt.datetime.fromisoformat(key + ":00") if isinstance(at, str) else at
                        if moment.tzinfo is None:
                            moment = moment.replace(tzinfo=dt.timezone.utc)
                        day = day_of[key] = moment.astimezone(LOCAL_TZ).date()
                        if self.first_day is not None and not self.first_day <= day <= self.last_day:
                            day = day_of[key] = None  # a wrong clock: neither a trace nor evidence
                    if day is None:
                        continue
                    p.days.append(day)
                    p.record_ids.append(rid)


def _meanings_before_linking(loader, reg_rows, regs, profile_rows, profiles) -> dict:
    """What a feed of unsettled meaning (face capture, unknown names) means, learnt from its accounts that carry a
    valid ID number (``meanings.agreements_by_id``); the linking rows of a feed read as home say so, so that its
    records are compared with homes by address. A meaning set by hand stands."""
    candidates = {s.pk: s.name for s in loader.sources.values() if s.kind in meanings.LEARNT_KINDS
                  and not s.meaning_fixed}
    if not candidates:
        return {}
    registered: dict[str, set[str]] = defaultdict(set)
    for row in reg_rows:
        number = anchor_of(row)
        _number, active, address_pk, *_rest = regs[int(row["unique_id"][1:])]
        if number and row["place_house"] and active:
            # a record placed only at the registration's village (a gate camera there) agrees with it too
            registered[number] |= {row["place_house"], loader.addresses[address_pk].area}
    accounts = []
    for row in profile_rows:
        number = anchor_of(row)
        if number and row["place_house"] and number in registered:
            p = profiles[row["unique_id"][1:]]
            accounts.append((number, loader.sources[p.source].name, row["place_house"], p.meaning))
    learnt = meanings.decide(meanings.agreements_by_id(registered, accounts), set(candidates.values()))
    homes = {pk for pk, name in candidates.items() if learnt.get(name, {}).get("home")}
    for row in profile_rows:
        if profiles[row["unique_id"][1:]].source in homes:
            row["place_meaning"] = HOME
    return learnt


def _bulk_sync(model, columns: list[str], rows: list[tuple], *, key: str | None = None,
               ignore: tuple[str, ...] = ()) -> dict[str, int]:
    """Make a table of derived data (the latest run's) hold ``rows``, writing only the difference: rows whose ``key``
    is gone are deleted, changed ones updated, new ones inserted; without a key, rows are compared whole (a
    multiset). Columns in ``ignore`` are written but not compared (a ciphertext differs every time; its blind index
    says whether the value changed). Deleting every row and inserting them again cost PostgreSQL 20 s of a run on
    the 20k city (its executemany runs a statement per row; fusion/README, Measured) for rows that were mostly the
    same, and left as many dead rows behind."""
    fields = [model._meta.get_field(c) for c in columns]
    at = columns.index(key) if key else None
    compared = [i for i, c in enumerate(columns) if c not in ignore and i != at]

    def values(row):  # as the database gives them back (a date for "2001-02-03")
        return tuple(fields[i].to_python(row[i]) for i in compared)

    stored: dict = {}
    for pk, *got in model.objects.values_list("pk", *columns).iterator(chunk_size=20000):
        if at is None:
            stored.setdefault(tuple(got[i] for i in compared), []).append(pk)
        else:
            stored[got[at]] = (pk, tuple(got[i] for i in compared))
    insert, update = [], []
    for row in rows:
        if at is None:
            kept = stored.get(values(row))
            if kept:
                kept.pop()
            else:
                insert.append(row)
            continue
        old = stored.pop(row[at], None)
        if old is None:
            insert.append(row)
        elif old[1] != values(row):
            update.append((*row, old[0]))
    gone = [pk for pks in stored.values() for pk in pks] if at is None else [pk for pk, _v in stored.values()]
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    with connection.cursor() as cur:
        for i in range(0, len(gone), 500):
            part = gone[i:i + 500]
            cur.execute(f"DELETE FROM {table} WHERE {qn(model._meta.pk.column)} IN ({', '.join(['%s'] * len(part))})",
                        part)
        _update_by_pk(cur, model, [f.column for f in fields], update)
        sql = f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        for i in range(0, len(insert), 20000):
            cur.executemany(sql, insert[i:i + 20000])
    return {"inserted": len(insert), "updated": len(update), "deleted": len(gone),
            "unchanged": len(rows) - len(insert) - len(update)}


def _officers() -> dict[str, User]:
    """Officers by their node's path, to route a finding to the officer of the address (deepest first)."""
    out = {}
    for user in User.objects.filter(role=Role.OFFICER, is_active=True, jurisdiction__isnull=False).select_related(
            "jurisdiction").order_by("pk"):
        out.setdefault(user.jurisdiction.path, user)
    return out


def _route(node: Node, officers: dict[str, User]) -> User | None:
    path = node.path
    best = None
    for prefix, user in officers.items():
        if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, user)
    return best[1] if best else None


def quiet_splink() -> None:
    """Splink reports every training step on the console; batch jobs keep their own progress bar."""
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)


def fusion_run(*, as_of: dt.date | None = None, progress=None, incremental: bool | None = None,
               count_blocks: bool = False) -> FusionRun:
    quiet_splink()
    cfg = fusion_config()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    loader = Loader(cfg)
    first_day, last_day = loader.window()
    as_of = as_of or last_day or timezone.localdate()
    window_start = first_day or as_of - dt.timedelta(days=365)
    run = FusionRun.objects.create(as_of=as_of, config={k: v for k, v in cfg.items()})
    stats: dict = {"as_of": as_of.isoformat(), "window_start": window_start.isoformat()}
    try:
        _say(progress, "loading")
        t = time.perf_counter()
        reg_rows, regs = loader.registrations()
        registry_rows = loader.registry()
        profile_rows, profiles = loader.profiles()
        stats["learnt_meanings_before_linking"] = _meanings_before_linking(loader, reg_rows, regs, profile_rows,
                                                                           profiles)
        rows = registry_rows + reg_rows + profile_rows
        timings["load"] = time.perf_counter() - t
        stats.update({"registry": len(registry_rows), "registrations": len(reg_rows), "profiles": len(profile_rows)})
        previous = FusionRun.objects.filter(status=FusionRun.Status.DONE).exclude(pk=run.pk).order_by("-pk").first()
        old_links = dict(Link.objects.values_list("uid", "entity_hash"))
        if incremental is None:
            incremental = bool(previous and previous.model) and all(
                r["unique_id"] in old_links for r in registry_rows + reg_rows) and any(
                r["unique_id"] not in old_links for r in profile_rows)
        t = time.perf_counter()
        _say(progress, "linking")
        if incremental and previous and previous.model:
            old = [r for r in rows if r["unique_id"] in old_links]
            new = [r for r in rows if r["unique_id"] not in old_links]
            labels_by_hash: dict[str, int] = {}
            old_labels = [labels_by_hash.setdefault(old_links[r["unique_id"]], i) for i, r in enumerate(old)]
            result = link_new(old, old_labels, new, model=previous.model, threshold=cfg["link_threshold"])
            # an old record's strongest pair may be one an earlier run scored (link_new scores the new pairs only):
            # written as 0 it rewrote nearly every link of each incremental run
            stored = dict(Link.objects.values_list("uid", "probability"))
            for i, r in enumerate(old):
                result.best[i] = max(result.best[i], stored[r["unique_id"]])
            rows = old + new
            run.model = previous.model
        else:
            from anju.lib.fusion.model import duckdb_api

            result = link(rows, db_api=duckdb_api(cfg["duckdb_threads"]), threshold=cfg["link_threshold"],
                          train_kwargs={"u_pairs": cfg["u_pairs"], "em_pairs": cfg["em_pairs"]},
                          count_blocks=count_blocks, progress=lambda s: _say(progress, s))
            run.model = result.model
        run.incremental = bool(incremental)
        stats["link"] = result.stats
        timings["link"] = time.perf_counter() - t

        t = time.perf_counter()
        _say(progress, "persons")
        entities, uid_entity = _entities(rows, result, old_links)
        stats["entities"] = len(entities)
        timings["persons"] = time.perf_counter() - t

        t = time.perf_counter()
        _say(progress, "findings")
        loader.traces(profiles)
        results, residences = _assess(rows, uid_entity, entities, profiles, regs, loader, as_of, window_start, cfg,
                                      stats)
        timings["findings"] = time.perf_counter() - t

        t = time.perf_counter()
        _say(progress, "saving")
        from anju.fusion.imports import _big_cache

        with transaction.atomic(), _big_cache():
            saved = {"links": _bulk_sync(Link, ["uid", "entity_hash", "probability"], [
                (r["unique_id"], uid_entity[r["unique_id"]], round(result.best[i], 4) if i < len(result.best) else 0.0)
                for i, r in enumerate(rows)], key="uid")}
            saved["entities"] = _bulk_sync(Entity, ["key_hash", "key_cipher", "known", "id_hash", "id_cipher",
                                                    "id_masked", "name", "sex", "birth_date", "records"],
                                           [e.row() for e in entities.values()], key="key_hash",
                                           ignore=("key_cipher", "id_cipher"))
            stats["findings"] = _save_findings(run, results, loader, regs, cfg)
            saved["residences"] = _save_residences(run, residences)
            stats["saved"] = saved
        analyze_after_commit(Link, Entity, Finding, Residence)
        timings["save"] = time.perf_counter() - t
        t = time.perf_counter()
        stats["alerts"] = _check_watchlist(entities, profiles, loader, regs)
        timings["watchlist"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - t0
        stats["timings"] = {k: round(v, 2) for k, v in timings.items()}
        run.stats, run.status, run.finished_at = stats, FusionRun.Status.DONE, timezone.now()
        run.save()
        audit_log(actor=None, action="fusion.run", object_type="fusion_run", object_ids=[run.pk],
                  detail={"as_of": as_of.isoformat(), "incremental": run.incremental,
                          "findings": stats["findings"], "entities": len(entities)})
    except Exception:
        run.status, run.finished_at, run.stats = FusionRun.Status.FAILED, timezone.now(), stats
        run.save()
        raise
    return run


@dataclass
class _Entity:
    key: str
    known: bool
    anchor: str | None
    uids: list = field(default_factory=list)
    names: Counter = field(default_factory=Counter)
    births: Counter = field(default_factory=Counter)
    sexes: Counter = field(default_factory=Counter)
    registry_name: str = ""
    registry_birth: str = ""
    registry_sex: str = ""

    @property
    def key_hash(self) -> str:
        return crypto.blind_index(self.key, purpose="fusion-entity")

    @property
    def name(self) -> str:
        if self.registry_name:
            return self.registry_name
        chinese = [n for n, _c in self.names.most_common() if n and not n.isascii()]
        return (chinese or [n for n, _c in self.names.most_common() if n] or [""])[0]

    @property
    def birth(self) -> str:
        return self.registry_birth or (self.births.most_common(1)[0][0] if self.births else "")

    def row(self) -> tuple:
        number = self.anchor or ""
        birth = self.birth
        return (self.key_hash, crypto.encrypt(self.key), self.known, crypto.blind_index(number) if number else "",
                crypto.encrypt(number) if number else "", mask_id_number(number) if number else "", self.name[:100],
                (self.registry_sex or (self.sexes.most_common(1)[0][0] if self.sexes else ""))[:1],
                birth or None, len(self.uids))


def _entities(rows, result, old_links: dict[str, str]) -> tuple[dict[int, _Entity], dict[str, str]]:
    """Name each group: a known person's ID number, or a stable key for an unknown person."""
    known_ids = {r["id_number"] for r in rows if r["unique_id"][0] in "PR" and r["id_number"]
                 and id_forms(r["id_number"]).valid}
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(result.labels):
        groups[label].append(i)
    old_keys: dict[str, str] = {}  # previous entity hash -> key (unknown persons only)
    if old_links:
        for key_hash, cipher, known in Entity.objects.filter(known=False).values_list("key_hash", "key_cipher", "known"):
            old_keys[key_hash] = crypto.decrypt(cipher)
    entities: dict[int, _Entity] = {}
    taken: set[str] = set()
    for label, members in groups.items():
        # a checked 18-digit number names the group before one converted from the 15-digit form (cluster.py)
        anchors = [(bool(rows[i]["id_legacy"]), a) for i in members if (a := anchor_of(rows[i]))]
        anchor = min(anchors)[1] if anchors else None
        known = anchor is not None and anchor in known_ids
        if known:
            key = anchor
        else:
            key = None
            previous = Counter(old_keys[old_links[rows[i]["unique_id"]]] for i in members
                               if old_links.get(rows[i]["unique_id"]) in old_keys)
            for candidate, _n in previous.most_common():
                if candidate not in taken:
                    key = candidate
                    break
            if key is None:
                seed = f"id:{anchor}" if anchor else "uid:" + min(rows[i]["unique_id"] for i in members)
                key = "U" + _h(seed)
        taken.add(key)
        e = _Entity(key, known, anchor)
        for i in members:
            r = rows[i]
            e.uids.append(r["unique_id"])
            if r["unique_id"][0] == "P" and r["id_number"] == anchor:
                e.registry_name, e.registry_birth, e.registry_sex = r["name_clean"] or "", r["birth"] or "", r["sex"] or ""
            if r["name_clean"]:
                e.names[r["name_clean"]] += 1
            if r["birth"]:
                e.births[r["birth"]] += 1
            if r["sex"]:
                e.sexes[r["sex"]] += 1
        entities[label] = e
    uid_entity = {uid: e.key_hash for e in entities.values() for uid in e.uids}
    return entities, uid_entity


def _place(loader: Loader, address_pk: int | None, level: str) -> ff.Place | None:
    a = loader.addresses.get(address_pk) if address_pk else None
    if a is None:
        return None
    return ff.Place(a.code, a.building, level == "room", str(a.node), a.area)


def _assess(rows, uid_entity, entities, profiles, regs, loader, as_of, window_start, cfg, stats) -> tuple[list, list]:
    by_hash = {e.key_hash: e for e in entities.values()}
    persons: dict[str, ff.Person] = {}
    for e in entities.values():
        persons[e.key_hash] = ff.Person(key=e.key_hash, known=e.known, valid_id=e.anchor is not None)
    outside_cache: dict[str, bool] = {}
    for r in rows:
        uid = r["unique_id"]
        person = persons[uid_entity[uid]]
        if uid[0] == "O":
            p = profiles[uid[1:]]
            place = _place(loader, p.address_pk, p.level)
            outside = False
            if place is None and p.meaning == HOME and p.address_text:
                outside = outside_cache.get(p.address_text)
                if outside is None:
                    outside = outside_cache[p.address_text] = loader.outside(p.address_text)
            source = loader.sources[p.source]
            person.accounts.append(ff.Account(p.key, source.name, p.meaning, p.trust, place, outside, p.days,
                                              p.record_ids, stated=source.kind in STATED and p.meaning == HOME))
        elif uid[0] == "R":
            number, active, address_pk, level, starts, ends, _node = regs[int(uid[1:])]
            person.registrations.append(ff.Registration(number, active, _place(loader, address_pk, level), starts,
                                                        ends_on=ends, rivals=loader.reg_rivals.get(int(uid[1:]), ())))
    # a feed whose name does not say what its address means (face capture: a compound's gate or a site's?) is read
    # the way its records agree with registrations (lib/fusion/meanings.py); a meaning set by hand stands
    candidates = {s.name for s in loader.sources.values() if s.kind in meanings.LEARNT_KINDS and not s.meaning_fixed}
    learnt = meanings.learn(persons.values(), candidates)
    meanings.apply(persons.values(), learnt)
    stats["learnt_meanings"] = learnt
    stats["school_records_at_home"] = meanings.school_homes(persons.values())
    stats["registrations_read_several_ways"] = len(loader.reg_rivals)
    for person in persons.values():
        ff.reconcile_places(person)  # a gate or a factory's number does not contradict a room behind it
    ff.with_households(list(persons.values()))
    rates = ff.fit_rates(list(persons.values()), as_of=as_of, window_start=window_start)
    stats["recording_rates"] = {k: {"shape": round(a, 3), "per_year": round(a / b * 365, 2)} for k, (a, b) in
                                rates.items()}
    # leaving odds from how many records stayers get from each feed, learnt from everyone (counts.py)
    counts = CountModel.fit([ff.streams(p) for p in persons.values()], as_of=as_of, window_start=window_start)
    stats["count_model"] = counts.summary()
    odds = {k: counts.odds(ff.streams(p)) for k, p in persons.items()}
    screens = [ff.screen(p, odds=odds[k]) for k, p in persons.items()]
    priors = ff.priors(screens)
    stats["leaving_priors"] = {k: round(v, 4) for k, v in priors.items()}
    config = {k: cfg[k] for k in ff.DEFAULT_CONFIG}
    newcomer = ff.newcomer_ratios(list(persons.values()), as_of=as_of, prior=priors["registered"], odds=odds,
                                  quiet_days=config["stale_quiet_days"])
    stats["newcomer_ratios"] = [round(x, 3) for x in newcomer]
    out = []
    reg_node = {number: rest[-1] for number, *rest in regs.values()}
    residences = []  # (kind, node id, matched, registration number or ""): the cockpit's registration rate and accuracy
    for key_hash, person in persons.items():
        for finding in ff.assess(person, as_of=as_of, counts=counts, prior_left=priors, config=config, rates=rates,
                                  newcomer=newcomer, odds=odds[key_hash]):
            out.append((by_hash[key_hash], finding))
        home, registered, active = ff.residence(person, as_of=as_of, config=config)
        if home is not None and home.node:
            residences.append((Residence.PERSON, int(home.node), registered, ""))
        residences += [(Residence.REGISTRATION, reg_node[number], evidenced, number) for number, evidenced in active
                       if reg_node.get(number)]
    return out, residences


def _update_rows(model, objects: list, fields: list[str]) -> None:
    """``bulk_update`` of ``objects``' ``fields`` (``_update_by_pk``)."""
    columns = [model._meta.get_field(f) for f in fields]
    params = [[c.get_db_prep_save(getattr(o, c.attname), connection) for c in columns] + [o.pk] for o in objects]
    with connection.cursor() as cur:
        _update_by_pk(cur, model, [c.column for c in columns], params)


def _update_by_pk(cur, model, columns: list[str], params: list) -> None:
    """``bulk_update`` as one prepared UPDATE per row, sent with ``executemany`` (each row's values for ``columns``,
    then its primary key): Django's bulk_update builds a CASE expression per field over the whole batch, which
    SQLite takes minutes over for tens of thousands of rows."""
    qn = connection.ops.quote_name
    sql = (f"UPDATE {qn(model._meta.db_table)} SET {', '.join(f'{qn(c)} = %s' for c in columns)} "
           f"WHERE {qn(model._meta.pk.column)} = %s")
    for i in range(0, len(params), 5000):
        cur.executemany(sql, params[i:i + 5000])


def _save_residences(run: FusionRun, residences: list[tuple[str, int, bool, str]]) -> dict[str, int]:
    """The run's residences, each registration ``contradicted`` when an open stale finding of this run is about it
    (what the officers are asked to check: raised at ``stale_min_score``, not rejected; ``_save_findings`` first), and
    then never ``matched`` as well: the cockpit counts confirmed, contradicted and neither (``selectors._COVERAGE``)."""
    paths = dict(Node.objects.values_list("pk", "path"))
    stale = set(Finding.objects.filter(run=run, kind=ff.STALE, status=FindingStatus.OPEN)
                .values_list("registration__number", flat=True))
    rows = []
    for kind, node, matched, number in residences:
        if node in paths:
            contradicted = kind == Residence.REGISTRATION and number in stale
            rows.append((kind, paths[node], node, matched and not contradicted, contradicted))
    return _bulk_sync(Residence, ["kind", "path", "node_id", "matched", "contradicted"], rows)


def _save_findings(run: FusionRun, results, loader: Loader, regs, cfg) -> dict:
    """Merge this run's findings with the earlier ones (decisions stand) and route new ones to officers."""
    reg_pk = {number: pk for pk, (number, *_rest) in regs.items()}
    reg_node = {pk: rest[-1] for pk, (_n, *rest) in regs.items()}
    nodes = {n.pk: n for n in Node.objects.all()}
    officers = _officers()
    existing: dict[str, Finding] = {}
    for f in Finding.objects.order_by("pk"):
        existing[f.subject] = f  # the newest finding per subject
    fallback = None
    today = timezone.localdate()
    create, update, seen = [], [], set()
    again: list[tuple[Finding, Finding]] = []  # raised again: the new finding, the closed one answered "yes"
    counts = Counter()
    for entity, f in results:
        target = f.registration if f.kind == ff.STALE else (f.place.code if f.place else "")
        subject = f"{f.kind}:{entity.key_hash[:32]}:{target}"[:200]
        seen.add(subject)
        old = existing.get(subject)
        if old is not None and old.status == FindingStatus.CONFIRMED:
            counts["already_confirmed"] += 1
            continue
        if old is not None and old.status == FindingStatus.REJECTED and (
                f.evidence_until is None or old.evidence_until is None or f.evidence_until <= old.evidence_until):
            counts["suppressed"] += 1
            continue  # rejected: raised again only on newer evidence
        address_pk = loader.by_code.get(f.place.code) if f.place else None
        registration_pk = reg_pk.get(f.registration) if f.registration else None
        if f.kind == ff.STALE and registration_pk:
            node = nodes.get(reg_node[registration_pk])
        else:
            a = loader.addresses.get(address_pk) if address_pk else None
            node = nodes.get(a.node) if a else None
        if node is None:
            from anju.registrations.imports import fallback_node

            fallback = fallback or fallback_node()
            node = fallback
        number = entity.anchor if entity.known else ""
        values = dict(
            kind=f.kind, score=f.score, rules=[list(r) for r in f.rules], record_ids=f.record_ids,
            entity_hash=entity.key_hash, name=entity.name[:100], id_cipher=crypto.encrypt(number) if number else "",
            id_hash=crypto.blind_index(number) if number else "", id_masked=mask_id_number(number) if number else "",
            birth_date=dt.date.fromisoformat(entity.birth) if entity.birth else None, standard_address_id=address_pk,
            address=(loader.addresses[address_pk].full if address_pk else "")[:255],
            registration_id=registration_pk, jurisdiction=node,
            proposal="confirm_by_sms" if f.score >= cfg["pending_score"] else "visit",
            first_seen=f.first_seen, last_seen=f.last_seen, evidence_until=f.evidence_until, run=run,
        )
        if old is not None and old.status == FindingStatus.OPEN:
            for k, v in values.items():
                setattr(old, k, v)
            update.append(old)
            counts["updated"] += 1
        else:
            officer = _route(node, officers)
            create.append(Finding(subject=subject, status=FindingStatus.OPEN, assignee=officer,
                                  due_on=today + dt.timedelta(days=cfg["task_due_days"]), **values))
            counts["raised_again" if old is not None else "new"] += 1
            if old is not None and old.person_answer == "yes" and old.person_declaration_id:
                again.append((create[-1], old))
        counts[f.kind] += 1
    if again:
        counts["answer_carried"] = _carry_answers(again)
    Finding.objects.bulk_create(create, batch_size=2000)
    if update:
        now = timezone.now()
        for f in update:
            f.updated_at = now
        _update_rows(Finding, update, ["kind", "score", "rules", "record_ids", "entity_hash", "name", "id_cipher",
                                       "id_hash", "id_masked", "birth_date", "standard_address", "address",
                                       "registration", "jurisdiction", "proposal", "first_seen", "last_seen",
                                       "evidence_until", "run", "updated_at"])
    gone = [f.pk for s, f in existing.items() if f.status == FindingStatus.OPEN and s not in seen]
    for i in range(0, len(gone), 5000):
        Finding.objects.filter(pk__in=gone[i:i + 5000]).update(status=FindingStatus.WITHDRAWN,
                                                                 updated_at=timezone.now())
    counts["withdrawn"] = len(gone)
    return dict(counts)


def _carry_answers(again: list[tuple[Finding, Finding]]) -> int:
    """A finding raised again (a new row for the subject of one withdrawn or resolved) whose person answered "yes" to
    the closed one, and whose declaration of that answer still waits for the officers and still says what the new
    finding asks (``services.declaration_answers``), carries the answer on: the person is not asked again by SMS, and
    approving the declaration confirms the new finding. One query for the declarations; how many were carried."""
    from anju.fusion.services import declaration_answers
    from anju.registrations.choices import DeclarationStatus
    from anju.registrations.models import Declaration

    waiting = Declaration.objects.filter(pk__in={old.person_declaration_id for _new, old in again},
                                         status=DeclarationStatus.PENDING).select_related("house").in_bulk()
    carried = 0
    for new, old in again:
        declaration = waiting.get(old.person_declaration_id)
        if declaration is not None and declaration_answers(new, declaration):
            new.person_answer, new.person_answered_at = old.person_answer, old.person_answered_at
            new.person_declaration, new.sms_sent_at, new.sms_phone_hash = declaration, old.sms_sent_at, old.sms_phone_hash
            carried += 1
    return carried


def _check_watchlist(entities: dict[int, _Entity], profiles: dict[str, _Profile], loader: Loader, regs: dict) -> int:
    """A person resolved to a wanted identity: alert with the records not yet behind an alert for that entry.

    Every resolved person is looked up, with or without a valid ID number: the same number (or one keystroke off
    with the name), or — for an entry or a person without a number — the same name, birth date and sex
    (``lib/watchmatch``), as a record is when it is imported after the watchlist. A name and birth date under two
    different valid numbers are namesakes here: the person's number is settled by linking. A person known only by an
    active registration on file (imported, or made before the entry was listed) is alerted at the registered
    address, once per registration."""
    from anju.registrations.imports import fallback_node
    from anju.watchlist.models import Alert
    from anju.watchlist.services import alert_raise, watch_index

    index = watch_index()
    if not index.size:
        return 0
    raised = 0
    nodes = {n.pk: n for n in Node.objects.all()}
    people = list(entities.values())
    found = index.match_many({"id_number": e.anchor or "", "name": e.name,
                              "sex": e.sexes.most_common(1)[0][0] if e.sexes else "",
                              "birth_date": dt.date.fromisoformat(e.birth) if e.birth else None} for e in people)
    for e, hits in zip(people, found):
        hits = [h for h in hits if any(m.startswith("id_number") for m in h.matched)
                or not (e.anchor and h.entry.id_number)]
        if not hits:
            continue
        rids, place = [], None
        for uid in e.uids:
            if uid[0] == "O":
                p = profiles[uid[1:]]
                rids += p.record_ids
                if p.meaning == HOME and p.address_pk and place is None:
                    place = loader.addresses.get(p.address_pk)
        if not rids:
            raised += _alert_registrations(e, hits, regs, loader, nodes)
            continue
        for hit in hits:
            done = set()
            for ids in Alert.objects.filter(entry__watch_id=hit.entry.key).values_list("record_ids", flat=True):
                done.update(ids)
            fresh = sorted(set(rids) - done)
            if not fresh:
                continue
            node = nodes.get(place.node) if place else None
            alert_raise(hit=hit, source="fusion", node=node or fallback_node(), name=e.name, id_number=e.anchor,
                        address=place.full if place else "", object_type="fusion_person", record_ids=fresh)
            raised += 1
    return raised


def _alert_registrations(e: _Entity, hits, regs: dict, loader: Loader, nodes: dict) -> int:
    """A wanted person with no record but an active registration on file: one alert per entry and registration."""
    from anju.registrations.imports import fallback_node
    from anju.watchlist.models import Alert
    from anju.watchlist.services import alert_raise

    raised = 0
    for uid in e.uids:
        if uid[0] != "R":
            continue
        number, active, address_pk, *_dates, node_id = regs[int(uid[1:])]
        if not active:
            continue
        a = loader.addresses.get(address_pk) if address_pk else None
        for hit in hits:
            if Alert.objects.filter(entry__watch_id=hit.entry.key, object_type="registration",
                                    object_id=number).exists():
                continue
            alert_raise(hit=hit, source="registration.on_file", node=nodes.get(node_id) or fallback_node(),
                        name=e.name, id_number=e.anchor or "", address=a.full if a else "",
                        object_type="registration", object_id=number)
            raised += 1
    return raised
