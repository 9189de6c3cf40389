"""`anju import observations FILE [--source NAME]`: department and sensor records (interchange observations.csv).

One pass over the file: each row is normalised (name forms, ID number, dates,
sex, phone, address matched to the standard address library), checked, and
written in batches with plain ``executemany`` — no model instance and no query
per row. Rows are keyed by (source, record_id): a row seen before with the same
content changes nothing, one with new content is updated, a new one inserted.
The whole file is one transaction: a file that cannot be read changes nothing;
rows that cannot be used are reported (file, line, reason) and skipped.

New and changed records are checked against the watchlist once per identity
(the records of one account share it); a hit raises an alert for the police of
the place with the record_ids behind it.
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from anju.addresses.models import StandardAddress
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.tabular import read_rows
from anju.fusion.conf import fusion_config
from anju.fusion.models import ImportBatch, Observation, Source
from anju.lib.fusion.normalise import (
    id_forms, name_forms, org_norm, parse_date, parse_datetime, phone_norm, sex_code,
)
from anju.lib.fusion.sources import source_defaults
from anju.lib.identity import mask_id_number

COLUMNS = ("source", "record_id", "observed_at", "name", "id_number", "sex", "birth_date", "phone", "address",
           "organisation")
MAX_ERRORS_KEPT = 1000

# The columns written for each row, in this order (the table's own names).
_FIELDS = ("source_id", "record_id", "observed_at", "name", "name_simplified", "name_pinyin", "id_cipher",
           "id_raw_cipher", "id_hash", "id_masked", "id_status", "sex", "birth_date", "phone", "address",
           "standard_address_id", "address_confidence", "address_level", "organisation", "profile", "digest",
           "batch_id", "extra")


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

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def source_for(name: str) -> Source:
    """The source called ``name``, registered with the defaults for its name the first time it is seen."""
    name = name.strip()[:64]
    found = Source.objects.filter(name=name).first()
    if found is not None:
        return found
    d = source_defaults(name)
    source = Source.objects.create(name=name, kind=d.kind, meaning=d.meaning, trust=d.trust)
    audit_log(actor=None, action="fusion.source.register", object_type="source", object_ids=[source.pk],
              detail={"name": name, "kind": d.kind, "meaning": d.meaning, "trust": d.trust})
    return source


class _Normaliser:
    """Per-import caches: the same ID number, name, address text and birth date recur on every record of an
    account, so each distinct value is worked out once."""

    def __init__(self, min_confidence: float):
        from anju.addresses.matching import address_index

        self.index = address_index()
        self.codes = {code: (pk, node) for code, pk, node in
                      StandardAddress.objects.values_list("code", "pk", "jurisdiction_id").iterator(chunk_size=10000)}
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
                found = self.index.match(raw, limit=1)
                if found:
                    m = found[0]
                    pk, node = self.codes.get(m.code, (None, None))
                    placed = m.confidence >= self.min_confidence and pk is not None
                    got = (pk if placed else None, m.code if placed else "", round(m.confidence, 4), m.level,
                           node if placed else None)
            if len(self._addresses) < 1_000_000:
                self._addresses[raw] = got
        return got

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


def profile_key(source_id: int, name: str, number: str, sex: str, birth, phone: str, place: str, org: str) -> str:
    text = "\x1f".join((str(source_id), name, number, sex, birth.isoformat() if birth else "", phone, place, org))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _digest(row: dict, columns: list[str]) -> str:
    text = "\x1f".join([row.get(c, "") for c in columns])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_UTC = datetime.timezone.utc


class _Adapt:
    """Values as the database driver wants them, without Django's per-value machinery (the ORM's own
    adapters cost more than the rest of a row's work). SQLite: naive UTC text, JSON text; PostgreSQL:
    aware datetimes, Jsonb."""

    def __init__(self):
        self.sqlite = connection.vendor == "sqlite"
        if not self.sqlite:
            from psycopg.types.json import Jsonb

            self._jsonb = Jsonb

    def when(self, value):
        if value is None:
            return None
        if self.sqlite:
            return value.astimezone(_UTC).replace(tzinfo=None).isoformat(" ")
        return value

    def day(self, value):
        return None if value is None else (value.isoformat() if self.sqlite else value)

    def json(self, value: dict):
        if self.sqlite:
            return json.dumps(value, ensure_ascii=False) if value else "{}"
        return self._jsonb(value)


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


def observations_import(*, path, source: str | None = None, progress=None, batch_size: int = 5000,
                        check_watchlist: bool = True) -> ImportReport:
    started = time.perf_counter()
    report = ImportReport()
    table = read_rows(path, required=("record_id",) if source else ("source", "record_id"))
    report.notes += table.notes
    cfg = fusion_config()
    norm = _Normaliser(cfg["address_min_confidence"])
    ops = connection.ops
    sources: dict[str, Source] = {}
    seen: set[tuple[int, str]] = set()
    watch_rows: dict[str, dict] = {}  # profile -> identity, place and record ids (new and changed rows only)
    qn = ops.quote_name
    table_name = qn(Observation._meta.db_table)
    insert_sql = (f"INSERT INTO {table_name} ({', '.join(qn(f) for f in _FIELDS)}) VALUES "
                  f"({', '.join(['%s'] * len(_FIELDS))})")
    update_sql = (f"UPDATE {table_name} SET {', '.join(f'{qn(f)} = %s' for f in _FIELDS[2:])} "
                  f"WHERE {qn('source_id')} = %s AND {qn('record_id')} = %s")
    adapt = _Adapt()
    digest_columns = sorted(table.columns)

    with transaction.atomic(), _big_cache():
        batch = ImportBatch.objects.create(file_name=table.name, encoding=table.encoding)
        pending: list[tuple] = []

        def flush():
            if not pending:
                return
            by_source: dict[int, list] = defaultdict(list)
            for row in pending:
                by_source[row[0]].append(row)
            with connection.cursor() as cur:
                for source_id, rows in by_source.items():
                    ids = [r[1] for r in rows]
                    existing: dict[str, str] = {}
                    for i in range(0, len(ids), 900):
                        chunk = ids[i:i + 900]
                        cur.execute(f"SELECT {qn('record_id')}, {qn('digest')} FROM {table_name} "
                                    f"WHERE {qn('source_id')} = %s AND {qn('record_id')} IN "
                                    f"({', '.join(['%s'] * len(chunk))})", [source_id, *chunk])
                        existing.update(cur.fetchall())
                    new = [r for r in rows if r[1] not in existing]
                    changed = [r for r in rows if r[1] in existing and existing[r[1]] != r[20]]
                    report.unchanged += len(rows) - len(new) - len(changed)
                    if new:
                        cur.executemany(insert_sql, new)
                    if changed:
                        cur.executemany(update_sql, [(*r[2:], r[0], r[1]) for r in changed])
                    report.created += len(new)
                    report.updated += len(changed)
                    if check_watchlist:
                        for r in new + changed:
                            w = watch_rows.get(r[19])
                            if w is not None:
                                w["record_ids"].append(r[1])
            if progress:
                progress(len(pending))
            pending.clear()

        for line, row in table.rows:
            report.rows += 1
            name_of_source = (row.get("source") or source or "").strip()
            record_id = (row.get("record_id") or "").strip()
            if not name_of_source:
                report.errors.append((table.name, line, _("source is empty (give the column or --source)")))
                continue
            if not record_id:
                report.errors.append((table.name, line, _("record_id is empty")))
                continue
            if len(record_id) > 64:
                report.errors.append((table.name, line, _("record_id is longer than 64 characters")))
                continue
            src = sources.get(name_of_source)
            if src is None:
                src = sources[name_of_source] = source_for(name_of_source)
            key = (src.pk, record_id)
            if key in seen:
                report.errors.append((table.name, line, _("record_id %(id)s of %(source)s appears twice in the file")
                                      % {"id": record_id, "source": src.name}))
                continue
            seen.add(key)
            try:
                observed = parse_datetime(row.get("observed_at", ""))
            except ValueError:
                report.errors.append((table.name, line, _("observed_at %(v)s is not a time (ISO 8601)")
                                      % {"v": row.get("observed_at", "")}))
                continue
            raw_name = row.get("name", "")[:100]
            forms = name_forms(raw_name)
            number, status, id_hash, masked, cipher, raw_cipher = norm.id_number(row.get("id_number", ""))
            sex = norm.sex(row.get("sex", ""))
            birth, birth_error = norm.birth(row.get("birth_date", ""))
            phone = phone_norm(row.get("phone", ""))
            address = row.get("address", "")[:255]
            address_pk, code, confidence, level, node = norm.address(address)
            organisation = row.get("organisation", "")[:200]
            extra = {k: v for k, v in row.items() if k not in COLUMNS and v}
            raw = {}
            if birth_error:
                raw["birth_date"] = birth_error
            if row.get("sex") and not sex:
                raw["sex"] = row["sex"]
            if row.get("phone", "") != phone and row.get("phone"):
                raw["phone"] = row["phone"][:40]
            if raw:
                extra["raw"] = raw
            place = code or " ".join(address.split())
            profile = profile_key(src.pk, forms.clean, number, sex, birth, phone, place, org_norm(organisation))
            pending.append((
                src.pk, record_id, adapt.when(observed), raw_name,
                forms.simplified[:100], forms.pinyin[:200], cipher, raw_cipher, id_hash, masked[:32], status, sex,
                adapt.day(birth), phone[:20], address, address_pk, confidence,
                level, organisation, profile, _digest(row, digest_columns), batch.pk, adapt.json(extra),
            ))
            if check_watchlist and profile not in watch_rows and (number or forms.clean):
                watch_rows[profile] = {"name": raw_name, "number": number if status in ("valid", "legacy") else "",
                                       "raw_number": number, "sex": sex, "birth": birth, "node": node,
                                       "address": address, "source": src.name, "record_ids": []}
            if len(pending) >= batch_size:
                flush()
        flush()
        report.sources = sorted(sources)
        if check_watchlist:
            report.alerts = _check_watchlist(watch_rows)
        report.seconds = time.perf_counter() - started
        batch.created, batch.updated, batch.unchanged, batch.skipped = (
            report.created, report.updated, report.unchanged, len(report.errors))
        batch.errors = [list(e) for e in report.errors[:MAX_ERRORS_KEPT]]
        batch.notes, batch.seconds = report.notes, round(report.seconds, 2)
        batch.save()
        audit_log(actor=None, action="fusion.observations.import", object_type="import_batch", object_ids=[batch.pk],
                  detail={"file": table.name, "created": report.created, "updated": report.updated,
                          "unchanged": report.unchanged, "skipped": len(report.errors)})
    return report


def _check_watchlist(watch_rows: dict[str, dict]) -> int:
    """One watchlist look-up per identity among the new and changed records; alerts carry their record_ids."""
    from anju.jurisdictions.models import Node
    from anju.registrations.imports import fallback_node
    from anju.watchlist.services import alert_raise, watch_index

    index = watch_index()
    if not index.size:
        return 0
    grouped: dict[tuple, dict] = {}
    for w in watch_rows.values():
        if not w["record_ids"]:
            continue
        hits = index.match(id_number=w["number"] or w["raw_number"], name=w["name"], sex=w["sex"],
                           birth_date=w["birth"])
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
