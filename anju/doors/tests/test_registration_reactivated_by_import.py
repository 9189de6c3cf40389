"""A registration `anju import registrations` cancelled, listed as active again by a later file, gets back the door
cards that cancellation stopped, as they were then, and no other card; in the batch's transaction, once."""
import pytest
from django.utils import timezone

from anju.audit.models import AuditEntry
from anju.doors import selectors, services
from anju.doors.choices import CredentialStatus
from anju.doors.models import AllowListChange, Credential, CredentialChange
from anju.doors.tests.test_registration_cancelled_by_import import import_status
from anju.registrations.signals import registrations_reactivated

pytestmark = pytest.mark.django_db


def allowed(device):
    return sorted(c["card"] for c in selectors.allowlist(device=device)["cards"])


def traces():
    """What giving a card back writes: its history, the allow-lists, the audit log."""
    return CredentialChange.objects.count(), AllowListChange.objects.count(), AuditEntry.objects.count()


def test_a_file_listing_the_cancelled_registration_as_active_again_gives_back_its_card(house, officer_a, registration,
                                                                                       device, tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "cancelled")
    card.refresh_from_db()
    assert card.status == CredentialStatus.CANCELLED and allowed(device) == []
    report = import_status(tmp_path, registration, "active")
    registration.refresh_from_db(), card.refresh_from_db()
    assert report.errors == [] and (registration.status, registration.ended_on, registration.end_reason) == (
        "active", None, "")
    assert card.status == CredentialStatus.ACTIVE and card.status_before_registration_end == ""
    assert allowed(device) == ["C1"]
    change = card.changes.last()
    assert change.action == "restore" and change.actor is None and change.reason
    entry = AuditEntry.objects.get(action="door.credential.restore")
    assert entry.actor is None and list(entry.subjects.values_list("object_id", flat=True)) == [str(card.pk)]
    services.credential_report_loss(actor=officer_a, credential=card)  # a card like any other again


def test_a_card_stopped_for_another_reason_stays_stopped(house, officer_a, landlord, registration, device, tmp_path):
    """Lost (the holder), suspended (the landlord asked, the police agreed), cancelled by hand or expired before the
    file cancelled the registration: as they were. Active then but past its validity now: expired, not active."""
    yesterday = timezone.localdate() - timezone.timedelta(days=1)

    def issue(uid):
        return services.credential_issue(actor=officer_a, house=house, registration=registration, uid=uid)

    active, lapsed = issue("C1"), issue("C6")
    lost = services.credential_report_loss(actor=officer_a, credential=issue("C2"))
    suspended = issue("C3")
    services.suspension_decide(actor=officer_a, approve=True, note="同意", request=services.suspension_request(
        actor=landlord, credential=suspended, reason="拖欠房租"))
    cancelled = services.credential_cancel(actor=officer_a, credential=issue("C4"), reason="卡片损坏")
    expired = issue("C5")
    Credential.objects.filter(pk=expired.pk).update(valid_until=yesterday)
    services.credentials_expire()
    import_status(tmp_path, registration, "cancelled")
    Credential.objects.filter(pk=lapsed.pk).update(valid_until=yesterday)  # its day passes while it is cancelled
    import_status(tmp_path, registration, "active")
    cards = {c.uid: c.status for c in Credential.objects.all()}
    assert cards == {"C1": CredentialStatus.ACTIVE, "C2": CredentialStatus.LOST, "C3": CredentialStatus.SUSPENDED,
                     "C4": CredentialStatus.CANCELLED, "C5": CredentialStatus.EXPIRED, "C6": CredentialStatus.EXPIRED}
    assert allowed(device) == ["C1"]
    entry = AuditEntry.objects.get(action="door.credential.restore")
    assert sorted(entry.subjects.values_list("object_id", flat=True)) == sorted(
        str(c.pk) for c in (active, lost, suspended, lapsed))
    assert list(cancelled.changes.values_list("action", flat=True)) == ["issue", "cancel"]
    # the loss and the suspension stand, and end as they would have: found, or lifted by the police
    services.credential_unlock(actor=officer_a, credential=lost)
    services.credential_resume(actor=officer_a, credential=suspended, reason="已结清")
    assert allowed(device) == ["C1", "C2", "C3"]


def test_a_card_whose_number_another_card_took_meanwhile_stays_cancelled(house, officer_a, registration, register,
                                                                         device, tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "cancelled")
    other = services.credential_issue(actor=officer_a, house=house, registration=register(house, seq="702",
                                                                                          name="吴九"), uid="C1")
    report = import_status(tmp_path, registration, "active")
    card.refresh_from_db(), other.refresh_from_db()
    assert report.errors == [] and (card.status, other.status) == (CredentialStatus.CANCELLED, CredentialStatus.ACTIVE)
    assert card.status_before_registration_end == "" and allowed(device) == ["C1"]
    assert not AuditEntry.objects.filter(action="door.credential.restore").exists()


def test_the_same_file_twice_gives_the_cards_back_once(house, officer_a, registration, device, tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "cancelled")
    import_status(tmp_path, registration, "active")
    before = traces()
    report = import_status(tmp_path, registration, "active")
    card.refresh_from_db()
    assert traces() == before and (report.updated, report.unchanged) == (0, 1)
    assert card.status == CredentialStatus.ACTIVE and allowed(device) == ["C1"]
    assert AuditEntry.objects.filter(action="door.credential.restore").count() == 1


def test_a_batch_that_fails_gives_back_no_card_and_leaves_the_registration_cancelled(house, officer_a, registration,
                                                                                     device, tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "cancelled")
    before, seen = traces(), []

    def fail(sender, **kwargs):  # heard after doors: the card is back, then the batch fails
        seen.append(Credential.objects.get(pk=card.pk).status)
        raise RuntimeError("the batch fails")

    registrations_reactivated.connect(fail, dispatch_uid="test.fail")
    try:
        with pytest.raises(RuntimeError):
            import_status(tmp_path, registration, "active")
    finally:
        registrations_reactivated.disconnect(dispatch_uid="test.fail")
    registration.refresh_from_db(), card.refresh_from_db()
    assert seen == [CredentialStatus.ACTIVE]
    assert registration.status == "cancelled" and card.status == CredentialStatus.CANCELLED
    assert card.status_before_registration_end == CredentialStatus.ACTIVE and allowed(device) == []
    assert traces() == before
    import_status(tmp_path, registration, "active")  # the same file once the fault is gone
    card.refresh_from_db()
    assert card.status == CredentialStatus.ACTIVE and allowed(device) == ["C1"]
