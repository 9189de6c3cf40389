"""On a phone the landlord's tables (rooms, tenants, door cards) and the resident's own (their registrations,
declarations, who read their record) stack as cards: every cell, its label and its buttons inside the screen and off the
card's border, nothing to scroll sideways."""
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything on the page that reaches past the right edge of the screen (the page's width is the phone's).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => e.tagName + (e.id ? "#" + e.id : "") + " " + (e.textContent || "").trim().slice(0, 30));
}"""
# Everything in a table's row stacked as a card that comes within 8 px of the card's sides: the card's own padding keeps
# its text and buttons off its border (.8rem on the phone pages)
UNPADDED = """() => [...document.querySelectorAll("main table tr")].filter(tr => getComputedStyle(tr).display === "block")
  .flatMap(tr => {
    const card = tr.getBoundingClientRect();
    return [...tr.querySelectorAll("*")].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width && (r.left < card.left + 8 || r.right > card.right - 8);
    }).map(e => tr.closest("table").id + ": " + e.tagName + " " + (e.textContent || "").trim().slice(0, 20));
  })"""


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
    assert page.evaluate(OVERFLOW) == [] and page.evaluate(UNPADDED) == []
    tenant = page.locator("#tenants tbody tr").first
    # each value says what it is, since the header row is not shown
    assert "欧阳租客" in tenant.inner_text() and "身份号码" in shown_label(tenant.locator("td.mono"))
    assert page.locator("#tenants thead").is_hidden()
    assert tenant.locator("button:has-text('退租')").is_visible()
    screenshot(page, "phone-landlord-house")

    page.goto(f"{page.base}/landlord/houses/{house.pk}/cards/")
    assert page.evaluate(OVERFLOW) == [] and page.evaluate(UNPADDED) == []
    card = page.locator("#cards tbody tr").first
    assert "04A1B2C3" in card.inner_text() and shown_label(card.locator("td").first) == "卡号"
    for button in ("挂失", "续卡", "注销"):
        assert card.locator(f"button:has-text('{button}')").first.is_visible()
    screenshot(page, "phone-landlord-cards")


def test_the_residents_record_shows_padded_cards_on_a_375_px_phone(browser, live_server, tree, officer_a, resident):
    """The resident's own page (/me/) on the narrowest phone: their registration (with its certificate, residence
    proof and 我已搬离), their declaration waiting for the police and who read their record, each a card whose text and
    button keep off its border."""
    from anju.registrations.services import declaration_approve, declare

    house = make_house(tree, "A-0800", "浙江省杭州市西湖区文新街道文一西路800号1幢1单元101室", "A1C1G1")

    def declared(name, seq):
        return declare(actor=resident, channel="resident", house=house, name=name, id_number=valid_id(seq=seq),
                       move_in=timezone.localdate(), phone=resident.phone, idempotency_key=uuid.uuid4().hex)

    declaration_approve(actor=officer_a, declaration=declared("欧阳雨涵", "801"), note="ok")
    declared("欧阳小涵", "802")
    page = phone(browser, live_server, width=375, height=812)
    signed_in(page, resident)
    page.goto(f"{page.base}/me/")
    registration = page.locator("#my-registrations tbody tr").first
    assert "欧阳雨涵" in registration.inner_text() and registration.locator("button:has-text('我已搬离')").is_visible()
    assert "欧阳小涵" in page.locator("#my-declarations").inner_text()
    assert page.locator("#access-history tbody tr").count() >= 1
    assert page.evaluate(OVERFLOW) == []
    # before: a registration's card had no padding of its own (its table marked .stack, whose rule took the phone
    # page's away): its name, address and 我已搬离 1 px from the card's border, the declarations' 13.8 px
    assert page.evaluate(UNPADDED) == []
    screenshot(page, "phone-375-my-record")
    page.context.close()
