"""What each role may read (accounts/choices.py: ROLE_READS, DEPARTMENT_READS), through pages, exports, the menu
and the API alike. The education department reads the school-age children of its district for enrolment checks,
with the fields that duty needs; nothing of the police's work (queue, identity-registry comparison, door logs)."""
import io
import uuid
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from anju.accounts.choices import DEPARTMENT_READS, ROLE_READS, Area, Department, Role
from anju.accounts.services import AccountError, user_create
from anju.core.decorators import page_area
from anju.core.permissions import API_AREAS
from anju.lib.schooling import school_age_births
from conftest import make_house, valid_id


@pytest.fixture
def education(make_user):
    return make_user("edu", "department", "330106", full_name="区教育局", purpose="义务教育入学资格审核 school enrolment checks",
                     department="education")


@pytest.fixture
def family(tree):
    """A mother and her two children in station A's grid, one child of school age, one too young; a pupil in B."""
    from anju.people.services import person_create

    house = make_house(tree, "A-0001", "文一西路1号1幢1单元101室", "A1C1G1")
    first, last = school_age_births(timezone.localdate())
    pupil_birth = date(last.year - 3, 3, 7)
    toddler_birth = date(last.year + 2, 3, 7)

    def person(name, birth, seq, node="A1C1G1"):
        return person_create(actor=None, name=name, id_number=valid_id(birth=f"{birth:%Y%m%d}", seq=seq),
                             jurisdiction=tree[node], house=house, address=house.address, phone="13800001111",
                             ethnicity="01", hukou_address="河南省周口市川汇区")

    return {"mother": person("王母", date(1988, 5, 1), "222"), "pupil": person("王小学", pupil_birth, "111"),
            "toddler": person("王小小", toddler_birth, "112"), "pupil_b": person("李小学", pupil_birth, "113", "B1C1G1"),
            "house": house}


def test_the_education_department_reads_only_school_age_children_without_phone_or_ethnicity(client, education,
                                                                                             family):
    client.force_login(education)
    listed = client.get("/staff/people/").content.decode()
    assert "王小学" in listed and "李小学" in listed
    assert "王母" not in listed and "王小小" not in listed
    assert client.get(f"/staff/people/{family['mother'].pk}/").status_code == 404
    assert client.get(f"/staff/people/{family['toddler'].pk}/").status_code == 404
    page = client.get(f"/staff/people/{family['pupil'].pk}/").content.decode()
    assert "河南省周口市川汇区" in page and "文一西路1号" in page
    assert "13800001111" not in page and "汉族" not in page

    book = load_workbook(io.BytesIO(client.get("/staff/people/export.xlsx").content))
    sheet = [[cell for cell in row] for row in book.active.iter_rows(values_only=True)]
    assert sorted(row[0] for row in sheet[1:]) == ["李小学", "王小学"]
    assert not any("手机" in heading for heading in sheet[0])

    api = APIClient()
    api.force_authenticate(education)
    rows = api.get("/api/people/").json()["results"]
    assert sorted(row["name"] for row in rows) == ["李小学", "王小学"]
    assert "ethnicity" not in rows[0] and "house" not in rows[0] and rows[0]["hukou_address"] == "河南省周口市川汇区"
    assert api.get(f"/api/people/{family['mother'].pk}/").status_code == 404


def test_the_police_still_read_everyone_with_every_field(client, officer_a, family):
    client.force_login(officer_a)
    listed = client.get("/staff/people/").content.decode()
    assert "王母" in listed and "王小小" in listed
    assert "13800001111" in client.get(f"/staff/people/{family['mother'].pk}/").content.decode()
    book = load_workbook(io.BytesIO(client.get("/staff/people/export.xlsx").content))
    assert "手机 Phone" in next(book.active.iter_rows(values_only=True))


@pytest.fixture
def police_work(tree, officer_a, family):
    """A pending declaration (with its identity check), a door device of the family's house, a registration."""
    from anju.doors.services import device_register
    from anju.registrations.services import declaration_approve, declare

    def filed(seq, name):
        return declare(actor=officer_a, channel="police", house=family["house"], name=name,
                       id_number=valid_id(seq=seq), move_in=timezone.localdate() - timezone.timedelta(days=1),
                       phone="13512345678", idempotency_key=uuid.uuid4().hex)

    registration = declaration_approve(actor=officer_a, declaration=filed("701", "周八"), note="ok")
    return {"declaration": filed("702", "周九"), "registration": registration, "house": family["house"],
            "device": device_register(actor=officer_a, device_id="D-A-0001", standard_address=None,
                                      house=family["house"], name="101室门")}


def test_the_education_department_gets_the_no_access_page_for_the_police_s_work(client, education, police_work):
    client.force_login(education)
    pages = ["/staff/declarations/", f"/staff/declarations/{police_work['declaration'].pk}/", "/staff/doors/",
             f"/staff/doors/devices/{police_work['device'].pk}/", "/staff/doors/alarms/", "/staff/registrations/",
             f"/staff/registrations/{police_work['registration'].pk}/", "/staff/houses/",
             f"/staff/houses/{police_work['house'].pk}/", f"/staff/houses/{police_work['house'].pk}/cards/",
             "/staff/tasks/", "/staff/organisations/", "/staff/addresses/", "/staff/care/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权访问" in response.content.decode() and "周九" not in response.content.decode(), url
    assert client.get("/cockpit/").status_code == 200 and client.get("/").status_code == 200

    api = APIClient()
    api.force_authenticate(education)
    for url in ["/api/declarations/", f"/api/declarations/{police_work['declaration'].pk}/", "/api/registrations/",
                "/api/houses/"]:
        assert api.get(url).status_code == 403, url
    assert api.get("/api/jurisdictions/").status_code == 200


def test_the_police_still_open_their_pages(client, officer_a, police_work):
    client.force_login(officer_a)
    for url in ["/staff/declarations/", f"/staff/declarations/{police_work['declaration'].pk}/",
                f"/staff/doors/devices/{police_work['device'].pk}/", "/staff/registrations/"]:
        assert client.get(url).status_code == 200, url


def test_the_menu_offers_the_education_department_only_what_it_reads(client, education, officer_a, tree):
    client.force_login(education)
    nav = _nav(client.get("/").content.decode())
    assert "/staff/people/" in nav and "/cockpit/" in nav
    for url in ["/staff/declarations/", "/staff/registrations/", "/staff/houses/", "/staff/doors/", "/staff/tasks/",
                "/staff/organisations/", "/staff/addresses/", "/staff/findings/", "/staff/care/", "/staff/alerts/"]:
        assert url not in nav, url
    client.force_login(officer_a)
    nav = _nav(client.get("/").content.decode())
    for url in ["/staff/people/", "/staff/declarations/", "/staff/doors/", "/staff/findings/", "/staff/alerts/"]:
        assert url in nav, url


def _nav(body: str) -> str:
    return body[body.index("<nav>"):body.index("</nav>")]


def test_a_department_user_needs_its_department_and_without_one_reads_only_the_figures(tree, make_user):
    with pytest.raises(AccountError, match="部门|department"):
        user_create(username="dept", role="department", jurisdiction=tree["330106"], password="p-123456789",
                    purpose="入学审核")
    with pytest.raises(AccountError):
        make_user("officer_x", "officer", "A1", department="education")
    unset = make_user("dept", "department", "330106", purpose="入学审核", department="education")
    unset.department = ""  # as an account created before departments existed, not yet given one
    assert unset.read_areas == {Area.OVERVIEW}


def _urls(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _urls(entry.url_patterns, prefix + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern):
            yield prefix + (entry.name or ""), entry.callback


def test_every_staff_page_and_endpoint_says_what_it_reads():
    from types import SimpleNamespace

    from anju.api_urls import router

    staff_pages = [name for name, view in _urls(get_resolver().url_patterns) if getattr(view, "staff_page", False)]
    assert len(staff_pages) > 20
    for name in staff_pages:
        namespace = name.rpartition(":")[0]
        assert page_area(SimpleNamespace(view_name=name, namespace=namespace)) is not None, name
    assert {basename for _prefix, _viewset, basename in router.registry} <= set(API_AREAS)


def test_the_findings_watchlist_audit_and_care_checks_are_the_reading_table(client, make_user, monkeypatch):
    """Those apps ask the table (user.may_read, or roles computed from ROLE_READS) instead of keeping role sets of
    their own: a role given an area in the table opens its page, with no second list to update."""
    from anju.accounts.choices import Reads

    users = {Area.FINDINGS: make_user("grid", "grid_worker", "A1C1G1"),
             Area.WATCHLIST: make_user("aux", "auxiliary", "A1C1"), Area.AUDIT: make_user("officer", "officer", "A1"),
             Area.CARE: make_user("cmd", "commander", "A1")}
    pages = {Area.FINDINGS: "/staff/findings/", Area.WATCHLIST: "/staff/alerts/", Area.AUDIT: "/staff/audit/",
             Area.CARE: "/staff/care/"}
    for area, user in users.items():
        client.force_login(user)
        assert client.get(pages[area]).status_code == 403, area
        monkeypatch.setitem(ROLE_READS, user.role, Reads(ROLE_READS[user.role].areas | {area}))
        assert client.get(pages[area]).status_code == 200, area


def test_the_reading_table_keeps_who_reads_findings_watchlist_audit_and_care():
    from anju.accounts.choices import FIELD_ROLES, readers_of
    from anju.fusion.selectors import FINDING_ROLES
    from anju.watchlist.services import WATCHLIST_ROLES

    assert FINDING_ROLES == readers_of(Area.FINDINGS) == {Role.ADMIN, Role.COMMANDER, Role.OFFICER, Role.AUXILIARY}
    assert WATCHLIST_ROLES == readers_of(Area.WATCHLIST) == {Role.ADMIN, Role.COMMANDER, Role.OFFICER}
    assert readers_of(Area.AUDIT) == {Role.ADMIN} and readers_of(Area.CARE) == FIELD_ROLES
    assert Role.DEPARTMENT not in ROLE_READS and set(DEPARTMENT_READS) == set(Department)
    assert all(Area.DECLARATIONS not in reads.areas and Area.DOORS not in reads.areas
               for reads in DEPARTMENT_READS.values())
