"""办卡先登记 and the card lifecycle: issue, loss, unlock, cancel, reissue, renew, expiry, suspension."""
import datetime as dt

import pytest
from django.utils import timezone

from anju.doors import selectors, services
from anju.doors.choices import CredentialStatus
from anju.doors.services import DoorError
from conftest import valid_id


def test_a_card_cannot_be_issued_without_an_active_registration_at_the_house(house, officer_a, register, tree):
    from conftest import make_house

    other = make_house(tree, "A-0701", "文一西路701号", "A1C1G1")
    elsewhere = register(other, seq="702")
    with pytest.raises(DoorError, match="居住登记|registration"):
        services.credential_issue(actor=officer_a, house=house, registration=elsewhere, uid="04A1B2C3")
    with pytest.raises(DoorError):
        services.credential_issue(actor=officer_a, house=house, registration=None, uid="04A1B2C3")


def test_issued_card_never_outlasts_the_registration(house, officer_a, registration):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="04a1b2c3",
                                     valid_until=registration.valid_until + dt.timedelta(days=400))
    assert card.uid == "04A1B2C3" and card.valid_until == registration.valid_until
    assert card.holder_name == registration.name and card.status == CredentialStatus.ACTIVE


def test_a_landlord_issues_cards_for_their_own_house_only(house, landlord, registration, officer_b):
    services.credential_issue(actor=landlord, house=house, registration=registration, uid="0A0B")
    with pytest.raises(DoorError):
        services.credential_issue(actor=officer_b, house=house, registration=registration, uid="0A0C")


def test_the_same_card_number_cannot_be_live_twice(house, officer_a, registration):
    services.credential_issue(actor=officer_a, house=house, registration=registration, uid="AA")
    with pytest.raises(DoorError, match="AA"):
        services.credential_issue(actor=officer_a, house=house, registration=registration, uid="AA")


def test_deregistration_cancels_the_card_and_takes_it_off_the_allow_list(house, officer_a, registration, device):
    from anju.registrations.services import registration_end

    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    assert [c["card"] for c in selectors.allowlist(device=device)["cards"]] == ["C1"]
    registration_end(actor=officer_a, registration=registration, reason="搬离")
    card.refresh_from_db()
    assert card.status == CredentialStatus.CANCELLED
    assert card.changes.last().reason
    assert selectors.allowlist(device=device)["cards"] == []


def test_loss_unlock_cancel(house, officer_a, registration):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C2")
    card = services.credential_report_loss(actor=officer_a, credential=card)
    assert card.status == CredentialStatus.LOST
    card = services.credential_unlock(actor=officer_a, credential=card)
    assert card.status == CredentialStatus.ACTIVE
    with pytest.raises(DoorError):
        services.credential_cancel(actor=officer_a, credential=card, reason="")
    card = services.credential_cancel(actor=officer_a, credential=card, reason="退租")
    assert card.status == CredentialStatus.CANCELLED
    with pytest.raises(DoorError):
        services.credential_unlock(actor=officer_a, credential=card)
    assert [c.action for c in card.changes.all()] == ["issue", "report_loss", "unlock", "cancel"]


def test_the_holder_can_report_their_own_card_lost(house, officer_a, registration, make_user):
    holder = make_user("13512345678", "resident", None, phone="13512345678", password=None)
    registration.account = holder
    registration.save(update_fields=["account"])
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C9")
    assert services.credential_report_loss(actor=holder, credential=card).status == CredentialStatus.LOST
    with pytest.raises(DoorError):
        services.credential_unlock(actor=holder, credential=card)


def test_reissue_kills_the_old_card_at_once(house, officer_a, registration, device, send):
    from anju.doors.tests.conftest import swipe

    old = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C3")
    new = services.credential_reissue(actor=officer_a, credential=old, uid="C4", reason="卡损坏")
    old.refresh_from_db()
    assert old.status == CredentialStatus.CANCELLED and new.replaces == old and new.status == CredentialStatus.ACTIVE
    full = selectors.allowlist(device=device)
    assert [c["card"] for c in full["cards"]] == ["C4"]
    delta = selectors.allowlist(device=device, since=full["version"] - 2)
    assert [(c["op"], c["card"]) for c in delta["changes"]] == [("remove", "C3"), ("add", "C4")]
    send(send.envelope(device, [swipe(1, "C3", result="refused")]))
    event = device.events.get()
    assert event.credential == old and event.credential_status == CredentialStatus.CANCELLED


def test_renew_extends_up_to_the_registration_only(house, officer_a, registration):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C5",
                                     valid_until=timezone.localdate() + dt.timedelta(days=10))
    card = services.credential_renew(actor=officer_a, credential=card,
                                     valid_until=registration.valid_until + dt.timedelta(days=30))
    assert card.valid_until == registration.valid_until


def test_expired_cards_leave_the_allow_list(house, officer_a, registration, device):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C6",
                                     valid_until=timezone.localdate() + dt.timedelta(days=1))
    assert services.credentials_expire(today=timezone.localdate() + dt.timedelta(days=2)) == 1
    card.refresh_from_db()
    assert card.status == CredentialStatus.EXPIRED and selectors.allowlist(device=device)["cards"] == []


def test_landlord_asks_for_suspension_police_decide_with_reasons(house, officer_a, officer_b, landlord, registration):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C7")
    with pytest.raises(DoorError):
        services.suspension_request(actor=officer_a, credential=card, reason="欠租")
    request = services.suspension_request(actor=landlord, credential=card, reason="欠租三个月")
    with pytest.raises(DoorError):
        services.suspension_decide(actor=officer_b, request=request, approve=True, note="同意")
    with pytest.raises(DoorError):
        services.suspension_decide(actor=officer_a, request=request, approve=True, note="")
    services.suspension_decide(actor=officer_a, request=request, approve=False, note="欠租属民事纠纷，不予停用")
    card.refresh_from_db()
    assert card.status == CredentialStatus.ACTIVE
    request = services.suspension_request(actor=landlord, credential=card, reason="租约已到期仍未搬离")
    services.suspension_decide(actor=officer_a, request=request, approve=True, note="核实属实")
    card.refresh_from_db()
    assert card.status == CredentialStatus.SUSPENDED
    assert list(card.suspension_requests.values_list("status", "decision_note")) == [
        ("approved", "核实属实"), ("refused", "欠租属民事纠纷，不予停用")]
    assert services.credential_resume(actor=officer_a, credential=card, reason="已结清").status == CredentialStatus.ACTIVE


def test_a_suspended_card_is_refused_and_recorded_as_such(house, officer_a, landlord, registration, device, send):
    from anju.doors.tests.conftest import swipe

    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C8")
    request = services.suspension_request(actor=landlord, credential=card, reason="欠租")
    services.suspension_decide(actor=officer_a, request=request, approve=True, note="核实")
    assert "C8" not in [c["card"] for c in selectors.allowlist(device=device)["cards"]]
    send(send.envelope(device, [swipe(1, "C8", result="refused")]))
    assert device.events.get().credential_status == CredentialStatus.SUSPENDED


def test_building_entrance_serves_every_house_in_the_building(house, officer_a, registration, entrance):
    services.credential_issue(actor=officer_a, house=house, registration=registration, uid="E1")
    assert [c["card"] for c in selectors.allowlist(device=entrance)["cards"]] == ["E1"]


def test_card_issue_goes_through_the_checkers(house, officer_a, registration, django_capture_on_commit_callbacks):
    from anju.registrations.checkers import checker_registered

    seen = []
    with checker_registered(seen.append), django_capture_on_commit_callbacks(execute=True):
        services.credential_issue(actor=officer_a, house=house, registration=registration, uid="F1")
    assert [e.kind for e in seen] == ["door.card_issued"] and seen[0].id_number == valid_id(seq="701")
