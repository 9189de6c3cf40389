"""Device endpoints: authenticated by the device's own secret (HMAC), never by a user session.

POST /api/doors/devices/<device_id>/events     a signed envelope (lib/doors/protocol.py) with a batch of events;
                                               idempotent: a repeated batch stores nothing twice.
GET  /api/doors/devices/<device_id>/allowlist  headers X-Anju-Timestamp (Unix seconds) and X-Anju-Signature
                                               (hex HMAC-SHA256 of "<device_id>\\n<timestamp>\\n<full path>");
                                               ?since=V for the changes after version V; ETag / If-None-Match → 304.
"""
import hmac
import json
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from anju.doors.ingest import Message, ingest
from anju.doors.models import DeadLetter, Device
from anju.doors.selectors import allowlist
from anju.doors.services import device_secret

STATUS = {"malformed": 400, "schema": 400, "too_large": 413, "unknown_device": 403, "unauthenticated": 403,
          "replayed": 403, "topic_mismatch": 403}


@csrf_exempt
@require_POST
def events_view(request, device_id):
    topic = f"anju/v1/doors/{device_id}/events"
    report = ingest([Message(payload=request.body, topic=topic, source="http")])
    if report.dead:
        reason = next(iter(report.dead))
        return JsonResponse({"accepted": False, "reason": reason}, status=STATUS.get(reason, 400))
    return JsonResponse({"accepted": True, "events": report.events, "stored": report.inserted,
                         "duplicates": report.duplicates})


def request_signature(secret: bytes, device_id: str, timestamp: str, full_path: str) -> str:
    return hmac.new(secret, f"{device_id}\n{timestamp}\n{full_path}".encode(), "sha256").hexdigest()


@require_GET
def allowlist_view(request, device_id):
    device = Device.objects.filter(device_id=device_id, active=True).select_related("standard_address").first()
    timestamp = request.headers.get("X-Anju-Timestamp", "")
    given = request.headers.get("X-Anju-Signature", "")
    ok = device is not None and timestamp.isdigit() and abs(time.time() - int(timestamp)) <= settings.ANJU_DOOR_REPLAY_SECONDS
    if ok:
        expected = request_signature(device_secret(device.device_id, device.secret_version), device_id, timestamp,
                                     request.get_full_path())
        ok = hmac.compare_digest(expected, given.lower())
    if not ok:
        return JsonResponse({"reason": "unauthenticated"}, status=403)
    since = request.GET.get("since", "")
    body = allowlist(device=device, since=int(since) if since.isdigit() else None)
    etag = f'"{device.device_id}-{body["version"]}-{since or "full"}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response
