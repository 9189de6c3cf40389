"""A card of fields and values (dl.fields) on a 375 px phone keeps inside the screen, in Chinese and in English: the
check of a certificate's QR code (/v/…), which anyone opens on a phone, scrolled sideways in English, its values
running past the card (its label column as wide as "Months with door entries")."""
import pytest

from anju.core.documents import sign_document
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each value of a dl.fields that reaches past the right edge of its card or of the screen
PAST = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("dl.fields dd")].filter(dd => {
    const card = dd.closest(".card").getBoundingClientRect(), r = dd.getBoundingClientRect();
    return r.right > Math.min(width, card.right) + 0.5;
  }).map(dd => dd.textContent.trim());
}"""


@pytest.mark.parametrize("language", ["zh-CN", "en-US"])
@pytest.mark.parametrize("document", ["certificate", "residence proof"])
def test_a_documents_check_fits_a_375_px_phone(browser, live_server, language, document):
    payload = {"v": 1, "no": "DJ2026112400000387", "name": "欧阳雨涵", "id": "110106********4096",
               "addr": "浙江省杭州市西湖区文新街道文晖路16号101室", "from": "2026-11-24"}
    if document == "certificate":
        payload.update(t="居住登记凭证", until="2027-11-25", by="文新派出所")
    else:
        payload.update(t="居住证明", to="2026-11-25", months=12, present=2, days=[0] * 10 + [4, 17])
    context = browser.new_context(locale=language, viewport={"width": 375, "height": 812}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/v/{sign_document(payload)}")
    assert page.locator("html").get_attribute("lang") == language[:2].replace("zh", "zh-hans")
    assert "DJ2026112400000387" in page.locator("#verify-result").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate(PAST) == []
    # the registration number and the masked ID number each on one line, as the name is
    heights = page.evaluate("""() => [...document.querySelectorAll("dl.fields dd")].slice(1, 4)
      .map(dd => dd.getBoundingClientRect().height)""")
    assert max(heights) < 1.5 * min(heights), heights
    screenshot(page, f"verify-375-{document.replace(' ', '-')}-{language}")
    page.context.close()
