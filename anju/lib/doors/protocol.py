"""The open device protocol (version 1): one JSON envelope for MQTT and HTTP, signed with the device's secret.

Envelope::

    {"v": 1, "device": "D-0001", "ts": 1763895600, "type": "events",
     "events": [{"seq": 17, "at": 1763895598123, "kind": "swipe", "method": "card", "credential": "04A1B2C3",
                 "direction": "in", "result": "granted", "door": "closed"}],
     "sig": "<hex HMAC-SHA256>"}

    {"v": 1, "device": "D-0001", "ts": 1763895600, "type": "heartbeat",
     "status": {"door": "closed", "tamper": false, "last_seq": 17, "allowlist": 12}, "sig": "…"}

`sig` is HMAC-SHA256 with the device's secret over the canonical JSON of the envelope without `sig` (keys sorted,
no spaces, UTF-8). `ts` is when the device sent the envelope (Unix seconds); an envelope outside the replay window
is refused, so a captured message cannot be replayed later. Inside the window a replay is only a duplicate, and
events are deduplicated by (device, seq). `at` is when the event happened (Unix milliseconds): it may be much older
than `ts` (a device that was offline re-sends its buffer, freshly signed).
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import NamedTuple

import msgspec

VERSION = 1
TOPIC_ROOT = "anju/v1/doors"
EVENT_KINDS = frozenset({"swipe", "open", "close", "forced", "tamper", "button", "held"})
METHODS = frozenset({"card", "phone", "face", "button", "none"})
DIRECTIONS = frozenset({"in", "out", ""})
RESULTS = frozenset({"granted", "refused", ""})
DOOR_STATES = frozenset({"open", "closed", "unknown"})
MAX_EVENTS = 1000
MAX_BYTES = 512 * 1024
MAX_FUTURE_MS = 5 * 60 * 1000  # an event may not claim to happen later than this after the envelope was sent


class ProtocolError(ValueError):
    """A message that is refused; `reason` is a short stable code kept with the dead letter."""

    def __init__(self, reason: str, detail: str = "", device: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.device = reason, detail, device


class Event(NamedTuple):  # a tuple, not a frozen dataclass: built ~20,000 times a second by the ingest worker
    seq: int
    at_ms: int
    kind: str
    method: str = "none"
    credential: str = ""
    direction: str = ""
    result: str = ""
    door: str = "unknown"


@dataclass(frozen=True)
class Envelope:
    device: str
    ts: int
    type: str
    events: tuple[Event, ...] = ()
    status: dict = field(default_factory=dict)


def topic_events(device: str) -> str:
    return f"{TOPIC_ROOT}/{device}/events"


def topic_heartbeat(device: str) -> str:
    return f"{TOPIC_ROOT}/{device}/heartbeat"


def topic_allowlist(device: str) -> str:
    return f"{TOPIC_ROOT}/{device}/allowlist"


def device_from_topic(topic: str) -> str:
    """The device id a topic names (anju/v1/doors/<device>/<kind>), or '' for a topic outside the layout."""
    parts = topic.split("/")
    if len(parts) == 5 and "/".join(parts[:3]) == TOPIC_ROOT and parts[4] in {"events", "heartbeat"}:
        return parts[3]
    return ""


def canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# The same canonical form, encoded in C (msgspec): byte for byte what `canonical` gives for the integers, strings,
# booleans, nulls, lists and objects of an envelope; floats may be written differently (1e20 vs 1e+20), so a
# mismatch is checked again with `canonical` before a signature is called wrong.
_sorted_encoder = msgspec.json.Encoder(order="sorted")
_decoder = msgspec.json.Decoder()


def _signature_matches(secret: bytes, unsigned: dict, sig: str) -> bool:
    sig = sig.lower()
    try:
        fast = _sorted_encoder.encode(unsigned)
    except (TypeError, ValueError, OverflowError):
        fast = None
    if fast is not None and hmac.compare_digest(hmac.new(secret, fast, hashlib.sha256).hexdigest(), sig):
        return True
    try:
        slow = canonical(unsigned)
    except UnicodeEncodeError:  # a lone surrogate (only from a body that did not come through `decode`)
        return False
    return slow != fast and hmac.compare_digest(hmac.new(secret, slow, hashlib.sha256).hexdigest(), sig)


def signature(secret: bytes, body: dict) -> str:
    return hmac.new(secret, canonical(body), hashlib.sha256).hexdigest()


def sign(secret: bytes, body: dict) -> dict:
    """The envelope with its `sig` (what a device does before publishing)."""
    body = {k: v for k, v in body.items() if k != "sig"}
    return {**body, "sig": signature(secret, body)}


def envelope_bytes(secret: bytes, *, device: str, ts: int, events=(), status=None) -> bytes:
    """A signed envelope, ready to publish: events as dicts (the simulator and tests use this)."""
    body = {"v": VERSION, "device": device, "ts": int(ts)}
    if status is not None:
        body.update(type="heartbeat", status=status)
    else:
        body.update(type="events", events=list(events))
    return json.dumps(sign(secret, body), separators=(",", ":"), ensure_ascii=False).encode()


def decode(raw: bytes | str) -> dict:
    """JSON object from the wire, or ProtocolError('malformed'). Strict UTF-8 and strict JSON (no NaN, no lone
    surrogate escapes: such a string could not be re-encoded to check its signature)."""
    if isinstance(raw, (bytes, bytearray)) and len(raw) > MAX_BYTES:
        raise ProtocolError("too_large", f"{len(raw)} bytes")
    try:
        body = _decoder.decode(raw)
    except msgspec.DecodeError as exc:
        if isinstance(raw, (bytes, bytearray)):
            try:
                bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError("malformed", "not UTF-8") from None
        raise ProtocolError("malformed", f"not JSON ({exc})") from None
    if not isinstance(body, dict):
        raise ProtocolError("malformed", "not a JSON object")
    return body


def claimed_device(body: dict) -> str:
    device = body.get("device")
    return device if isinstance(device, str) and 0 < len(device) <= 64 and device.isprintable() else ""


def _int(value, name: str, device: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError("schema", f"{name} must be an integer", device)
    return value


def _choice(value, allowed, name: str, device: str, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise ProtocolError("schema", f"{name} {value!r} not one of {sorted(allowed)}", device)
    return value


def _event(item, device: str, ts: int) -> Event:
    """One event, validated. The common case (every field present and well-formed) is checked in one expression;
    anything else goes through `_event_checked`, which says what is wrong."""
    try:
        get = item.get
        seq, at, kind = get("seq"), get("at"), get("kind")
        method, credential, direction, result, door = (get("method"), get("credential") or "", get("direction"),
                                                       get("result"), get("door"))
        method = "none" if method is None else method  # absent or null: the default, as in `_choice`
        direction, result = ("" if direction is None else direction), ("" if result is None else result)
        door = "unknown" if door is None else door
        if (type(seq) is int and type(at) is int and 0 <= seq < 9223372036854775808
                and 946684800000 <= at <= ts * 1000 + MAX_FUTURE_MS and kind in EVENT_KINDS and method in METHODS
                and direction in DIRECTIONS and result in RESULTS and door in DOOR_STATES
                and type(credential) is str and len(credential) <= 64 and credential.isprintable()):
            return Event(seq, at, kind, method, credential.strip().upper(), direction, result, door)
    except (AttributeError, TypeError):  # not an object, or an unhashable value where a code belongs
        pass
    return _event_checked(item, device, ts)


def _event_checked(item, device: str, ts: int) -> Event:
    if not isinstance(item, dict):
        raise ProtocolError("schema", "an event is not an object", device)
    seq = _int(item.get("seq"), "seq", device)
    at = _int(item.get("at"), "at", device)
    if seq < 0 or seq >= 2 ** 63:
        raise ProtocolError("schema", "seq out of range", device)
    if at > ts * 1000 + MAX_FUTURE_MS or at < 946684800000:  # after the envelope, or before 2000-01-01
        raise ProtocolError("schema", f"event {seq} time is impossible", device)
    credential = item.get("credential", "") or ""
    if not isinstance(credential, str) or len(credential) > 64 or not credential.isprintable():
        raise ProtocolError("schema", "credential must be a string of at most 64 characters", device)
    kind = _choice(item.get("kind"), EVENT_KINDS, "kind", device, "")
    if not kind:
        raise ProtocolError("schema", "kind is required", device)
    return Event(seq=seq, at_ms=at, kind=kind, method=_choice(item.get("method"), METHODS, "method", device, "none"),
                 credential=credential.strip().upper(),
                 direction=_choice(item.get("direction"), DIRECTIONS, "direction", device, ""),
                 result=_choice(item.get("result"), RESULTS, "result", device, ""),
                 door=_choice(item.get("door"), DOOR_STATES, "door", device, "unknown"))


def verify(body: dict, *, secret: bytes | None, now: float, window: int = 300) -> Envelope:
    """Checks signature, replay window and schema; returns the envelope or raises ProtocolError.

    The signature is checked before anything else is trusted: an unknown device (secret None) or a wrong
    signature is `unauthenticated`, whatever else the message says.
    """
    device = claimed_device(body)
    if not device:
        raise ProtocolError("schema", "device is missing")
    if secret is None:
        raise ProtocolError("unknown_device", device, device)
    sig = body.get("sig")
    if not isinstance(sig, str):
        raise ProtocolError("unauthenticated", "no signature", device)
    unsigned = {k: v for k, v in body.items() if k != "sig"}
    if not _signature_matches(secret, unsigned, sig):
        raise ProtocolError("unauthenticated", "wrong signature", device)
    if body.get("v") != VERSION:
        raise ProtocolError("schema", f"unsupported version {body.get('v')!r}", device)
    ts = _int(body.get("ts"), "ts", device)
    if abs(now - ts) > window:
        raise ProtocolError("replayed", f"sent {int(now - ts)} s from now, outside the {window} s window", device)
    kind = body.get("type")
    if kind == "events":
        items = body.get("events")
        if not isinstance(items, list) or not items:
            raise ProtocolError("schema", "events must be a non-empty list", device)
        if len(items) > MAX_EVENTS:
            raise ProtocolError("too_large", f"{len(items)} events (at most {MAX_EVENTS})", device)
        return Envelope(device=device, ts=ts, type=kind, events=tuple(_event(i, device, ts) for i in items))
    if kind == "heartbeat":
        status = body.get("status")
        if not isinstance(status, dict):
            raise ProtocolError("schema", "status must be an object", device)
        door = _choice(status.get("door"), DOOR_STATES, "door", device, "unknown")
        tamper = status.get("tamper", False)
        if not isinstance(tamper, bool):
            raise ProtocolError("schema", "tamper must be true or false", device)
        return Envelope(device=device, ts=ts, type=kind, status={"door": door, "tamper": tamper})
    raise ProtocolError("schema", f"unknown type {kind!r}", device)
