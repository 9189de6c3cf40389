"""Housing, health, human resources and civil affairs each read the slice their duty needs (accounts/choices.py:
DEPARTMENT_READS), through the people pages, their export and the API, or the housing stock; nothing else, and every
read audited with the department's purpose."""
import io
import uuid
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from anju.accounts.choices import DEPARTMENT_READS, Department
from anju.lib.ages import born_by
from conftest import make_house, valid_id


PURPOSES = {"health": "基本公共卫生服务 basic public health services",
            "human_resources": "农民工参保扩面 social insurance enrolment",
            "civil_affairs": "独居老人探访关爱 visits to elderly people living alone",
            "housing": "群租房排查 group-rental inspection"}


@pytest.fixture
def departments(make_user):
    """A user of each department, at the district (330106), with the purpose of its duty."""
    return {department: make_user(department, "department", "330106", full_name=department, purpose=purpose,
                                  department=department) for department, purpose in PURPOSES.items()}


def _aged(years: int, days_young: int = 30) -> date:
    """A birth date of someone `years` full years old today (their birthday a month ago)."""
    return born_by(timezone.localdate() - timezone.timedelta(days=days_young), years)


@pytest.fixture
def town(tree, officer_a):
    """A family (mother 40, working at a factory; a pupil; a toddler of 2) in one house, a widow of 82 alone in
    another, a couple of 67 and 66 in a third, a woman of 62 with her son of 35 in a fourth."""
    from anju.people.services import person_create
    from anju.registrations.services import declaration_approve, organisation_create, worker_register

    houses = [make_house(tree, f"A-000{n}", f"文一西路{n}号1幢1单元101室", "A1C1G1") for n in range(1, 5)]

    def person(name, birth, seq, house):
        return person_create(actor=None, name=name, id_number=valid_id(birth=f"{birth:%Y%m%d}", seq=seq),
                             jurisdiction=tree["A1C1G1"], house=house, address=house.address, phone=f"1380000{seq}1",
                             ethnicity="01", hukou_address="河南省周口市川汇区")

    people = {
        "mother": person("王母", _aged(40), "222", houses[0]), "pupil": person("王小学", _aged(10), "111", houses[0]),
        "toddler": person("王小小", _aged(2), "112", houses[0]),
        "widow": person("张奶奶", _aged(82), "224", houses[1]),
        "grandpa": person("李爷爷", _aged(67), "113", houses[2]), "grandma": person("李奶奶", _aged(66), "226", houses[2]),
        "aunt": person("赵阿姨", _aged(62), "228", houses[3]), "son": person("赵子", _aged(35), "115", houses[3]),
    }
    factory = organisation_create(actor=officer_a, name="甲电子厂", kind="factory", credit_code="91330106MA2H0000X1",
                                  standard_address=houses[0].standard_address, operator_phone="13700001111")
    hired = worker_register(actor=factory.operators.get(), organisation=factory, house=houses[0], name="王母",
                            position="普工",
                            id_number=valid_id(birth=f"{_aged(40):%Y%m%d}", seq="222"),
                            move_in=timezone.localdate() - timezone.timedelta(days=3))
    declaration_approve(actor=officer_a, declaration=hired, note="ok")
    return {**people, "houses": houses}


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _names(response) -> list[str]:
    return sorted(row["name"] for row in response.json()["results"])


def test_health_reads_children_under_seven_and_people_sixty_five_and_over_with_a_phone_to_call(
        client, departments, town):
    health = departments["health"]
    api = _api(health)
    assert _names(api.get("/api/people/")) == ["张奶奶", "李奶奶", "李爷爷", "王小小"]
    row = api.get(f"/api/people/{town['toddler'].pk}/").json()
    assert row["phone"] == "13800001121" and row["address"].startswith("文一西路1号") and row["sex"]
    assert not {"hukou_address", "ethnicity", "employment", "lives_alone", "house"} & set(row)
    for someone in ("mother", "pupil", "aunt", "son"):  # 40, 10, 62 and 35: none of the health service's
        assert api.get(f"/api/people/{town[someone].pk}/").status_code == 404, someone

    client.force_login(health)
    listed = client.get("/staff/people/").content.decode()
    assert "王小小" in listed and "张奶奶" in listed and "王母" not in listed and "赵阿姨" not in listed
    assert client.get(f"/staff/people/{town['mother'].pk}/").status_code == 404
    page = client.get(f"/staff/people/{town['widow'].pk}/").content.decode()
    assert "13800002241" in page and "河南省周口市川汇区" not in page and "汉族" not in page


def test_human_resources_reads_working_age_people_with_their_workplace_and_no_phone(client, departments, town):
    labour = departments["human_resources"]
    api = _api(labour)
    rows = {row["name"]: row for row in api.get("/api/people/").json()["results"]}
    assert sorted(rows) == ["王母", "赵子"]  # 40 and 35; not the children, nor those of 60 and over
    assert [(job["organisation"], job["credit_code"]) for job in rows["王母"]["employment"]] == \
        [("甲电子厂", "91330106MA2H0000X1")]
    assert rows["赵子"]["employment"] == [] and rows["王母"]["hukou_address"] == "河南省周口市川汇区"
    assert not {"phone", "ethnicity", "lives_alone", "house"} & set(rows["王母"])
    assert api.get(f"/api/people/{town['aunt'].pk}/").status_code == 404
    assert _names(api.get("/api/people/", {"q": "13800002221"})) == []  # no search by phone either

    client.force_login(labour)
    listed = client.get("/staff/people/").content.decode()
    assert "甲电子厂" in listed and "王小学" not in listed and "13800002221" not in listed
    sheet = list(load_workbook(io.BytesIO(client.get("/staff/people/export.xlsx").content)).active
                 .iter_rows(values_only=True))
    assert "工作单位 Employer" in sheet[0] and not any("手机" in heading for heading in sheet[0])
    assert sorted(row[0] for row in sheet[1:]) == ["王母", "赵子"]
    assert "甲电子厂 91330106MA2H0000X1" in sheet[1 + [row[0] for row in sheet[1:]].index("王母")]


def test_civil_affairs_reads_people_sixty_and_over_and_whether_they_live_alone(client, departments, town):
    civil = departments["civil_affairs"]
    api = _api(civil)
    rows = {row["name"]: row for row in api.get("/api/people/").json()["results"]}
    assert sorted(rows) == ["张奶奶", "李奶奶", "李爷爷", "赵阿姨"]
    assert rows["张奶奶"]["lives_alone"] is True  # alone in her house
    assert rows["李爷爷"]["lives_alone"] is False and rows["赵阿姨"]["lives_alone"] is False  # a spouse, a son
    assert rows["张奶奶"]["phone"] == "13800002241"
    assert not {"hukou_address", "ethnicity", "employment", "house"} & set(rows["张奶奶"])
    assert api.get(f"/api/people/{town['son'].pk}/").status_code == 404  # who lives with her is not read

    client.force_login(civil)
    listed = client.get("/staff/people/").content.decode()
    assert "张奶奶" in listed and "赵子" not in listed and "王母" not in listed


def test_someone_actively_registered_at_the_house_means_not_alone(departments, town, officer_a):
    civil = departments["civil_affairs"]
    from anju.registrations.services import declaration_approve, declare

    lodger = declare(actor=officer_a, channel="police", house=town["houses"][1], name="周租客",
                     id_number=valid_id(seq="731"), move_in=timezone.localdate() - timezone.timedelta(days=2),
                     phone="13512345678", idempotency_key=uuid.uuid4().hex)
    declaration_approve(actor=officer_a, declaration=lodger, note="ok")
    row = _api(civil).get(f"/api/people/{town['widow'].pk}/").json()
    assert row["lives_alone"] is False


def test_housing_reads_each_house_s_use_and_occupant_counts_and_no_one_s_record(client, departments, town, officer_a):
    housing = departments["housing"]
    from anju.houses.services import house_update, tenant_check_in

    house_update(actor=officer_a, house=town["houses"][0], kind="group", capacity=4, floor_area="30.00")
    tenant_check_in(actor=officer_a, house=town["houses"][0], name="周租客", id_number=valid_id(seq="731"),
                    move_in=timezone.localdate() - timezone.timedelta(days=1), phone="13512345678")
    api = _api(housing)
    rows = {row["address"]: row for row in api.get("/api/housing/").json()["results"]}
    family = rows[town["houses"][0].address]
    assert (family["kind"], family["capacity"], family["tenants"]) == ("group", 4, 1)
    assert family["registered"] >= 1 and family["floor_area_per_person"] == round(30 / max(1, family["registered"]), 1)
    assert set(family) == {"id", "address", "kind", "status", "rooms", "capacity", "floor_area", "tenants",
                           "registered", "floor_area_per_person", "jurisdiction"}
    body = api.get("/api/housing/").content.decode() + api.get(f"/api/housing/{town['houses'][0].pk}/").content.decode()
    assert "周租客" not in body and "王母" not in body and "135" not in body
    for url in ["/api/people/", f"/api/people/{town['widow'].pk}/", "/api/houses/", "/api/registrations/"]:
        assert api.get(url).status_code == 403, url

    client.force_login(housing)
    stock = client.get("/staff/houses/stock/").content.decode()
    assert town["houses"][0].address in stock and "周租客" not in stock and "王母" not in stock
    for url in ["/staff/people/", "/staff/houses/", f"/staff/houses/{town['houses'][0].pk}/", "/staff/doors/"]:
        assert client.get(url).status_code == 403, url
    body = client.get("/").content.decode()
    nav = body[body.index("<nav>"):body.index("</nav>")]
    assert "/staff/houses/stock/" in nav and "/staff/people/" not in nav


def test_every_department_read_is_audited_with_the_department_s_purpose(departments, town):
    health, labour, civil, housing = (departments[name] for name in PURPOSES)
    from anju.audit.models import AuditEntry

    for user, url, action in [(health, "/api/people/", "person.list"), (labour, "/api/people/", "person.list"),
                              (civil, "/api/people/", "person.list"), (housing, "/api/housing/", "house.stock.read")]:
        api = _api(user)
        shown = [row["id"] for row in api.get(url).json()["results"]]
        entry = AuditEntry.objects.filter(actor=user).latest("pk")
        assert (entry.action, entry.purpose) == (action, user.purpose), user
        assert sorted(entry.subjects.values_list("object_id", flat=True)) == sorted(str(pk) for pk in shown), user
        api.get(f"{url}{shown[0]}/", HTTP_X_ANJU_PURPOSE="2026年第四季度核查".encode().decode("latin-1"))
        entry = AuditEntry.objects.filter(actor=user).latest("pk")
        assert entry.purpose == "2026年第四季度核查" and entry.action in ("person.read", "house.stock.read"), user


def test_no_department_reads_ethnicity_and_only_those_who_call_people_read_phones():
    assert set(Department) == {"education", "housing", "health", "human_resources", "civil_affairs"}
    assert not any("ethnicity" in reads.person_fields for reads in DEPARTMENT_READS.values())
    assert {department for department, reads in DEPARTMENT_READS.items() if "phone" in reads.person_fields} == \
        {Department.HEALTH, Department.CIVIL_AFFAIRS}
    assert DEPARTMENT_READS[Department.HOUSING].person_fields == frozenset()


def test_the_police_read_the_housing_stock_too_and_their_people_fields_are_unchanged(client, officer_a, town):
    client.force_login(officer_a)
    assert client.get("/staff/houses/stock/").status_code == 200
    row = _api(officer_a).get(f"/api/people/{town['mother'].pk}/").json()
    assert row["ethnicity"] == "01" and row["phone"] == "13800002221"
    assert "employment" not in row and "lives_alone" not in row


def test_the_derived_fields_take_the_same_queries_for_a_page_of_two_or_of_eight(client, departments, town, tree):
    """employment and lives_alone are read for the whole page at once (people/selectors.person_details), not a query
    per person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.people.services import person_create

    def list_page(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/people/").status_code == 200
        return len(queries)

    few = {user: list_page(departments[user]) for user in ("human_resources", "civil_affairs")}
    for n in range(6):
        house = make_house(tree, f"A-01{n}", f"文二路{n}号", "A1C1G1")
        for age, seq in ((30, f"3{n}1"), (75, f"3{n}3")):
            person_create(actor=None, name=f"新{n}{age}", id_number=valid_id(birth=f"{_aged(age):%Y%m%d}", seq=seq),
                          jurisdiction=tree["A1C1G1"], house=house, address=house.address)
    assert {user: list_page(departments[user]) for user in few} == few


def _sheet(client) -> list[dict]:
    rows = list(load_workbook(io.BytesIO(client.get("/staff/people/export.xlsx").content)).active
                .iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.mark.parametrize("department, someone, phone", [
    ("health", "widow", "13800002241"), ("civil_affairs", "widow", "13800002241"), ("health", "toddler", "13800001121"),
    ("human_resources", "mother", None)])
def test_a_departments_export_writes_the_phone_as_its_pages_show_it_and_every_id_number_masked(
        client, departments, town, department, someone, phone):
    client.force_login(departments[department])
    person = town[someone]
    page = client.get(f"/staff/people/{person.pk}/").content.decode()
    rows = {row["姓名 Name"]: row for row in _sheet(client)}
    if phone:  # its reading holds the phone: the number whole, as on the person's page
        assert phone in page and rows[person.name]["手机 Phone"] == phone
    else:
        assert "手机 Phone" not in rows[person.name] and "1380000" not in page
    for row in rows.values():  # and no reading holds a full ID number
        number = row["公民身份号码 ID number (masked)"]
        assert number[:6] == "330106" and "*" in number and len(number.replace("*", "")) == 10


def test_human_resources_reads_the_employer_on_the_persons_page_and_civil_affairs_whether_they_live_alone(
        client, departments, town):
    client.force_login(departments["human_resources"])
    page = client.get(f"/staff/people/{town['mother'].pk}/").content.decode()
    assert "甲电子厂" in page and "91330106MA2H0000X1" in page and "独居" not in page
    assert "甲电子厂" not in client.get(f"/staff/people/{town['son'].pk}/").content.decode()  # no workplace: —

    client.force_login(departments["civil_affairs"])
    alone = client.get(f"/staff/people/{town['widow'].pk}/").content.decode()
    with_son = client.get(f"/staff/people/{town['aunt'].pk}/").content.decode()
    assert '<dt>独居</dt><dd class="lives-alone">是</dd>' in alone
    assert '<dt>独居</dt><dd class="lives-alone">否</dd>' in with_son
    assert "赵子" not in with_son and "甲电子厂" not in alone  # the son counted, never named; no workplaces

    client.force_login(departments["health"])  # reads neither
    page = client.get(f"/staff/people/{town['widow'].pk}/").content.decode()
    assert "独居" not in page and "用工单位" not in page
