"""A commander opens the cockpit on a wall-sized screen: live figures, charts, a drill-down."""
import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commander_sees_figures_and_charts_and_drills_down(browser, live_server):
    call_command("demo_load")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "commander")
    page.fill("#id_password", "anju-demo-2026")
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cockpit/")
    page.wait_for_selector("body[data-loaded='330106']")
    district = int(page.locator("[data-f=registered]").inner_text().replace(",", ""))
    assert district > 0
    assert page.locator(".chart canvas").count() >= 4
    assert int(page.locator("#open-alerts").inner_text()) >= 1  # the demo's watchlist hit
    assert page.locator("[data-f=registration_rate]").inner_text().endswith("%")  # estimated by data fusion
    screenshot(page, "cockpit-district")
    # each chart's table downloads as a real workbook, from the link beside the drawn chart
    with page.expect_download() as download:
        page.click("#chart-ranking + .tools a[data-table=ranking]")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row > 1 and sheet.max_column >= 2
    # a new watchlist hit shows on the open page within seconds, without a reload
    from anju.jurisdictions.models import Node
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.models import WatchEntry
    from anju.watchlist.services import alert_raise

    alerts = int(page.locator("#open-alerts").inner_text())
    entry = WatchEntry.objects.first()
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test",
                node=Node.objects.filter(level="grid").first(), name=entry.name, address="文一西路 new place")
    page.wait_for_function(f"() => Number(document.getElementById('open-alerts').textContent) === {alerts + 1}",
                           timeout=6_000)
    assert "flash" in page.locator("#open-alerts").evaluate("e => e.closest('.figure').className")
    station = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('chart-ranking'))"
                            ".getOption().series[0].data[0].code")
    page.goto(f"{live_server.url}/cockpit/?node={station}")
    page.wait_for_selector(f"body[data-loaded='{station}']")
    smaller = int(page.locator("[data-f=registered]").inner_text().replace(",", ""))
    assert 0 < smaller < district
    assert page.locator("#node-up").is_visible()
    screenshot(page, "cockpit-station")
    context.close()  # the page polls every 10 s: stop it before the test server goes away
