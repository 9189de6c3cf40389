"""An officer adds a standard address by hand: one that reads as an address already in the library is refused,
naming it, until the officer ticks that it is a different place."""
import re

import pytest

from anju.addresses.models import StandardAddress
from anju.addresses.services import address_upsert
from conftest import PASSWORD
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_likely_duplicate_is_added_only_once_confirmed(page, tree, officer_a):
    address_upsert(code="LIB-229-3", full_address="浙江省杭州市西湖区文三路229号3幢", jurisdiction=tree["A1C1G1"],
                   province="浙江省", city="杭州市", district="西湖区", road="文三路", house_number="229号", building="3幢")
    page.goto(page.base + "/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    page.goto(page.base + "/staff/addresses/new/")
    assert page.locator("#id_different_place").count() == 0
    page.select_option("#id_jurisdiction", "A1C1G1")
    for field, value in {"district": "西湖区", "road": "文三路", "house_number": "229", "building": "3号楼"}.items():
        page.fill(f"#id_{field}", value)
    with page.expect_navigation():
        page.click("#address-new button[type=submit]")
    error = page.locator("#address-new .errors").inner_text()
    assert "疑似相同" in error and "浙江省杭州市西湖区文三路229号3幢" in error and "LIB-229-3" in error
    assert page.input_value("#id_building") == "3号楼"  # the form keeps what was typed
    screenshot(page, "address-likely-duplicate")
    page.get_by_label("确认是不同地址").check()
    with page.expect_navigation():
        page.click("#address-new button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/addresses/\?q=AJ-"))
    assert "西湖区文三路229号3号楼" in page.locator("main").inner_text()
    assert StandardAddress.objects.count() == 2
