"""A tenant checked out: their declaration still waiting is withdrawn, deregistration is proposed, the queue tells the
two kinds apart and the officer is told what approving did."""
import pytest
from django.utils import timezone

from anju.audit.models import AuditEntry
from anju.registrations.models import Declaration, Registration
from anju.registrations.services import RegistrationError, declaration_approve
from conftest import valid_id


@pytest.fixture
def check_in(house, landlord):
    from anju.houses.services import tenant_check_in

    def run(name="王五", seq="731"):
        return tenant_check_in(actor=landlord, house=house, name=name, id_number=valid_id(seq=seq),
                               move_in=timezone.localdate() - timezone.timedelta(days=2))

    return run


def test_checking_out_a_tenant_withdraws_their_declaration_still_waiting(check_in, landlord, officer_a):
    from anju.houses.services import tenant_check_out

    tenancy = check_in()
    tenant_check_out(actor=landlord, tenancy=tenancy)
    declaration = Declaration.objects.get(kind="register")
    assert declaration.status == "withdrawn" and declaration.decided_by == landlord
    assert "退租" in declaration.decision_note and "王五" in declaration.decision_note
    assert AuditEntry.objects.filter(action="declaration.withdraw", actor=landlord,
                                     subjects__object_id=str(declaration.pk)).exists()
    with pytest.raises(RegistrationError, match="撤回（.*退租"):
        declaration_approve(actor=officer_a, declaration=declaration)
    assert not Registration.objects.exists()
    assert not Declaration.objects.filter(kind="deregister").exists()  # nothing was registered: nothing to end


def test_checking_out_leaves_decided_declarations_alone(check_in, landlord, officer_a):
    from anju.houses.services import tenant_check_out

    tenancy = check_in()
    declaration_approve(actor=officer_a, declaration=Declaration.objects.get(kind="register"))
    tenant_check_out(actor=landlord, tenancy=tenancy)
    assert Declaration.objects.get(kind="register").status == "approved"
    assert not AuditEntry.objects.filter(action="declaration.withdraw").exists()


def test_the_queue_shows_each_declarations_kind(client, check_in, landlord, officer_a):
    from anju.houses.services import tenant_check_out

    declaration_approve(actor=officer_a, declaration=Declaration.objects.get(tenancy=check_in(name="赵六", seq="733")))
    tenant_check_out(actor=landlord, tenancy=Declaration.objects.get(name="赵六").tenancy)
    check_in()
    client.force_login(officer_a)
    page = client.get("/staff/declarations/").content.decode()
    kinds = [cell.split("</td>")[0] for cell in page.split('<td class="kind">')[1:]]
    assert sorted(kinds) == ["居住登记", "注销登记"]


def test_approving_a_deregistration_says_the_registration_ended(client, check_in, landlord, officer_a):
    from anju.houses.services import tenant_check_out

    tenancy = check_in()
    declaration_approve(actor=officer_a, declaration=Declaration.objects.get(kind="register"))
    tenant_check_out(actor=landlord, tenancy=tenancy)
    proposal = Declaration.objects.get(kind="deregister")
    client.force_login(officer_a)
    page = client.post(f"/staff/declarations/{proposal.pk}/", {"action": "approve"}, follow=True).content.decode()
    assert "已通过：居住登记已注销" in page and "居住登记生效" not in page
    assert Registration.objects.get().status == "cancelled"


def test_approving_a_deregistration_with_nothing_registered_says_so(client, check_in, landlord, officer_a):
    from anju.houses.services import tenant_check_out
    from anju.registrations.services import registration_end

    tenancy = check_in()
    registration = declaration_approve(actor=officer_a, declaration=Declaration.objects.get(kind="register"))
    proposal = tenant_check_out(actor=landlord, tenancy=tenancy)
    registration_end(actor=officer_a, registration=registration, reason="本人申报迁出")  # ended meanwhile
    client.force_login(officer_a)
    page = client.post(f"/staff/declarations/{proposal.pk}/", {"action": "approve"}, follow=True).content.decode()
    assert "无需注销" in page and "居住登记生效" not in page


def test_a_tenant_checked_in_and_out_by_an_officer_is_filed_as_entered_by_staff(client, house, landlord, officer_a):
    from anju.houses.services import tenant_check_in, tenant_check_out

    tenancy = tenant_check_in(actor=officer_a, house=house, name="张三", id_number=valid_id(seq="735"),
                              move_in=timezone.localdate())
    declaration_approve(actor=officer_a, declaration=Declaration.objects.get(kind="register"))
    tenant_check_out(actor=officer_a, tenancy=tenancy)
    assert sorted(Declaration.objects.values_list("kind", "channel")) == [("deregister", "staff"),
                                                                         ("register", "staff")]
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{Declaration.objects.get(kind='deregister').pk}/").content.decode()
    assert "工作人员代录租客 · 甲所民警" in page and "房东登记入住" not in page
