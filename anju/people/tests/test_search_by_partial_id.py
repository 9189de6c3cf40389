"""An officer finds a person from part of the ID number (the last 4–6 characters, or the region and birth date),
inside their own jurisdiction only, audited like any list, with the number still masked."""
import pytest
from rest_framework.test import APIClient

from anju.audit.models import AuditEntry
from anju.people.selectors import person_search
from anju.people.services import person_create
from conftest import valid_id

from .test_isolation import rows


@pytest.fixture
def client_a(client, officer_a):
    client.force_login(officer_a)
    return client


@pytest.fixture
def api_a(officer_a):
    api = APIClient()
    api.force_authenticate(officer_a)
    return api


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


# Legacy 15-digit numbers (GB 11643's first generation: region, YYMMDD, sequence; no check digit) are still on old
# documents. 张甲's number is 330106 19900307 111 + check digit: on an old card it was 330106 900307 111.

def legacy(person) -> str:
    number = person.id_number
    return number[:6] + number[8:17]


def test_a_whole_legacy_number_finds_the_person_by_the_18_digit_number(client_a, people):
    assert legacy(people["a"]) == "330106900307111"
    assert "张甲" in found(client_a, legacy(people["a"]))
    assert "李乙" not in found(client_a, legacy(people["b"]))  # another station's: nobody, as for an 18-digit one


@pytest.mark.parametrize("digits", [12, 13, 14])
def test_the_start_of_a_legacy_number_finds_the_person(client_a, people, digits):
    start = legacy(people["a"])[:digits]
    assert "张甲" in found(client_a, start)
    assert "李乙" not in found(client_a, start)  # same region and birth date, outside the officer's station


def test_the_start_of_a_legacy_number_that_differs_where_the_mask_hides_it_finds_nobody(client_a, people):
    start = legacy(people["a"])[:14]  # 33010690030711: sequence 11…
    assert "张甲" not in found(client_a, start[:-1] + "2")
    assert "张甲" not in found(client_a, "330106900308")  # a day later


def test_the_start_of_a_legacy_number_with_a_name_narrows_to_that_name(client_a, people):
    start = legacy(people["a"])[:12]
    assert "张甲" in found(client_a, f"张甲 {start}") and "张甲" not in found(client_a, f"王丙 {start}")


def test_a_malformed_legacy_number_says_what_is_wrong_in_chinese_and_english(client_a, people):
    response = client_a.get("/staff/people/", {"q": "330106900231111"})
    assert response.status_code == 200 and "张甲" not in rows(response)
    assert "“330106900231111”不是有效的身份证号码：出生日期 19900231 不是有效日期" in response.content.decode()
    response = client_a.get("/staff/people/", {"q": "330106900231111"}, HTTP_ACCEPT_LANGUAGE="en")
    assert ("“330106900231111” is not a valid ID number: birth date 19900231 is not a valid date"
            in response.content.decode())


def test_a_malformed_number_searched_outside_a_request_says_what_is_wrong_in_both_languages(officer_a, people):
    """From the shell or a script no reader is known: the problems read in both languages, as every ID number message
    does there (lib.bilingual), and in the reader's alone once one is known, as on the page above."""
    from django.utils import translation

    from anju.lib.bilingual import reader_language
    from anju.people.selectors import PersonSearchError

    with pytest.raises(PersonSearchError) as refused:
        person_search(user=officer_a, q="330106900231111")
    assert str(refused.value) == ("“330106900231111”不是有效的身份证号码：出生日期 19900231 不是有效日期 "
                                  "(birth date 19900231 is not a valid date)")
    with translation.override("en"), reader_language(translation.get_language), pytest.raises(PersonSearchError) as refused:
        person_search(user=officer_a, q="330106901307")
    assert str(refused.value) == ("“330106901307” is not the start of a valid ID number: "
                                  "birth date 19901307 is not a valid date")


def test_a_malformed_start_of_a_legacy_number_says_what_is_wrong(client_a, people):
    body = client_a.get("/staff/people/", {"q": "330106901307"}).content.decode()
    assert "“330106901307”不是有效的身份证号码开头：出生日期 19901307 不是有效日期" in body
    body = client_a.get("/staff/people/", {"q": "330106901307"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "“330106901307” is not the start of a valid ID number: birth date 19901307 is not a valid date" in body


def test_a_mistyped_whole_18_digit_number_says_so_too(client_a, people):
    number = people["a"].id_number
    typo = number[:-1] + ("0" if number[-1] != "0" else "1")
    body = client_a.get("/staff/people/", {"q": typo}).content.decode()
    assert f"“{typo}”不是有效的身份证号码：校验码错误，应为 {number[-1]}" in body


def test_twelve_digits_that_do_not_begin_with_a_region_are_searched_as_before(client_a, people, tree):
    person_create(actor=None, name="王丙", id_number=valid_id(birth="19850101", seq="111"), jurisdiction=tree["A1C1G1"],
                  address="文一西路 057188001234 号")
    response = client_a.get("/staff/people/", {"q": "057188001234"})  # a landline with its area code
    assert "王丙" in rows(response) and not list(response.context["messages"])


def test_the_api_refuses_a_malformed_number_saying_why(api_a, people):
    response = api_a.get("/api/people/", {"q": "330106900231111"})
    assert response.status_code == 400
    assert response.json()["q"] == ["“330106900231111”不是有效的身份证号码：出生日期 19900231 不是有效日期"]
    assert api_a.get("/api/people/", {"q": legacy(people["a"])[:12]}).json()["count"] == 1


def test_exporting_a_malformed_search_goes_back_to_the_list_with_the_message(client_a, people):
    response = client_a.get("/staff/people/export.xlsx", {"q": "330106900231111"}, follow=True)
    assert response.redirect_chain[-1][0] == "/staff/people/?q=330106900231111"
    assert response.content.decode().count("出生日期 19900231 不是有效日期") == 1
