"""The device HTTP endpoints: batch upload (idempotent, device-authenticated) and the allow-list with ETags."""
import json
import time

from anju.doors.api.views import request_signature
from anju.doors.models import DeadLetter, DoorEvent
from anju.doors.services import credential_issue, credential_report_loss, device_secret
from anju.doors.tests.conftest import swipe


def test_a_batch_posted_twice_is_stored_once(client, device, send):
    body = send.envelope(device, [swipe(1), swipe(2)])
    url = f"/api/doors/devices/{device.device_id}/events"
    first = client.post(url, body, content_type="application/json")
    second = client.post(url, body, content_type="application/json")
    assert first.json() == {"accepted": True, "events": 2, "stored": 2, "duplicates": 0}
    assert second.json()["duplicates"] == 2 and DoorEvent.objects.count() == 2


def test_a_forged_batch_is_refused_and_kept_as_a_dead_letter(client, device, send):
    response = client.post(f"/api/doors/devices/{device.device_id}/events",
                           send.envelope(device, [swipe(1)], secret=b"z" * 32), content_type="application/json")
    assert response.status_code == 403 and response.json()["reason"] == "unauthenticated"
    assert DeadLetter.objects.get().source == "http" and not DoorEvent.objects.exists()


def _get(client, device, path, **headers):
    ts = str(int(time.time()))
    sig = request_signature(device_secret(device.device_id, device.secret_version), device.device_id, ts, path)
    return client.get(path, HTTP_X_ANJU_TIMESTAMP=ts, HTTP_X_ANJU_SIGNATURE=sig, **headers)


def test_allow_list_is_versioned_incremental_and_cached_by_etag(client, device, house, officer_a, registration):
    path = f"/api/doors/devices/{device.device_id}/allowlist"
    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="A1")
    full = _get(client, device, path)
    assert full.status_code == 200 and [c["card"] for c in full.json()["cards"]] == ["A1"]
    assert _get(client, device, path, HTTP_IF_NONE_MATCH=full["ETag"]).status_code == 304
    version = full.json()["version"]
    credential_report_loss(actor=officer_a, credential=card)
    changed = _get(client, device, path, HTTP_IF_NONE_MATCH=full["ETag"])
    assert changed.status_code == 200 and changed.json()["cards"] == []
    delta = _get(client, device, f"{path}?since={version}").json()
    assert delta["full"] is False and [(c["op"], c["card"]) for c in delta["changes"]] == [("remove", "A1")]


def test_allow_list_needs_the_device_signature(client, device):
    path = f"/api/doors/devices/{device.device_id}/allowlist"
    assert client.get(path).status_code == 403
    assert client.get(path, HTTP_X_ANJU_TIMESTAMP=str(int(time.time())), HTTP_X_ANJU_SIGNATURE="00").status_code == 403
