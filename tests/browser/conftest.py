"""Browser tests: Playwright driving Debian's Chromium, headless (Playwright's own browser download
does not work offline). Skipped, with the reason, where /usr/bin/chromium is missing."""
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ANJU_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package (.ci/run does) "
                    "or point ANJU_CHROMIUM at one")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    yield page
    context.close()


def phone(browser, live_server, *, width=390, height=844):
    """A page in a phone's browser, `width` CSS pixels wide; the caller closes page.context."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = live_server.url
    return page


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized browser, as residents and landlords use."""
    page = phone(browser, live_server)
    yield page
    page.context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
