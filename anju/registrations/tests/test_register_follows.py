"""The population register (实有人口, people.Person) follows the registrations: an approved declaration puts the person
on it at the registration's address, a move moves them, a deregistration ends their residence there; one person per
ID number, and every change audited."""
import pytest
from django.utils import timezone

from anju.audit.models import AuditEntry
from anju.people.models import Person
from anju.registrations.models import Registration
from anju.registrations.services import declaration_approve, registration_end
from conftest import make_house, valid_id

NUMBER = valid_id(seq="701")  # declare_as's default number


def people_page(client, user, **params):
    client.force_login(user)
    return client.get("/staff/people/", params).content.decode()


def me_page(client, user):
    client.force_login(user)
    return client.get("/me/").content.decode()


def test_an_approved_declaration_puts_the_person_on_the_people_list_at_its_address(client, officer_a, resident,
                                                                                     declare_as, house):
    declaration = declare_as(resident)
    assert "周八" not in people_page(client, officer_a)
    registration = declaration_approve(actor=officer_a, declaration=declaration)
    person = Person.objects.get()
    assert (person.name, person.id_number, person.address, person.house, person.jurisdiction, person.phone) == (
        "周八", NUMBER, house.address, house, registration.jurisdiction, "13512345678")
    assert person.sex == "1" and str(person.birth_date) == "1990-03-07" and person.left_on is None
    page = people_page(client, officer_a)
    assert "周八" in page and house.address in page
    assert AuditEntry.objects.filter(action="person.create", actor=officer_a,
                                     subjects__object_id=str(person.pk)).exists()


def test_the_residents_own_page_shows_the_address_they_were_registered_at(client, officer_a, resident, declare_as,
                                                                           house):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    assert Person.objects.get().account == resident
    page = me_page(client, resident)
    assert f"<dd>{house.address}</dd>" in page


def test_a_tenant_checked_in_by_the_landlord_is_on_the_list_once_approved(client, officer_a, house, landlord):
    from anju.houses.services import tenant_check_in

    tenancy = tenant_check_in(actor=landlord, house=house, name="王五", id_number=valid_id(seq="731"),
                              move_in=timezone.localdate() - timezone.timedelta(days=2), phone="13600001111")
    declaration_approve(actor=officer_a, declaration=tenancy.declarations.get())
    person = Person.objects.get()
    assert person.name == "王五" and person.house == house and person.account is None  # the landlord's is not theirs
    assert "王五" in people_page(client, officer_a)


def test_a_move_moves_the_person_and_makes_no_second_record(client, officer_a, resident, declare_as, house, house2):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    declaration_approve(actor=officer_a, declaration=declare_as(resident, target=house2))
    person = Person.objects.get()
    assert person.address == house2.address and person.house == house2
    page = people_page(client, officer_a)
    assert house2.address in page and house.address not in page
    me = me_page(client, resident)  # the record's card; the registrations above it keep the old address, ended
    assert f"<dd>{house2.address}</dd>" in me and f"<dd>{house.address}</dd>" not in me
    assert AuditEntry.objects.filter(action="person.move", actor=officer_a,
                                     subjects__object_id=str(person.pk)).exists()


def test_a_move_to_another_stations_area_moves_the_person_into_its_list(client, tree, officer_a, officer_b, resident,
                                                                        declare_as):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    elsewhere = make_house(tree, "B-0700", "古墩路700号1幢1单元101室", "B1C1G1")
    declaration_approve(actor=officer_b, declaration=declare_as(resident, target=elsewhere))
    assert Person.objects.get().jurisdiction == tree["B1C1G1"]
    assert "周八" not in people_page(client, officer_a)
    assert "周八" in people_page(client, officer_b)


def test_a_second_approval_for_the_same_number_makes_no_second_person(officer_a, resident, declare_as, house):
    first = declaration_approve(actor=officer_a, declaration=declare_as(resident))
    registration_end(actor=officer_a, registration=first, reason="搬离")
    again = declare_as(resident, name="周八", seq="701")
    declaration_approve(actor=officer_a, declaration=again)
    person = Person.objects.get()
    assert person.address == house.address and person.left_on is None and person.left_address == ""


def test_approving_where_the_person_is_already_registered_changes_nothing(officer_a, resident, declare_as):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    before = AuditEntry.objects.filter(action__startswith="person.").count()
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    assert Person.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="person.").count() == before


def test_a_child_declared_with_a_parent_is_on_the_register_without_the_parents_account(officer_a, resident,
                                                                                      declare_as, house):
    declaration = declare_as(resident, children=[("周小八", valid_id(birth="20180601", seq="702"))])
    declaration_approve(actor=officer_a, declaration=declaration)
    child = Person.objects.get(name="周小八")
    assert child.house == house and child.account is None
    assert Person.objects.get(name="周八").account == resident


def test_the_residents_i_have_moved_out_ends_their_residence_but_keeps_the_record(client, officer_a, resident,
                                                                                  declare_as, house):
    registration = declaration_approve(actor=officer_a, declaration=declare_as(resident))
    client.force_login(resident)
    client.post(f"/me/registrations/{registration.pk}/end/", {"reason": "本人申报已搬离"})
    person = Person.objects.get()
    assert (person.house, person.address, person.left_address, person.left_on) == (
        None, "", house.address, timezone.localdate())
    assert person.jurisdiction == registration.jurisdiction  # still on record where they lived
    assert "周八" not in people_page(client, officer_a)
    left = people_page(client, officer_a, residence="left")
    assert "周八" in left and house.address in left
    assert client.get(f"/staff/people/{person.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="person.leave", actor=resident,
                                     subjects__object_id=str(person.pk)).exists()
    page = me_page(client, resident)
    assert "周八" in page and f"<dd>{house.address}</dd>" not in page


def test_an_approved_check_out_ends_the_tenants_residence(officer_a, house, landlord):
    from anju.houses.services import tenant_check_in, tenant_check_out

    tenancy = tenant_check_in(actor=landlord, house=house, name="王五", id_number=valid_id(seq="731"),
                              move_in=timezone.localdate() - timezone.timedelta(days=5))
    declaration_approve(actor=officer_a, declaration=tenancy.declarations.get())
    proposal = tenant_check_out(actor=landlord, tenancy=tenancy, move_out=timezone.localdate() - timezone.timedelta(days=1))
    declaration_approve(actor=officer_a, declaration=proposal)
    person = Person.objects.get()
    assert person.house is None and person.left_on == timezone.localdate() - timezone.timedelta(days=1)


def test_ending_a_registration_where_the_person_no_longer_lives_leaves_them_where_they_live(officer_a, resident,
                                                                                           declare_as, house, house2):
    declaration_approve(actor=officer_a, declaration=declare_as(resident))
    # a registration at another house still in force (an imported one, say), which the officer now ends
    old = Registration.objects.create(
        number="JZ-OLD", name="周八", id_cipher=Registration.objects.get().id_cipher,
        id_hash=Registration.objects.get().id_hash, id_masked="330106********7011", house=house2,
        address=house2.address, jurisdiction=house2.jurisdiction, starts_on=timezone.localdate(), source="import")
    registration_end(actor=officer_a, registration=old, reason="核实不在住")
    person = Person.objects.get()
    assert person.house == house and person.left_on is None


def test_ending_the_registration_they_live_at_moves_them_to_another_still_in_force(officer_a, resident, declare_as,
                                                                                  house, house2):
    current = declaration_approve(actor=officer_a, declaration=declare_as(resident))
    Registration.objects.create(
        number="JZ-OTHER", name="周八", id_cipher=current.id_cipher, id_hash=current.id_hash,
        id_masked=current.id_masked, house=house2, address=house2.address, jurisdiction=house2.jurisdiction,
        starts_on=timezone.localdate() - timezone.timedelta(days=30), source="import")
    registration_end(actor=officer_a, registration=current, reason="搬离")
    person = Person.objects.get()
    assert person.house == house2 and person.left_on is None

