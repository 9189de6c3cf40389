"""`anju devices simulate --devices N --rate R --duration S`: realistic door traffic published to the broker.

Each simulated device sends swipes (mostly granted, some refused), door open/close, a heartbeat every 30 s, and —
at the rate of --noise — a malformed, duplicated, replayed (old timestamp) or late (event hours old) message, so the
ingest worker's dead-letter and dedup paths are exercised. Devices are the registered ones (or --create N demo
devices at existing addresses). Events per message: --per-message (devices that buffer send a few at a time).
"""
import random
import time

from django.core.management.base import BaseCommand, CommandError

from anju.doors import mqtt
from anju.doors.models import Credential, Device
from anju.doors.services import device_secret
from anju.lib.doors import protocol


class Command(BaseCommand):
    help = "Publish simulated door traffic to MQTT (模拟门禁设备)"

    def add_arguments(self, parser):
        parser.add_argument("--devices", type=int, default=100)
        parser.add_argument("--rate", type=float, default=50, help="events per second, all devices together")
        parser.add_argument("--duration", type=float, default=30, help="seconds")
        parser.add_argument("--per-message", type=int, default=1)
        parser.add_argument("--noise", type=float, default=0.01, help="share of malformed/duplicate/replayed/late")
        parser.add_argument("--host", default=None)
        parser.add_argument("--port", type=int, default=None)
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args, devices, rate, duration, per_message, noise, host, port, seed, **options):
        from django.conf import settings

        host, port = host or settings.ANJU_MQTT_HOST, port or settings.ANJU_MQTT_PORT
        if problem := mqtt.broker_reachable(host, port):
            raise CommandError(problem)
        rows = list(Device.objects.filter(active=True).order_by("pk")[:devices])
        if not rows:
            raise CommandError("没有门禁设备 / no devices: `anju import devices FILE` first")
        sent = simulate(rows, rate=rate, duration=duration, per_message=per_message, noise=noise, host=host, port=port,
                        rng=random.Random(seed), prefix=settings.ANJU_MQTT_PREFIX)
        self.stdout.write(f"已发布 published {sent['messages']} messages, {sent['events']} events, "
                          f"noise {sent['noise']} to {host}:{port}")


def simulate(devices, *, rate, duration, per_message=1, noise=0.01, host="127.0.0.1", port=1883, rng=None,
             prefix: str = "") -> dict:
    rng = rng or random.Random()
    cards = {}
    for uid, house_id in Credential.objects.filter(status="active").values_list("uid", "house_id"):
        cards.setdefault(house_id, []).append(uid)
    state = {d.device_id: {"secret": device_secret(d.device_id, d.secret_version), "seq": int(d.last_seq or 0),
                           "cards": cards.get(d.house_id, []) or ["DEADBEEF"], "last": None} for d in devices}
    ids = list(state)
    client = mqtt.publisher_client()
    client.connect(host, port)
    client.loop_start()
    counts = {"messages": 0, "events": 0, "noise": 0}
    start = time.time()
    interval = per_message / rate if rate else 1
    next_at = start
    last_heartbeat = start
    try:
        while time.time() - start < duration:
            now = time.time()
            device_id = rng.choice(ids)
            s = state[device_id]
            events = []
            for _ in range(per_message):
                s["seq"] += 1
                roll = rng.random()
                if roll < 0.85:
                    events.append({"seq": s["seq"], "at": int(now * 1000), "kind": "swipe", "method": "card",
                                   "credential": rng.choice(s["cards"]), "direction": rng.choice(["in", "out"]),
                                   "result": "granted", "door": "open"})
                elif roll < 0.95:
                    events.append({"seq": s["seq"], "at": int(now * 1000), "kind": "swipe", "method": "card",
                                   "credential": f"{rng.getrandbits(32):08X}", "direction": "in", "result": "refused",
                                   "door": "closed"})
                else:
                    events.append({"seq": s["seq"], "at": int(now * 1000), "kind": "close", "door": "closed"})
            payload = protocol.envelope_bytes(s["secret"], device=device_id, ts=int(now), events=events)
            topic = prefix + protocol.topic_events(device_id)
            if rng.random() < noise:
                counts["noise"] += 1
                trick = rng.choice(["malformed", "duplicate", "replayed", "late"])
                if trick == "malformed":
                    client.publish(topic, payload[: len(payload) // 2], qos=1)
                elif trick == "duplicate" and s["last"]:
                    client.publish(topic, s["last"], qos=1)
                elif trick == "replayed":
                    s["seq"] += 1
                    client.publish(topic, protocol.envelope_bytes(s["secret"], device=device_id, ts=int(now - 3600),
                                                                  events=[{**events[0], "seq": s["seq"]}]), qos=1)
                else:
                    s["seq"] += 1
                    client.publish(topic, protocol.envelope_bytes(
                        s["secret"], device=device_id, ts=int(now),
                        events=[{**events[0], "seq": s["seq"], "at": int((now - 6 * 3600) * 1000)}]), qos=1)
            client.publish(topic, payload, qos=1)
            s["last"] = payload
            counts["messages"] += 1
            counts["events"] += len(events)
            if now - last_heartbeat > 30:
                for hb_id in ids:
                    client.publish(prefix + protocol.topic_heartbeat(hb_id), protocol.envelope_bytes(
                        state[hb_id]["secret"], device=hb_id, ts=int(now), status={"door": "closed", "tamper": False}),
                        qos=1)
                last_heartbeat = now
            next_at += interval
            delay = next_at - time.time()
            if delay > 0:
                time.sleep(delay)
    finally:
        client.loop_stop()
        client.disconnect()
    return counts
