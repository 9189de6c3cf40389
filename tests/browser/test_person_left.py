"""An officer looks up someone who moved away: on a desk (1366 px) and on a phone (390 px) the people list's 居住状态 →
已离开 finds them, and their page says 已离开 with the address they left and the day, nothing past the screen's side."""
import datetime as dt

import pytest

from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "浙江省杭州市西湖区文新街道文一西路802号新时代花园东区12幢3单元1502室"


@pytest.fixture
def gone(tree):
    from anju.people.services import person_create, person_residence_end

    house = make_house(tree, "A-0802", LONG, "A1C1G1")
    person = person_create(actor=None, name="陈离", id_number=valid_id(seq="551"), jurisdiction=tree["A1C1G1"],
                           house=house, address=house.address)
    person_residence_end(actor=None, id_hash=person.id_hash, house_id=house.pk, address=house.address,
                         ended_on=dt.date(2026, 5, 1), registration=1)
    return person


@pytest.mark.parametrize("width", [1366, 390])
def test_the_officer_finds_who_left_and_their_page_says_where_from_and_when(browser, live_server, officer_a, gone,
                                                                            width):
    page = phone(browser, live_server, width=width, height=900)
    try:
        signed_in(page, officer_a)
        page.goto(f"{page.base}/staff/people/")
        assert "陈离" not in page.content()  # those living here, by default
        page.select_option("#residence", "left")
        page.locator("#person-search button[type=submit]").click()
        page.wait_for_url("**/staff/people/?*residence=left*")
        page.get_by_role("link", name="陈离").click()
        page.wait_for_url(f"**/staff/people/{gone.pk}/")
        assert page.locator("#residence").inner_text() == "已离开（登记已注销）"
        assert page.locator("#left-address").inner_text() == LONG
        assert page.locator("#left-on").inner_text() == "2026-05-01"
        screenshot(page, f"person-left-{width}")
        assert page.evaluate(OVERFLOW) == []
    finally:
        page.context.close()
