"""The employer channel (业态码) and the agent channel (委托代办), walked in the real pages on a phone.

The same flows as anju/registrations/tests/test_channels.py, through the browser: an operator registers a worker
from the workplace page and a worker registers by scanning the workplace QR; a resident grants a delegation and the
agent declares for them. The officer sees who filed what, for whom, and approves.
"""
import io
import re

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from anju.accounts import sms
from conftest import PASSWORD, make_house, valid_id
from tests.browser.conftest import phone, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_by_sms(page, number):
    """From the phone sign-in page (where a protected page sent us) back to that page."""
    page.wait_for_selector("#id_phone")
    page.fill("#id_phone", number)
    with page.expect_navigation():
        page.click("button[name=send]")
    code = next(re.search(r"\d{6}", text).group() for to, text in reversed(sms.outbox) if to == number)
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click("button[name=verify]")


def officer_page(browser, live_server, path):
    page = browser.new_context(locale="zh-CN").new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/login/?next={path}")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    return page


def choose_address(page, form_id, query, address):
    """Searches the standard address library from the page's search form and picks the result."""
    page.fill(f"#{form_id} input[name=q]", query)
    with page.expect_navigation():
        page.click(f"#{form_id} button[type=submit]")
    with page.expect_navigation():
        page.get_by_role("link", name=address).click()


def fill_person(page, *, name, id_number, phone):
    page.fill("#id_name", name)
    page.fill("#id_id_number", id_number)
    page.fill("#id_phone", phone)
    page.fill("#id_move_in", timezone.localdate().isoformat())


def test_operator_registers_a_worker_and_a_worker_registers_through_the_workplace_qr(phone_page, browser,
                                                                                       live_server, tree, officer_a):
    from anju.registrations.models import Declaration, Employment
    from anju.registrations.services import organisation_create

    house = make_house(tree, "A-8101", "文一西路810号3幢1单元201室", "A1C1G1")
    factory = organisation_create(actor=officer_a, name="甲电子厂", kind="factory", standard_address=house.standard_address,
                                  operator_phone="13700001111", operator_name="吴经理")
    sms.outbox.clear()
    page = phone_page

    # The operator, on their phone: my workplaces → the factory → where the worker lives → the worker's details.
    page.goto(f"{page.base}/org/")
    sign_in_by_sms(page, "13700001111")
    with page.expect_navigation():
        page.get_by_role("link", name="甲电子厂").click()
    choose_address(page, "worker-address", "文一西路810号", house.address)
    assert page.input_value("#id_address_code") == house.standard_address.code  # carried, hidden
    assert page.locator("#chosen-address").inner_text() == house.standard_address.full_address  # shown in words
    fill_person(page, name="冯工", id_number=valid_id(seq="731"), phone="13512340000")
    page.fill("#id_position", "普工")
    with page.expect_navigation():
        page.click("#worker button[type=submit]")
    assert "冯工" in page.locator("#workers").inner_text() and "待核录" in page.locator("#workers").inner_text()
    screenshot(page, "employer-worker-registered")

    # The workplace QR on the same page, read as a worker's phone camera would.
    page.locator("details summary").first.click()
    png = page.locator("details svg").first.screenshot()
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)), formats=zxingcpp.BarcodeFormat.QRCode)
    workplace_path = code.text.split("127.0.0.1:8000", 1)[1]
    assert workplace_path.startswith("/o/")

    worker = phone(browser, live_server)
    worker.goto(worker.base + workplace_path)
    assert "甲电子厂" in worker.locator("h1").inner_text()
    with worker.expect_navigation():
        worker.get_by_role("link", name="手机号登录").click()
    sign_in_by_sms(worker, "13622223333")
    choose_address(worker, "worker-address", "文一西路810号", house.address)
    fill_person(worker, name="褚师傅", id_number=valid_id(seq="733"), phone="13622223333")
    worker.fill("#id_position", "质检")
    with worker.expect_navigation():
        worker.click("#worker button[type=submit]")
    assert "待核录" in worker.locator("#declaration-status").inner_text()
    screenshot(worker, "worker-declared-through-workplace-qr")

    # The officer sees both, each with its channel and the workplace, and approves them.
    officer = officer_page(browser, live_server, "/staff/declarations/")
    queue = officer.locator("#queue").inner_text()
    assert "冯工" in queue and "褚师傅" in queue
    by_operator = Declaration.objects.get(name="冯工")
    officer.goto(f"{live_server.url}/staff/declarations/{by_operator.pk}/")
    details = officer.content()
    assert "用工单位" in details and "吴经理" in details and "甲电子厂" in details
    officer.goto(f"{live_server.url}/staff/declarations/")
    officer.check("#queue input[aria-label='冯工']")
    officer.check("#queue input[aria-label='褚师傅']")
    with officer.expect_navigation():
        officer.click("#bulk-approve")
    assert "已通过 2 条申报" in officer.content()
    officer.context.close()

    page.reload()
    assert "已通过" in page.locator("#workers").inner_text()
    worker.reload()
    assert "已通过" in worker.locator("#declaration-status").inner_text()
    worker.context.close()
    channels = dict(Declaration.objects.values_list("name", "channel"))
    assert channels == {"冯工": "employer", "褚师傅": "resident"}
    assert set(Employment.objects.values_list("organisation__name", "position")) == {("甲电子厂", "普工"), ("甲电子厂", "质检")}


def test_resident_delegates_and_the_agent_declares_for_them(phone_page, browser, live_server, tree, officer_a):
    from anju.audit.models import AuditEntry
    from anju.registrations.models import Declaration

    house = make_house(tree, "A-8201", "文一西路820号1幢2单元302室", "A1C1G1")
    sms.outbox.clear()
    grantor = phone_page

    # The resident, signed in on their own phone, lets their daughter declare for them.
    grantor.goto(f"{grantor.base}/me/delegations/")
    sign_in_by_sms(grantor, "13911110001")
    grantor.fill("#id_agent_phone", "13922220002")
    grantor.select_option("#id_scope", "declare")
    grantor.fill("#id_expires_on", (timezone.localdate() + timezone.timedelta(days=30)).isoformat())
    with grantor.expect_navigation():
        grantor.click("#delegate button[type=submit]")
    assert "13922220002" in grantor.locator("#granted").inner_text()
    screenshot(grantor, "delegation-granted")

    # The agent, on hers: the delegation she received → the address → the declaration, for her mother.
    agent = phone(browser, live_server)
    agent.goto(f"{agent.base}/me/delegations/")
    sign_in_by_sms(agent, "13922220002")
    assert "13911110001" in agent.locator("#received").inner_text()
    with agent.expect_navigation():
        agent.locator("#received a").first.click()
    agent.fill("#q", "文一西路820号")
    with agent.expect_navigation():
        agent.locator("form:has(#q) button[type=submit]").click()
    with agent.expect_navigation():
        agent.get_by_role("link", name=house.address).click()
    assert "文一西路820号" in agent.locator("#declare-address").inner_text()
    agent.select_option("#id_on_behalf", index=1)  # the grantor, not "myself"
    fill_person(agent, name="刘女士", id_number=valid_id(seq="741"), phone="13911110001")
    with agent.expect_navigation():
        agent.click("#declare-submit")
    assert "待核录" in agent.locator("#declaration-status").inner_text()
    screenshot(agent, "agent-declared")

    declaration = Declaration.objects.get()
    assert declaration.channel == "agent"
    assert declaration.submitted_by.phone == "13922220002" and declaration.on_behalf_of.phone == "13911110001"
    entry = AuditEntry.objects.get(action="declaration.register")
    assert entry.actor_id == declaration.submitted_by_id and entry.detail["on_behalf_of"] == declaration.on_behalf_of_id

    # The officer sees both people on the declaration and approves it.
    officer = officer_page(browser, live_server, f"/staff/declarations/{declaration.pk}/")
    channel = officer.content()
    assert "13922220002" in channel and "13911110001" in channel and "委托代办" in channel
    officer.goto(f"{live_server.url}/staff/declarations/")
    officer.check("#queue input[aria-label='刘女士']")
    with officer.expect_navigation():
        officer.click("#bulk-approve")
    assert "已通过 1 条申报" in officer.content()
    officer.context.close()

    # The resident finds the registration filed for them on their own record, with its certificate.
    grantor.goto(f"{grantor.base}/me/")
    assert "文一西路820号" in grantor.locator("#my-registrations").inner_text()
    assert "已通过" in grantor.locator("#my-declarations").inner_text()
    screenshot(grantor, "grantor-registered")
    agent.context.close()
