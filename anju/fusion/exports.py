"""`anju fusion export --out DIR`: suspects.csv, stale.csv and links.csv exactly as shared/spec/interchange.md says.

* suspects.csv — ``suspect_id, name, id_number, birth_date, address_code, address, score, kind, record_ids``: the
  open unregistered and moved findings, one row per person, best score first;
* stale.csv — ``registration_id, id_number, name, last_seen, score``: the open stale findings (the registration's
  number, ID number and name as on record);
* links.csv — ``record_id, entity_key``: every observation with the person it was resolved to (the ID number of a
  known person, else a stable key shared by all records of the same unknown person).
"""
from __future__ import annotations

import csv
from pathlib import Path

from django.db import connection

from anju.audit.services import audit_log
from anju.core import crypto
from anju.fusion.choices import FindingKind, FindingStatus
from anju.fusion.models import Entity, Finding, Link, Observation

SUSPECT_COLUMNS = ("suspect_id", "name", "id_number", "birth_date", "address_code", "address", "score", "kind",
                   "record_ids")
STALE_COLUMNS = ("registration_id", "id_number", "name", "last_seen", "score")
LINK_COLUMNS = ("record_id", "entity_key")


def _writer(path: Path):
    fh = path.open("w", encoding="utf-8", newline="")
    return fh, csv.writer(fh, lineterminator="\n")


def fusion_export(*, out_dir, progress=None) -> dict:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    open_ = Finding.objects.filter(status=FindingStatus.OPEN)
    fh, w = _writer(out / "suspects.csv")
    with fh:
        w.writerow(SUSPECT_COLUMNS)
        seen, n, exported = set(), 0, []
        for f in open_.filter(kind__in=[FindingKind.UNREGISTERED, FindingKind.MOVED]).select_related(
                "standard_address").order_by("-score", "pk").iterator(chunk_size=5000):
            if f.entity_hash in seen:
                continue  # one row per person
            seen.add(f.entity_hash)
            w.writerow([f"S{f.pk:08d}", f.name, f.id_number, f.birth_date.isoformat() if f.birth_date else "",
                        f.standard_address.code if f.standard_address else "", f.address, f.score, f.kind,
                        ";".join(f.record_ids)])
            exported.append(f.pk)
            n += 1
        counts["suspects"] = n
    fh, w = _writer(out / "stale.csv")
    with fh:
        w.writerow(STALE_COLUMNS)
        n = 0
        for f in open_.filter(kind=FindingKind.STALE, registration__isnull=False).select_related(
                "registration").order_by("-score", "pk").iterator(chunk_size=5000):
            reg = f.registration
            w.writerow([reg.number, reg.id_number, reg.name, f.last_seen.isoformat() if f.last_seen else "", f.score])
            exported.append(f.pk)
            n += 1
        counts["stale"] = n
    keys = {h: crypto.decrypt(c) for h, c in Entity.objects.values_list("key_hash", "key_cipher").iterator(
        chunk_size=20000)}
    profile_key = {uid[1:]: keys.get(h, "") for uid, h in Link.objects.filter(uid__startswith="O").values_list(
        "uid", "entity_hash").iterator(chunk_size=50000)}
    fh, w = _writer(out / "links.csv")
    with fh, connection.cursor() as cur:
        w.writerow(LINK_COLUMNS)
        cur.execute(f"SELECT record_id, profile FROM {Observation._meta.db_table} ORDER BY id")
        n = 0
        while True:
            chunk = cur.fetchmany(50000)
            if not chunk:
                break
            w.writerows([(rid, profile_key.get(profile, "")) for rid, profile in chunk])
            n += len(chunk)
            if progress:
                progress(len(chunk))
        counts["links"] = n
    # the findings written out with full ID numbers, each traceable to this export (links.csv: counted)
    audit_log(actor=None, action="fusion.export", object_type="finding", object_ids=exported,
              purpose="批量交换 batch interchange", detail={"out": str(out), **counts})
    return counts
