"""Employers register workers (业态码), agents declare with a delegation: every delegated action names both people."""
import pytest
from django.utils import timezone

from anju.registrations.models import Declaration, Employment
from anju.registrations.services import (
    RegistrationError, delegation_grant, delegation_revoke, organisation_create, worker_register,
)
from conftest import valid_id


@pytest.fixture
def factory(officer_a, house):
    return organisation_create(actor=officer_a, name="甲电子厂", kind="factory", standard_address=house.standard_address,
                               operator_phone="13700001111", operator_name="吴经理")


def test_police_register_an_organisation_with_its_operator(factory):
    [operator] = factory.operators.all()
    assert operator.phone == "13700001111" and operator.role == "employer" and len(factory.qr_serial) == 12


def test_the_operator_registers_a_worker(factory, house):
    operator = factory.operators.get()
    declaration = worker_register(actor=operator, organisation=factory, house=house, name="冯工", position="普工",
                                  id_number=valid_id(seq="731"), move_in=timezone.localdate())
    assert declaration.channel == "employer" and declaration.organisation == factory
    assert declaration.employer == "甲电子厂" and Employment.objects.get().position == "普工"


def test_someone_else_cannot_register_workers(factory, house, resident):
    with pytest.raises(RegistrationError, match="甲电子厂"):
        worker_register(actor=resident, organisation=factory, house=house, name="冯工",
                        id_number=valid_id(seq="731"), move_in=timezone.localdate())


def test_a_market_registers_the_fixed_staff_of_its_stalls(officer_a, house):
    market = organisation_create(actor=officer_a, name="文新农贸市场", kind="market",
                                 standard_address=house.standard_address, operator_phone="13700002222")
    manager = market.operators.get()
    stall = organisation_create(actor=manager, name="3号摊位", kind="stall", standard_address=house.standard_address,
                                managed_by=market)
    declaration = worker_register(actor=manager, organisation=stall, house=house, name="摊主",
                                  id_number=valid_id(seq="733"), move_in=timezone.localdate())
    assert declaration.organisation == stall


def test_a_worker_declares_through_the_workplace_qr(client, factory, house, resident):
    from anju.houses.plates import sign

    client.force_login(resident)
    token = sign(factory.qr_serial)
    assert "甲电子厂" in client.get(f"/o/{token}/").content.decode()
    response = client.post(f"/o/{token}/", {
        "address_code": house.standard_address.code, "position": "质检", "name": "冯工", "id_number": valid_id(seq="735"),
        "phone": "13512340000", "move_in": timezone.localdate().isoformat(), "token": "w-1"})
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.organisation == factory and declaration.submitted_by == resident


def test_an_agent_declares_for_the_grantor_and_both_are_recorded(client, resident, house, make_user):
    from anju.audit.models import AuditEntry

    delegation = delegation_grant(grantor=resident, agent_phone="13666667777", scope="declare",
                                  expires_on=timezone.localdate() + timezone.timedelta(days=30))
    agent = delegation.agent
    client.force_login(agent)
    token = house.plates.get().token
    assert resident.display_name() in client.get(f"/p/{token}/declare/").content.decode()
    client.post(f"/p/{token}/declare/", {"name": "刘女士", "id_number": valid_id(seq="741"), "phone": "13512340001",
                                         "move_in": timezone.localdate().isoformat(), "token": "a-1",
                                         "on_behalf": str(delegation.pk)})
    declaration = Declaration.objects.get()
    assert declaration.channel == "agent" and declaration.submitted_by == agent
    assert declaration.on_behalf_of == resident and declaration.delegation == delegation
    entry = AuditEntry.objects.get(action="declaration.register")
    assert entry.actor_id == agent.pk and entry.detail["on_behalf_of"] == resident.pk


def test_a_revoked_or_expired_delegation_cannot_be_used(client, resident, house):
    from anju.registrations.models import Delegation

    delegation = delegation_grant(grantor=resident, agent_phone="13666667777", scope="declare",
                                  expires_on=timezone.localdate() + timezone.timedelta(days=30))
    delegation_revoke(grantor=resident, delegation=delegation)
    client.force_login(delegation.agent)
    body = client.post(f"/p/{house.plates.get().token}/declare/", {
        "name": "刘女士", "id_number": valid_id(seq="741"), "phone": "13512340001",
        "move_in": timezone.localdate().isoformat(), "token": "a-2", "on_behalf": str(delegation.pk)}).content.decode()
    assert Declaration.objects.count() == 0
    Delegation.objects.filter(pk=delegation.pk).update(revoked_at=None, expires_on=timezone.localdate() - timezone.timedelta(days=1))
    from anju.registrations.services import delegation_usable

    with pytest.raises(RegistrationError, match="到期"):
        delegation_usable(delegation=Delegation.objects.get(pk=delegation.pk), agent=delegation.agent)
    assert body  # the page was shown again, with the form


def test_a_delegation_has_sane_limits(resident):
    with pytest.raises(RegistrationError):
        delegation_grant(grantor=resident, agent_phone=resident.phone, scope="declare",
                         expires_on=timezone.localdate() + timezone.timedelta(days=3))
    with pytest.raises(RegistrationError):
        delegation_grant(grantor=resident, agent_phone="13666667777", scope="declare",
                         expires_on=timezone.localdate() + timezone.timedelta(days=800))
