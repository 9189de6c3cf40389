"""Confirming a finding for a number actively registered under another name: refused, as approving a declaration is,
until the officer confirms on the finding's own form that it is the same person, moving; then the other registration
ends and the open findings about it resolve."""
import pytest
from django.urls import reverse

from anju.audit.models import AuditEntry
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding
from anju.fusion.services import SamePersonUnconfirmed, finding_confirm
from anju.fusion.tests.test_tasks import make_finding, registration_at
from anju.registrations.models import Registration

pytestmark = pytest.mark.django_db


def seen_under_another_name(addresses, tmp_path):
    """张伟 registered at 202; the same number seen living at 101 as 张三, and 张伟's registration seen stale."""
    old = registration_at(tmp_path, addresses["a202"])
    moved = make_finding(None, addresses["a101"], kind="moved", subject="moved:E1:A101", name="张三")
    stale = make_finding(None, addresses["a202"], kind="stale", subject="stale:E1:JZ1", registration=old,
                         first_seen=None)
    return old, moved, stale


def test_confirming_is_refused_without_the_same_person_confirmation(addresses, officer_a, tmp_path):
    old, moved, stale = seen_under_another_name(addresses, tmp_path)
    with pytest.raises(SamePersonUnconfirmed, match="张伟"):
        finding_confirm(actor=officer_a, finding=moved)
    assert Registration.objects.get(pk=old.pk).status == "active" and Registration.objects.count() == 1
    assert Finding.objects.get(pk=moved.pk).status == FindingStatus.OPEN
    assert Finding.objects.get(pk=stale.pk).status == FindingStatus.OPEN


def test_confirmed_as_the_same_person_the_other_registration_ends_its_finding_resolves_and_it_is_audited(
        addresses, officer_a, tmp_path):
    old, moved, stale = seen_under_another_name(addresses, tmp_path)
    finding_confirm(actor=officer_a, finding=moved, same_person=True)
    moved.refresh_from_db()
    stale.refresh_from_db()
    assert Registration.objects.get(pk=old.pk).status == "closed"
    new = moved.result_registration
    assert moved.status == FindingStatus.CONFIRMED and new.name == "张三" and new.previous_id == old.pk
    assert stale.status == FindingStatus.RESOLVED and stale.resolved_by == moved
    created = AuditEntry.objects.get(action="registration.create", subjects__object_id=str(new.pk))
    assert created.detail["moved_from_name"] == "张伟" and created.detail["same_person"] is True
    assert AuditEntry.objects.get(action="declaration.approve").detail["same_person"] is True
    assert AuditEntry.objects.get(action="fusion.finding.confirm").detail["same_person"] is True


def test_the_finding_page_offers_the_same_person_box_once_refused(client, addresses, officer_a, tmp_path):
    old, moved, stale = seen_under_another_name(addresses, tmp_path)
    url = reverse("fusion:finding", args=[moved.pk])
    client.force_login(officer_a)
    assert 'name="same_person"' not in client.get(url).content.decode()
    refused = client.post(url, {"action": "confirm"}).content.decode()
    assert "张伟" in refused and 'name="same_person"' in refused and "确认是同一人迁居：终止其原有登记" in refused
    assert Registration.objects.get(pk=old.pk).status == "active"
    assert client.post(url, {"action": "confirm", "same_person": "on"}).status_code == 302
    assert Registration.objects.get(pk=old.pk).status == "closed"
    assert Finding.objects.get(pk=moved.pk).status == FindingStatus.CONFIRMED
    assert Finding.objects.get(pk=stale.pk).status == FindingStatus.RESOLVED
