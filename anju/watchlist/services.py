"""Watchlist: import and entry, real-time checking of every event that names a person, alerts."""
import csv
import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from anju.accounts.choices import Area, readers_of
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit, bulk_upsert
from anju.core.tabular import read_rows
from anju.lib import codes
from anju.lib.fusion.normalise import parse_date
from anju.lib.identity import InvalidIdNumber, mask_id_number, parse_id_number
from anju.lib.names import tidy
from anju.lib.watchmatch import WatchEntry as IndexEntry
from anju.lib.watchmatch import WatchIndex, _normal_number, settle
from anju.watchlist.choices import AlertOutcome, AlertStatus
from anju.core.models import DataVersion
from anju.watchlist.models import Alert, WatchEntry

logger = logging.getLogger(__name__)
WATCHLIST_ROLES = readers_of(Area.WATCHLIST)  # accounts/choices.ROLE_READS


class WatchlistError(ValueError):
    pass


def can_see_watchlist(user) -> bool:
    return bool(user and user.is_authenticated and user.may_read(Area.WATCHLIST))


# The in-memory index ----------------------------------------------------------------------------------

_index_lock = threading.Lock()
_index: dict = {"version": None, "index": None, "seen": None, "count": 0}
# How far back an incremental refresh looks before the newest change it has seen: a save stamped earlier may
# commit later than one stamped after it (two transactions), and must not be missed.
_COMMIT_MARGIN = timedelta(minutes=10)


def _bump_version() -> None:
    DataVersion.bump("watchlist")


def _index_entry(watch_id, cipher, name, sex, birth, valid_until) -> IndexEntry:
    return IndexEntry(key=watch_id, id_number=crypto.decrypt(cipher) if cipher else "", name=name, sex=sex,
                      birth_date=birth, valid_until=valid_until)


_FIELDS = ("watch_id", "id_cipher", "name", "sex", "birth_date", "valid_until", "updated_at")


def _build() -> None:
    newest, count, index = None, 0, WatchIndex()
    for *values, updated in WatchEntry.objects.values_list(*_FIELDS).iterator(chunk_size=5000):
        index.add(_index_entry(*values))
        newest = updated if newest is None or updated > newest else newest
        count += 1
    _index.update(index=index, seen=newest, count=count)
    if count >= 10_000:
        settle()


def _catch_up() -> bool:
    """Applies the entries changed since the last look to the live index; False when a rebuild is needed
    (entries were deleted, or replaced ones have piled up)."""
    index = _index["index"]
    if _index["seen"] is not None:
        changed = WatchEntry.objects.filter(updated_at__gte=_index["seen"] - _COMMIT_MARGIN).values_list(*_FIELDS)
    else:
        changed = WatchEntry.objects.values_list(*_FIELDS)
    newest = _index["seen"]
    for *values, updated in changed.iterator(chunk_size=5000):
        index.add(_index_entry(*values))
        newest = updated if newest is None or updated > newest else newest
    _index["seen"] = newest
    return WatchEntry.objects.count() == index.size and index.stale <= max(1000, index.size // 10)


def watch_index() -> WatchIndex:
    """This process's index of the watchlist (expired entries are kept and never hit), refreshed when the list
    changes: one cheap query when nothing changed; the changed entries only when some did; a full build at start,
    after deletions, or when replaced entries pile up."""
    row = DataVersion.current("watchlist")
    if _index["version"] == row and _index["index"] is not None:
        return _index["index"]
    with _index_lock:
        if _index["version"] != row or _index["index"] is None:
            if _index["index"] is None or not _catch_up():
                _build()
            _index["version"] = row
    return _index["index"]


def watch_index_warm() -> None:
    """Builds the index ahead of the first check (a server at start), so no declaration waits for it."""
    try:
        watch_index()
    except Exception:  # a database not migrated yet, say: the first check builds it instead
        logger.exception("watchlist index warm-up failed")


# Entries ----------------------------------------------------------------------------------------------

@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _entry_values(*, id_number: str, name: str, sex: str, birth_date, reason: str, issuing_unit: str = "",
                  valid_until=None) -> dict:
    number = _normal_number(id_number) if id_number else ""
    if number:
        try:
            parsed = parse_id_number(number)
            number = parsed.number
            sex, birth_date = sex or parsed.sex, birth_date or parsed.birth_date
        except InvalidIdNumber:
            pass  # wanted-person records keep the number as issued, even when it does not check out
    if not number and not (name and birth_date):
        raise WatchlistError(both(gettext_lazy("An entry needs an ID number, or a name with a birth date")))
    return dict(id_cipher=crypto.encrypt(number) if number else "", id_hash=crypto.blind_index(number) if number else "",
                id_masked=mask_id_number(number) if number else "", name=name, sex=sex or "", birth_date=birth_date,
                reason=reason, issuing_unit=issuing_unit, valid_until=valid_until)


PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 800


def _photo_content(upload) -> bytes:
    """A photo as a clean JPEG (at most 800 px a side; EXIF, GPS and anything else in the file dropped), or a clear
    error. Only JPEG, PNG and WebP are read, with Pillow's limit against decompression bombs."""
    from io import BytesIO

    from PIL import Image, ImageOps, UnidentifiedImageError

    data = upload.read(PHOTO_MAX_BYTES + 1)
    if len(data) > PHOTO_MAX_BYTES:
        raise WatchlistError(_("The photo is larger than 5 MB"))
    try:
        with Image.open(BytesIO(data), formats=["JPEG", "PNG", "WEBP"]) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            out = BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise WatchlistError(_("The photo is not a JPEG, PNG or WebP image")) from exc
    return out.getvalue()


def watch_entry_save(*, actor, watch_id: str, id_number: str = "", name: str = "", sex: str = "", birth_date=None,
                     reason: str = "", issuing_unit: str = "", valid_until=None, photo=None) -> WatchEntry:
    """Adds or updates an entry; ``photo`` (an uploaded file) is re-encoded and kept encrypted on disk. A sex given as
    0 (未知) or 9 (未说明) is none, as the import keeps it: the ID number's, or unknown to the matcher."""
    if not can_see_watchlist(actor):
        raise WatchlistError(_("Your role may not edit the watchlist"))
    values = _entry_values(id_number=id_number, name=tidy(name), sex=codes.stated_sex(sex),
                           birth_date=birth_date, reason=reason, issuing_unit=issuing_unit, valid_until=valid_until)
    sealed = crypto.encrypt_bytes(_photo_content(photo)) if photo else None
    with transaction.atomic():
        entry, _created = WatchEntry.objects.update_or_create(watch_id=watch_id, defaults={**values, "created_by": actor})
        if sealed is not None:
            from django.core.files.base import ContentFile

            old = entry.photo.name
            entry.photo.save(f"{uuid.uuid4().hex}.jpg.sealed", ContentFile(sealed), save=True)
            if old:
                transaction.on_commit(lambda: entry.photo.storage.delete(old))
        _bump_version()
        audit_log(actor=actor, action="watchlist.save", object_type="watch_entry", object_ids=[entry.pk])
    return entry


WATCHLIST_COLUMNS = ("watch_id", "id_number", "name", "sex", "birth_date", "reason", "issuing_unit", "valid_until")


def watchlist_import(*, path, progress=None) -> ImportReport:
    """`anju import watchlist FILE`: watch_id, id_number, name, sex, birth_date, reason (+ issuing_unit, valid_until).

    Dates as departments write them (1990-03-07, 1990/3/7, 19900307, 1990年3月7日); a sex the row does not state
    (empty, 未知 0, 未说明 9) is the ID number's; names as ``lib.names.tidy`` writes them; other columns are kept in
    ``extra``, as given."""
    report = ImportReport()
    table = read_rows(path, required=("watch_id",))
    seen = set()
    batch = []

    def day(row, column):
        try:
            return parse_date(row.get(column, ""))
        except ValueError:
            raise WatchlistError(both(gettext_lazy("%(column)s %(v)s is not a date (YYYY-MM-DD)"),
                                      column=column, v=row[column])) from None

    for line, row in table.rows:
        watch_id = row.get("watch_id", "")
        if not watch_id:
            report.errors.append((table.name, line, both(gettext_lazy("watch_id is empty"))))
            continue
        if len(watch_id) > 64:
            report.errors.append((table.name, line, both(gettext_lazy("watch_id is longer than 64 characters"))))
            continue
        if watch_id in seen:
            report.errors.append((table.name, line, both(gettext_lazy("watch_id %(w)s appears twice in the file"),
                                                         w=watch_id)))
            continue
        try:
            values = _entry_values(id_number=row.get("id_number", ""), name=tidy(row.get("name", ""))[:60],
                                   sex=codes.stated_sex(row.get("sex", "")), birth_date=day(row, "birth_date"),
                                   reason=row.get("reason", "")[:200], issuing_unit=row.get("issuing_unit", "")[:100],
                                   valid_until=day(row, "valid_until"))
        except WatchlistError as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        seen.add(watch_id)
        values["extra"] = {k: v for k, v in row.items() if k not in WATCHLIST_COLUMNS and v}
        batch.append((watch_id, values))
    with transaction.atomic():
        created, updated, report.unchanged = bulk_upsert(
            WatchEntry, key="watch_id", records={w: WatchEntry(watch_id=w, **values) for w, values in batch},
            ignore=("id_cipher",), fields=["id_cipher", "id_hash", "id_masked", "name", "sex", "birth_date", "reason",
                                            "issuing_unit", "valid_until", "extra"])
        report.created, report.updated = created, updated
        if created or updated:
            _bump_version()
    analyze_after_commit(WatchEntry)
    report.notes += table.notes
    if progress:
        progress(len(batch))
    return report


def watch_photo(*, actor, entry: WatchEntry, request=None) -> bytes:
    """The entry's photo as JPEG bytes, for the roles that may see the watchlist; each view audited."""
    if not can_see_watchlist(actor) or not entry.photo:
        from django.http import Http404

        raise Http404("no photo")
    audit_log(actor=actor, action="watchlist.photo", object_type="watch_entry", object_ids=[entry.pk], request=request)
    with entry.photo.open("rb") as fh:
        return crypto.decrypt_bytes(fh.read())


# Checking and alerts ----------------------------------------------------------------------------------

def alert_raise(*, hit, source: str, node, name: str = "", id_number: str = "", address: str = "",
                object_type: str = "", object_id: str = "", record_ids=(), at=None) -> Alert:
    """Creates the alert, or folds the event into the open one for the same person and place in the window."""
    at = at or timezone.now()
    entry = WatchEntry.objects.get(watch_id=hit.entry.key)
    window = at - timedelta(hours=settings.ANJU_ALERT_DEDUP_HOURS)
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(entry=entry, jurisdiction=node, raised_at__gte=window,
                                                         address=address[:255]).first()
        if alert is not None:
            alert.last_seen_at, alert.events = at, alert.events + 1
            alert.record_ids = sorted(set(alert.record_ids) | set(record_ids))
            alert.confidence = max(alert.confidence, hit.confidence)
            alert.save(update_fields=["last_seen_at", "events", "record_ids", "confidence"])
            return alert
        alert = Alert.objects.create(
            entry=entry, raised_at=at, last_seen_at=at, source=source, record_ids=sorted(set(record_ids)),
            object_type=object_type, object_id=str(object_id), id_cipher=crypto.encrypt(id_number) if id_number else "",
            id_hash=crypto.blind_index(id_number) if id_number else "",
            id_masked=mask_id_number(id_number) if id_number else "", name=name, address=address[:255],
            jurisdiction=node, confidence=hit.confidence, matched=list(hit.matched))
        audit_log(actor=None, action="alert.raise", object_type="alert", object_ids=[alert.pk],
                  detail={"source": source, "confidence": hit.confidence, "matched": list(hit.matched)})
    return alert


def watchlist_checker(event) -> None:
    """The checker plugged into every declaration, check-in, registration change, card event, observation."""
    hits = watch_index().match(id_number=event.id_number or "", name=event.name, sex=event.sex,
                               birth_date=event.birth_date, today=timezone.localdate())
    if not hits or event.node is None:
        return
    for hit in hits:
        alert_raise(hit=hit, source=event.kind, node=event.node, name=event.name, id_number=event.id_number or "",
                    address=event.address, object_type=event.object_type, object_id=event.object_id,
                    record_ids=event.extra.get("record_ids", ()), at=event.occurred_at)


def _decide(alert: Alert, actor):
    if not Alert.objects.restrict(actor).filter(pk=alert.pk).exists() or not can_see_watchlist(actor):
        raise WatchlistError(_("This alert is outside your jurisdiction"))


def alert_acknowledge(*, actor, alert: Alert) -> Alert:
    _decide(alert, actor)
    if alert.status == AlertStatus.OPEN:
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.save(update_fields=["status"])
        audit_log(actor=actor, action="alert.acknowledge", object_type="alert", object_ids=[alert.pk])
    return alert


def alert_assign(*, actor, alert: Alert, assignee) -> Alert:
    _decide(alert, actor)
    if assignee.role not in WATCHLIST_ROLES or not assignee.scope_node or not (
            assignee.scope_node.contains(alert.jurisdiction) or alert.jurisdiction.contains(assignee.scope_node)):
        raise WatchlistError(_("%(name)s does not work in this area") % {"name": assignee.display_name()})
    alert.status, alert.assigned_to = AlertStatus.ASSIGNED, assignee
    alert.save(update_fields=["status", "assigned_to"])
    audit_log(actor=actor, action="alert.assign", object_type="alert", object_ids=[alert.pk], detail={"to": assignee.pk})
    return alert


def alert_close(*, actor, alert: Alert, outcome: str, note: str = "") -> Alert:
    _decide(alert, actor)
    if outcome not in AlertOutcome.values:
        raise WatchlistError(_("Choose an outcome"))
    alert.status, alert.outcome, alert.note, alert.closed_at = AlertStatus.CLOSED, outcome, note[:300], timezone.now()
    alert.save(update_fields=["status", "outcome", "note", "closed_at"])
    audit_log(actor=actor, action="alert.close", object_type="alert", object_ids=[alert.pk], detail={"outcome": outcome})
    return alert


def alerts_export(*, out_dir) -> Path:
    """`anju alerts export --out DIR` → DIR/alerts.csv, every alert raised so far by any path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "alerts.csv"
    exported = []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["alert_id", "watch_id", "raised_at", "source", "record_ids", "id_number", "name", "address",
                         "confidence"])
        for alert in Alert.objects.select_related("entry").order_by("pk").iterator(chunk_size=2000):
            writer.writerow([alert.pk, alert.entry.watch_id, timezone.localtime(alert.raised_at).isoformat(),
                             alert.source, ";".join(alert.record_ids), alert.id_number, alert.name, alert.address,
                             f"{alert.confidence:.2f}"])
            exported.append(alert.pk)
    audit_log(actor=None, action="alert.export", object_type="alert", object_ids=exported,
              purpose="批量交换 batch interchange", detail={"out": str(path), "alerts": len(exported)})
    return path
