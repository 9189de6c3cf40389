"""A declared name is kept in one written form (lib.names.tidy), as the import and the registry keep it: the same
person typed with a full-width space or another middle dot is the same name at approval, a move, not another
person's registration ended or refused."""
import uuid

from django.utils import timezone

from anju.people.models import Person
from anju.people.services import person_create
from anju.registrations.services import declaration_approve, declare
from conftest import valid_id


def _declare(officer, house, name, number):
    return declare(actor=officer, channel="police", house=house, name=name, id_number=number,
                   move_in=timezone.localdate() - timezone.timedelta(days=1), idempotency_key=uuid.uuid4().hex)


def test_a_move_declared_with_another_middle_dot_is_approved_as_the_same_person(house, house2, officer_a):
    number = valid_id(seq="741")
    first = declaration_approve(actor=officer_a, declaration=_declare(officer_a, house, "阿依古丽·买买提", number),
                                note="ok")
    moving = _declare(officer_a, house2, "阿依古丽‧买买提", number)  # the hyphenation point ‧ (U+2027)
    assert moving.name == "阿依古丽·买买提" and "registered_other_name" not in moving.flags
    second = declaration_approve(actor=officer_a, declaration=moving, note="ok")  # no same_person needed
    first.refresh_from_db()
    assert first.status == "closed" and second.previous == first and second.name == first.name


def test_a_name_padded_with_a_full_width_space_is_declared_and_registered_without_it(house, officer_a):
    registration = declaration_approve(actor=officer_a, declaration=_declare(officer_a, house, "王　明",
                                                                             valid_id(seq="743")), note="ok")
    assert registration.name == "王明"
    assert Person.objects.get(id_hash=registration.id_hash).name == "王明"


def test_a_person_recorded_by_hand_is_kept_in_the_same_form(tree, officer_a):
    person = person_create(actor=officer_a, name="ＷＡＮＧ　Ｍｉｎｇ", id_number=valid_id(seq="745"),
                           jurisdiction=tree["A1C1G1"])
    assert person.name == "WANG Ming"
