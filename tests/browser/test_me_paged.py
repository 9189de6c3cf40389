"""A resident's own page (/me/) pages its lists as the staff lists do: someone who filed many declarations (a landlord
for their tenants, a resident over the years) sees the newest 20 and pages back through the rest on a phone, each list
on its own, nothing reaching past the screen's edge."""
import pytest
from django.utils import timezone

from anju.registrations.services import declare
from conftest import make_house, valid_id
from tests.browser.conftest import screenshot
from tests.browser.test_phone_tables import OVERFLOW
from tests.browser.test_withdraw_declaration import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def names_listed(page) -> list[str]:
    return page.locator("#my-declarations tr strong").all_inner_texts()


def test_a_resident_with_45_declarations_pages_through_them_twenty_at_a_time_on_a_phone(phone_page, tree, resident):
    house = make_house(tree, "A-0920", "浙江省杭州市西湖区文新街道文一西路920号1幢1单元101室", "A1C1G1")
    filed = [declare(actor=resident, channel="resident", house=house, name=f"住户{i:02d}",
                     id_number=valid_id(birth="19800101", seq=f"{i:03d}"),
                     move_in=timezone.localdate() - timezone.timedelta(days=3), phone=resident.phone).name
             for i in range(45)]
    newest_first = filed[::-1]
    page = phone_page
    sign_in(page, resident.phone)

    assert names_listed(page) == newest_first[:20]
    pager = page.locator("#my-declarations + .pager")
    assert "第 1 页，共 3 页" in pager.inner_text()
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, "phone-me-paged")

    with page.expect_navigation():
        pager.get_by_text("下一页").click()
    assert names_listed(page) == newest_first[20:40]
    with page.expect_navigation():
        page.locator("#my-declarations + .pager").get_by_text("下一页").click()
    assert names_listed(page) == newest_first[40:]
    assert "第 3 页，共 3 页" in page.locator("#my-declarations + .pager").inner_text()
    assert page.locator("#my-declarations + .pager").get_by_text("下一页").count() == 0
    with page.expect_navigation():
        page.locator("#my-declarations + .pager").get_by_text("上一页").click()
    assert names_listed(page) == newest_first[20:40]
    assert page.locator("#my-registrations").count() == 0  # none approved: no list, and no pager of its own
    assert page.locator(".pager").count() == 1
