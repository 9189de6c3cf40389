"""A person's name is kept in one written form whoever types it (lib.names.tidy): the landlord verifying themselves,
the landlord checking a tenant in. So a name typed with a full-width space or another middle dot is the same name as
the register's, not flagged as someone else's."""
import uuid

from django.utils import timezone

from anju.houses.models import LandlordProfile
from anju.houses.services import landlord_verify, tenant_check_in
from anju.people.registry import population_import
from anju.registrations.services import declaration_approve, declare
from conftest import valid_id

DOTTED = "阿依古丽·买买提"


def test_a_tenant_typed_with_another_middle_dot_is_the_registered_person_not_another_name(house, landlord, officer_a):
    number = valid_id(seq="531")
    registered = declaration_approve(actor=officer_a, declaration=declare(
        actor=officer_a, channel="police", house=house, name=DOTTED, id_number=number,
        move_in=timezone.localdate() - timezone.timedelta(days=30), idempotency_key=uuid.uuid4().hex), note="ok")
    # the hyphenation point ‧ (U+2027) as some input methods type the dot
    tenancy = tenant_check_in(actor=landlord, house=house, name=" 阿依古丽‧买买提 ", id_number=number,
                              move_in=timezone.localdate())
    declaration = tenancy.declarations.get()
    assert tenancy.name == DOTTED and declaration.name == DOTTED
    assert "registered_other_name" not in declaration.flags
    assert registered.name == declaration.name


def test_a_tenant_typed_with_a_full_width_space_is_kept_without_it(house, landlord):
    tenancy = tenant_check_in(actor=landlord, house=house, name="王　明", id_number=valid_id(seq="533"),
                              move_in=timezone.localdate())
    assert tenancy.name == "王明" and tenancy.declarations.get().name == "王明"


def test_a_landlord_verifying_with_another_middle_dot_matches_the_registry_and_is_kept_in_its_form(make_user, tmp_path):
    number = valid_id(birth="19800101", seq="041")
    path = tmp_path / "population.csv"
    path.write_text(f"id_number,name\n{number},{DOTTED}\n", encoding="utf-8")
    population_import(path=path)
    user = make_user("13900139000", "landlord", None, phone="13900139000", password=None)
    landlord_verify(user=user, name="阿依古丽∙买买提", id_number=number)  # the bullet operator ∙ (U+2219)
    user.refresh_from_db()
    assert LandlordProfile.objects.get(user=user).name == DOTTED and user.first_name == DOTTED
