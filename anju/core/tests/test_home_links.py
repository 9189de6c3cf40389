"""Every link on the staff home page and in the staff menu goes where its reader may go: for every staff role of
accounts/choices.py, each department (and a department user whose department is not set) included, each link the
page draws opens for that reader, never the no-access page (403) nor not found (404). The per-area counts link to the
list the reader reads: the people list for those who read people, the housing stock for the housing department, no
link for a reader of neither."""
import re

import pytest

from conftest import make_house, valid_id

HREF = re.compile(r'href="(/[^"#]*)"')

# Department users state a purpose (accounts/services.check_account); each department's is its duty.
DEPARTMENTS = {"education": "义务教育入学资格审核", "housing": "住房租赁管理", "health": "基本公共卫生服务",
               "human_resources": "农民工就业服务", "civil_affairs": "特殊困难老年人探访关爱"}


@pytest.fixture
def readers(make_user, tree):
    from anju.accounts.choices import ROLE_READS, Role
    from anju.accounts.models import User
    from anju.people.services import person_create

    for node_code, code, seq in (("A1C1G1", "A-0801", "801"), ("B1C1G1", "B-0801", "802")):
        house = make_house(tree, code, f"{node_code}路1号1幢1单元101室", node_code)
        person_create(actor=None, name=f"住户{seq}", id_number=valid_id(birth="19500101", seq=seq),
                      jurisdiction=tree[node_code], house=house, address=house.address, phone="13800008011")
    bound = {Role.ADMIN: "330106", Role.COMMANDER: "A1", Role.OFFICER: "A1", Role.AUXILIARY: "A1C1",
             Role.GRID_WORKER: "A1C1G1"}
    assert set(bound) == set(ROLE_READS)  # a new role gets a place here
    users = {str(role): make_user(f"links_{role}", role, code) for role, code in bound.items()}
    for department, purpose in DEPARTMENTS.items():
        users[department] = make_user(f"links_{department}", "department", "330106", purpose=purpose,
                                      department=department)
    unset = make_user("links_unset", "department", "330106", purpose="统计", department="education")
    User.objects.filter(pk=unset.pk).update(department="")  # an account made before departments were asked
    users["department unset"] = User.objects.get(pk=unset.pk)
    return users


def links(page: str) -> set[str]:
    return {href.replace("&amp;", "&") for href in HREF.findall(page) if not href.startswith("/static/")}


def test_every_department_is_among_the_readers():
    from anju.accounts.choices import Department

    assert set(DEPARTMENTS) == set(Department.values)


def test_every_link_on_the_home_page_and_in_the_menu_opens_for_every_role(client, readers):
    refused = {}
    for name, user in readers.items():
        client.force_login(user)
        response = client.get("/", follow=True)  # a commander's home is the cockpit
        assert response.status_code == 200, name
        for url in links(response.content.decode()):
            status = client.get(url, follow=True).status_code
            if status in (403, 404):
                refused.setdefault(name, []).append((url, status))
    assert refused == {}


def test_the_housing_department_s_area_counts_link_to_the_housing_stock_of_that_area(client, readers):
    client.force_login(readers["housing"])
    page = client.get("/").content.decode()
    assert "/staff/people/" not in page
    assert '<a href="/staff/houses/stock/?node=A1">甲派出所</a>' in page
    stock = client.get("/staff/houses/stock/?node=A1").content.decode()
    assert "A1C1G1路1号" in stock and "B1C1G1路1号" not in stock


def test_a_reader_of_neither_people_nor_housing_sees_the_area_counts_without_links(client, readers):
    client.force_login(readers["department unset"])
    page = client.get("/").content.decode()
    assert "甲派出所" in page and "?node=" not in page
