"""A resident on a phone (390 px) corrects a declaration still waiting for police from "my record" — the form comes
filled from it — and then withdraws the corrected one; the buttons fit the screen and the queue is left empty."""
import re

import pytest
from django.utils import timezone

from anju.accounts import sms
from anju.registrations.models import Declaration
from anju.registrations.services import declare
from conftest import make_house, valid_id
from tests.browser.conftest import screenshot
from tests.browser.test_phone_tables import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, phone):
    page.goto(page.base + "/m/login/")
    page.fill("#id_phone", phone)
    with page.expect_navigation():
        page.click("button[name=send]")
    page.fill("#id_code", re.search(r"\d{6}", sms.outbox[-1][1]).group())
    page.click("button[name=verify]")
    page.wait_for_url(re.compile(r"/me/$"))


def test_a_resident_corrects_then_withdraws_a_waiting_declaration_on_a_phone(phone_page, tree, resident):
    house = make_house(tree, "A-0910", "浙江省杭州市西湖区文新街道文一西路910号1幢1单元101室", "A1C1G1")
    first = declare(actor=resident, channel="resident", house=house, name="周入", id_number=valid_id(seq="701"),
                    move_in=timezone.localdate() - timezone.timedelta(days=3), phone=resident.phone)
    page = phone_page
    sign_in(page, resident.phone)

    row = page.locator("#my-declarations tr", has_text="文一西路910号")
    withdraw, correct = row.locator(f"#withdraw-{first.pk}"), row.locator(f"#correct-{first.pk}")
    assert withdraw.inner_text() == "撤回" and correct.inner_text() == "修改"
    assert page.evaluate(OVERFLOW) == []
    for button in (withdraw, correct):
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 32  # a thumb's target
    screenshot(page, "phone-withdraw-declaration")

    with page.expect_navigation():
        correct.click()
    assert page.locator("h1").inner_text() == "修改申报"
    assert page.input_value("#id_name") == "周入" and page.input_value("#id_id_number") == valid_id(seq="701")
    page.fill("#id_name", "周八")
    with page.expect_navigation():
        page.click("#declare-submit")
    assert "已修改" in page.locator("#messages").inner_text()
    corrected = Declaration.objects.exclude(pk=first.pk).get()
    assert corrected.name == "周八" and Declaration.objects.get(pk=first.pk).status == "withdrawn"

    page.goto(page.base + "/me/")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click(f"#withdraw-{corrected.pk}")
    assert "申报已撤回" in page.locator("#messages").inner_text()
    assert page.locator("#declaration-status").inner_text() == "已撤回"
    assert page.locator(f"#withdraw-{corrected.pk}").count() == 0
    assert set(Declaration.objects.values_list("status", flat=True)) == {"withdrawn"}
