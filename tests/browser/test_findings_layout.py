"""The findings list reads on a desk (1366 px) and on a phone (390 px): names, kinds, dates and statuses on one line,
never broken between two characters (宋子/璐), the address taking the room that is left; nothing past the screen's
edge. Also the finding's page on a phone."""
import datetime as dt

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_phone_tables import OVERFLOW, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How many lines each cell of a column takes: the distinct tops of its text's line boxes.
LINES = """(column) => [...document.querySelectorAll(`#findings tbody tr td:nth-child(${column})`)].map(td => {
  const range = document.createRange();
  range.selectNodeContents(td);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
})"""
ONE_LINE = {"name": 3, "ID number": 4, "due on": 7, "status": 8}  # and the kind, in Chinese (English wraps at spaces)


@pytest.fixture
def findings(tree, officer_a):
    from anju.addresses.services import address_upsert
    from anju.fusion.tests.test_tasks import make_finding

    parts = dict(province="浙江省", city="杭州市", district="西湖区", street="文新街道", road="三墩路", house_number="22号",
                 building="2幢", unit="1单元")
    out = []
    for i, (name, kind) in enumerate((("宋子璐", "stale"), ("欧阳雨涵", "moved"), ("王梅", "unregistered"))):
        address = address_upsert(code=f"L{i}", full_address=f"浙江省杭州市西湖区文新街道三墩路22号2幢1单元10{i}室",
                                  jurisdiction=tree["A1C1G1"], room=f"10{i}室", **parts)
        out.append(make_finding(None, address, kind=kind, name=name, subject=f"s{i}", entity_hash=f"E{i}",
                                assignee=officer_a, due_on=dt.date(2026, 12, 1)))
    return out


@pytest.mark.parametrize("language", ["zh-CN", "en-US"])
def test_the_findings_list_keeps_names_and_dates_whole_on_a_desk(browser, live_server, officer_a, findings, language):
    context = browser.new_context(locale=language, viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.base = live_server.url
    signed_in(page, officer_a)
    page.goto(f"{page.base}/staff/findings/")
    assert page.locator("#findings tbody tr").count() == 3
    for column, number in {**ONE_LINE, **({"kind": 2} if language == "zh-CN" else {})}.items():
        assert page.evaluate(LINES, number) == [1, 1, 1], column
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, f"findings-list-1366-{language}")
    context.close()


def test_the_findings_list_and_a_finding_fit_a_phone(phone_page, officer_a, findings):
    page = phone_page
    signed_in(page, officer_a)
    page.goto(f"{page.base}/staff/findings/")
    assert page.evaluate(OVERFLOW) == []
    for column in (ONE_LINE["name"], ONE_LINE["due on"], ONE_LINE["status"]):
        assert page.evaluate(LINES, column) == [1, 1, 1]  # stacked: the value on one line under its column's name
    screenshot(page, "findings-list-390")
    page.goto(f"{page.base}/staff/findings/{findings[0].pk}/")
    assert page.evaluate(OVERFLOW) == []
