"""An officer of station A gets "not found" for station B's records through every path:
views, API, list filters, search, exports and the admin."""
import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from conftest import PASSWORD, valid_id


def rows(response, table="people") -> str:
    """The HTML of a results table only: search boxes echo what was typed."""
    body = response.content.decode()
    start = body.index(f'<table id="{table}"')
    return body[start:body.index("</table>", start)]


@pytest.fixture
def client_a(client, officer_a):
    client.force_login(officer_a)
    return client


@pytest.fixture
def api_a(officer_a):
    api = APIClient()
    api.force_authenticate(officer_a)
    return api


def test_detail_view_of_other_station_is_not_found(client_a, people):
    assert client_a.get(f"/staff/people/{people['a'].pk}/").status_code == 200
    assert client_a.get(f"/staff/people/{people['b'].pk}/").status_code == 404


def test_unmask_of_other_station_is_not_found(client_a, people):
    response = client_a.post(f"/staff/people/{people['b'].pk}/unmask/", {"purpose": "核查"})
    assert response.status_code == 404


def test_list_shows_only_own_station(client_a, people):
    table = rows(client_a.get("/staff/people/"))
    assert "张甲" in table and "李乙" not in table


def test_search_by_name_and_by_full_id_number_finds_nothing_elsewhere(client_a, people):
    assert "李乙" not in rows(client_a.get("/staff/people/", {"q": "李乙"}))
    assert "李乙" not in rows(client_a.get("/staff/people/", {"q": people["b"].id_number}))
    assert "张甲" in rows(client_a.get("/staff/people/", {"q": people["a"].id_number}))


def test_list_filter_on_other_station_yields_nothing(client_a, people):
    response = client_a.get("/staff/people/", {"node": "B1"})
    assert "李乙" not in rows(response) and "张甲" not in rows(response)
    # …and the other station does not even appear among the filter's choices.
    assert "乙派出所" not in response.content.decode()


def test_export_contains_only_own_station(client_a, people):
    response = client_a.get("/staff/people/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["张甲"]


def test_export_with_filter_on_other_station_is_empty(client_a, people):
    sheet = load_workbook(io.BytesIO(client_a.get("/staff/people/export.xlsx", {"node": "B1"}).content)).active
    assert sheet.max_row == 1


def test_api_list_and_search_show_only_own_station(api_a, people):
    names = [r["name"] for r in api_a.get("/api/people/").json()["results"]]
    assert names == ["张甲"]
    assert api_a.get("/api/people/", {"q": "李乙"}).json()["count"] == 0
    assert api_a.get("/api/people/", {"node": "B1"}).json()["count"] == 0


def test_api_detail_of_other_station_is_not_found(api_a, people):
    assert api_a.get(f"/api/people/{people['a'].pk}/").status_code == 200
    response = api_a.get(f"/api/people/{people['b'].pk}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_api_houses_and_jurisdictions_are_scoped(api_a, people):
    assert [h["address"] for h in api_a.get("/api/houses/").json()["results"]] == [people["house_a"].address]
    assert api_a.get(f"/api/houses/{people['house_b'].pk}/").status_code == 404
    assert api_a.get("/api/jurisdictions/B1/").status_code == 404
    codes = {n["code"] for n in api_a.get("/api/jurisdictions/").json()["results"]}
    assert codes == {"A1", "A1C1", "A1C1G1"}


def test_house_list_view_is_scoped(client_a, people):
    table = rows(client_a.get("/staff/houses/"), "houses")
    assert people["house_a"].address in table and people["house_b"].address not in table


def test_admin_bound_to_station_a_cannot_open_station_b_records(client, admin_a, people):
    client.force_login(admin_a)
    listing = client.get("/admin/people/person/").content.decode()
    assert "张甲" in listing and "李乙" not in listing
    response = client.get(f"/admin/people/person/{people['b'].pk}/change/")
    assert response.status_code in (302, 404)  # Django admin redirects with "doesn't exist" for missing objects
    assert "李乙" not in client.get(f"/admin/people/person/{people['b'].pk}/change/", follow=True).content.decode()
    assert client.get(f"/admin/houses/house/{people['house_b'].pk}/change/", follow=True).status_code in (200, 404)
    assert people["house_b"].address not in client.get("/admin/houses/house/").content.decode()


def test_admin_at_province_sees_both_stations(client, admin_root, people):
    client.force_login(admin_root)
    listing = client.get("/admin/people/person/").content.decode()
    assert "张甲" in listing and "李乙" in listing


def test_auxiliary_of_community_sees_only_their_community(client, auxiliary_a, people):
    client.force_login(auxiliary_a)
    assert client.get(f"/staff/people/{people['a'].pk}/").status_code == 200
    assert client.get(f"/staff/people/{people['b'].pk}/").status_code == 404


def test_resident_cannot_reach_staff_paths(client, resident, people):
    client.force_login(resident)
    assert client.get(f"/staff/people/{people['a'].pk}/").status_code == 403
    assert client.get("/staff/people/export.xlsx").status_code == 403
    api = APIClient()
    api.force_authenticate(resident)
    assert api.get("/api/people/").status_code == 403


def test_anonymous_is_sent_to_sign_in_and_api_refuses(client, people):
    response = client.get("/staff/people/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert APIClient().get("/api/people/").status_code in (401, 403)


def test_token_authenticated_department_user_is_scoped_to_their_district(make_user, people, tree):
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from anju.lib.schooling import school_age_births
    from anju.people.services import person_create

    pupil = f"{school_age_births(timezone.localdate())[1].year - 2}0307"
    for name, seq, node in (("张小甲", "311", "A1C1G1"), ("李小乙", "322", "B1C1G1")):  # the education slice: pupils
        person_create(actor=None, name=name, id_number=valid_id(birth=pupil, seq=seq), jurisdiction=tree[node])
    dept = make_user("edu", "department", "330106", purpose="入学审核 school enrolment", department="education")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=dept).key}")
    assert sorted(row["name"] for row in api.get("/api/people/").json()["results"]) == ["张小甲", "李小乙"]
    # A password is never needed for the API; the signing-in page is.
    assert PASSWORD
