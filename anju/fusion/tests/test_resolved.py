"""A registration that ends (a move confirmed from another finding, a deregistration by any service) resolves the open
findings about it: they are closed, audited, and say what resolved them instead of waiting for an officer."""
import pytest
from django.urls import reverse

from anju.audit.models import AuditEntry
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding
from anju.fusion.services import FindingResolved, finding_confirm, finding_reject
from anju.fusion.tests.test_tasks import NUMBER, make_finding, registration_at
from anju.registrations.models import Registration
from conftest import valid_id

pytestmark = pytest.mark.django_db


def a_move_seen_from_both_ends(addresses, tmp_path):
    """The demo's 李梓涵: registered at 202, seen living at 101: "moved" at 101 and "stale" for the registration."""
    old = registration_at(tmp_path, addresses["a202"])
    moved = make_finding(None, addresses["a101"], kind="moved", subject="moved:E1:A101")
    stale = make_finding(None, addresses["a202"], kind="stale", subject="stale:E1:JZ1", registration=old,
                         first_seen=None)
    return old, moved, stale


def test_confirming_a_move_resolves_the_stale_finding_about_the_old_registration(addresses, officer_a, tmp_path):
    old, moved, stale = a_move_seen_from_both_ends(addresses, tmp_path)
    finding_confirm(actor=officer_a, finding=moved)
    stale.refresh_from_db()
    assert Registration.objects.get(pk=old.pk).status == "closed"
    assert stale.status == FindingStatus.RESOLVED and stale.resolved_by == moved and stale.decided_by == officer_a
    entry = AuditEntry.objects.get(action="fusion.finding.resolve")
    assert list(entry.subjects.values_list("object_id", flat=True)) == [str(stale.pk)]
    assert entry.detail["by_finding"] == moved.pk and entry.detail["registration"] == old.pk
    assert Finding.objects.get(pk=moved.pk).status == FindingStatus.CONFIRMED  # the deciding one is not resolved
    for decide in (lambda: finding_confirm(actor=officer_a, finding=stale),
                   lambda: finding_reject(actor=officer_a, finding=stale, note="不属实")):
        with pytest.raises(FindingResolved, match=f"已随其他处理办结.*比对发现 {moved.pk} 确认时"):
            decide()
    assert Finding.objects.get(pk=stale.pk).status == FindingStatus.RESOLVED


def test_a_registration_ended_by_any_service_resolves_its_open_findings_only(addresses, officer_a, tmp_path):
    from anju.registrations.services import registration_end

    old = registration_at(tmp_path, addresses["a101"])
    open_ = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="stale:E1:JZ1")
    rejected = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="old",
                            status=FindingStatus.REJECTED)
    registration_end(actor=officer_a, registration=old, reason="本人申报迁出")
    open_.refresh_from_db()
    assert open_.status == FindingStatus.RESOLVED and open_.resolved_by is None
    assert Finding.objects.get(pk=rejected.pk).status == FindingStatus.REJECTED
    assert AuditEntry.objects.filter(action="fusion.finding.resolve", subjects__object_id=str(open_.pk)).exists()


def test_a_finding_whose_registration_ended_unannounced_is_resolved_when_an_officer_decides(addresses, officer_a,
                                                                                           tmp_path):
    """Ended where fusion was not told (before fusion listened, or changed in the database by hand): deciding it
    resolves it and says so."""
    old = registration_at(tmp_path, addresses["a101"])
    stale = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="stale:E1:JZ1")
    Registration.objects.filter(pk=old.pk).update(status="cancelled", end_reason="批量导入注销")
    with pytest.raises(FindingResolved, match="批量导入注销"):
        finding_reject(actor=officer_a, finding=stale, note="驳回：经核实不属实")
    stale.refresh_from_db()
    assert stale.status == FindingStatus.RESOLVED and stale.decision_note == ""
    assert AuditEntry.objects.filter(action="fusion.finding.resolve", subjects__object_id=str(stale.pk)).exists()


def test_the_page_of_a_resolved_finding_says_which_decision_resolved_it(client, addresses, officer_a, tmp_path):
    _old, moved, stale = a_move_seen_from_both_ends(addresses, tmp_path)
    client.force_login(officer_a)
    assert client.post(reverse("fusion:finding", args=[moved.pk]), {"action": "confirm"}).status_code == 302
    page = client.get(reverse("fusion:finding", args=[stale.pk])).content.decode()
    assert "已随其他处理办结" in page and reverse("fusion:finding", args=[moved.pk]) in page
    assert 'name="action" value="confirm"' not in page  # nothing left to decide
    answer = client.post(reverse("fusion:finding", args=[stale.pk]), {"action": "confirm"}, follow=True)
    text = answer.content.decode()
    assert "该比对发现已随其他处理办结" in text and "该居住登记已不在有效状态" not in text
    assert answer.redirect_chain and 'name="action" value="confirm"' not in text  # the page as it is now


def test_deciding_a_finding_resolved_just_now_shows_it_resolved(client, addresses, officer_a, tmp_path):
    old = registration_at(tmp_path, addresses["a101"])
    stale = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="stale:E1:JZ1")
    Registration.objects.filter(pk=old.pk).update(status="cancelled", end_reason="批量导入注销")
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[stale.pk])).content.decode()
    assert 'id="registration-ended"' in page
    answer = client.post(reverse("fusion:finding", args=[stale.pk]), {"action": "reject", "note": "不属实"},
                         follow=True)
    text = answer.content.decode()
    assert answer.redirect_chain and "批量导入注销" in text and 'name="action" value="reject"' not in text
    listing = client.get(reverse("fusion:findings"), {"status": ""}).content.decode()
    assert "已随其他处理办结" in listing


def cancelling_file(tmp_path, address, rows):
    """registrations.csv with (number, ID number, status) rows at ``address``."""
    from anju.fusion.tests.conftest import write_csv

    return write_csv(tmp_path / "cancel.csv", ["registration_id", "id_number", "name", "address", "address_code",
                                                "registered_at", "status"],
                     [[n, i, "张伟", address.full_address, address.code, "2020-01-01", s] for n, i, s in rows])


def test_an_import_that_cancels_an_active_registration_resolves_its_open_findings(addresses, tmp_path):
    from anju.registrations.imports import registrations_import

    old = registration_at(tmp_path, addresses["a101"])
    open_ = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="stale:E1:JZ1")
    rejected = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="old",
                            status=FindingStatus.REJECTED)
    registrations_import(path=cancelling_file(tmp_path, addresses["a101"], [("JZ1", NUMBER, "cancelled")]))
    open_.refresh_from_db()
    assert open_.status == FindingStatus.RESOLVED and open_.decided_by is None and open_.resolved_by is None
    assert Finding.objects.get(pk=rejected.pk).status == FindingStatus.REJECTED
    entry = AuditEntry.objects.get(action="fusion.finding.resolve")
    assert entry.actor is None and list(entry.subjects.values_list("object_id", flat=True)) == [str(open_.pk)]
    assert entry.detail["registrations"] == [old.pk]
    registrations_import(path=cancelling_file(tmp_path, addresses["a101"], [("JZ1", NUMBER, "cancelled")]))
    assert AuditEntry.objects.filter(action="fusion.finding.resolve").count() == 1  # the same file again: nothing


def test_an_import_that_leaves_a_registration_active_leaves_its_findings_open(addresses, tmp_path):
    from anju.registrations.imports import registrations_import

    old = registration_at(tmp_path, addresses["a101"])
    open_ = make_finding(None, addresses["a101"], kind="stale", registration=old, subject="stale:E1:JZ1")
    registrations_import(path=cancelling_file(tmp_path, addresses["a101"], [("JZ1", NUMBER, "active")]))
    assert Finding.objects.get(pk=open_.pk).status == FindingStatus.OPEN
    assert not AuditEntry.objects.filter(action="fusion.finding.resolve").exists()


def test_an_import_of_a_registration_already_cancelled_resolves_nothing(addresses, tmp_path):
    """Created cancelled by the file, or cancelled before: the file ends nothing, whatever findings point at it."""
    from anju.registrations.imports import registrations_import

    gone = registration_at(tmp_path, addresses["a101"], status="cancelled")
    finding = make_finding(None, addresses["a101"], kind="stale", registration=gone, subject="stale:E1:JZ1")
    registrations_import(path=cancelling_file(tmp_path, addresses["a101"], [("JZ1", NUMBER, "cancelled")]))
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.OPEN
    assert not AuditEntry.objects.filter(action="fusion.finding.resolve").exists()


def test_an_import_resolves_the_findings_of_many_cancelled_registrations_in_as_many_queries_as_of_one(addresses,
                                                                                                     tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.registrations.imports import registrations_import

    def cancel(count):
        numbers = [(f"JZ{count}-{i}", valid_id(seq=f"{count}{i:02d}"), "active") for i in range(count)]
        registrations_import(path=cancelling_file(tmp_path, addresses["a101"], numbers))
        for registration in Registration.objects.filter(number__in=[n for n, _i, _s in numbers]):
            make_finding(None, addresses["a101"], kind="stale", registration=registration,
                         subject=f"stale:E1:{registration.number}")
        with CaptureQueriesContext(connection) as queries:
            registrations_import(path=cancelling_file(tmp_path, addresses["a101"],
                                                      [(n, i, "cancelled") for n, i, _s in numbers]))
        return len(queries)

    assert cancel(1) == cancel(6)
    assert Finding.objects.filter(status=FindingStatus.OPEN).count() == 0
    assert AuditEntry.objects.filter(action="fusion.finding.resolve").count() == 2
