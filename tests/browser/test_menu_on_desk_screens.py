"""The staff pages' top menu on a laptop (1366x768) and a projector (1280x720): one line, every entry reachable,
更多 / More a disclosure button; below 1280 px every entry in the line, in the order it always had."""
import pytest
from anju.core.management.commands.demo_load import load_accounts

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKS = [pytest.param(1366, 768, id="laptop-1366x768"), pytest.param(1280, 720, id="projector-1280x720")]

# The header's height, and the top of every entry of the menu and of the user's corner (their name, sign out, the
# other language) that shows.
HEADER = """() => {
  const header = document.querySelector("header.top");
  const shown = [...header.querySelectorAll(".brand, nav > a, nav .more-toggle, .who > *")]
    .map(el => { const r = el.getBoundingClientRect();
                 return {text: el.textContent.trim().slice(0, 20), top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })
    .filter(e => e.bottom > e.top);
  return {height: header.getBoundingClientRect().height, shown, width: document.documentElement.clientWidth,
          scrollWidth: document.documentElement.scrollWidth,
          // the entries share one line when a horizontal line crosses them all
          oneLine: Math.max(...shown.map(e => e.top)) < Math.min(...shown.map(e => e.bottom))};
}"""


def _signed_in(browser, live_server, *, username, locale, width, height, **options):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "anju-demo-2026")
    with page.expect_navigation():
        page.click("#sign-in button[type=submit]")
    return context, page


@pytest.mark.parametrize("width, height", DESKS)
def test_the_menu_is_one_line_on_laptop_and_projector_screens_in_both_languages(browser, live_server, width, height):
    """Measured before at 1366 and 1280 px: the administrator's 18 entries ran onto a second line (the header 83 px
    high, 在逃人员库 and on at y 50). The officer has the longest name and jurisdiction of the demo's staff."""
    load_accounts()  # the menu follows the role: the demo's tree and accounts, not its city
    for username in ("admin", "officer_wx"):
        for locale in ("zh-CN", "en-US"):
            context, page = _signed_in(browser, live_server, username=username, locale=locale, width=width,
                                       height=height)
            page.goto(f"{live_server.url}/staff/people/")
            header = page.evaluate(HEADER)
            screenshot(page, f"menu-{username}-{locale}-{width}")
            assert header["oneLine"], (username, locale, width, header)
            assert header["scrollWidth"] <= header["width"], (username, locale, width, header)
            assert header["height"] < 60, (username, locale, width, header)
            context.close()


# The administrator's entries in the order they had before 更多 / More (a4ea763), as hrefs: below 1280 px they still
# stand in this order, on the screen and for the keyboard.
ADMIN_ENTRIES = ["/cockpit/", "/", "/staff/people/", "/staff/declarations/", "/staff/registrations/", "/staff/houses/",
                 "/staff/addresses/", "/staff/houses/stock/", "/staff/doors/", "/staff/organisations/", "/staff/tasks/",
                 "/staff/findings/", "/staff/care/", "/staff/alerts/", "/staff/watchlist/", "/staff/keypersons/",
                 "/staff/audit/", "/admin/", "/api/docs/"]
UNDER_MORE = ["/staff/addresses/", "/staff/houses/stock/", "/staff/organisations/", "/staff/watchlist/",
              "/staff/keypersons/", "/staff/audit/", "/admin/", "/api/docs/"]
SHOWN = """sel => [...document.querySelectorAll(sel)].filter(a => a.getBoundingClientRect().height > 0)
                                               .map(a => a.getAttribute("href"))"""
FOCUSED = "() => document.activeElement.getAttribute('href') || document.activeElement.className"


def _tab_to_more(page):
    """From the last entry shown in the menu's line, one Tab: the keyboard's way onto 更多 / More."""
    page.locator("header.top nav > a:visible").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "more-toggle"


@pytest.mark.parametrize("locale, name, width, height", [
    pytest.param("zh-CN", "更多", 1280, 720, id="zh-projector-1280x720"),
    pytest.param("en-US", "More", 1366, 768, id="en-laptop-1366x768")])
def test_more_is_a_disclosure_button_that_enter_opens_and_esc_or_a_click_outside_closes(
        browser, live_server, locale, name, width, height):
    """WAI-ARIA's disclosure pattern. Before, 更多 was a button with no state (no aria-expanded, nothing announced),
    opened only by CSS while it had the focus: Esc did not close it, and focus alone opened it."""
    load_accounts()  # the menu follows the role: the demo's tree and accounts, not its city
    context, page = _signed_in(browser, live_server, username="admin", locale=locale, width=width, height=height)
    page.goto(f"{live_server.url}/staff/people/")
    header = page.evaluate(HEADER)
    toggle = page.get_by_role("button", name=name, exact=True)  # its name without the arrow
    menu = page.locator("#" + toggle.get_attribute("aria-controls"))
    assert menu.get_attribute("class") == "more-menu"
    assert page.evaluate(SHOWN, "header.top nav a") == [e for e in ADMIN_ENTRIES if e not in UNDER_MORE]

    _tab_to_more(page)
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()  # the focus alone opens nothing
    assert toggle.aria_snapshot() == f'- button "{name}"'
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.aria_snapshot() == f'- button "{name}" [expanded]'  # what a screen reader announces
    assert page.evaluate(SHOWN, "header.top .more-menu a") == UNDER_MORE
    assert page.evaluate(HEADER)["height"] == header["height"]  # the open menu hangs below the header
    page.keyboard.press("Tab")  # onto its first entry: it stays open
    assert page.evaluate(FOCUSED) == "/staff/addresses/" and menu.is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert page.evaluate(FOCUSED) == "more-toggle"
    screenshot(page, f"menu-more-closed-{locale}-{width}")

    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    screenshot(page, f"menu-more-open-{locale}-{width}")
    page.mouse.click(width // 2, height - 100)  # on the page below
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    page.keyboard.press("Enter")  # the focus stayed on the button
    for _ in UNDER_MORE:
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "/api/docs/" and menu.is_visible()
    page.keyboard.press("Tab")  # past its last entry, to the user's corner: it closes
    assert page.evaluate("() => document.activeElement.closest('.who') !== null")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff/addresses/")
    context.close()


def test_without_the_script_the_entries_under_more_open_from_the_keyboard(browser, live_server):
    """As before the script: tabbing onto 更多 shows its entries (CSS :focus-within), and they stay while the focus is on
    one of them."""
    load_accounts()  # the menu follows the role: the demo's tree and accounts, not its city
    context, page = _signed_in(browser, live_server, username="admin", locale="zh-CN", width=1280, height=720,
                               java_script_enabled=False)
    page.goto(f"{live_server.url}/staff/people/")
    under_more = page.locator("header.top .more-menu a")
    assert not under_more.first.is_visible()
    assert page.locator("header.top .more-toggle").inner_text().startswith("更多")
    _tab_to_more(page)
    assert page.evaluate(SHOWN, "header.top .more-menu a") == UNDER_MORE
    page.keyboard.press("Tab")  # onto its first entry: the menu stays open
    assert page.evaluate(FOCUSED) == "/staff/addresses/"
    assert page.evaluate(SHOWN, "header.top .more-menu a") == UNDER_MORE
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff/addresses/")
    context.close()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_below_1280_px_every_entry_is_in_the_line_in_the_order_it_had_before_more(browser, live_server, locale):
    """At 1024 px, as before a4ea763: 标准地址 after 实有房屋, 实有单位 after 智能门禁. With a4ea763 they came after 比中预警
    (the entries under More drawn at the end of the line). The order on the screen (row by row, left to right) and the
    keyboard's are the same."""
    load_accounts()  # the menu follows the role: the demo's tree and accounts, not its city
    context, page = _signed_in(browser, live_server, username="admin", locale=locale, width=1024, height=768)
    page.goto(f"{live_server.url}/staff/people/")
    assert not page.locator("header.top .more-toggle").is_visible()
    assert page.evaluate(SHOWN, "header.top nav a") == ADMIN_ENTRIES
    on_screen = page.evaluate("""() => [...document.querySelectorAll("header.top nav a")]
        .map(a => ({href: a.getAttribute("href"), r: a.getBoundingClientRect()})).filter(e => e.r.height > 0)
        .sort((a, b) => (a.r.top >= b.r.bottom ? 1 : b.r.top >= a.r.bottom ? -1 : a.r.left - b.r.left))
        .map(e => e.href)""")
    assert on_screen == ADMIN_ENTRIES
    page.locator("header.top .brand").focus()
    tabbed = []
    for _ in ADMIN_ENTRIES:
        page.keyboard.press("Tab")
        tabbed.append(page.evaluate(FOCUSED))
    assert tabbed == ADMIN_ENTRIES
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, f"menu-{locale}-1024")
    context.close()
