"""An officer at the counter, on a desk (1366 px) and on a phone (390 px): the home page's counts of the work waiting
for them open their lists, and a person's page lists their registrations, declarations, door cards and findings, each
opening its own page; nothing reaches past the screen's side."""
import pytest

from anju.people.tests.test_person_related import child, declare_and_approve  # noqa: F401  (the fixture)
from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WIDTH = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
LONG = "浙江省杭州市西湖区文新街道文一西路802号新时代花园东区12幢3单元1502室"


@pytest.fixture
def desk(browser, live_server):
    page = phone(browser, live_server, width=1366, height=900)
    yield page
    page.context.close()


@pytest.fixture
def narrow(browser, live_server):
    page = phone(browser, live_server, width=390, height=844)
    yield page
    page.context.close()


@pytest.fixture
def more(tree, officer_a, child):  # noqa: F811
    """A second registration of the child at a long address, and a declaration waiting there."""
    from anju.registrations.services import declare
    from django.utils import timezone
    import uuid

    house = make_house(tree, "A-0802", LONG, "A1C1G1")
    declare(actor=officer_a, channel="police", house=house, name="陈大", id_number=valid_id(seq="557"),
            move_in=timezone.localdate(), phone="13512345678", idempotency_key=uuid.uuid4().hex)
    return child


@pytest.mark.parametrize("screen", ["desk", "narrow"])
def test_the_officer_opens_a_persons_registration_and_card_from_the_person_page(request, screen, officer_a, more):
    page = request.getfixturevalue(screen)
    signed_in(page, officer_a)
    page.goto(f"{page.base}/staff/people/{more['person'].pk}/")
    for key in ("person-registrations", "person-declarations", "person-cards", "person-findings"):
        assert page.locator(f"#{key} li").count() >= 1, key
    screenshot(page, f"person-related-{screen}")
    assert page.evaluate(PAGE_WIDTH) <= 0 and page.evaluate(OVERFLOW) == []
    page.locator("#person-cards li a").first.click()
    page.wait_for_url(f"**/staff/houses/{more['house'].pk}/cards/#card-{more['card'].pk}")
    assert page.locator(f"#card-{more['card'].pk}").is_visible()
    page.go_back()
    page.locator("#person-registrations li a").first.click()
    page.wait_for_url(f"**/staff/registrations/{more['registration'].pk}/")
    assert more["registration"].number in page.content()


@pytest.mark.parametrize("screen", ["desk", "narrow"])
def test_the_officer_opens_the_declarations_waiting_from_the_home_page(request, screen, officer_a, more):
    page = request.getfixturevalue(screen)
    signed_in(page, officer_a)
    page.goto(f"{page.base}/")
    assert page.locator("#waiting-declarations .value").inner_text() == "1"
    assert page.locator("#waiting-findings .value").inner_text() == "1"
    screenshot(page, f"home-waiting-{screen}")
    assert page.evaluate(PAGE_WIDTH) <= 0 and page.evaluate(OVERFLOW) == []
    page.locator("#waiting-declarations").click()
    page.wait_for_url("**/staff/declarations/")
    assert "陈大" in page.content()
