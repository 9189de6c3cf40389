"""A resident declares from a door plate on a phone; the officer approves; the certificate's QR verifies."""
import io
import re

import pypdfium2
import pytest
import zxingcpp

from anju.accounts import sms
from conftest import PASSWORD, make_house
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_by_sms(page, phone):
    page.fill("#id_phone", phone)
    with page.expect_navigation():
        page.click("button[name=send]")
    page.fill("#id_code", re.search(r"\d{6}", sms.outbox[-1][1]).group())
    with page.expect_navigation():
        page.click("button[name=verify]")


def test_resident_declares_officer_approves_certificate_verifies(phone_page, browser, live_server, tree, officer_a,
                                                                 tmp_path):
    import random

    from anju.lib.idcard.render import find_cjk_font, random_identity, render_card

    if find_cjk_font() is None:
        pytest.skip("no CJK font to render an ID card (apt-get install fonts-wqy-zenhei)")
    identity = random_identity(random.Random(11))
    photo = tmp_path / "idcard.jpg"
    photo.write_bytes(render_card(identity, seed=11))
    house = make_house(tree, "A-8001", "文一西路800号5幢2单元602室", "A1C1G1")
    token = house.plates.get().token
    sms.outbox.clear()
    page = phone_page

    page.goto(f"{page.base}/p/{token}/")
    page.click("#declare-here")
    sign_in_by_sms(page, "13911223344")
    assert "文一西路800号" in page.locator("#declare-address").inner_text()
    page.set_input_files("#photo", str(photo))
    with page.expect_navigation():
        page.click("#ocr")
    assert page.input_value("#id_name") == identity.name  # read from the photo, shown for confirmation
    assert page.input_value("#id_id_number") == identity.id_number
    screenshot(page, "resident-idcard-read")
    with page.expect_navigation():
        page.click("#declare-submit")
    assert "待核录" in page.locator("#declaration-status").inner_text()
    declaration_url = page.url
    screenshot(page, "resident-declared")

    officer = browser.new_context(locale="zh-CN").new_page()
    officer.goto(f"{live_server.url}/login/?next=/staff/declarations/")
    officer.fill("#id_username", "officer_a")
    officer.fill("#id_password", PASSWORD)
    with officer.expect_navigation():
        officer.click("#sign-in button[type=submit]")
    assert identity.name in officer.locator("#queue").inner_text()
    officer.check(f"#queue input[aria-label='{identity.name}']")
    with officer.expect_navigation():
        officer.click("#bulk-approve")
    assert "已通过 1 条申报" in officer.content()
    screenshot(officer, "officer-queue-approved")
    officer.context.close()

    page.goto(declaration_url)
    assert "已通过" in page.locator("#declaration-status").inner_text()
    with page.expect_download() as download:
        page.click("#certificate")
    pdf = open(download.value.path(), "rb").read()
    [code] = zxingcpp.read_barcodes(pypdfium2.PdfDocument(io.BytesIO(pdf))[0].render(scale=3).to_pil(),
                                    formats=zxingcpp.BarcodeFormat.QRCode)
    verify_path = code.text.split("127.0.0.1:8000", 1)[1]

    page.goto(page.base + verify_path)
    assert "验证通过" in page.locator("#verify-result").inner_text()
    assert identity.name in page.locator("#verify-result").inner_text()
    screenshot(page, "certificate-verified")
    body, signature = verify_path.rsplit("/", 1)[1].split(".")
    tampered = body[:-3] + ("A" if body[-3] != "A" else "B") + body[-2:]
    page.goto(f"{page.base}/v/{tampered}.{signature}")
    assert "验证未通过" in page.locator("#verify-result").inner_text()
