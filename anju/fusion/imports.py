"""`anju import observations FILE [--source NAME]`: department and sensor records (interchange observations.csv).

Each record is keyed by (source, record_id) and points to its *profile*: the
identity fields and address of its feed account, exactly as given (every swipe
of one door card repeats them). A profile is normalised once — name forms, ID
number (encrypted, with a blind index), dates, sex, phone, the address matched
to the standard address library — and stored once. A record seen before with
the same content changes nothing, one with new content is updated, a new one
inserted. Writes go in by COPY on PostgreSQL and by ``executemany`` on SQLite
(``core.bulk.insert_rows``), with values as text (``_Adapt``): no model instance
and no query per row. The tables written carry no foreign-key constraint
(checked row by row at commit, they were a quarter of a PostgreSQL import; the
source and batch ids written are the ones this import holds) and no LIKE index. The whole file is one transaction: a file that cannot be read
changes nothing; rows that cannot be used are reported (file, line, reason)
and skipped.

Large files are read by worker processes (fork, two on two cores): each reads
every row and takes those whose identity falls to it, so all records of one feed
account go to one worker and its profile is normalised once; a CSV file without
quotes is split at line ends, which is what the csv module would do with it, and
only the rows are parsed. This process merges each chunk's parts in file order,
drops duplicates, registers sources and writes. Small files are done inline.

New and changed records are checked against the watchlist once per identity;
a hit raises an alert for the police of the place, with the record_ids behind it.
"""
from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import hashlib
import io
import json
import multiprocessing
import os
import time
import traceback
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from anju.addresses.models import StandardAddress
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit, insert_rows
from anju.core.tabular import decode, read_rows
from anju.fusion.conf import fusion_config
from anju.fusion.models import ImportBatch, Observation, Profile, Source
from anju.lib.fusion.normalise import (
    LOCAL_TZ, id_forms, name_forms, parse_date, parse_datetime, phone_norm, sex_code,
)
from anju.lib.fusion.places import place
from anju.lib.fusion.sources import OTHER, source_defaults
from anju.lib.identity import mask_id_number

COLUMNS = ("source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
           "organisation")
MAX_ERRORS_KEPT = 1000
CHUNK = 10_000                 # rows per unit of work
PARALLEL_FROM_BYTES = 8 << 20  # files this large are read by worker processes

# The columns written, in this order (the tables' own names).
_FIELDS = ("source_id", "record_id", "observed_at", "profile", "digest", "batch_id", "extra")
_PROFILE_FIELDS = ("key", "source_id", "name", "name_simplified", "name_pinyin", "id_cipher", "id_raw_cipher",
                   "id_hash", "id_masked", "id_status", "sex", "birth_date", "phone", "address",
                   "standard_address_id", "address_confidence", "address_level", "organisation", "raw")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0
    alerts: int = 0
    sources: list[str] = field(default_factory=list)
    added: defaultdict = field(default_factory=lambda: defaultdict(int))  # rows inserted, by source id (Source.records)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def source_for(name: str, notes: list[str] | None = None) -> Source:
    """The source called ``name``, registered with the defaults for its name the first time it is seen (and then
    said in ``notes``: what it was taken for, and how to change it)."""
    name = name.strip()[:64]
    found = Source.objects.filter(name=name).first()
    if found is not None:
        return found
    d = source_defaults(name)
    source = Source.objects.create(name=name, kind=d.kind, meaning=d.meaning, trust=d.trust)
    audit_log(actor=None, action="fusion.source.register", object_type="source", object_ids=[source.pk],
              detail={"name": name, "kind": d.kind, "meaning": d.meaning, "trust": d.trust})
    if notes is not None:
        change = f'anju fusion sources --set "{name}" --meaning home|workplace|stay|school|property|other'
        if d.kind == OTHER:
            notes.append(f"新数据源“{name}”名称无法识别，其地址暂不视为住所 / new feed \"{name}\": name not recognised, "
                         f"its addresses are not taken as homes until its meaning is set: {change}")
        else:
            notes.append(f"新数据源“{name}”按名称登记为 {d.kind}（地址含义 {d.meaning}，可信度 {d.trust}）/ new feed "
                         f"\"{name}\" registered by its name as {d.kind} (address means {d.meaning}, trust {d.trust}); "
                         f"to change: {change}")
    return source


class _Normaliser:
    """Per-import caches: the same ID number, name, address text and birth date recur on every record of an
    account, so each distinct value is worked out once."""

    def __init__(self, min_confidence: float):
        from anju.addresses.matching import address_index

        self.index = address_index()
        self.codes, self.buildings = {}, {}
        for code, pk, node, district, road, number, building in StandardAddress.objects.values_list(
                "code", "pk", "jurisdiction_id", "district", "road", "house_number", "building").iterator(
                chunk_size=10000):
            self.codes[code] = (pk, node)
            self.buildings[code] = f"{district}|{road}|{number}|{building}"
        self.nodes = {pk: node for pk, node in self.codes.values()}
        self.min_confidence = min_confidence
        self._ids: dict[str, tuple] = {}
        self._addresses: dict[str, tuple] = {}
        self._births: dict[str, tuple] = {}
        self._sexes: dict[str, str] = {}

    def id_number(self, raw: str) -> tuple[str, str, str, str, str, str]:
        """(number, status, blind index, masked, cipher of the number, cipher of the raw text if it differs)."""
        got = self._ids.get(raw)
        if got is None:
            forms = id_forms(raw)
            number = forms.number
            if not number:
                got = ("", forms.status if raw.strip() else "", "", "", "", crypto.encrypt(raw) if raw.strip() else "")
            else:
                got = (number, forms.status, crypto.blind_index(number), mask_id_number(number),
                       crypto.encrypt(number), crypto.encrypt(raw) if raw != number else "")
            if len(self._ids) < 2_000_000:
                self._ids[raw] = got
        return got

    def address(self, raw: str) -> tuple[int | None, str, float | None, str, int | None]:
        """(standard address pk, code, confidence, level, jurisdiction node id) of a free-text address."""
        got = self._addresses.get(raw)
        if got is None:
            got = (None, "", None, "", None)
            if raw.strip():
                found = self.index.match(raw, limit=5)
                placed = place(found, self.building_of, self.min_confidence, refuse_ties=True)
                if placed is not None and placed[0] in self.codes:
                    code, confidence, level = placed
                    pk, node = self.codes[code]
                    got = (pk, code, round(confidence, 4), level, node)
                elif found:
                    got = (None, "", round(found[0].confidence, 4), found[0].level, None)
            if len(self._addresses) < 1_000_000:
                self._addresses[raw] = got
        return got

    def building_of(self, code: str) -> str | None:
        return self.buildings.get(code)

    def birth(self, raw: str) -> tuple:
        got = self._births.get(raw)
        if got is None:
            try:
                got = (parse_date(raw), "")
            except ValueError:
                got = (None, raw)
            self._births[raw] = got
        return got

    def sex(self, raw: str) -> str:
        got = self._sexes.get(raw)
        if got is None:
            got = self._sexes[raw] = sex_code(raw)
        return got


def profile_key(ident: tuple) -> str:
    """The profile of a record: its source and identity fields exactly as given."""
    return hashlib.blake2b("\x1f".join(map(str, ident)).encode(), digest_size=16).hexdigest()


def _profile(norm: "_Normaliser", adapt: "_Adapt", key: str, ident: tuple, watch_rows: dict,
             check_watchlist: bool) -> tuple:
    """One identity, normalised: the row of the Profile table (with the source's name in place of its id)."""
    source_name, raw_name, raw_id, raw_sex, raw_birth, raw_phone, raw_address, raw_org = ident
    raw_name = raw_name[:100]
    forms = name_forms(raw_name)
    number, status, id_hash, masked, cipher, raw_cipher = norm.id_number(raw_id)
    sex = norm.sex(raw_sex)
    birth, birth_error = norm.birth(raw_birth)
    phone = phone_norm(raw_phone)
    address = raw_address[:255]
    address_pk, code, confidence, level, node = norm.address(address)
    raw = {}
    if birth_error:
        raw["birth_date"] = birth_error
    if raw_sex and not sex:
        raw["sex"] = raw_sex
    if raw_phone != phone and raw_phone:
        raw["phone"] = raw_phone[:40]
    if check_watchlist and (number or (forms.clean and birth)):  # the watchlist matches nothing less
        watch_rows[key] = {"name": raw_name, "number": number if status in ("valid", "legacy") else "",
                           "raw_number": number, "sex": sex, "birth": birth, "node": node,
                           "address": address, "source": source_name, "record_ids": []}
    return (key, source_name, raw_name, forms.simplified[:100], forms.pinyin[:200], cipher, raw_cipher, id_hash,
            masked[:32], status, sex, adapt.day(birth), phone[:20], address, address_pk, confidence, level,
            raw_org[:200], adapt.json(raw))


def _digest(values: list[str]) -> str:
    """Of the row's cells in the file's column order (a re-delivery with reordered columns reads as a change)."""
    return hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()


_UTC = datetime.timezone.utc


class _Adapt:
    """Values as the database driver wants them, without Django's per-value machinery (the ORM's own
    adapters cost more than the rest of a row's work): text, as the database reads it. SQLite: naive UTC
    times, JSON; PostgreSQL: local times with their zone's offset, as ``isoformat`` writes an aware datetime,
    JSON. On PostgreSQL they go into COPY as they are, and a forked reader hands the parent strings (pickling
    aware datetimes and Jsonb wrappers, and writing them out again in the parent, was a third of the import)."""

    def __init__(self):
        self.sqlite = connection.vendor == "sqlite"
        self._hours: dict[str, tuple[str, str] | None] = {}

    def when(self, value):
        if value is None:
            return None
        if self.sqlite:
            return value.astimezone(_UTC).replace(tzinfo=None).isoformat(" ")
        return value.isoformat()

    def when_text(self, text: str):
        """``when(parse_datetime(text))``, with a fast path for the usual local ``YYYY-MM-DDTHH:MM:SS``: the hour as
        stored (in UTC on SQLite) and the zone's offset are worked out once per hour of local time (a zone's offset
        only changes on the hour where it is whole hours, as all of Asia/Shanghai's since 1901 are)."""
        if len(text) == 19 and text[10] in "T " and text.isascii():
            hour = text[:13]
            got = self._hours.get(hour, False)
            if got is False:
                try:
                    local = datetime.datetime.fromisoformat(hour + ":00")
                except ValueError:
                    return self.when(parse_datetime(text))
                offset = LOCAL_TZ.utcoffset(local)
                if offset % datetime.timedelta(hours=1):
                    got = None
                elif self.sqlite:  # the UTC time is the local one with its hour moved, minutes and seconds as written
                    got = ((local - offset).isoformat(" ")[:13], "")
                else:
                    got = (local.isoformat()[:13], local.replace(tzinfo=LOCAL_TZ).isoformat()[19:])
                self._hours[hour] = got
            mm, ss = text[14:16], text[17:19]
            if got and text[13] == ":" and text[16] == ":" and mm.isdigit() and ss.isdigit() and mm < "60" \
                    and ss < "60":
                return got[0] + text[13:] + got[1]
        return self.when(parse_datetime(text))

    def day(self, value):
        return None if value is None else value.isoformat()

    def json(self, value: dict):
        return json.dumps(value, ensure_ascii=False) if value else "{}"


@contextlib.contextmanager
def _big_cache(mib: int = 512):
    """SQLite: a page cache large enough for the indexes a million random keys land in (the default 2 MiB turns
    each insert into disk reads). Other databases manage their own buffers."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = cur.fetchone()[0]
        cur.execute(f"PRAGMA cache_size = -{mib * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA cache_size = {int(before)}")


class _Layout:
    """Where the named columns are in a row's cells. ``values(cells)`` are a row's cells for the named columns,
    trimmed, in the order and with the values ``read_rows`` gives them (a repeated header keeps its first place and
    its last cell), so that a record's digest is the same whichever way the file was read. An identity column the
    file lacks reads as "" (the slot after the named columns)."""

    IDENT = ("source", "name", "id_number", "sex", "birth_date", "phone", "address", "organisation")
    FIELDS = IDENT + ("record_id", "observed_at")

    def __init__(self, columns: list[str]):
        last = {c: i for i, c in enumerate(columns) if c}
        self.names = list(last)
        self.index = [last[c] for c in self.names]
        self.plain = self.index == list(range(len(columns)))  # no unnamed or repeated column: cells are the values
        self.width = len(self.names)
        pos = {c: k for k, c in enumerate(self.names)}
        self.pad = any(c not in pos for c in self.FIELDS)
        self.at = {c: pos.get(c, self.width) for c in self.FIELDS}
        self.extra = [(c, k) for c, k in pos.items() if c not in COLUMNS]

    def values(self, cells: list[str]) -> list[str]:
        if self.plain and len(cells) == self.width:
            return [c.strip() for c in cells]
        n = len(cells)
        return [cells[i].strip() if i < n else "" for i in self.index]


def _text_lines(text: str) -> list[str] | None:
    """The file's records as lines, where splitting at line ends is what the csv module would do: no quote
    anywhere and no bare carriage return. None otherwise (the csv module reads it)."""
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    return text.split("\n")


def _all_values(path, table, layout: _Layout):
    """(line, values) of every row that is not blank, in file order: the CSV split at line ends where that is
    exact (``_text_lines``), else read by the csv module; an Excel file through ``read_rows``. Line numbers are
    counted as ``read_rows`` counts them."""
    if table.encoding == "xlsx":
        for line, row in read_rows(path, required=table.required).rows:
            yield line, list(row.values())
        return
    text, _encoding = decode(Path(path).read_bytes(), table.name)
    lines = _text_lines(text)
    values = layout.values
    first = table.header_line  # the header's line; a title above it is passed over
    if lines is not None:
        del text
        for line in range(first, len(lines)):
            cells = lines[line].split(",")
            v = values(cells)
            if any(v) or any(c.strip() for c in cells):
                yield line + 1, v
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    for _skipped in zip(range(first), reader):
        pass
    for line, cells in enumerate(reader, start=first + 1):
        if any(c.strip() for c in cells):
            yield line, values(cells)


def _in_chunks(items):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _Chunk:
    index: int
    rows: list = field(default_factory=list)      # (line, source name, record_id, observed, key, digest, extra)
    errors: list = field(default_factory=list)    # (line, reason)
    profiles: dict = field(default_factory=dict)  # key -> profile row (source name in place of its id)
    watch: dict = field(default_factory=dict)     # key -> what the watchlist is asked

    def merge(self, other: "_Chunk") -> None:
        """Another worker's part of the same rows: together, in file order."""
        self.rows = sorted(self.rows + other.rows, key=lambda r: r[0]) if other.rows else self.rows
        self.errors += other.errors
        self.profiles.update(other.profiles)
        self.watch.update(other.watch)


def worker_of(ident: tuple, workers: int) -> int:
    """Which worker process takes an account's rows: by a hash that is the same in every process and every run (str's
    hash() is salted per process), so that the accounts, and the findings' numbers after them, come out in the same
    order each time the same file is loaded."""
    return zlib.crc32("\x1f".join(ident).encode()) % workers


class _Worker:
    """Turns rows into record tuples and new profiles; no database access (it may run in a forked process).

    With several workers, each reads every row and takes those whose identity (source and identity fields as
    given) falls to it: all records of one feed account go to one worker, so its profile is normalised once."""

    def __init__(self, norm: "_Normaliser", adapt: "_Adapt", default_source: str | None, known: set[str],
                 layout: _Layout, check_watchlist: bool, me: int = 0, workers: int = 1):
        self.norm, self.adapt, self.default_source, self.known = norm, adapt, default_source, known
        self.layout = layout
        self.check_watchlist = check_watchlist
        self.me, self.workers = me, workers
        self.keys: dict[tuple, str] = {}
        self.done: set[str] = set()

    def chunk(self, index: int, rows) -> _Chunk:
        out = _Chunk(index)
        adapt, keys, layout = self.adapt, self.keys, self.layout
        at = layout.at
        p_source, p_name, p_id, p_sex, p_birth, p_phone, p_address, p_org, p_record, p_observed = (
            at[c] for c in layout.FIELDS)
        default_source = (self.default_source or "").strip()[:64]
        me, workers, pad, extras = self.me, self.workers, layout.pad, layout.extra
        for line, v in rows:
            if pad:
                v.append("")
            source_name = v[p_source][:64] or default_source
            ident = (source_name, v[p_name], v[p_id], v[p_sex], v[p_birth], v[p_phone], v[p_address], v[p_org])
            if workers > 1 and worker_of(ident, workers) != me:
                continue
            record_id = v[p_record]
            if not source_name:
                out.errors.append((line, both(_("source is empty (give the column or --source)"))))
                continue
            if not record_id:
                out.errors.append((line, both(_("record_id is empty"))))
                continue
            if len(record_id) > 64:
                out.errors.append((line, both(_("record_id is longer than 64 characters"))))
                continue
            try:
                observed = adapt.when_text(v[p_observed])
            except ValueError:
                out.errors.append((line, both(_("observed_at %(v)s is not a time (ISO 8601)"), v=v[p_observed])))
                continue
            key = keys.get(ident)
            if key is None:
                key = keys[ident] = profile_key(ident)
            if key not in self.known and key not in self.done:
                self.done.add(key)
                out.profiles[key] = _profile(self.norm, adapt, key, ident, out.watch, self.check_watchlist)
            extra = adapt.json({c: v[k] for c, k in extras if v[k]}) if extras else adapt.json({})
            out.rows.append((line, source_name, record_id, observed, key, _digest(v[:-1] if pad else v), extra))
        return out


def _work(worker: _Worker, path, table, me: int, workers: int, queue) -> None:
    """A forked reader: reads every row, works on its own share of each chunk, puts the results in order."""
    gc.disable()
    worker.me, worker.workers = me, workers
    try:
        for i, rows in enumerate(_in_chunks(_all_values(path, table, worker.layout))):
            queue.put(worker.chunk(i, rows))
        queue.put(None)
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        queue.put(("error", traceback.format_exc()))
    finally:
        queue.close()
        queue.join_thread()
        os._exit(0)


def _chunks(worker: _Worker, path, table, workers: int):
    """The chunks in file order: computed here, or by ``workers`` forked readers (each chunk's parts merged)."""
    if workers <= 1:
        for i, rows in enumerate(_in_chunks((line, list(row.values())) for line, row in table.rows)):
            yield worker.chunk(i, rows)
        return
    ctx = multiprocessing.get_context("fork")
    queues = [ctx.Queue(maxsize=4) for _ in range(workers)]
    procs = [ctx.Process(target=_work, args=(worker, path, table, w, workers, queues[w]), daemon=True)
             for w in range(workers)]
    for p in procs:
        p.start()
    try:
        while True:
            parts = [q.get() for q in queues]
            for got in parts:
                if isinstance(got, tuple):
                    raise RuntimeError(f"an import worker failed:\n{got[1]}")
            if any(got is None for got in parts):
                if not all(got is None for got in parts):
                    raise RuntimeError("the import workers read different numbers of chunks")
                break
            chunk = parts[0]
            for part in parts[1:]:
                chunk.merge(part)
            yield chunk
    finally:
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.kill()


def observations_import(*, path, source: str | None = None, progress=None, check_watchlist: bool = True,
                        workers: int | None = None) -> ImportReport:
    started = time.perf_counter()
    report = ImportReport()
    required = ("record_id",) if source else ("source", "record_id")
    table = read_rows(path, required=required)
    cfg = fusion_config()
    if workers is None:
        big = Path(path).stat().st_size >= PARALLEL_FROM_BYTES and hasattr(os, "fork")
        workers = min(2, os.cpu_count() or 1) if big else 0
    norm = _Normaliser(cfg["address_min_confidence"])
    adapt = _Adapt()
    qn = connection.ops.quote_name
    obs_table, profile_table = qn(Observation._meta.db_table), qn(Profile._meta.db_table)
    insert_sql = (f"INSERT INTO {obs_table} ({', '.join(qn(f) for f in _FIELDS)}) VALUES "
                  f"({', '.join(['%s'] * len(_FIELDS))})")
    update_sql = (f"UPDATE {obs_table} SET {', '.join(f'{qn(f)} = %s' for f in _FIELDS[2:])} "
                  f"WHERE {qn('record_id')} = %s AND {qn('source_id')} = %s")
    profile_sql = (f"INSERT INTO {profile_table} ({', '.join(qn(f) for f in _PROFILE_FIELDS)}) VALUES "
                   f"({', '.join(['%s'] * len(_PROFILE_FIELDS))})")
    # profiles already stored are not normalised again (a new month of the same door cards)
    known = set(Profile.objects.values_list("key", flat=True).iterator(chunk_size=50000))
    source_ids: dict[str, int] = {}
    seen: set[tuple[int, str]] = set()
    watch_rows: dict[str, dict] = {}  # profile key -> what the watchlist is asked, and the new record ids
    was_enabled = gc.isenabled()
    gc.disable()  # a million short tuples and no cycles: collector passes would only cost time
    try:
        with transaction.atomic(), _big_cache():
            batch = ImportBatch.objects.create(file_name=table.name, encoding=table.encoding)
            worker = _Worker(norm, adapt, source, known, _Layout(table.columns), check_watchlist)
            pending_profiles: dict[str, tuple] = {}  # normalised for a dropped row, may be needed later
            fresh_sources: set[int] = set()  # sources without any record before this import
            with connection.cursor() as cur:
                for chunk in _chunks(worker, path, table, workers):
                    _write_chunk(cur, chunk, table.name, batch.pk, report, source_ids, seen, known, watch_rows,
                                 (insert_sql, update_sql, profile_sql, obs_table, profile_table), norm,
                                 check_watchlist, pending_profiles, fresh_sources)
                    if progress:
                        progress(len(chunk.rows) + len(chunk.errors))
            report.notes[:0] = table.notes  # read with the rows (an Excel file's long numbers), said first
            report.rows = len(seen) + len(report.errors)
            report.errors.sort(key=lambda e: e[1])
            report.sources = sorted(source_ids)
            if check_watchlist:
                report.alerts = _check_watchlist(watch_rows)
            report.seconds = time.perf_counter() - started
            batch.created, batch.updated, batch.unchanged, batch.skipped = (
                report.created, report.updated, report.unchanged, len(report.errors))
            batch.errors = [list(e) for e in report.errors[:MAX_ERRORS_KEPT]]
            batch.notes, batch.seconds = report.notes, round(report.seconds, 2)
            batch.save()
            _count_records(report.added)
            audit_log(actor=None, action="fusion.observations.import", object_type="import_batch",
                      object_ids=[batch.pk], detail={"file": table.name, "created": report.created,
                                                     "updated": report.updated, "unchanged": report.unchanged,
                                                     "skipped": len(report.errors)})
    finally:
        if was_enabled:
            gc.enable()
    analyze_after_commit(Observation, Profile)
    return report


def _count_records(added: dict[int, int]) -> None:
    """Adds the rows the import inserted to each feed's count (Source.records), at the end of the import's
    transaction so that the feeds' rows are locked only moments before the commit (an operator saving a feed's trust
    meanwhile waits that long, not the whole import), in the order of their ids (two imports never wait on each
    other crosswise)."""
    for source_id, n in sorted(added.items()):
        if n:
            Source.objects.filter(pk=source_id).update(records=F("records") + n)


def _write_chunk(cur, chunk: _Chunk, file_name: str, batch_id: int, report: ImportReport, source_ids: dict,
                 seen: set, known: set, watch_rows: dict, sql: tuple, norm: "_Normaliser",
                 check_watchlist: bool, pending_profiles: dict, fresh_sources: set) -> None:
    insert_sql, update_sql, profile_sql, obs_table, profile_table = sql
    obs_columns = [cur.db.ops.quote_name(f) for f in _FIELDS]
    profile_columns = [cur.db.ops.quote_name(f) for f in _PROFILE_FIELDS]
    report.errors += [(file_name, line, reason) for line, reason in chunk.errors]
    for name in {r[1] for r in chunk.rows} - set(source_ids):
        source_ids[name] = source_for(name, report.notes).pk
        if not Source.objects.filter(pk=source_ids[name], records__gt=0).exists():  # was a scan of the records
            fresh_sources.add(source_ids[name])
    by_source: dict[int, list] = defaultdict(list)
    used: set[str] = set()
    for line, source_name, record_id, observed, key, digest, extra in chunk.rows:
        src_id = source_ids[source_name]
        if (src_id, record_id) in seen:
            report.errors.append((file_name, line, both(_("record_id %(id)s of %(source)s appears twice in the file"),
                                                        id=record_id, source=source_name)))
            continue
        seen.add((src_id, record_id))
        used.add(key)
        by_source[src_id].append((src_id, record_id, observed, key, digest, batch_id, extra))
    new_profiles = [(k, v) for k, v in chunk.profiles.items() if k not in known and k in used]
    if new_profiles:
        insert_rows(cur, profile_table, profile_columns, [(k, source_ids[v[1]], *v[2:]) for k, v in new_profiles],
                    sql=profile_sql)
        known.update(k for k, _v in new_profiles)
        watch_rows.update({k: w for k, w in chunk.watch.items() if k not in watch_rows})
    for key, value in chunk.profiles.items():  # made by a worker for a row it dropped: keep for a later chunk
        if key not in known and key not in used:
            pending_profiles[key] = (value, chunk.watch.get(key))
    missing = [k for k in used if k not in known and k in pending_profiles]
    if missing:
        insert_rows(cur, profile_table, profile_columns,
                    [(k, source_ids[pending_profiles[k][0][1]], *pending_profiles[k][0][2:]) for k in missing],
                    sql=profile_sql)
        known.update(missing)
        for k in missing:
            if pending_profiles[k][1] is not None and k not in watch_rows:
                watch_rows[k] = pending_profiles[k][1]
            del pending_profiles[k]
    changed_rows = []
    for source_id, rows in by_source.items():
        # a source with no records before this import has none to compare with (repeats in the file are caught above)
        existing = {} if source_id in fresh_sources else dict(_existing(
            cur, obs_table, "record_id", [r[1] for r in rows], extra=("digest", "source_id = %s", source_id)))
        new = [r for r in rows if r[1] not in existing] if existing else rows
        changed = [r for r in rows if r[1] in existing and existing[r[1]] != r[4]]
        report.unchanged += len(rows) - len(new) - len(changed)
        if new:
            insert_rows(cur, obs_table, obs_columns, new, sql=insert_sql)
        if changed:
            cur.executemany(update_sql, [(*r[2:], r[1], r[0]) for r in changed])
        report.created += len(new)
        report.added[source_id] += len(new)
        report.updated += len(changed)
        changed_rows += new
        changed_rows += changed
    if check_watchlist and changed_rows:
        _watch_info(cur, profile_table, {r[3] for r in changed_rows} - set(watch_rows), watch_rows, norm,
                    {v: k for k, v in source_ids.items()})
        for r in changed_rows:
            w = watch_rows.get(r[3])
            if w is not None:
                w["record_ids"].append(r[1])


def _existing(cur, table: str, column: str, values: list, *, extra: tuple | None = None) -> list:
    """Rows of ``table`` whose ``column`` is among ``values`` (in chunks the database accepts): the values, or
    (value, extra column) pairs when ``extra`` = (column, condition, parameter) is given."""
    out = []
    for i in range(0, len(values), 900):
        chunk = values[i:i + 900]
        marks = ", ".join(["%s"] * len(chunk))
        if extra:
            cur.execute(f"SELECT {column}, {extra[0]} FROM {table} WHERE {extra[1]} AND {column} IN ({marks})",
                        [extra[2], *chunk])
            out += cur.fetchall()
        else:
            cur.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk)
            out += [r[0] for r in cur.fetchall()]
    return out


def _watch_info(cur, profile_table: str, keys: set[str], watch_rows: dict, norm: "_Normaliser",
                source_names: dict[int, str]) -> None:
    """What the watchlist is asked for new records of profiles stored earlier (a known account's new records are
    checked too)."""
    keys = list(keys)
    for i in range(0, len(keys), 900):
        chunk = keys[i:i + 900]
        cur.execute(f"SELECT key, name, id_cipher, id_status, sex, birth_date, standard_address_id, address, "
                    f"source_id FROM {profile_table} WHERE key IN ({', '.join(['%s'] * len(chunk))})", chunk)
        for key, name, cipher, status, sex, birth, address_pk, address, source_id in cur.fetchall():
            number = crypto.decrypt(cipher) if cipher else ""
            if isinstance(birth, str):
                birth = datetime.date.fromisoformat(birth)
            if not (number or birth):
                continue  # the watchlist matches a number, or a name with a birth date
            watch_rows[key] = {"name": name, "number": number if status in ("valid", "legacy") else "",
                               "raw_number": number, "sex": sex, "birth": birth, "node": norm.nodes.get(address_pk),
                               "address": address, "source": source_names.get(source_id, ""), "record_ids": []}


def _check_watchlist(watch_rows: dict[str, dict]) -> int:
    """One watchlist look-up per identity among the new and changed records; alerts carry their record_ids."""
    from anju.jurisdictions.models import Node
    from anju.registrations.imports import fallback_node
    from anju.watchlist.services import alert_raise, watch_index

    index = watch_index()
    if not index.size:
        return 0
    grouped: dict[tuple, dict] = {}
    rows = [w for w in watch_rows.values() if w["record_ids"]]
    found = index.match_many({"id_number": w["number"] or w["raw_number"], "name": w["name"], "sex": w["sex"],
                              "birth_date": w["birth"]} for w in rows)
    for w, hits in zip(rows, found):
        for hit in hits:
            key = (hit.entry.key, w["node"], w["address"])
            g = grouped.setdefault(key, {"hit": hit, "w": w, "record_ids": []})
            g["record_ids"] += w["record_ids"]
            if hit.confidence > g["hit"].confidence:
                g["hit"] = hit
    if not grouped:
        return 0
    nodes = {n.pk: n for n in Node.objects.filter(pk__in={k[1] for k in grouped if k[1]})}
    fallback = None
    for (_watch_id, node_id, address), g in grouped.items():
        node = nodes.get(node_id)
        if node is None:
            fallback = fallback or fallback_node()
            node = fallback
        w = g["w"]
        alert_raise(hit=g["hit"], source=f"observation:{w['source']}", node=node, name=w["name"],
                    id_number=w["number"] or w["raw_number"], address=address, object_type="observation",
                    record_ids=sorted(set(g["record_ids"])))
    return len(grouped)
