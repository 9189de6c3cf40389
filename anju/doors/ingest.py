"""The one write path for what devices send: verify, dead-letter the refused, write events in bulk, update device
state and alarms — all in one transaction per batch, so a batch is either committed whole or not at all and the
MQTT worker acknowledges it only afterwards (at-least-once delivery + (device, seq) dedup = exactly once stored).
"""
import datetime as dt
import hashlib
import time
from collections import Counter, namedtuple
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from anju.doors import alarms
from anju.doors.choices import AlarmKind, CredentialStatus, DeviceStatus, DoorState, LIVE_STATUSES
from anju.doors.models import Credential, DeadLetter, Device, DoorEvent
from anju.doors.services import device_secret
from anju.lib.doors import protocol
from anju.lib.doors.protocol import ProtocolError

UTC = dt.timezone.utc


COLUMNS = ("device_id", "seq", "occurred_at", "received_at", "kind", "method", "credential_uid", "credential_id",
           "credential_status", "direction", "result", "door")
# A door event on its way in: a plain tuple, not a model instance (at thousands per batch, instances cost).
Row = namedtuple("Row", COLUMNS)


def _server_cursor():
    """A psycopg cursor with server-side parameter binding: Django's own cursor quotes parameters in Python, which
    for arrays of thousands of values costs more than the INSERT itself."""
    import psycopg

    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


@dataclass
class Message:
    payload: bytes
    topic: str = ""
    source: str = "mqtt"


@dataclass
class IngestReport:
    messages: int = 0
    events: int = 0
    inserted: int = 0
    duplicates: int = 0
    heartbeats: int = 0
    dead: Counter = field(default_factory=Counter)
    alarms: int = 0


class DeviceDirectory:
    """Device id → device row and secret, per process; re-read after `ttl` seconds so a rotated secret or a new
    device is picked up, and at once for an id it has not seen."""

    def __init__(self, ttl: float = 60.0):
        self.ttl, self._rows, self._loaded = ttl, {}, {}

    def get_many(self, ids) -> dict:
        now = time.monotonic()
        missing = [i for i in ids if i not in self._rows or now - self._loaded.get(i, 0) > self.ttl]
        if missing:
            found = {d.device_id: d for d in Device.objects.filter(device_id__in=missing, active=True)}
            for i in missing:
                device = found.get(i)
                self._rows[i] = (device, device_secret(device.device_id, device.secret_version)) if device else None
                self._loaded[i] = now
        return {i: self._rows[i] for i in ids if self._rows.get(i)}


_directory = DeviceDirectory()


def _dead(message: Message, reason: str, detail: str, device: str, now) -> DeadLetter:
    payload = message.payload if isinstance(message.payload, bytes) else str(message.payload).encode()
    digest = hashlib.sha256(message.topic.encode() + b"\0" + payload).hexdigest()
    return DeadLetter(source=message.source, topic=message.topic[:200].replace("\x00", ""), device_id=device[:64],
                      reason=reason,
                      # NUL cannot be stored in a PostgreSQL text column: one such message must not block the batch.
                      detail=detail[:300].replace("\x00", "\\0"),
                      raw=payload.decode("utf-8", "replace")[:65536].replace("\x00", "\\0"), digest=digest,
                      received_at=now)


def _credentials(uids) -> dict[str, dict]:
    """Card number → the credential it names: a live one if any, else the latest (to record why it was refused)."""
    found: dict[str, dict] = {}
    if not uids:
        return found
    if connection.vendor == "postgresql":  # one bound array, not thousands of quoted literals
        with _server_cursor() as cursor:
            cursor.execute("SELECT id, uid, status, valid_until, checked_on, checked_watchlist FROM doors_credential "
                           "WHERE uid = ANY(%s) ORDER BY issued_at", [list(uids)])
            rows = [dict(zip(("pk", "uid", "status", "valid_until", "checked_on", "checked_watchlist"), r))
                    for r in cursor.fetchall()]
    else:
        rows = (Credential.objects.filter(uid__in=list(uids)).order_by("issued_at")
                .values("pk", "uid", "status", "valid_until", "checked_on", "checked_watchlist"))
    for row in rows:
        current = found.get(row["uid"])
        if current is None or row["status"] in LIVE_STATUSES or current["status"] not in LIVE_STATUSES:
            found[row["uid"]] = row
    return found


def _insert_events(rows: list[Row]) -> set[tuple[int, int]]:
    """INSERT … ON CONFLICT DO NOTHING; returns the (device, seq) keys actually inserted."""
    if not rows:
        return set()
    if connection.vendor == "postgresql":
        # COPY into a per-connection staging table (psycopg's C row writer), then one set-based INSERT … ON
        # CONFLICT DO NOTHING: the database, not Python, does the dedup against the partitioned table.
        names = ", ".join(COLUMNS)
        with _server_cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE IF NOT EXISTS doors_incoming (device_id bigint, seq bigint, "
                           "occurred_at timestamptz, received_at timestamptz, kind text, method text, "
                           "credential_uid text, credential_id bigint, credential_status text, direction text, "
                           "result text, door text) ON COMMIT DELETE ROWS")
            with cursor.copy(f"COPY doors_incoming ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO doors_doorevent ({names}) SELECT {names} FROM doors_incoming "
                           "ON CONFLICT DO NOTHING RETURNING device_id, seq")
            inserted = {(d, s) for d, s in cursor.fetchall()}
            cursor.execute("TRUNCATE doors_incoming")
            return inserted
    existing = set()
    by_device: dict[int, list[int]] = {}
    for r in rows:
        by_device.setdefault(r.device_id, []).append(r.seq)
    for device_id, seqs in by_device.items():
        existing |= set(DoorEvent.objects.filter(device_id=device_id, seq__in=seqs).values_list("device_id", "seq"))
    DoorEvent.objects.bulk_create([DoorEvent(**r._asdict()) for r in rows if (r.device_id, r.seq) not in existing],
                                  batch_size=500, ignore_conflicts=True)
    return {(r.device_id, r.seq) for r in rows} - existing


def _write_devices(devices: list[Device]) -> None:
    fields = ["status", "door_state", "door_state_at", "door_open_since", "tamper", "last_seen_at", "last_event_at",
              "last_seq"]
    if connection.vendor != "postgresql":
        Device.objects.bulk_update(devices, fields, batch_size=200)
        return
    types = {"status": "text", "door_state": "text", "door_state_at": "timestamptz", "door_open_since": "timestamptz",
             "tamper": "boolean", "last_seen_at": "timestamptz", "last_event_at": "timestamptz", "last_seq": "bigint"}
    arrays = [[d.pk for d in devices]] + [[getattr(d, f) for d in devices] for f in fields]
    sets = ", ".join(f"{f} = v.{f}" for f in fields)
    sql = (f"UPDATE doors_device d SET {sets} FROM unnest(%s::bigint[], "
           + ", ".join(f"%s::{types[f]}[]" for f in fields) + f") AS v(id, {', '.join(fields)}) WHERE d.id = v.id")
    with _server_cursor() as cursor:
        cursor.execute(sql, arrays)


def ingest(messages: list[Message], *, now=None, directory: DeviceDirectory | None = None) -> IngestReport:
    """Verifies and stores a batch of device messages in one transaction. Safe to call again with the same
    messages (a redelivery): nothing is stored twice."""
    now = now or timezone.now()
    now_ts = now.timestamp()
    directory = directory or _directory
    report = IngestReport(messages=len(messages))
    dead: list[DeadLetter] = []
    decoded = []
    for message in messages:
        try:
            body = protocol.decode(message.payload)
        except ProtocolError as exc:
            dead.append(_dead(message, exc.reason, exc.detail, protocol.device_from_topic(message.topic), now))
            continue
        decoded.append((message, body))
    known = directory.get_many({protocol.claimed_device(b) for _m, b in decoded} - {""})
    envelopes = []
    for message, body in decoded:
        claimed = protocol.claimed_device(body)
        entry = known.get(claimed)
        try:
            envelope = protocol.verify(body, secret=entry[1] if entry else None, now=now_ts,
                                       window=settings.ANJU_DOOR_REPLAY_SECONDS)
            if message.topic and protocol.device_from_topic(message.topic) != envelope.device:
                raise ProtocolError("topic_mismatch", message.topic, envelope.device)
        except ProtocolError as exc:
            dead.append(_dead(message, exc.reason, exc.detail, claimed, now))
            continue
        envelopes.append((entry[0], envelope))

    events: dict[tuple[int, int], tuple[Device, protocol.Event]] = {}
    heartbeats: list[tuple[Device, protocol.Envelope]] = []
    for device, envelope in envelopes:
        if envelope.type == "heartbeat":
            heartbeats.append((device, envelope))
        for event in envelope.events:
            events.setdefault((device.pk, event.seq), (device, event))
    report.events, report.heartbeats = len(events), len(heartbeats)
    today = timezone.localdate(now)
    credentials = _credentials({e.credential for _d, e in events.values() if e.credential})
    rows = []
    for (device_pk, seq), (device, event) in events.items():
        credential = credentials.get(event.credential) if event.credential else None
        status = ""
        if credential is not None:
            status = credential["status"]
            if status == CredentialStatus.ACTIVE and credential["valid_until"] < today:
                status = CredentialStatus.EXPIRED
        rows.append(Row(device_pk, seq, dt.datetime.fromtimestamp(event.at_ms / 1000, UTC), now, event.kind,
                        event.method, event.credential, credential["pk"] if credential else None, status,
                        event.direction, event.result, event.door))

    with transaction.atomic():
        inserted = _insert_events(rows)
        report.inserted, report.duplicates = len(inserted), len(rows) - len(inserted)
        if dead:
            DeadLetter.objects.bulk_create(dead, batch_size=500, ignore_conflicts=True)
        for letter in dead:
            report.dead[letter.reason] += 1
        touched = {d.pk for d, _e in envelopes}
        if touched:
            report.alarms = _apply_state(touched, [r for r in rows if (r.device_id, r.seq) in inserted], heartbeats, now)
            _run_checkers([r for r in rows if (r.device_id, r.seq) in inserted], credentials, today)
    return report


def _apply_state(device_pks, new_rows: list[Row], heartbeats, now) -> int:
    """Device status, door state and the alarms that follow from what was just stored."""
    devices = {d.pk: d for d in Device.objects.select_for_update().filter(pk__in=sorted(device_pks)).order_by("pk")}
    live = alarms.live_alarms(devices)
    raise_, clear = [], set()
    refused_devices = set()
    for device in devices.values():
        if device.status == DeviceStatus.OFFLINE:
            clear.add((device.pk, AlarmKind.OFFLINE))
        device.status, device.last_seen_at = DeviceStatus.ONLINE, now

    # Plain strings in the per-event loop: comparing with enum members costs more than the rest of it.
    open_, closed, unknown = str(DoorState.OPEN), str(DoorState.CLOSED), str(DoorState.UNKNOWN)
    held, forced = str(AlarmKind.HELD_OPEN), str(AlarmKind.FORCED)
    no_slack = dt.timedelta(0)

    def door(device, state, at, slack=no_slack):
        if state == unknown or (device.door_state_at is not None and at + slack < device.door_state_at):
            return  # a late event does not overwrite a newer door state
        if state == open_ and device.door_state != open_:
            device.door_open_since = at
        elif state == closed:
            clear.update(((device.pk, held), (device.pk, forced)))
            device.door_open_since = None
        device.door_state, device.door_state_at = state, at

    for row in sorted(new_rows, key=lambda r: r.occurred_at):
        device = devices[row.device_id]
        if device.last_event_at is None or row.occurred_at > device.last_event_at:
            device.last_event_at = row.occurred_at
        if device.last_seq is None or row.seq > device.last_seq:
            device.last_seq = row.seq
        door(device, row.door, row.occurred_at)
        if row.kind == "forced":
            raise_.append((device, AlarmKind.FORCED, row.occurred_at, {"seq": row.seq}))
        elif row.kind == "tamper":
            device.tamper = True
            raise_.append((device, AlarmKind.TAMPER, row.occurred_at, {"seq": row.seq}))
        elif row.kind == "held":
            raise_.append((device, AlarmKind.HELD_OPEN, row.occurred_at, {"seq": row.seq, "by": "device"}))
        elif row.kind == "swipe" and row.result == "refused":
            refused_devices.add(device.pk)
    for device, envelope in heartbeats:
        device = devices[device.pk]
        at = dt.datetime.fromtimestamp(envelope.ts, UTC)
        door(device, envelope.status["door"], at, slack=dt.timedelta(seconds=1))  # ts has whole seconds
        if envelope.status["tamper"]:
            device.tamper = True
            raise_.append((device, AlarmKind.TAMPER, at, {"by": "heartbeat"}))
        elif device.tamper:
            device.tamper = False
            clear.add((device.pk, AlarmKind.TAMPER))
    held_cutoff = now - dt.timedelta(seconds=settings.ANJU_DOOR_HELD_OPEN_SECONDS)
    for device in devices.values():
        if device.door_state == DoorState.OPEN and device.door_open_since and device.door_open_since < held_cutoff:
            raise_.append((device, AlarmKind.HELD_OPEN, device.door_open_since, {}))
    if refused_devices:
        counts = alarms.refusal_counts(refused_devices, now=now)
        for pk in refused_devices:
            if counts.get(pk, 0) >= settings.ANJU_DOOR_REFUSALS:
                raise_.append((devices[pk], AlarmKind.REFUSALS, now, {"refused": counts[pk]}))
    _write_devices(list(devices.values()))
    raised_kinds = {(d.pk, k) for d, k, _a, _x in raise_}
    alarms.clear_many([p for p in set(clear) if p not in raised_kinds], live=live, now=now)
    return len(alarms.raise_many(raise_, live=live, now=now))


def _run_checkers(new_rows, credentials, today) -> None:
    """Each holder seen at a door goes through the checkers (watchlist) once a day and again as soon as the
    watchlist changes, not once per swipe: the watchlist is what changes, and a swipe a minute must not cost a
    check a minute. An entry added at noon catches the holder's next swipe, not tomorrow's."""
    from anju.core.models import DataVersion

    granted = {r.credential_id for r in new_rows if r.credential_id and r.result == "granted" and r.kind == "swipe"}
    if not granted:
        return
    watchlist = DataVersion.current("watchlist")
    by_pk = {c["pk"]: c for c in credentials.values()}
    due = {pk for pk in granted
           if by_pk[pk]["checked_on"] != today or (by_pk[pk]["checked_watchlist"] or "") != watchlist}
    if not due:
        return
    from anju.doors.services import _check_event

    Credential.objects.filter(pk__in=due).update(checked_on=today, checked_watchlist=watchlist)
    for credential in Credential.objects.filter(pk__in=due).select_related("registration", "house__jurisdiction"):
        _check_event(credential, None, "door.swipe")
