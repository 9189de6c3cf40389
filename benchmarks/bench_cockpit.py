"""The cockpit's data endpoint at city scale on PostgreSQL (issue 9 target: p95 < 300 ms for a district and for a
community with 1,000,000 registered people and 10,000,000 door events).

The database holds the registrations, 1,000 door devices (some offline), 10,000,000 door events over the last
60 days in the monthly partitions (1,000,000 with --quick) and open door alarms, all loaded with COPY. Baseline in
the same run: the same server's /healthz.
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import ROOT, fresh_database, gunicorn, postgres_available  # noqa: E402

PREPARE = r"""
import io, json, random, time, django
django.setup()
from datetime import date, timedelta
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from anju.accounts.services import user_create
from anju.jurisdictions.services import jurisdictions_import
from anju.jurisdictions.models import Node
from anju.core import crypto
from anju.lib.identity import check_digit, mask_id_number
N = {n}
lines = ["code,name,level,parent_code", "330000,浙江省,province,", "330100,杭州市,city,330000", "330106,西湖区,district,330100"]
for s in range(10):
    lines.append(f"S{{s}},第{{s}}派出所,station,330106")
    for c in range(10):
        lines.append(f"S{{s}}C{{c}},第{{s}}-{{c}}社区,community,S{{s}}")
        for g in range(10):
            lines.append(f"S{{s}}C{{c}}G{{g}},第{{s}}-{{c}}-{{g}}网格,grid,S{{s}}C{{c}}")
assert not jurisdictions_import(text="\n".join(lines)).errors
grids = list(Node.objects.filter(level="grid").values_list("pk", flat=True))
rng = random.Random(9)
cipher = crypto.encrypt("330106199001011234")
today = date.today()
t = time.time()
buffer = io.StringIO()
for i in range(N):
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 80))
    region = rng.choice(["342401", "411302", "330106", "421081", "511323"])
    body = f"{{region}}{{birth:%Y%m%d}}{{i % 1000:03d}}"
    number = body + check_digit(body)
    start = today - timedelta(days=rng.randrange(0, 900))
    status = "active" if i % 10 else "cancelled"
    ended = start.isoformat() if status == "cancelled" else "\\N"
    buffer.write(f"R{{i}}\t{{status}}\t张三\t{{cipher}}\t{{i:064x}}\t{{mask_id_number(number)}}\t{{'12'[i % 2]}}\t{{birth}}\t\t某地址\t"
                 f"{{rng.choice(grids)}}\t{{start}}\t{{ended}}\t\timport\t{{{{}}}}\t2026-01-01T00:00:00+00:00\n")
buffer.seek(0)
columns = "(number, status, name, id_cipher, id_hash, id_masked, sex, birth_date, phone, address, jurisdiction_id, starts_on, ended_on, end_reason, source, extra, created_at)"
with connection.cursor() as cursor:
    with cursor.cursor.copy(f"COPY registrations_registration {{columns}} FROM STDIN") as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)
    cursor.execute("ANALYZE")
load = time.time() - t
# Door devices (through the service, audited like any), a few offline with open alarms, and the door events
from datetime import datetime, timezone as tz
from anju.addresses.services import address_upsert
from anju.doors.models import Alarm, Device
from anju.doors.partitions import ensure
from anju.doors.services import device_register
ensure()
admin = user_create(username="bench_admin", role="admin", jurisdiction=Node.objects.get(code="330000"), password="bench-pass-123")
grid_nodes = list(Node.objects.filter(level="grid").order_by("code"))
devices = []
for d in range(1000):
    grid = grid_nodes[d % len(grid_nodes)]
    address = address_upsert(code=f"BENCH-A{{d}}", full_address=f"文一西路{{d}}号1幢", jurisdiction=grid)
    devices.append(device_register(actor=admin, device_id=f"BENCH-D{{d:04d}}", standard_address=address))
Device.objects.filter(pk__in=[x.pk for x in devices[:900]]).update(status="online")
Device.objects.filter(pk__in=[x.pk for x in devices[900:950]]).update(status="offline")
now = datetime.now(tz.utc)
Alarm.objects.bulk_create([Alarm(device=x, kind="offline", jurisdiction=x.jurisdiction, raised_at=now)
                           for x in devices[900:950]])
t = time.time()
events = {events}
per_device = events // len(devices)
start = now.timestamp() - 60 * 86400
ids = [x.pk for x in devices]
columns = "(device_id, seq, occurred_at, received_at, kind, method, credential_uid, credential_id, credential_status, direction, result, door)"
with connection.cursor() as cursor:
    with cursor.cursor.copy(f"COPY doors_doorevent {{columns}} FROM STDIN") as copy:
        chunk = []
        for seq in range(per_device):
            at = datetime.fromtimestamp(start + seq * (60 * 86400 / per_device), tz.utc).isoformat()
            tail = f"\t{{seq}}\t{{at}}\t{{at}}\tswipe\tcard\tA1B2C3D4\t\\N\tactive\tin\tgranted\tclosed\n"
            chunk.extend(f"{{pk}}{{tail}}" for pk in ids)
            if len(chunk) >= 200_000:
                copy.write("".join(chunk))
                chunk = []
        copy.write("".join(chunk))
    cursor.execute("ANALYZE")
door_load = time.time() - t
from anju.cockpit.aggregates import refresh
stamp = refresh()
user = user_create(username="bench_commander", role="commander", jurisdiction=Node.objects.get(code="330106"), password="bench-pass-123")
from django.contrib.sessions.backends.db import SessionStore
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "anju.accounts.backends.AnjuBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(json.dumps({{"session": session.session_key, "load": load, "refresh": stamp.seconds, "door_load": door_load,
                  "door_events": per_device * len(devices)}}))
"""


def _times(base, path, cookie, count):
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {body[:200]}")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def _p95(values):
    return round(statistics.quantiles(values, n=20)[18], 1)


def run(quick: bool = False) -> list[dict]:
    reason = postgres_available()
    if reason:
        return [{"benchmark": "cockpit", "metric": "data endpoint p95", "value": None, "unit": "ms", "baseline": None,
                 "target": "< 300 ms", "status": f"skipped: {reason}"}]
    size = 100_000 if quick else 1_000_000
    events = 1_000_000 if quick else 10_000_000
    with fresh_database("anju_bench_cockpit") as url:
        env = {**os.environ, "DATABASE_URL": url, "ANJU_SECRET_KEY": "bench-secret", "ANJU_DEBUG": "false",
               "ANJU_DATA_KEY": "YmVuY2gtZGF0YS1rZXktMDEyMzQ1Njc4OTAxMjM0NTY3OA==", "ANJU_CONN_MAX_AGE": "600",
               "DJANGO_SETTINGS_MODULE": "anju.settings", "ANJU_COCKPIT_MAX_AGE_SECONDS": "86400"}
        out = subprocess.run([sys.executable, "-c", PREPARE.format(n=size, events=events)], cwd=ROOT, env=env, capture_output=True,
                             text=True)
        if out.returncode:
            raise RuntimeError(out.stderr[-2000:])
        prepared = json.loads(out.stdout.strip().splitlines()[-1])
        with gunicorn(env) as base:
            _times(base, "/cockpit/data", prepared["session"], 3)
            district = _times(base, "/cockpit/data", prepared["session"], 40)
            community = _times(base, "/cockpit/data?node=S3C4", prepared["session"], 40)
            live = _times(base, "/cockpit/live", prepared["session"], 40)
            trivial = _times(base, "/healthz", prepared["session"], 40)
    baseline = {"name": "same server /healthz p95", "value": _p95(trivial), "unit": "ms"}
    note = (f"{size:,} registrations, {prepared['door_events']:,} door events, 1,000 door devices, open alarms")
    return [
        {"benchmark": "cockpit", "metric": f"data endpoint p95, district ({note})", "value": _p95(district),
         "unit": "ms", "baseline": baseline, "target": "< 300 ms", "status": "ok"},
        {"benchmark": "cockpit", "metric": "data endpoint p95, community", "value": _p95(community), "unit": "ms",
         "baseline": baseline, "target": "< 300 ms", "status": "ok"},
        {"benchmark": "cockpit", "metric": "live endpoint p95, district (alerts, devices, alarms; polled every 3 s)",
         "value": _p95(live), "unit": "ms", "baseline": baseline, "target": "", "status": "ok"},
        {"benchmark": "cockpit", "metric": f"aggregate refresh over {size:,} registrations", "value":
         round(prepared["refresh"], 1), "unit": "s", "baseline": {"name": "COPY of the same rows", "value":
         round(prepared["load"], 1), "unit": "s"}, "target": "", "status": "ok"},
        {"benchmark": "cockpit", "metric": f"COPY of {prepared['door_events']:,} door events into the monthly "
         "partitions (setup, for scale)", "value": round(prepared["door_load"], 1), "unit": "s", "baseline": None,
         "target": "", "status": "ok"},
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
