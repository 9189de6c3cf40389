"""The device protocol: signatures, replay window, schema — pure Python."""
import json

import pytest

from anju.lib.doors import protocol
from anju.lib.doors.protocol import ProtocolError

SECRET = b"k" * 32
EVENT = {"seq": 1, "at": 1_763_895_598_000, "kind": "swipe", "credential": "04a1", "result": "granted"}


def _body(**changes):
    body = json.loads(protocol.envelope_bytes(SECRET, device="D1", ts=1_763_895_600, events=[EVENT]))
    body.update(changes)
    return body


def test_a_signed_envelope_verifies_and_normalises_the_card_number():
    envelope = protocol.verify(_body(), secret=SECRET, now=1_763_895_610)
    assert envelope.device == "D1" and envelope.events[0].credential == "04A1"


@pytest.mark.parametrize("body, secret, now, reason", [
    (_body(), None, 1_763_895_610, "unknown_device"),
    (_body(), b"x" * 32, 1_763_895_610, "unauthenticated"),
    (_body(ts=1_763_895_601), SECRET, 1_763_895_610, "unauthenticated"),
    (_body(), SECRET, 1_763_895_600 + 301, "replayed"),
    ({k: v for k, v in _body().items() if k != "sig"}, SECRET, 1_763_895_610, "unauthenticated"),
    ({"ts": 1}, SECRET, 1, "schema"),
])
def test_refusals_carry_a_stable_reason(body, secret, now, reason):
    with pytest.raises(ProtocolError) as info:
        protocol.verify(body, secret=secret, now=now)
    assert info.value.reason == reason


def test_schema_errors_are_found_after_the_signature():
    body = protocol.sign(SECRET, {**_body(), "events": [{**EVENT, "seq": "1"}]})
    with pytest.raises(ProtocolError, match="seq"):
        protocol.verify(body, secret=SECRET, now=1_763_895_610)


def test_decode_refuses_what_is_not_a_json_object():
    for raw in (b"\xff", b"[1]", b"{"):
        with pytest.raises(ProtocolError):
            protocol.decode(raw)


def test_topic_layout():
    assert protocol.device_from_topic(protocol.topic_events("D-1")) == "D-1"
    assert protocol.device_from_topic("anju/v1/doors/D-1/other") == ""


def test_a_lone_surrogate_escape_is_malformed_not_a_crash():
    raw = (b'{"v":1,"device":"D1","ts":1,"type":"events","events":[{"seq":1,"at":1,"kind":"swipe",'
           b'"credential":"\\ud800"}],"sig":"00"}')
    with pytest.raises(ProtocolError) as info:
        protocol.decode(raw)
    assert info.value.reason == "malformed"


@pytest.mark.parametrize("field, value", [("kind", ["swipe"]), ("method", {"a": 1}), ("door", ""), ("method", ""),
                                          ("seq", True), ("at", 1.5), ("credential", 7), ("direction", 0)])
def test_a_wrong_value_of_any_shape_is_a_schema_refusal(field, value):
    body = protocol.sign(SECRET, {**_body(), "events": [{**EVENT, field: value}]})
    with pytest.raises(ProtocolError) as info:
        protocol.verify(body, secret=SECRET, now=1_763_895_610)
    assert info.value.reason == "schema" and field in info.value.detail


def test_absent_optional_fields_take_their_defaults():
    body = protocol.sign(SECRET, {**_body(), "events": [{"seq": 3, "at": 1_763_895_598_000, "kind": "open",
                                                         "method": None}]})
    event = protocol.verify(body, secret=SECRET, now=1_763_895_610).events[0]
    assert (event.method, event.credential, event.direction, event.result, event.door) == ("none", "", "", "", "unknown")


def test_a_float_anywhere_in_the_envelope_still_verifies():
    # The fast canonical encoder writes some floats differently from Python's json (1e20 vs 1e+20); a device
    # signing with Python's json must still be accepted.
    body = protocol.sign(SECRET, {**_body(), "extra": {"temperature": 1e20, "small": 1e-05}})
    assert protocol.verify(body, secret=SECRET, now=1_763_895_610).device == "D1"
