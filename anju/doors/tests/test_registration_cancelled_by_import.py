"""A door card stops working when the registration it was issued on ends, whoever ended it: also when
`anju import registrations` cancels a registration that was active (the system, not an officer, ends it)."""
import pytest

from anju.audit.models import AuditEntry
from anju.doors import selectors, services
from anju.doors.choices import CredentialStatus
from anju.doors.models import AllowListChange, CredentialChange
from anju.registrations.imports import registrations_import

pytestmark = pytest.mark.django_db


def import_status(tmp_path, registration, status):
    """registrations.csv saying ``registration`` is ``status``, at the address it has."""
    path = tmp_path / "registrations.csv"
    path.write_text("registration_id,id_number,name,address_code,registered_at,status\n"
                    f"{registration.number},{registration.id_number},{registration.name},"
                    f"{registration.standard_address.code},{registration.starts_on.isoformat()},{status}\n",
                    encoding="utf-8")
    return registrations_import(path=path)


def test_an_import_that_cancels_the_registration_cancels_its_live_cards(house, officer_a, registration, device,
                                                                      tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    lost = services.credential_report_loss(
        actor=officer_a, credential=services.credential_issue(actor=officer_a, house=house, registration=registration,
                                                              uid="C2"))
    assert [c["card"] for c in selectors.allowlist(device=device)["cards"]] == ["C1"]
    import_status(tmp_path, registration, "cancelled")
    card.refresh_from_db(), lost.refresh_from_db()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert card.status == CredentialStatus.CANCELLED and lost.status == CredentialStatus.CANCELLED
    assert selectors.allowlist(device=device)["cards"] == []
    change = card.changes.last()
    assert change.action == "cancel" and change.actor is None and change.reason
    entry = AuditEntry.objects.get(action="door.credential.cancel")
    assert entry.actor is None
    assert sorted(entry.subjects.values_list("object_id", flat=True)) == sorted([str(card.pk), str(lost.pk)])


def test_an_import_that_leaves_the_registration_active_leaves_its_card(house, officer_a, registration, device,
                                                                      tmp_path):
    card = services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "active")
    card.refresh_from_db()
    assert card.status == CredentialStatus.ACTIVE
    assert [c["card"] for c in selectors.allowlist(device=device)["cards"]] == ["C1"]
    assert not AuditEntry.objects.filter(action="door.credential.cancel").exists()


def test_the_same_file_again_or_a_registration_already_ended_changes_no_card(house, officer_a, registration, register,
                                                                             tmp_path):
    from anju.registrations.services import registration_end

    services.credential_issue(actor=officer_a, house=house, registration=registration, uid="C1")
    import_status(tmp_path, registration, "cancelled")
    ended_by_hand = register(house, seq="702", name="吴九")
    services.credential_issue(actor=officer_a, house=house, registration=ended_by_hand, uid="C2")
    registration_end(actor=officer_a, registration=ended_by_hand, reason="搬离")
    before = (CredentialChange.objects.count(), AllowListChange.objects.count(), AuditEntry.objects.count())
    import_status(tmp_path, registration, "cancelled")
    import_status(tmp_path, ended_by_hand, "cancelled")
    assert (CredentialChange.objects.count(), AllowListChange.objects.count(), AuditEntry.objects.count()) == before
