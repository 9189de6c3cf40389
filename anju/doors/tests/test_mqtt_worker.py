"""The ingest worker against the real broker: duplicates, reordering, late, malformed, replayed and forged messages;
the worker is killed (SIGKILL) mid-stream and restarted; every valid event is stored exactly once and every invalid
message is in the dead-letter table with its reason.

Runs in its own database (a temporary SQLite file, or a fresh PostgreSQL database when DATABASE_URL names one), since
the worker is a separate process. Skipped, saying why, when no broker answers at 127.0.0.1:1883.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from anju.lib.doors import protocol
from conftest import TREE_CSV

HOST, PORT = "127.0.0.1", 1883
ROOT = Path(__file__).resolve().parents[3]
PREFIX = f"test-{uuid.uuid4().hex[:8]}/"

SETUP = r"""
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from anju.jurisdictions.services import jurisdictions_import
from anju.jurisdictions.models import Node
from anju.addresses.services import address_upsert
from anju.doors.services import device_register
import sys
assert not jurisdictions_import(text=sys.argv[1]).errors
node = Node.objects.get(code="A1C1G1")
building = address_upsert(code="B-1", full_address="文一西路1号1幢", jurisdiction=node)
for device_id in ("MQ-1", "MQ-2"):
    device_register(actor=None, device_id=device_id, standard_address=building)
"""


def _reachable():
    from anju.doors.mqtt import broker_reachable

    return broker_reachable(HOST, PORT)


pytestmark = pytest.mark.skipif(_reachable() is not None, reason=f"needs an MQTT broker: {_reachable()}")


@pytest.fixture
def database(tmp_path):
    """(env for subprocesses, a function running SQL in that database)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "anju.settings_test", "ANJU_DATA_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT), "ANJU_MQTT_PREFIX": PREFIX}  # other runs may share the broker
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)[0], f"doors_mqtt_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"{base}/{name}"

        def sql(query):
            with psycopg.connect(env["DATABASE_URL"]) as conn:
                return conn.execute(query).fetchall()
    else:
        path = tmp_path / "mqtt.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"

        def sql(query):
            with sqlite3.connect(path) as conn:
                return conn.execute(query).fetchall()
    subprocess.run([sys.executable, "-c", SETUP, TREE_CSV], env=env, cwd=ROOT, check=True, timeout=120)
    yield env, sql
    if url.startswith("postgres"):
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _worker(env, client_id, *extra):
    return subprocess.Popen([sys.executable, "-m", "anju.cli", "ingest", "mqtt", "--client-id", client_id,
                             "--batch", "50", "--linger", "0.3", "--session-expiry", "60", *extra],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _secret(env, device_id):
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); from anju.doors.services import "
                          f"device_secret; print(device_secret({device_id!r}).hex())"],
                         env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=60)
    return bytes.fromhex(out.stdout.strip())


def _wait(predicate, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_worker_killed_mid_stream_loses_nothing_and_doubles_nothing(database):
    env, sql = database
    secrets = {d: _secret(env, d) for d in ("MQ-1", "MQ-2")}
    now = time.time()
    rng = random.Random(5)
    valid, invalid = [], []  # (topic, payload)
    expected = set()
    for device, secret in secrets.items():
        for seq in range(1, 121):
            late = seq % 20 == 0
            at = (now - 3 * 86400 if late else now - 120 + seq) * 1000
            event = {"seq": seq, "at": int(at), "kind": "swipe", "method": "card", "credential": f"C{seq % 7}",
                     "direction": "in", "result": "refused", "door": "closed"}
            valid.append((protocol.topic_events(device), protocol.envelope_bytes(secret, device=device, ts=int(now),
                                                                                 events=[event])))
            expected.add((device, seq))
    duplicates = rng.sample(valid, 60)
    invalid.append((protocol.topic_events("MQ-1"), b"{malformed"))
    invalid.append((protocol.topic_events("MQ-1"), protocol.envelope_bytes(
        secrets["MQ-1"], device="MQ-1", ts=int(now - 3600), events=[{"seq": 500, "at": int(now * 1000) - 3600_000,
                                                                     "kind": "swipe"}])))
    invalid.append((protocol.topic_events("MQ-2"), protocol.envelope_bytes(
        b"wrong" * 8, device="MQ-2", ts=int(now), events=[{"seq": 501, "at": int(now * 1000), "kind": "swipe"}])))
    invalid.append((protocol.topic_events("MQ-9"), protocol.envelope_bytes(
        b"x" * 32, device="MQ-9", ts=int(now), events=[{"seq": 1, "at": int(now * 1000), "kind": "swipe"}])))
    stream = valid + duplicates + invalid
    rng.shuffle(stream)  # reordered
    first, second = stream[:200], stream[200:]

    client_id = f"anju-test-{uuid.uuid4().hex[:8]}"
    from anju.doors.mqtt import publisher_client

    publisher = publisher_client()
    publisher.connect(HOST, PORT)
    publisher.loop_start()

    def publish(items):
        infos = [publisher.publish(PREFIX + topic, payload, qos=1) for topic, payload in items]
        for info in infos:
            info.wait_for_publish(timeout=30)

    worker = _worker(env, client_id)
    try:
        # The session must exist before messages are published (its subscriptions are what the broker queues for).
        line = b""
        while b"subscribed" not in line and worker.poll() is None:
            line = worker.stderr.readline()
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        publish(first)
        assert _wait(lambda: sql("SELECT count(*) FROM doors_doorevent")[0][0] > 0, 60)
    finally:
        worker.send_signal(signal.SIGKILL)  # mid-stream: some messages committed, some not yet acknowledged
        worker.wait(timeout=30)
    stored_at_kill = sql("SELECT count(*) FROM doors_doorevent")[0][0]
    publish(second)  # while no worker runs: the broker keeps them for the persistent session
    publisher.loop_stop()
    publisher.disconnect()

    worker = _worker(env, client_id, "--idle-exit", "4")
    _out, err = worker.communicate(timeout=180)
    assert worker.returncode == 0, err.decode()[-2000:]

    rows = sql("SELECT d.device_id, e.seq FROM doors_doorevent e JOIN doors_device d ON d.id = e.device_id")
    assert len(rows) == len(set(rows)) == len(expected), (len(rows), stored_at_kill)
    assert set(rows) == expected
    reasons = sorted(r for (r,) in sql("SELECT reason FROM doors_deadletter"))
    assert reasons == ["malformed", "replayed", "unauthenticated", "unknown_device"]
    assert 0 < stored_at_kill <= len(expected)


def test_two_workers_on_a_shared_subscription_split_the_stream_and_store_each_event_once(database):
    env, sql = database
    secrets = {d: _secret(env, d) for d in ("MQ-1", "MQ-2")}
    now = time.time()
    stream, expected = [], set()
    for device, secret in secrets.items():
        for first in range(1, 301, 10):  # ten events per message, as a busy device sends them
            events = [{"seq": seq, "at": int((now - 300 + seq) * 1000), "kind": "swipe", "method": "card",
                       "credential": f"C{seq % 7}", "direction": "in", "result": "granted", "door": "closed"}
                      for seq in range(first, first + 10)]
            stream.append((protocol.topic_events(device), protocol.envelope_bytes(secret, device=device, ts=int(now),
                                                                                  events=events)))
            expected.update((device, e["seq"]) for e in events)
    rng = random.Random(7)
    stream += rng.sample(stream, 20)  # redeliveries, which may reach the other worker
    rng.shuffle(stream)
    group = f"g{uuid.uuid4().hex[:6]}"
    workers = [_worker(env, f"anju-test-{uuid.uuid4().hex[:8]}", "--share", group, "--idle-exit", "4")
               for _ in range(2)]
    try:
        for worker in workers:
            line = b""
            while b"subscribed" not in line and worker.poll() is None:
                line = worker.stderr.readline()
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        from anju.doors.mqtt import publisher_client

        publisher = publisher_client()
        publisher.connect(HOST, PORT)
        publisher.loop_start()
        for info in [publisher.publish(PREFIX + topic, payload, qos=1) for topic, payload in stream]:
            info.wait_for_publish(timeout=30)
        publisher.loop_stop()
        publisher.disconnect()
        results = [worker.communicate(timeout=180) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    assert all(worker.returncode == 0 for worker in workers), [err.decode()[-2000:] for _o, err in results]
    taken = [int(err.decode().rsplit("ingest: ", 1)[1].split()[0]) for _o, err in results]
    assert all(taken) and sum(taken) >= len(stream)  # both worked (a redelivery may come twice)
    rows = sql("SELECT d.device_id, e.seq FROM doors_doorevent e JOIN doors_device d ON d.id = e.device_id")
    assert len(rows) == len(set(rows)) and set(rows) == expected
