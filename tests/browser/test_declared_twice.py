"""Two landlords check in one ID number at two houses (王小明 at 102, 赵六 at 103): the officer sees both flagged in the
queue, each page names the other with a link to it, and once one is returned the other's page says so."""
import pytest
from django.utils import timezone

from anju.houses.models import HouseLandlord
from anju.houses.services import landlord_verify, tenant_check_in
from anju.registrations.models import Declaration
from conftest import PASSWORD, make_house, valid_id
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def landlord_of(make_user, house, phone, seq):
    user = make_user(phone, "landlord", None, phone=phone, password=None)
    landlord_verify(user=user, name=f"房东{seq}", id_number=valid_id(seq=seq))
    HouseLandlord.objects.create(house=house, landlord=user)
    return user


def test_the_officer_sees_one_number_checked_in_at_two_houses_on_both_pages(page, tree, officer_a, make_user):
    h102 = make_house(tree, "A-0102", "文一西路102号1幢1单元102室", "A1C1G1")
    h103 = make_house(tree, "A-0103", "文一西路103号1幢1单元103室", "A1C1G1")
    day = timezone.localdate() - timezone.timedelta(days=2)
    for house, name, phone, seq in ((h102, "王小明", "13800000102", "015"), (h103, "赵六", "13800000103", "025")):
        tenant_check_in(actor=landlord_of(make_user, house, phone, seq), house=house, name=name,
                        id_number=valid_id(seq="733"), move_in=day)
    wang, zhao = Declaration.objects.get(name="王小明"), Declaration.objects.get(name="赵六")

    page.goto(f"{page.base}/login/?next=/staff/declarations/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    for name in ("王小明", "赵六"):
        row = page.locator("#queue tr", has_text=name)
        assert "同一号码同时另有申报" in row.locator(".flag").inner_text()
        assert row.locator("input[name=ids]").count() == 0  # not offered for bulk approval
    screenshot(page, "queue-declared-twice")

    with page.expect_navigation():
        page.click("#queue a:text('赵六')")
    twice = page.locator("#declared-twice")
    assert "王小明" in twice.inner_text() and "文一西路102号" in twice.inner_text() and "待核录" in twice.inner_text()
    screenshot(page, "declaration-declared-twice")
    with page.expect_navigation():
        twice.locator("a", has_text="王小明").click()
    assert page.url.endswith(f"/staff/declarations/{wang.pk}/")
    assert "赵六" in page.locator("#declared-twice").inner_text()

    page.fill("#id_reason", "号码被冒用，王小明不住此处")
    with page.expect_navigation():
        page.click("#reject button[type=submit]")
    page.goto(f"{page.base}/staff/declarations/{zhao.pk}/")
    assert "已退回" in page.locator("#declared-twice").inner_text()
    screenshot(page, "declaration-declared-twice-other-returned")
