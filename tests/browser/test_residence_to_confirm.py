"""A resident asked by SMS about a data-fusion finding answers it on their phone, in Chinese: signs in with an SMS code,
finds the residence to confirm on "my record", is told plainly when the ID number is not theirs, and with the right
one files a declaration that waits for the community police."""
import re

import pytest

from anju.accounts import sms
from anju.fusion.models import Finding
from anju.fusion.services import findings_ask_persons
from anju.fusion.tests.test_tasks import NUMBER, make_finding
from anju.registrations.models import Declaration
from conftest import make_house, valid_id
from tests.browser.conftest import screenshot
from tests.browser.test_phone_tables import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_confirms_the_residence_they_were_asked_about_on_a_phone(phone_page, tree, resident):
    from anju.fusion.models import Observation, Profile, Source

    house = make_house(tree, "A-0900", "浙江省杭州市西湖区文新街道文一西路900号1幢1单元101室", "A1C1G1")
    source = Source.objects.create(name="门禁", kind="door", meaning="home")
    Profile.objects.create(key="P1", source=source, name="张伟", phone=resident.phone)
    Observation.objects.create(source=source, record_id="MJ1", profile="P1", digest="d1")
    finding = make_finding(tree, house.standard_address, proposal="confirm_by_sms", record_ids=["MJ1"])
    sms.outbox.clear()
    assert findings_ask_persons() == 1
    assert [(phone, "待确认" in text) for phone, text in sms.outbox] == [(resident.phone, True)]

    page = phone_page
    page.goto(page.base + "/m/login/")
    page.fill("#id_phone", resident.phone)
    with page.expect_navigation():
        page.click("button[name=send]")
    page.fill("#id_code", re.search(r"\d{6}", sms.outbox[-1][1]).group())
    page.click("button[name=verify]")
    page.wait_for_url(re.compile(r"/me/$"))
    box = page.locator("#to-confirm")
    assert "待确认的居住信息" in box.inner_text() and "文一西路900号" in box.inner_text()

    box.locator("input[name=id_number]").fill(valid_id(seq="998"))
    with page.expect_navigation():
        box.locator("button:has-text('属实，我住在这里')").click()
    assert "身份证号码与我们询问的人不符" in page.locator("#messages").inner_text()
    assert not Declaration.objects.exists()
    assert page.evaluate(OVERFLOW) == []
    # both answers inside the card's padding on the phone
    card, buttons = box.locator("form").bounding_box(), box.locator("button").all()
    assert all(card["x"] + 8 <= b.bounding_box()["x"] and b.bounding_box()["x"] + b.bounding_box()["width"]
               <= card["x"] + card["width"] - 8 for b in buttons)
    screenshot(page, "phone-residence-to-confirm")

    page.locator("#to-confirm input[name=id_number]").fill(NUMBER)
    with page.expect_navigation():
        page.locator("#to-confirm button:has-text('属实，我住在这里')").click()
    assert "等待社区民警核实" in page.locator("#messages").inner_text()
    assert page.locator("#to-confirm").count() == 0
    declaration = Declaration.objects.get()
    assert declaration.status == "pending" and declaration.house == house
    assert Finding.objects.get(pk=finding.pk).person_declaration == declaration
    assert "文一西路900号" in page.locator("#my-declarations").inner_text()
