"""Department users in the browser: civil affairs signs in and finds, on a desk and on a phone, the elderly of its
district with whether each lives alone, and no one younger; housing finds the housing stock in its menu, with counts
and no one's name."""
import pytest
from django.utils import timezone

from anju.lib.ages import born_by
from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, shown_label, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def district(tree):
    """A widow of 82 alone in one house; a mother of 40 with her father of 70 in another."""
    from anju.people.services import person_create

    alone, family = (make_house(tree, f"A-08{n}", f"文一西路80{n}号1幢1单元101室", "A1C1G1") for n in (1, 2))
    today = timezone.localdate()

    def person(name, age, seq, house):
        return person_create(actor=None, name=name, id_number=valid_id(birth=f"{born_by(today, age):%Y%m%d}", seq=seq),
                             jurisdiction=tree["A1C1G1"], house=house, address=house.address, phone=f"1390000{seq}1")

    return {"widow": person("张奶奶", 82, "224", alone), "mother": person("王母", 40, "222", family),
            "grandpa": person("王外公", 70, "113", family), "houses": (alone, family)}


def test_civil_affairs_sees_the_elderly_and_who_lives_alone_on_a_desk_and_a_phone(page, browser, live_server,
                                                                                 make_user, district):
    civil = make_user("civil", "department", "330106", full_name="区民政局", department="civil_affairs",
                      purpose="独居老人探访关爱")
    signed_in(page, civil)
    page.goto(f"{page.base}/staff/people/")
    rows = {row.locator("td").first.inner_text(): row for row in page.locator("#people tbody tr").all()}
    assert sorted(rows) == ["张奶奶", "王外公"]  # not the mother of 40
    assert rows["张奶奶"].locator("td.lives-alone").inner_text() == "是"
    assert rows["王外公"].locator("td.lives-alone").inner_text() == "否"
    assert "独居" in page.locator("#people thead").inner_text()
    nav = page.locator("nav").first.inner_text()
    assert "实有人口" in nav and "核录" not in nav and "门禁" not in nav

    small = phone(browser, live_server, width=375)
    try:
        signed_in(small, civil)
        small.goto(f"{small.base}/staff/people/")
        assert small.evaluate(OVERFLOW) == []
        cell = small.locator("#people tbody tr").first.locator("td.lives-alone")
        assert shown_label(cell) == "独居"
        screenshot(small, "department-civil-affairs-phone")
    finally:
        small.context.close()


def test_housing_opens_the_housing_stock_from_its_menu_and_reads_no_names(page, make_user, district):
    housing = make_user("housing", "department", "330106", full_name="区住建局", department="housing",
                        purpose="群租房排查")
    signed_in(page, housing)
    page.goto(f"{page.base}/")
    page.locator("nav a[href='/staff/houses/stock/']").first.click()
    page.wait_for_url("**/staff/houses/stock/")
    table = page.locator("#housing-stock").inner_text()
    assert district["houses"][0].address in table and "张奶奶" not in table and "王母" not in table
    assert page.goto(f"{page.base}/staff/people/").status == 403


def test_housing_opens_an_areas_housing_stock_from_the_home_page(page, make_user, district):
    housing = make_user("housing", "department", "330106", full_name="区住建局", department="housing",
                        purpose="群租房排查")
    signed_in(page, housing)
    page.goto(f"{page.base}/")
    area = page.locator("#by-area tbody tr", has_text="甲派出所")
    assert area.locator("td").last.inner_text() == "2"  # its two houses; no people column: housing reads no one
    assert page.locator("#by-area thead").inner_text().split() == ["辖区", "层级", "实有房屋"]
    area.locator("a").click()
    page.wait_for_url("**/staff/houses/stock/?node=A1")  # the stock, not the no-access page
    table = page.locator("#housing-stock").inner_text()
    assert district["houses"][0].address in table and "张奶奶" not in table


def test_human_resources_reads_a_persons_employer_on_a_phone_and_nothing_overflows(browser, live_server, make_user,
                                                                                  tree, officer_a, district):
    from anju.registrations.services import declaration_approve, organisation_create, worker_register

    house = district["houses"][1]
    factory = organisation_create(actor=officer_a, name="杭州西湖区某某精密电子制造有限公司", kind="factory",
                                  credit_code="91330106MA2H0000X1", standard_address=house.standard_address,
                                  operator_phone="13700001111")
    mother = district["mother"]
    hired = worker_register(actor=factory.operators.get(), organisation=factory, house=house, name=mother.name,
                            position="普工", id_number=valid_id(birth=f"{mother.birth_date:%Y%m%d}", seq="222"),
                            move_in=timezone.localdate() - timezone.timedelta(days=3))
    declaration_approve(actor=officer_a, declaration=hired, note="ok")
    labour = make_user("labour", "department", "330106", full_name="区人社局", department="human_resources",
                       purpose="农民工参保扩面")
    small = phone(browser, live_server, width=375)
    try:
        signed_in(small, labour)
        small.goto(f"{small.base}/staff/people/{mother.pk}/")
        employer = small.locator("#person-fields dd.employment").inner_text()
        assert "杭州西湖区某某精密电子制造有限公司" in employer and "91330106MA2H0000X1" in employer
        assert small.locator("#person-fields dd.lives-alone").count() == 0 and "1390000" not in small.content()
        assert small.evaluate(OVERFLOW) == []
        screenshot(small, "department-human-resources-person-phone")
    finally:
        small.context.close()
