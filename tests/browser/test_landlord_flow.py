"""A landlord on a phone: plate QR → SMS sign-in → verify → claim → two rooms → tenant in and out;
the community officer sees the overdue tenant once the deadline has passed."""
import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from anju.accounts import sms
from anju.houses.models import Tenancy
from anju.lib.idcard.render import find_cjk_font, random_identity, render_card
from conftest import PASSWORD, make_house, valid_id
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_landlord_claims_a_house_from_its_plate_and_manages_tenants(phone_page, browser, live_server, tree, officer_a,
                                                                    tmp_path):
    house = make_house(tree, "A-7001", "文一西路700号2幢1单元301室", "A1C1G1", kind="group")
    token = house.plates.get().token
    sms.outbox.clear()
    page = phone_page

    page.goto(f"{page.base}/p/{token}/")
    assert "文一西路700号" in page.locator("#plate-house").inner_text()
    page.click("text=房东请登录后管理此房屋")
    page.fill("#id_phone", "13855556666")
    with page.expect_navigation():
        page.click("button[name=send]")
    page.fill("#id_code", re.search(r"\d{6}", sms.outbox[-1][1]).group())
    page.select_option("#id_role", "landlord")
    page.click("button[name=verify]")
    page.wait_for_url(re.compile(r"/p/"))

    page.click("#claim")
    page.wait_for_url(re.compile(r"/landlord/verify/"))
    page.fill("#id_name", "钱多多")
    page.fill("#id_id_number", valid_id(birth="19750505", seq="031"))
    page.click("#verify button[type=submit]")
    page.wait_for_url(re.compile(r"/p/"))
    page.click("#claim")
    page.wait_for_url(re.compile(r"/landlord/houses/\d+/$"))
    assert "文一西路700号" in page.locator("#house-address").inner_text()

    for number in ("301A", "301B"):
        page.fill("#room_number", number)
        with page.expect_navigation():
            page.click("#room-add button[type=submit]")
    assert page.locator("#rooms tbody tr").count() == 2

    # The tenant's ID card photographed fills name and number (typed by hand where no font renders a card)
    identity = random_identity(random.Random(21)) if find_cjk_font() else None
    if identity is not None:
        photo = tmp_path / "tenant-card.jpg"
        photo.write_bytes(render_card(identity, seed=21))
        page.set_input_files("#tenant-photo", str(photo))
        with page.expect_navigation():
            page.click("#tenant-ocr")
        assert page.input_value("#check-in #id_id_number") == identity.id_number
        assert page.input_value("#check-in #id_name") == identity.name
        screenshot(page, "landlord-tenant-idcard-read")
        tenant = identity.name
    else:
        tenant = "孙租客"
        page.fill("#check-in #id_name", tenant)
        page.fill("#check-in #id_id_number", valid_id(birth="19980808", seq="072"))
    page.fill("#check-in #id_phone", "13977778888")
    page.select_option("#check-in #id_room", label="301B")
    with page.expect_navigation():
        page.click("#check-in-submit")
    assert tenant in page.locator("#tenants").inner_text()
    assert "居住登记申报已提交" in page.content()
    screenshot(page, "landlord-house-checked-in")

    # Four days pass (moved in the database, not waited for): the deadline of 3 days is over.
    Tenancy.objects.update(move_in=timezone.localdate() - timedelta(days=4))
    officer = browser.new_context(locale="zh-CN").new_page()
    officer.goto(f"{live_server.url}/login/?next=/staff/houses/overdue/")
    officer.fill("#id_username", "officer_a")
    officer.fill("#id_password", PASSWORD)
    officer.click("#sign-in button[type=submit]")
    officer.wait_for_url(re.compile(r"/staff/houses/overdue/$"))
    assert tenant in officer.locator("#overdue").inner_text() and "待核录" in officer.locator("#overdue").inner_text()
    # declared at check-in, in time: waiting for police is not the landlord's fault
    assert "钱多多" not in officer.locator("#landlords").inner_text()
    page.reload()
    assert "逾期未登记" not in page.locator("#tenants").inner_text()
    # The declaration is returned (as an officer would, for a wrong room): now the landlord is behind.
    from anju.registrations.models import Declaration

    Declaration.objects.filter(tenancy__isnull=False).update(status="rejected", decision_note="房间号不对")
    officer.reload()
    assert "钱多多" in officer.locator("#landlords").inner_text()
    screenshot(officer, "officer-overdue-list")

    page.reload()
    assert "逾期未登记" in page.locator("#tenants").inner_text()
    # Checking out asks first (it proposes deregistration only of a registration there, 69cb56d); dismissed, nothing
    # happens.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#tenants button:has-text('退租')")
    assert tenant in page.locator("#tenants").inner_text()
    assert asked == [f"确定为 {tenant} 办理退租？如该租客在此有有效居住登记，将提交注销申请。"]
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#tenants button:has-text('退租')")
    # the declaration was returned, so nothing was registered here: there is nothing to deregister (69cb56d)
    assert "无需注销" in page.content() and "已提请注销" not in page.content()
    assert tenant in page.locator("#history").inner_text()

    officer.reload()
    assert tenant not in officer.locator("#overdue").inner_text()
    officer.context.close()
