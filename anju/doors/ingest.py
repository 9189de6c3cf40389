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
# A door event on its way in: a plain tuple, not a model instance (at thousands per batch, instances cost); its
# time stays in Unix milliseconds (a datetime per event costs more than the rest of the row) until it is stored.
Row = namedtuple("Row", ("device_id", "seq", "at_ms", "kind", "method", "credential_uid", "credential_id",
                         "credential_status", "direction", "result", "door"))
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def _when(ms: float) -> dt.datetime:
    return _EPOCH + dt.timedelta(milliseconds=ms)


def _ms(value: dt.datetime | None) -> float | None:
    return None if value is None else (value - _EPOCH) / dt.timedelta(milliseconds=1)


def _copy_text(rows: list[Row]) -> bytes:
    """The rows in COPY's text format, written here rather than by psycopg's per-row writer (a third of a batch's
    Python time went there). Only the card number is free text: the protocol has already refused tabs, newlines
    and NUL (not printable), which leaves the backslash to escape."""
    lines = []
    append = lines.append
    null, backslash, escaped = "\\N", "\\", "\\\\"
    for device_id, seq, at_ms, kind, method, uid, credential_id, status, direction, result, door in rows:
        if backslash in uid:
            uid = uid.replace(backslash, escaped)
        append(f"{device_id}\t{seq}\t{at_ms}\t{kind}\t{method}\t{uid}\t{null if credential_id is None else credential_id}"
               f"\t{status}\t{direction}\t{result}\t{door}\n")
    return "".join(lines).encode()


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

    def clear(self) -> None:
        self._rows.clear()
        self._loaded.clear()

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

    def fresh(self, device_id: str, min_age: float = 1.0):
        """The device's row read again now, unless it was read less than ``min_age`` seconds ago (so a flood of
        forged messages costs at most one query a second): a message that fails its check may be signed with a
        key issued since."""
        if time.monotonic() - self._loaded.get(device_id, 0) < min_age:
            return None
        self._loaded.pop(device_id, None)
        return self.get_many({device_id}).get(device_id)


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
    if connection.vendor == "postgresql":
        # One text parameter split by the server, not a bound array: psycopg builds an array parameter item by
        # item in Python, which for the ~10,000 cards of a batch costs more than the query. The separator is a
        # control character, which `protocol` never lets into a card number (isprintable).
        with _server_cursor() as cursor:
            cursor.execute("SELECT id, uid, status, valid_until, checked_on, checked_watchlist FROM doors_credential "
                           "WHERE uid = ANY(string_to_array(%s, chr(31))) ORDER BY issued_at", ["\x1f".join(uids)],
                           binary=True)
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


def _insert_events(rows: list[Row], now: dt.datetime) -> set[tuple[int, int]]:
    """INSERT … ON CONFLICT DO NOTHING; returns the (device, seq) keys actually inserted."""
    if not rows:
        return set()
    if connection.vendor == "postgresql":
        # COPY into a per-connection staging table, then one set-based INSERT … ON CONFLICT DO NOTHING: the
        # database, not Python, does the dedup against the partitioned table.
        names = ", ".join(COLUMNS)
        staged = ", ".join(Row._fields)
        selected = ", ".join({"occurred_at": "timestamptz 'epoch' + at_ms * interval '1 millisecond'",
                              "received_at": "%s::timestamptz"}.get(c, c) for c in COLUMNS)
        with _server_cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE IF NOT EXISTS doors_incoming_ms (device_id bigint, seq bigint, "
                           "at_ms bigint, kind text, method text, credential_uid text, credential_id bigint, "
                           "credential_status text, direction text, result text, door text) ON COMMIT DELETE ROWS")
            with cursor.copy(f"COPY doors_incoming_ms ({staged}) FROM STDIN") as copy:
                copy.write(_copy_text(rows))
            # In key order: two workers inserting the same redelivered events then wait for each other in one
            # direction only, instead of deadlocking.
            cursor.execute(f"INSERT INTO doors_doorevent ({names}) SELECT {selected} FROM doors_incoming_ms "
                           "ORDER BY device_id, at_ms, seq ON CONFLICT DO NOTHING RETURNING device_id, seq", [now],
                           binary=True)
            inserted = {(d, s) for d, s in cursor.fetchall()}
            cursor.execute("TRUNCATE doors_incoming_ms")
            return inserted
    existing = set()
    by_device: dict[int, list[int]] = {}
    for r in rows:
        by_device.setdefault(r.device_id, []).append(r.seq)
    for device_id, seqs in by_device.items():
        existing |= set(DoorEvent.objects.filter(device_id=device_id, seq__in=seqs).values_list("device_id", "seq"))
    DoorEvent.objects.bulk_create([DoorEvent(occurred_at=_when(r.at_ms), received_at=now,
                                            **{k: v for k, v in r._asdict().items() if k != "at_ms"})
                                  for r in rows if (r.device_id, r.seq) not in existing],
                                  batch_size=500, ignore_conflicts=True)
    return {(r.device_id, r.seq) for r in rows} - existing


def _write_devices(devices: list) -> None:
    """Writes back what a batch changed: `_lock_devices`'s rows (Device instances on SQLite, `_DeviceState`s on
    PostgreSQL)."""
    fields = [f for f in _STATE_FIELDS if f != "jurisdiction_id"]  # a batch never moves a device
    if connection.vendor != "postgresql":
        Device.objects.bulk_update(devices, fields, batch_size=200)
        return
    types = {"status": "text", "door_state": "text", "door_state_at": "timestamptz", "door_open_since": "timestamptz",
             "tamper": "boolean", "last_seen_at": "timestamptz", "last_event_at": "timestamptz", "last_seq": "bigint"}
    # Each column as one text parameter the server splits and casts (as in `_credentials`): a bound array is built
    # item by item in Python. The values are codes, numbers, booleans and times: no control characters in them.
    columns = [[str(d.pk) for d in devices]] + [[_cell(getattr(d, f)) for d in devices] for f in fields]
    sets = ", ".join(f"{f} = v.{f}" for f in fields)
    split = "string_to_array(%s, chr(31), chr(30))"
    sql = (f"UPDATE doors_device d SET {sets} FROM unnest({split}::bigint[], "
           + ", ".join(f"{split}::{types[f]}[]" for f in fields) + f") AS v(id, {', '.join(fields)}) WHERE d.id = v.id")
    with _server_cursor() as cursor:
        cursor.execute(sql, ["\x1f".join(c) for c in columns])


def _cell(value) -> str:
    """A value in the text form PostgreSQL casts back; None as chr(30), which `string_to_array` reads as NULL."""
    if value is None:
        return "\x1e"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


class _StaleDirectory(Exception):
    """A device the directory remembers is no longer in the table (deleted and imported again under a new row)."""


def ingest(messages: list[Message], *, now=None, directory: DeviceDirectory | None = None) -> IngestReport:
    """Verifies and stores a batch of device messages in one transaction. Safe to call again with the same
    messages (a redelivery): nothing is stored twice."""
    directory = directory or _directory
    for attempt in range(4):
        try:
            return _ingest(messages, now or timezone.now(), directory)
        except _StaleDirectory:  # the transaction rolled back: read every device again and store the batch once
            directory.clear()
        except Exception as exc:
            # Two workers on a shared subscription can deadlock on the same redelivered event or on device rows;
            # PostgreSQL then rolls one transaction back, and that batch is simply stored again.
            if _sqlstate(exc) not in {"40P01", "40001"} or attempt == 3:
                raise
            time.sleep(0.05 * (attempt + 1))
    return _ingest(messages, now or timezone.now(), directory)


def _sqlstate(exc: BaseException) -> str | None:
    while exc is not None:
        if getattr(exc, "sqlstate", None):
            return exc.sqlstate
        exc = exc.__cause__
    return None


def _ingest(messages: list[Message], now, directory: DeviceDirectory) -> IngestReport:
    now_ts = now.timestamp()
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
            try:
                envelope = protocol.verify(body, secret=entry[1] if entry else None, now=now_ts,
                                           window=settings.ANJU_DOOR_REPLAY_SECONDS)
            except ProtocolError as exc:
                renewed = directory.fresh(claimed) if exc.reason == "unauthenticated" and entry else None
                if renewed is None or renewed[1] == entry[1]:
                    raise
                known[claimed] = entry = renewed  # a key issued since the directory last read the device
                envelope = protocol.verify(body, secret=entry[1], now=now_ts,
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
        rows.append(Row(device_pk, seq, event.at_ms, event.kind, event.method, event.credential,
                        credential["pk"] if credential else None, status, event.direction, event.result, event.door))

    with transaction.atomic():
        inserted = _insert_events(rows, now)
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


_STATE_FIELDS = ("status", "door_state", "door_state_at", "door_open_since", "tamper", "last_seen_at", "last_event_at",
                 "last_seq", "jurisdiction_id")


class _DeviceState:
    """The columns of a device row that a batch reads and writes (PostgreSQL): a plain object, because building a
    thousand Django model instances per batch cost as much as working out their state."""

    __slots__ = ("pk",) + _STATE_FIELDS

    def __init__(self, pk, *values):
        self.pk = pk
        for name, value in zip(_STATE_FIELDS, values):
            setattr(self, name, value)


def _lock_devices(pks: list[int]) -> dict:
    """The device rows of a batch, locked until it commits, in key order (two workers lock them in the same order)."""
    if connection.vendor != "postgresql":
        # Only the columns this function reads or writes: a thousand full Device rows per batch cost a tenth of it.
        return {d.pk: d for d in Device.objects.select_for_update().filter(pk__in=pks).order_by("pk")
                .only(*_STATE_FIELDS)}
    with _server_cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(_STATE_FIELDS)} FROM doors_device "
                       "WHERE id = ANY(string_to_array(%s, ',')::bigint[]) ORDER BY id FOR UPDATE",
                       [",".join(map(str, pks))], binary=True)  # binary: times load in C, text ones in Python
        return {row[0]: _DeviceState(*row) for row in cursor.fetchall()}


def _apply_state(device_pks, new_rows: list[Row], heartbeats, now) -> int:
    """Device status, door state and the alarms that follow from what was just stored."""
    devices = _lock_devices(sorted(device_pks))
    if len(devices) != len(device_pks):
        raise _StaleDirectory(sorted(set(device_pks) - set(devices)))
    live = alarms.live_alarms(devices)
    raise_, clear = [], set()
    refused_devices = set()
    for device in devices.values():
        if device.status == DeviceStatus.OFFLINE:
            clear.add((device.pk, AlarmKind.OFFLINE))
        device.status, device.last_seen_at = DeviceStatus.ONLINE, now

    # Door state is worked out in milliseconds on plain lists, one per device, and written back to the device rows
    # once: datetimes and model attributes per event cost more than the rest of the loop. Plain strings, too:
    # comparing with enum members costs more than a string compare.
    open_, closed, unknown = str(DoorState.OPEN), str(DoorState.CLOSED), str(DoorState.UNKNOWN)
    held, forced = str(AlarmKind.HELD_OPEN), str(AlarmKind.FORCED)
    # [door_state, door_state_at, door_open_since, last_event_at, last_seq], times in ms
    states = {pk: [d.door_state, _ms(d.door_state_at), _ms(d.door_open_since), _ms(d.last_event_at), d.last_seq]
              for pk, d in devices.items()}

    def door(pk, st, state, at, slack=0):
        if state == unknown or (st[1] is not None and at + slack < st[1]):
            return  # a late event does not overwrite a newer door state
        if state == open_ and st[0] != open_:
            st[2] = at
        elif state == closed:
            clear.update(((pk, held), (pk, forced)))
            st[2] = None
        st[0], st[1] = state, at

    for row in sorted(new_rows, key=lambda r: r.at_ms):
        pk, at = row.device_id, row.at_ms
        st = states[pk]
        if st[3] is None or at > st[3]:
            st[3] = at
        if st[4] is None or row.seq > st[4]:
            st[4] = row.seq
        if row.door != unknown:
            door(pk, st, row.door, at)
        kind = row.kind
        if kind == "swipe":
            if row.result == "refused":
                refused_devices.add(pk)
        elif kind == "forced":
            raise_.append((devices[pk], AlarmKind.FORCED, _when(at), {"seq": row.seq}))
        elif kind == "tamper":
            devices[pk].tamper = True
            raise_.append((devices[pk], AlarmKind.TAMPER, _when(at), {"seq": row.seq}))
        elif kind == "held":
            raise_.append((devices[pk], AlarmKind.HELD_OPEN, _when(at), {"seq": row.seq, "by": "device"}))
    for device, envelope in heartbeats:
        device = devices[device.pk]
        at = dt.datetime.fromtimestamp(envelope.ts, UTC)
        door(device.pk, states[device.pk], envelope.status["door"], envelope.ts * 1000, slack=1000)  # whole seconds
        if envelope.status["tamper"]:
            device.tamper = True
            raise_.append((device, AlarmKind.TAMPER, at, {"by": "heartbeat"}))
        elif device.tamper:
            device.tamper = False
            clear.add((device.pk, AlarmKind.TAMPER))
    for pk, (state, state_at, open_since, last_event, last_seq) in states.items():
        device = devices[pk]
        device.door_state, device.last_seq = state, last_seq
        if state_at != _ms(device.door_state_at):
            device.door_state_at = _when(state_at)
        if open_since != _ms(device.door_open_since):
            device.door_open_since = None if open_since is None else _when(open_since)
        if last_event != _ms(device.last_event_at):
            device.last_event_at = _when(last_event)
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
