import time
import uuid

import pytest
from django.utils import timezone

from conftest import make_house, valid_id


@pytest.fixture
def landlord(make_user):
    from anju.houses.services import landlord_verify

    user = make_user("13800138000", "landlord", None, phone="13800138000", password=None, full_name="房东甲")
    landlord_verify(user=user, name="房东甲", id_number=valid_id(birth="19700101", seq="015"))
    return user


@pytest.fixture
def house(tree, officer_a, landlord):
    from anju.houses.services import house_register

    h = make_house(tree, "A-0700", "文一西路700号1幢1单元101室", "A1C1G1")
    return house_register(actor=officer_a, standard_address=h.standard_address, landlord=landlord)


@pytest.fixture
def register(officer_a):
    """An approved (active) residence registration at a house."""
    from anju.registrations.services import declaration_approve, declare

    def run(house, *, seq="701", name="周八"):
        declaration = declare(actor=officer_a, channel="police", house=house, name=name, id_number=valid_id(seq=seq),
                              move_in=timezone.localdate() - timezone.timedelta(days=1), phone="13512345678",
                              idempotency_key=uuid.uuid4().hex)
        return declaration_approve(actor=officer_a, declaration=declaration, note="ok")

    return run


@pytest.fixture
def registration(house, register):
    return register(house)


@pytest.fixture
def device(house, officer_a):
    from anju.doors.services import device_register

    return device_register(actor=officer_a, device_id="D-A-0001", standard_address=None, house=house, name="101室门")


@pytest.fixture
def entrance(house, officer_a):
    """A building entrance: the building's address serves every house in it."""
    from anju.addresses.services import address_upsert
    from anju.doors.services import device_register

    building = address_upsert(code="A-0700-B1", full_address="文一西路700号1幢", jurisdiction=house.jurisdiction)
    return device_register(actor=officer_a, device_id="D-A-GATE", standard_address=building, name="1幢大门")


@pytest.fixture
def send():
    """Builds signed messages for a device and ingests them."""
    from anju.doors import ingest as ingest_module
    from anju.doors.ingest import Message, ingest
    from anju.doors.services import device_secret
    from anju.lib.doors import protocol

    def envelope(device, events=(), *, ts=None, status=None, secret=None):
        return protocol.envelope_bytes(secret or device_secret(device.device_id, device.secret_version),
                                       device=device.device_id, ts=int(ts or time.time()), events=events, status=status)

    def run(*payloads, topic_device=None, source="mqtt"):
        messages = [Message(payload=p, topic=f"anju/v1/doors/{topic_device}/events" if topic_device else "",
                            source=source) for p in payloads]
        return ingest(messages)

    ingest_module._directory = ingest_module.DeviceDirectory()  # ids from another test's database must not linger
    run.envelope = envelope
    return run


def swipe(seq, card="", *, result="granted", kind="swipe", door="closed", at=None):
    return {"seq": seq, "at": int((at or time.time()) * 1000), "kind": kind, "method": "card" if card else "none",
            "credential": card, "direction": "in", "result": result, "door": door}
