"""Ingestion: signed envelopes in, events stored once, every refused message kept with its reason, alarms."""
import json
import time

import pytest
from django.test.utils import override_settings

from anju.doors.choices import AlarmKind, AlarmStatus, DeviceStatus
from anju.doors.models import Alarm, DeadLetter, Device, DoorEvent
from anju.doors.tests.conftest import swipe


def test_events_are_stored_once_whatever_the_order_and_repeats(device, send):
    at = time.time() - 60  # a redelivered event is the same event: same sequence number, same time
    first = send(send.envelope(device, [swipe(3, at=at), swipe(1, at=at)]), send.envelope(device, [swipe(1, at=at)]))
    again = send(send.envelope(device, [swipe(2, at=at), swipe(3, at=at)]))
    assert (first.inserted, first.duplicates, again.inserted, again.duplicates) == (2, 0, 1, 1)
    assert sorted(DoorEvent.objects.values_list("seq", flat=True)) == [1, 2, 3]
    device.refresh_from_db()
    assert device.last_seq == 3 and device.status == DeviceStatus.ONLINE


def test_refused_messages_go_to_the_dead_letter_table_with_their_reason(device, send, officer_a):
    from anju.doors.services import device_register

    stranger = device_register(actor=officer_a, device_id="D-A-0002", standard_address=device.standard_address)
    good = send.envelope(device, [swipe(1)])
    forged = send.envelope(device, [swipe(2)], secret=b"x" * 32)
    stale = send.envelope(device, [swipe(3)], ts=time.time() - 3600)
    tampered = json.loads(send.envelope(device, [swipe(4)]))
    tampered["events"][0]["result"] = "granted!"
    unknown = json.loads(send.envelope(device, [swipe(5)]))
    unknown["device"] = "NOPE"
    report = send(good, forged, stale, json.dumps(tampered).encode(), json.dumps(unknown).encode(), b"{not json",
                  send.envelope(stranger, [swipe(6)]), topic_device=device.device_id)
    assert report.inserted == 1
    reasons = sorted(DeadLetter.objects.values_list("reason", flat=True))
    assert reasons == ["malformed", "replayed", "topic_mismatch", "unauthenticated", "unauthenticated", "unknown_device"]
    assert DeadLetter.objects.get(reason="malformed").raw == "{not json"


def test_late_events_do_not_overwrite_the_current_door_state(device, send):
    now = time.time()
    send(send.envelope(device, [swipe(10, door="closed", at=now)]))
    send(send.envelope(device, [swipe(9, kind="open", door="open", at=now - 600)]))
    device.refresh_from_db()
    assert device.door_state == "closed" and DoorEvent.objects.count() == 2


def test_the_device_row_keeps_exact_times_nulls_and_flags_after_a_batch(device, send):
    import datetime as dt

    opened = int(time.time() * 1000) - 90_000 + 123  # odd milliseconds: a time must come back to the millisecond
    send(send.envelope(device, [swipe(1, kind="open", door="open", at=opened / 1000)]),
         send.envelope(device, status={"door": "open", "tamper": True}))
    device.refresh_from_db()
    expected = dt.datetime.fromtimestamp(opened / 1000, dt.timezone.utc)
    assert (device.door_state, device.tamper, device.last_seq) == ("open", True, 1)
    assert device.door_open_since == expected and device.last_event_at == expected
    assert device.door_state_at >= expected  # the heartbeat's report of the door is newer than the event
    send(send.envelope(device, [swipe(2, kind="close", door="closed", at=opened / 1000 + 30)]),
         send.envelope(device, status={"door": "closed", "tamper": False}))
    device.refresh_from_db()
    assert (device.door_state, device.door_open_since, device.tamper, device.last_seq) == ("closed", None, False, 2)


def test_forced_door_raises_an_alarm_for_the_station_that_clears_when_the_door_closes(device, send, tree):
    now = time.time()
    send(send.envelope(device, [swipe(1, kind="forced", door="open", at=now - 5)]))
    alarm = Alarm.objects.get()
    assert (alarm.kind, alarm.status, alarm.station.code) == (AlarmKind.FORCED, AlarmStatus.OPEN, "A1")
    send(send.envelope(device, [swipe(2, kind="forced", door="open", at=now - 4)]))
    assert Alarm.objects.count() == 1
    send(send.envelope(device, [swipe(3, kind="close", door="closed", at=now)]))
    alarm.refresh_from_db()
    assert alarm.status == AlarmStatus.CLEARED and alarm.cleared_at


@override_settings(ANJU_DOOR_REFUSALS=3)
def test_repeated_refusals_raise_an_alarm(device, send):
    send(send.envelope(device, [swipe(i, "BAD", result="refused") for i in range(1, 3)]))
    assert not Alarm.objects.exists()
    send(send.envelope(device, [swipe(3, "BAD", result="refused")]))
    assert Alarm.objects.get().kind == AlarmKind.REFUSALS


def test_tamper_from_heartbeat_raises_and_clears(device, send):
    send(send.envelope(device, status={"door": "closed", "tamper": True}))
    assert Alarm.objects.get(kind=AlarmKind.TAMPER).status == AlarmStatus.OPEN
    send(send.envelope(device, status={"door": "closed", "tamper": False}))
    assert Alarm.objects.get(kind=AlarmKind.TAMPER).status == AlarmStatus.CLEARED


def test_sweep_raises_offline_and_held_open_and_a_heartbeat_clears_offline(device, send):
    from datetime import timedelta

    from django.utils import timezone

    from anju.doors.alarms import sweep

    send(send.envelope(device, [swipe(1, kind="open", door="open")]))
    later = timezone.now() + timedelta(minutes=30)
    report = sweep(now=later)
    assert report["offline"] == 1 and report["held_open"] == 1
    device.refresh_from_db()
    assert device.status == DeviceStatus.OFFLINE
    send(send.envelope(device, status={"door": "closed", "tamper": False}))
    assert set(Alarm.objects.values_list("kind", "status")) == {(AlarmKind.OFFLINE, AlarmStatus.CLEARED),
                                                                (AlarmKind.HELD_OPEN, AlarmStatus.CLEARED)}


def test_a_granted_swipe_passes_the_holder_through_the_checkers_once_a_day(
        house, officer_a, registration, device, send, django_capture_on_commit_callbacks):
    from anju.doors.services import credential_issue
    from anju.registrations.checkers import checker_registered

    credential_issue(actor=officer_a, house=house, registration=registration, uid="AB12")
    seen = []
    with checker_registered(seen.append), django_capture_on_commit_callbacks(execute=True):
        send(send.envelope(device, [swipe(1, "AB12"), swipe(2, "AB12")]))
        send(send.envelope(device, [swipe(3, "AB12")]))
    assert [e.kind for e in seen] == ["door.swipe"] and seen[0].address == house.address


def test_staff_close_an_alarm_with_a_note_within_their_jurisdiction(device, send, officer_a, officer_b):
    import pytest

    from anju.doors.services import DoorError, alarm_acknowledge, alarm_close

    send(send.envelope(device, [swipe(1, kind="tamper")]))
    alarm = Alarm.objects.get()
    with pytest.raises(DoorError):
        alarm_acknowledge(actor=officer_b, alarm=alarm)
    alarm_acknowledge(actor=officer_a, alarm=alarm)
    with pytest.raises(DoorError):
        alarm_close(actor=officer_a, alarm=alarm, note="")
    assert alarm_close(actor=officer_a, alarm=alarm, note="现场查看，外壳被撬，已报修").status == AlarmStatus.CLOSED


def test_a_message_with_nul_characters_is_dead_lettered_not_a_poison_pill(device, send):
    body = json.loads(send.envelope(device, [swipe(1)]))
    body["events"][0]["credential"] = "AB\u0000CD"
    from anju.doors.services import device_secret
    from anju.lib.doors import protocol

    poisoned = json.dumps(protocol.sign(device_secret(device.device_id), body)).encode()  # signed: schema refuses it
    report = send(poisoned, b'{"device": "X\\u0000", "raw": "\x00"}', send.envelope(device, [swipe(2)]))
    assert report.inserted == 1 and sum(report.dead.values()) == 2
    assert DeadLetter.objects.count() == 2


def test_lone_surrogates_and_unhashable_codes_are_dead_lettered_not_a_poison_pill(device, send):
    from anju.doors.services import device_secret
    from anju.lib.doors import protocol

    body = json.loads(send.envelope(device, [swipe(1)]))
    body["events"][0]["kind"] = ["swipe"]  # a list where a code belongs
    unhashable = json.dumps(protocol.sign(device_secret(device.device_id), body)).encode()
    surrogate = send.envelope(device, [swipe(3)]).replace(b'"kind":"swipe"', b'"kind":"\\ud800"')
    report = send(unhashable, surrogate, send.envelope(device, [swipe(2)]))
    assert report.inserted == 1 and report.dead == {"schema": 1, "malformed": 1}


def test_a_holder_put_on_the_watchlist_at_noon_is_caught_at_the_next_swipe_that_day(
        device, send, house, officer_a, registration, make_user, django_capture_on_commit_callbacks):
    from anju.doors.services import credential_issue
    from anju.watchlist.models import Alert
    from anju.watchlist.services import watch_entry_save

    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="04C0FFEE")
    with django_capture_on_commit_callbacks(execute=True):
        send(send.envelope(device, [swipe(1, card.uid)]))
    assert not Alert.objects.exists()
    admin = make_user("wl-admin", "admin", "A1")
    watch_entry_save(actor=admin, watch_id="W-NOON", id_number=registration.id_number, name=registration.name,
                     reason="网上逃犯")
    with django_capture_on_commit_callbacks(execute=True):
        send(send.envelope(device, [swipe(2, card.uid)]))
        send(send.envelope(device, [swipe(3, card.uid)]))  # checked once per list version, not per swipe
    alert = Alert.objects.get()
    assert alert.entry.watch_id == "W-NOON" and alert.source == "door.swipe"


def test_a_device_deleted_and_imported_again_is_read_afresh_not_from_the_worker_cache(device, send):
    send(send.envelope(device, [swipe(1)]))
    old_pk = device.pk
    fields = {f.attname: getattr(device, f.attname) for f in Device._meta.concrete_fields if f.attname != "id"}
    Device.objects.filter(pk=old_pk).delete()
    again = Device.objects.create(**fields)
    report = send(send.envelope(again, [swipe(2)]))
    assert report.inserted == 1 and again.pk != old_pk
    assert DoorEvent.objects.filter(device_id=again.pk, seq=2).exists()


def test_a_batch_rolled_back_by_a_deadlock_is_stored_again(device, send, monkeypatch):
    from anju.doors import ingest as module

    class Deadlock(Exception):
        sqlstate = "40P01"

    real, calls = module._ingest, []

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("wrapped") from Deadlock()
        return real(*args)

    monkeypatch.setattr(module, "_ingest", flaky)
    assert send(send.envelope(device, [swipe(1)])).inserted == 1 and len(calls) == 2


def test_other_database_errors_are_not_retried(device, send, monkeypatch):
    from anju.doors import ingest as module

    calls = []

    def broken(*args):
        calls.append(1)
        raise ValueError("disk full")

    monkeypatch.setattr(module, "_ingest", broken)
    with pytest.raises(ValueError):
        send(send.envelope(device, [swipe(1)]))
    assert len(calls) == 1  # raised at once, not after retries
