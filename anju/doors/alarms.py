"""Raising and clearing door alarms, in bulk: during ingestion (forced, tamper, refusals, door closed) and in the
sweep (held open, offline). An alarm goes to the device's place and names its police station; one live alarm per
device and kind, so a repeat only updates it. Staff acknowledge and close alarms through services.py."""
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from anju.doors.choices import LIVE_ALARM, AlarmKind, AlarmStatus, DeviceStatus, DoorState
from anju.doors.models import Alarm, Device, DoorEvent
from anju.jurisdictions.models import Node

def _stations(node_ids) -> dict[int, int | None]:
    """The police station above each node: two queries for any number of nodes."""
    paths = dict(Node.objects.filter(pk__in=set(node_ids)).values_list("pk", "path"))
    codes = {c for p in paths.values() for c in p.strip("/").split("/")}
    stations = dict(Node.objects.filter(code__in=codes, level="station").values_list("code", "pk"))
    return {pk: next((stations[c] for c in path.strip("/").split("/") if c in stations), None)
            for pk, path in paths.items()}


def live_alarms(device_ids) -> dict[tuple[int, str], Alarm]:
    return {(a.device_id, a.kind): a for a in Alarm.objects.filter(device_id__in=list(device_ids), status__in=LIVE_ALARM)}


def raise_many(wanted: list[tuple[Device | dict, str, object, dict]], *, live: dict, now=None) -> list[Alarm]:
    """(device, kind, condition time, detail) → alarms; an existing live alarm of the same kind is kept."""
    now = now or timezone.now()
    new, seen = [], set()
    stations = _stations(d.jurisdiction_id for d, _k, _a, _x in wanted)
    for device, kind, at, detail in wanted:
        pk = device.pk
        if (pk, kind) in live or (pk, kind) in seen:
            continue
        seen.add((pk, kind))
        new.append(Alarm(device_id=pk, kind=kind, jurisdiction_id=device.jurisdiction_id,
                         station_id=stations.get(device.jurisdiction_id), raised_at=now, condition_at=at,
                         detail=detail or {}))
    if new:
        Alarm.objects.bulk_create(new, ignore_conflicts=True)
    return new


def clear_many(pairs, *, live: dict, now=None) -> int:
    """Clears live alarms whose condition has ended: (device pk, kind) pairs."""
    pks = [live[p].pk for p in pairs if p in live]
    if not pks:
        return 0
    return Alarm.objects.filter(pk__in=pks, status__in=LIVE_ALARM).update(status=AlarmStatus.CLEARED,
                                                                         cleared_at=now or timezone.now())


def refusal_counts(device_ids, *, now=None) -> dict[int, int]:
    now = now or timezone.now()
    since = now - timedelta(minutes=settings.ANJU_DOOR_REFUSAL_WINDOW_MINUTES)
    rows = (DoorEvent.objects.filter(device_id__in=list(device_ids), result="refused", kind="swipe",
                                     occurred_at__gte=since)
            .values("device_id").annotate(n=Count("id")).values_list("device_id", "n"))
    return dict(rows)


def sweep(*, now=None) -> dict:
    """Time-based conditions: devices silent too long go offline; doors open too long raise held-open; refusal
    alarms whose window has passed clear. Cheap enough to run every second in the ingest worker."""
    now = now or timezone.now()
    report = {"offline": 0, "held_open": 0, "cleared": 0}
    cutoff = now - timedelta(minutes=settings.ANJU_DOOR_OFFLINE_MINUTES)
    silent = list(Device.objects.filter(active=True, last_seen_at__lt=cutoff).exclude(status=DeviceStatus.OFFLINE))
    if silent:
        Device.objects.filter(pk__in=[d.pk for d in silent]).update(status=DeviceStatus.OFFLINE)
        live = live_alarms(d.pk for d in silent)
        report["offline"] = len(raise_many([(d, AlarmKind.OFFLINE, d.last_seen_at,
                                             {"last_seen": d.last_seen_at.isoformat()}) for d in silent],
                                           live=live, now=now))
    held_cutoff = now - timedelta(seconds=settings.ANJU_DOOR_HELD_OPEN_SECONDS)
    held = list(Device.objects.filter(active=True, door_state=DoorState.OPEN, door_open_since__lt=held_cutoff))
    if held:
        live = live_alarms(d.pk for d in held)
        report["held_open"] = len(raise_many([(d, AlarmKind.HELD_OPEN, d.door_open_since,
                                               {"open_since": d.door_open_since.isoformat()}) for d in held],
                                             live=live, now=now))
    refusal_alarms = list(Alarm.objects.filter(kind=AlarmKind.REFUSALS, status__in=LIVE_ALARM))
    if refusal_alarms:
        counts = refusal_counts({a.device_id for a in refusal_alarms}, now=now)
        ended = [(a.device_id, a.kind) for a in refusal_alarms
                 if counts.get(a.device_id, 0) < settings.ANJU_DOOR_REFUSALS]
        report["cleared"] = clear_many(ended, live={(a.device_id, a.kind): a for a in refusal_alarms}, now=now)
    return report
