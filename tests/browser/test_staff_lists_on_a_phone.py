"""An officer on patrol opens the staff lists on a phone (375 px): the people, the declarations waiting for
verification and the houses stack as cards, one per row, nothing to scroll sideways, the name, masked ID number and
address on the screen. On a desk they are still tables."""
import uuid

import pytest
from django.utils import timezone

from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, shown_label, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "浙江省杭州市西湖区文新街道文一西路700号1幢1单元101室"
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def listed(tree, officer_a):
    """A person, a declaration waiting for verification and a house, each at a full standard address."""
    from anju.people.services import person_create
    from anju.registrations.services import declare

    house = make_house(tree, "A-0700", ADDRESS, "A1C1G1")
    person = person_create(actor=None, name="欧阳雨涵", id_number=valid_id(seq="701"), jurisdiction=tree["A1C1G1"],
                           house=house, address=house.address)
    declaration = declare(actor=officer_a, channel="police", house=house, name="宋子璐", id_number=valid_id(seq="702"),
                          move_in=timezone.localdate(), phone="13512345678", idempotency_key=uuid.uuid4().hex)
    return person, declaration, house


@pytest.fixture
def small_phone(browser, live_server):
    """The narrowest phone in common use (375 px)."""
    page = phone(browser, live_server, width=375, height=812)
    yield page
    page.context.close()


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return locator.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


# each list: its URL, its table and the cells an officer reads first (name, masked ID number, address), by the text
# they hold
LISTS = {
    "people": ("/staff/people/", "#people", lambda person, declaration, house: (
        person.name, person.id_masked, ADDRESS)),
    "declarations": ("/staff/declarations/", "#queue", lambda person, declaration, house: (
        declaration.name, declaration.id_masked, ADDRESS)),
    "houses": ("/staff/houses/", "#houses", lambda person, declaration, house: (ADDRESS,)),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_staff_list_stacks_as_cards_on_a_375_px_phone(small_phone, page, officer_a, listed, name):
    url, table, key_texts = LISTS[name]
    phone = small_phone
    signed_in(phone, officer_a)
    phone.goto(phone.base + url)
    assert phone.evaluate(PAGE_WIDTH) <= 375  # before: people 502 px, declarations 626, houses 391
    assert phone.evaluate(OVERFLOW) == []
    assert phone.locator(f"{table} thead").is_hidden()
    row = phone.locator(f"{table} tbody tr").first
    for text in key_texts(*listed):
        cell = row.locator("td", has_text=text).first
        assert on_screen(phone, cell), text
    if name != "houses":  # the ID number says what it is, since the header row is not shown
        assert shown_label(row.locator("td.mono")) == "公民身份号码"
    screenshot(phone, f"phone-375-{name}")

    # on a desk the list is still a table with its header row
    signed_in(page, officer_a)
    page.goto(page.base + url)
    assert page.locator(f"{table} thead").is_visible()
    assert page.locator(f"{table} tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
