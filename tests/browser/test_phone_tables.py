"""On a phone the landlord's tables (rooms, tenants, door cards) stack as cards: every cell, its label and its buttons
inside the screen, nothing to scroll sideways."""
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_house, valid_id
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything on the page that reaches past the right edge of the screen (the page's width is the phone's).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => e.tagName + (e.id ? "#" + e.id : "") + " " + (e.textContent || "").trim().slice(0, 30));
}"""


@pytest.fixture
def landlord_house(tree, officer_a, make_user):
    from anju.doors.services import credential_issue
    from anju.houses.services import house_register, landlord_verify, room_add, tenant_check_in
    from anju.registrations.services import declaration_approve, declare

    landlord = make_user("13800138000", "landlord", None, phone="13800138000", password=None, full_name="房东甲")
    landlord_verify(user=landlord, name="房东甲", id_number=valid_id(birth="19700101", seq="015"))
    standard = make_house(tree, "A-0700", "文一西路700号1幢1单元101室", "A1C1G1").standard_address
    house = house_register(actor=officer_a, standard_address=standard, landlord=landlord)
    room = room_add(actor=landlord, house=house, number="101A", capacity=2)
    tenant_check_in(actor=landlord, house=house, name="欧阳租客", id_number=valid_id(seq="702"), room=room,
                    move_in=timezone.localdate(), phone="13512345679")
    declaration = declare(actor=officer_a, channel="police", house=house, name="周八", id_number=valid_id(seq="701"),
                          move_in=timezone.localdate(), phone="13512345678", idempotency_key=uuid.uuid4().hex)
    registration = declaration_approve(actor=officer_a, declaration=declaration, note="ok")
    credential_issue(actor=officer_a, house=house, registration=registration, uid="04A1B2C3")
    return landlord, house


def shown_label(cell) -> str:
    """The text shown above a cell's value (a ::before, which inner_text leaves out)."""
    return cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"')


def signed_in(page, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}])


def test_the_landlords_tables_stack_as_cards_on_a_phone(phone_page, landlord_house):
    landlord, house = landlord_house
    page = phone_page
    signed_in(page, landlord)

    page.goto(f"{page.base}/landlord/houses/{house.pk}/")
    assert page.evaluate(OVERFLOW) == []
    tenant = page.locator("#tenants tbody tr").first
    # each value says what it is, since the header row is not shown
    assert "欧阳租客" in tenant.inner_text() and "身份号码" in shown_label(tenant.locator("td.mono"))
    assert page.locator("#tenants thead").is_hidden()
    assert tenant.locator("button:has-text('退租')").is_visible()
    screenshot(page, "phone-landlord-house")

    page.goto(f"{page.base}/landlord/houses/{house.pk}/cards/")
    assert page.evaluate(OVERFLOW) == []
    card = page.locator("#cards tbody tr").first
    assert "04A1B2C3" in card.inner_text() and shown_label(card.locator("td").first) == "卡号"
    for button in ("挂失", "续卡", "注销"):
        assert card.locator(f"button:has-text('{button}')").first.is_visible()
    screenshot(page, "phone-landlord-cards")
