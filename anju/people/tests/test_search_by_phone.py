"""A search matches a mobile number only for a reader of phone numbers: the education department, which reads
school-age children without their phones, cannot learn from a search which child a number belongs to."""
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anju.lib.schooling import school_age_births
from anju.people.selectors import person_search
from conftest import valid_id

PHONE = "13800001111"
UNKNOWN = "13900002222"


@pytest.fixture
def pupil(tree):
    from anju.people.services import person_create

    birth = f"{school_age_births(timezone.localdate())[1].year - 3}0307"
    return person_create(actor=None, name="张小甲", id_number=valid_id(birth=birth, seq="311"),
                         jurisdiction=tree["A1C1G1"], phone=PHONE)


@pytest.fixture
def education(make_user):
    return make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education")


def test_an_officer_finds_a_person_by_their_mobile_number(officer_a, pupil):
    assert list(person_search(user=officer_a, q=PHONE)) == [pupil]


def test_the_education_department_finds_nobody_by_a_mobile_number(education, pupil):
    assert list(person_search(user=education, q="张小甲")) == [pupil]  # in its slice, by what it reads
    assert list(person_search(user=education, q=PHONE)) == []
    assert list(person_search(user=education, q=f"张小甲 {PHONE}")) == []


def test_the_education_departments_page_and_api_answer_a_known_number_as_an_unknown_one(client, education, pupil):
    client.force_login(education)
    known, unknown = (client.get("/staff/people/", {"q": q}).content.decode() for q in (PHONE, UNKNOWN))
    assert "没有找到人员" in known and "张小甲" not in known
    assert known.replace(PHONE, UNKNOWN).count("没有找到人员") == unknown.count("没有找到人员")
    api = APIClient()
    api.force_authenticate(education)
    for q in (PHONE, f"张小甲 {PHONE}"):  # not refused, no word of why: the answer to a number nobody has
        response = api.get("/api/people/", {"q": q})
        assert response.status_code == 200 and response.json() == api.get("/api/people/", {"q": UNKNOWN}).json()
        assert response.json()["count"] == 0
    assert api.get("/api/people/", {"q": "张小甲"}).json()["count"] == 1


def test_the_api_schema_says_a_phone_number_is_searched_only_by_readers_of_phone_numbers(client, tree):
    schema = client.get("/api/schema/?format=json").json()
    [q] = [p for p in schema["paths"]["/api/people/"]["get"]["parameters"] if p["name"] == "q"]
    words = q["description"]
    assert "name, phone" not in words
    assert "A mobile number matches only for a caller whose role reads phone numbers" in words
    assert "education department" in words and "finds nobody" in words
