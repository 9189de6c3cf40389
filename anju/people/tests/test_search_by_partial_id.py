"""An officer finds a person from part of the ID number (the last 4–6 characters, or the region and birth date),
inside their own jurisdiction only, audited like any list, with the number still masked."""
import pytest

from anju.audit.models import AuditEntry
from anju.people.selectors import person_search
from anju.people.services import person_create
from conftest import valid_id

from .test_isolation import rows


@pytest.fixture
def client_a(client, officer_a):
    client.force_login(officer_a)
    return client


def found(client, q) -> str:
    return rows(client.get("/staff/people/", {"q": q}))


def test_last_four_characters_find_the_person(client_a, people):
    assert "张甲" in found(client_a, people["a"].id_number[-4:])


def test_last_six_characters_find_the_person(client_a, people):
    assert "张甲" in found(client_a, people["a"].id_number[-6:])


def test_a_tail_that_differs_where_the_mask_hides_it_finds_nobody(client_a, people):
    number = people["a"].id_number  # …0307111C: the 5th and 6th from the end are the birth day
    wrong = str((int(number[-6]) + 1) % 10) + number[-5:]
    assert "张甲" not in found(client_a, wrong)


def test_tail_with_a_name_narrows_to_that_name(client_a, people, tree):
    person_create(actor=None, name="王丙", id_number=valid_id(birth="19850101", seq="111"), jurisdiction=tree["A1C1G1"])
    tail = people["a"].id_number[-4:]
    assert "张甲" in found(client_a, f"张甲 {tail}") and "王丙" not in found(client_a, f"张甲 {tail}")
    assert "张甲" not in found(client_a, f"王丙 {tail}")


def test_tail_of_someone_in_another_station_finds_nothing(client_a, people):
    assert "李乙" not in found(client_a, people["b"].id_number[-6:])
    assert "李乙" not in found(client_a, people["b"].id_number[-4:])


def test_region_and_birth_date_find_the_person(client_a, people):
    number = people["a"].id_number
    assert "张甲" in found(client_a, number[:14])
    assert "张甲" in found(client_a, f"{number[:6]} {number[6:14]}")
    assert "张甲" in found(client_a, number[:16])


def test_a_longer_head_that_differs_where_the_mask_hides_it_finds_nobody(client_a, people):
    number = people["a"].id_number
    assert "张甲" not in found(client_a, number[:14] + str((int(number[14]) + 1) % 10))


def test_name_and_birth_date_find_the_person(client_a, people):
    assert "张甲" in found(client_a, "张甲 1990-03-07")
    assert "张甲" not in found(client_a, "张甲 1990-03-08")


def test_a_mistyped_whole_number_finds_nobody(client_a, people):
    number = people["a"].id_number
    typo = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert "张甲" not in found(client_a, typo)


def test_results_keep_the_number_masked(client_a, people):
    body = client_a.get("/staff/people/", {"q": people["a"].id_number[-6:]}).content.decode()
    assert people["a"].id_masked in body and people["a"].id_number not in body


def test_a_partial_number_search_is_audited_with_the_people_shown(client_a, people, officer_a):
    client_a.get("/staff/people/", {"q": people["a"].id_number[-6:]})
    entry = AuditEntry.objects.filter(actor=officer_a, action="person.list").latest("pk")
    assert [s.object_id for s in entry.subjects.all()] == [str(people["a"].pk)]


def test_a_four_character_tail_search_is_one_query(officer_a, people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [p.name for p in person_search(user=officer_a, q=people["a"].id_number[-4:])] == ["张甲"]
