"""Enter in a form's field (a phone keyboard's Go) does what the form is for. A form that can also read an ID card
photo drew that button first, so Enter read the card instead: with no photo chosen the landlord or resident was told to
choose one, and the name and ID number they had typed were gone. A door card's form has no one action: Enter there
reported the card lost; now it sends nothing, and cancelling a card asks first."""
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}])


@pytest.fixture
def landlord_house(tree, officer_a, make_user):
    from anju.houses.services import house_register, landlord_verify

    landlord = make_user("13800138000", "landlord", None, phone="13800138000", password=None, full_name="房东甲")
    landlord_verify(user=landlord, name="房东甲", id_number=valid_id(birth="19700101", seq="015"))
    standard = make_house(tree, "A-0700", "文一西路700号1幢1单元101室", "A1C1G1").standard_address
    return landlord, house_register(actor=officer_a, standard_address=standard, landlord=landlord)


def test_enter_in_the_tenant_form_checks_the_tenant_in(browser, live_server, landlord_house):
    from anju.houses.models import Tenancy

    landlord, house = landlord_house
    page = phone(browser, live_server, width=375, height=812)
    signed_in(page, landlord)
    page.goto(f"{page.base}/landlord/houses/{house.pk}/")
    page.fill("#check-in #id_name", "欧阳租客")
    page.fill("#check-in #id_id_number", valid_id(seq="702"))
    page.fill("#check-in #id_phone", "13512345679")
    with page.expect_navigation():
        page.press("#check-in #id_phone", "Enter")
    assert "请先选择身份证人像面照片" not in page.content()
    assert "欧阳租客 已登记入住" in page.locator("#messages").inner_text()
    assert "欧阳租客" in page.locator("#tenants").inner_text()
    assert Tenancy.objects.filter(house=house, name="欧阳租客").count() == 1
    # the button it stands for is not seen, nor reached with Tab
    hidden = page.locator("#check-in .default-submit")
    box = hidden.bounding_box()
    assert hidden.get_attribute("tabindex") == "-1" and box["width"] <= 1 and box["height"] <= 1
    screenshot(page, "enter-tenant-checked-in")
    page.context.close()


def test_enter_in_the_declaration_form_files_the_declaration(browser, live_server, tree, resident):
    from anju.registrations.models import Declaration

    make_house(tree, "A-0800", "文一西路800号1幢1单元101室", "A1C1G1")
    page = phone(browser, live_server, width=375, height=812)
    signed_in(page, resident)
    page.goto(f"{page.base}/declare/?address=A-0800")
    assert "文一西路800号" in page.locator("#declare-address").inner_text()
    page.fill("#id_name", "欧阳雨涵")
    page.fill("#id_id_number", valid_id(seq="801"))
    page.fill("#id_phone", "13900000001")
    page.fill("#id_move_in", timezone.localdate().isoformat())
    with page.expect_navigation():
        page.press("#id_id_number", "Enter")
    assert "请先选择身份证人像面照片" not in page.content()
    assert "待核录" in page.locator("#declaration-status").inner_text()
    assert Declaration.objects.filter(name="欧阳雨涵").count() == 1
    screenshot(page, "enter-declaration-filed")
    page.context.close()


@pytest.fixture
def card(landlord_house, officer_a):
    from anju.doors.services import credential_issue
    from anju.registrations.services import declaration_approve, declare

    landlord, house = landlord_house
    declaration = declare(actor=officer_a, channel="police", house=house, name="周八", id_number=valid_id(seq="701"),
                          move_in=timezone.localdate(), phone="13512345678", idempotency_key=uuid.uuid4().hex)
    registration = declaration_approve(actor=officer_a, declaration=declaration, note="ok")
    return credential_issue(actor=officer_a, house=house, registration=registration, uid="04A1B2C3")


def test_enter_in_a_door_cards_fields_sends_nothing(browser, live_server, landlord_house, card):
    landlord, house = landlord_house
    page = phone(browser, live_server, width=375, height=812)
    signed_in(page, landlord)
    page.goto(f"{page.base}/landlord/houses/{house.pk}/cards/")
    row = page.locator("#cards tbody tr").first
    requests = []
    page.on("request", lambda request: requests.append(request) if request.method == "POST" else None)
    for field, text in (("uid", "04FFEE01"), ("reason", "钥匙扣坏了")):
        row.locator(f"input[name={field}]").fill(text)
        row.locator(f"input[name={field}]").press("Enter")
    page.wait_for_timeout(500)
    assert requests == []  # before: the first button drawn, 挂失, was pressed
    card.refresh_from_db()
    assert card.status == "active"
    page.context.close()


def test_cancelling_a_door_card_asks_first(browser, live_server, landlord_house, card):
    landlord, house = landlord_house
    page = phone(browser, live_server, width=375, height=812)
    signed_in(page, landlord)
    page.goto(f"{page.base}/landlord/houses/{house.pk}/cards/")
    page.locator("#cards tbody tr").first.locator("input[name=reason]").fill("已退租")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#cards tbody tr").first.locator("button:has-text('注销')").click()
    page.wait_for_timeout(500)
    assert asked == ["确定注销这张卡？注销后立即失效，不能再用。"]
    card.refresh_from_db()
    assert card.status == "active"
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.locator("#cards tbody tr").first.locator("button:has-text('注销')").click()
    card.refresh_from_db()
    assert card.status == "cancelled"
    page.context.close()
