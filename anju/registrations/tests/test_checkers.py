"""Every declaration, check-in and registration change passes through one checker registry."""
import pytest
from django.utils import timezone

from anju.registrations.checkers import checker_registered
from anju.registrations.models import Declaration
from anju.registrations.services import declaration_approve, registration_end
from conftest import valid_id

pytestmark = pytest.mark.django_db(transaction=True)


def test_checkers_see_declarations_check_ins_and_registration_changes(officer_a, resident, declare_as, house, make_user):
    from anju.houses.services import landlord_verify, tenant_check_in

    seen = []
    with checker_registered(seen.append):
        declaration = declare_as(resident)
        registration = declaration_approve(actor=officer_a, declaration=declaration)
        registration_end(actor=officer_a, registration=registration, reason="搬离")
        landlord = make_user("13800138000", "landlord", None, phone="13800138000", password=None)
        landlord_verify(user=landlord, name="房东", id_number=valid_id(seq="015"))
        tenant_check_in(actor=landlord, house=house, name="租客", id_number=valid_id(seq="751"),
                        move_in=timezone.localdate())
    kinds = [e.kind for e in seen]
    assert kinds[:3] == ["declaration.submitted", "registration.created", "registration.ended"]
    assert "tenancy.check_in" in kinds
    first = seen[0]
    assert first.id_number == valid_id(seq="701") and first.node == house.jurisdiction and first.name == "周八"


def test_a_failing_checker_loses_nothing_and_the_declarant_sees_nothing(client, resident, house):
    def broken(event):
        raise RuntimeError("checker down")

    client.force_login(resident)
    token = house.plates.get().token
    with checker_registered(broken):
        response = client.post(f"/p/{token}/declare/", {"name": "周八", "id_number": valid_id(seq="701"),
                                                        "phone": "13512345678", "token": "c-1",
                                                        "move_in": timezone.localdate().isoformat()})
    assert response.status_code == 302 and Declaration.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "待核录" in page and "checker" not in page
