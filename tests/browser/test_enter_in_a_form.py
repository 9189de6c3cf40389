"""Enter in a form's field (a phone keyboard's Go) does what the form is for. A form that can also read an ID card
photo drew that button first, so Enter read the card instead: with no photo chosen the landlord or resident was told to
choose one, and the name and ID number they had typed were gone."""
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
    assert hidden.get_attribute("tabindex") == "-1" and hidden.bounding_box()["x"] + hidden.bounding_box()["width"] < 0
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
