"""Bad identity input gets a specific message and writes nothing."""
import pytest

from anju.audit.models import AuditEntry
from anju.people.models import Person
from anju.people.services import PersonError, person_create
from conftest import valid_id


@pytest.mark.parametrize("raw, words", [
    (valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"), "校验码"),
    ("999999199003071234", "不存在"),
    ("72010119900307123X", "不存在"),
    ("3301061990023012", "位"),
    ("33010619901307123X", "出生日期"),
])
def test_malformed_id_numbers_are_refused_by_name_and_nothing_is_written(tree, raw, words):
    before = AuditEntry.objects.count()
    with pytest.raises(PersonError, match=words):
        person_create(actor=None, name="王五", id_number=raw, jurisdiction=tree["A1C1G1"])
    assert Person.objects.count() == 0 and AuditEntry.objects.count() == before


def test_sex_and_birth_date_come_from_the_number(tree):
    person = person_create(actor=None, name="王五", id_number=valid_id(birth="19851231", seq="124"),
                           jurisdiction=tree["A1C1G1"])
    assert person.sex == "2" and str(person.birth_date) == "1985-12-31"


def test_a_declared_sex_that_contradicts_the_number_is_refused(tree):
    with pytest.raises(PersonError, match="性别"):
        person_create(actor=None, name="王五", id_number=valid_id(seq="123"), sex="女", jurisdiction=tree["A1C1G1"])


def test_the_same_number_cannot_be_recorded_twice_even_typed_differently(tree):
    number = valid_id(seq="125")
    person_create(actor=None, name="王五", id_number=number, jurisdiction=tree["A1C1G1"])
    with pytest.raises(PersonError, match="已登记"):
        person_create(actor=None, name="王五", id_number=" " + number.lower() + " ", jurisdiction=tree["A1C1G1"])


def test_the_number_is_stored_encrypted_with_a_keyed_hash_and_a_masked_copy(tree):
    number = valid_id(seq="127")
    person = person_create(actor=None, name="王五", id_number=number, jurisdiction=tree["A1C1G1"])
    row = Person.objects.values("id_cipher", "id_hash", "id_masked").get(pk=person.pk)
    assert number not in row["id_cipher"] and number not in row["id_hash"]
    assert row["id_masked"] == number[:6] + "*" * 8 + number[-4:]
    assert Person.objects.get(pk=person.pk).id_number == number
