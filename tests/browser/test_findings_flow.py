"""An officer works through data-fusion findings in a browser: the list of their station, one finding with the
rules and records behind its score, a stale registration ended after the on-site check, another rejected."""
import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_opens_a_finding_sees_its_evidence_and_decides(page):
    call_command("demo_load")
    from anju.fusion.models import Finding

    page.goto(f"{page.base}/login/")
    page.fill("#id_username", "officer_wx")
    page.fill("#id_password", "anju-demo-2026")
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    with page.expect_navigation():
        page.click("nav a:has-text('比对发现')")  # from the menu, as an officer gets there
    page.select_option("select[name=kind]", "stale")
    with page.expect_navigation():
        page.click("form.inline button[type=submit]")
    rows = page.locator("#findings tbody tr a")
    assert rows.count() >= 2
    screenshot(page, "findings-list")
    with page.expect_navigation():
        rows.first.click()
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    assert page.locator("#rules tbody tr").count() >= 1  # every point explained
    assert page.locator("#records tbody tr").first.inner_text().strip() != "无"
    confirming = page.locator("form:has(#confirm_note)")
    confirming.locator("#confirm_note").fill("上门核实：已搬离")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with page.expect_navigation():
        confirming.locator("button").click()
    finding = Finding.objects.get(pk=pk)
    assert finding.status == "confirmed" and finding.registration.status != "active" and "注销" in asked[0]
    assert "已确认" in page.locator("h1").inner_text()
    screenshot(page, "finding-confirmed")

    page.goto(f"{page.base}/staff/findings/?kind=stale")
    with page.expect_navigation():
        page.locator("#findings tbody tr a").first.click()
    other = int(page.url.rstrip("/").rsplit("/", 1)[1])
    assert other != pk
    rejecting = page.locator("form:has(#reject_note)")
    rejecting.locator("#reject_note").fill("上门核实：仍在住")
    with page.expect_navigation():
        rejecting.locator("button").click()
    assert Finding.objects.get(pk=other).status == "rejected"
    # both decisions now show in the station's score bands
    page.goto(f"{page.base}/staff/findings/")
    assert page.locator("#score-bands tbody tr").count() >= 1
