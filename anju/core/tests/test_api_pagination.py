"""Every list of the API comes a page at a time by one pagination class, and a caller (a department pulling data)
chooses the page size with ?page_size=N, up to 500 rows a page."""
import pytest
from rest_framework.test import APIClient

from anju.api_urls import router
from anju.core.api import Pagination

MAX = 500


@pytest.fixture
def grids(tree):
    """501 grids more under one community, so a page can be full at the maximum with one row left over."""
    from anju.jurisdictions.models import Node

    community = tree["A1C1"]
    Node.objects.bulk_create(Node(code=f"A1C1X{n:03}", name=f"第{n}网格", level="grid", parent=community,
                                  path=f"{community.path}A1C1X{n:03}/") for n in range(MAX + 1))
    return Node.objects.filter(path__startswith=tree["A1"].path).count()  # what officer_a reads


@pytest.fixture
def api(officer_a):
    client = APIClient()
    client.force_authenticate(officer_a)
    return client


def test_every_list_of_the_api_is_paged_by_the_one_pagination_class():
    assert Pagination.max_page_size == MAX
    for prefix, viewset, _basename in router.registry:
        assert viewset.pagination_class is Pagination, prefix


def test_a_caller_chooses_the_page_size(api, grids):
    first = api.get("/api/jurisdictions/", {"page_size": 7}).json()
    assert first["count"] == grids and len(first["results"]) == 7 and "page_size=7" in first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 7 and {r["code"] for r in first["results"]}.isdisjoint(
        r["code"] for r in second["results"])
    assert len(api.get("/api/jurisdictions/").json()["results"]) == 50  # the default


@pytest.mark.parametrize("asked", [MAX, MAX + 1, 100000])
def test_a_page_size_above_the_maximum_gives_the_maximum(api, grids, asked):
    page = api.get("/api/jurisdictions/", {"page_size": asked}).json()
    assert len(page["results"]) == MAX and page["next"] is not None


@pytest.mark.parametrize("asked", ["abc", "0", "-5", "2.5", ""])
def test_a_page_size_that_is_not_a_positive_whole_number_gives_the_default(api, grids, asked):
    response = api.get("/api/jurisdictions/", {"page_size": asked})
    assert response.status_code == 200 and len(response.json()["results"]) == 50


def test_the_people_list_takes_the_page_size_too_and_audits_the_page_it_returns(api, people):
    from anju.audit.models import AuditEntry
    from anju.people.services import person_create
    from conftest import valid_id

    person_create(actor=None, name="王丙", id_number=valid_id(seq="333"), jurisdiction=people["a"].jurisdiction)
    page = api.get("/api/people/", {"page_size": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1
    entry = AuditEntry.objects.filter(action="person.list").latest("id")
    assert [s.object_id for s in entry.subjects.all()] == [str(page["results"][0]["id"])]


def test_the_schema_documents_the_page_size_and_its_maximum(client, tree):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/people/", "/api/houses/", "/api/jurisdictions/", "/api/declarations/", "/api/registrations/"):
        [size] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "page_size"]
        assert f"at most {MAX}" in size["description"], path
