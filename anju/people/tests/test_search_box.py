"""The people search box tells the officer what it takes (a name, an ID number, its start or the number masked as
lists show it), in Chinese or English, in words that fit the box and the screen of a phone."""
import pytest
from django.test import Client

from tests.browser.conftest import browser, phone_page  # noqa: F401 - the fixtures

from .test_search_by_partial_id import client_a  # noqa: F401 - the fixture

HINT = {
    "zh": ("姓名或身份号码", "身份号码可只输开头，或列表中的脱敏号码，如 330106********1234"),
    "en": ("name or ID number", "An ID number can be just its start, or masked as lists show it: 330106********1234"),
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_search_box_says_it_takes_a_name_an_id_number_its_start_or_its_masked_form(client_a, language):
    response = client_a.get("/staff/people/", HTTP_ACCEPT_LANGUAGE="en" if language == "en" else "zh-hans")
    body = response.content.decode()
    placeholder, hint = HINT[language]
    assert f'placeholder="{placeholder}" aria-describedby="q-hint"' in body
    assert f'<p id="q-hint" class="muted" style="flex-basis:100%;margin:0">{hint}</p>' in body


# the width of a text in the box's own font, and the room inside the box for it
MEASURE = """(text) => {
  const box = document.querySelector("#q"), style = getComputedStyle(box);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  return [context.measureText(text).width,
          box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
}"""
RIGHT_EDGE = "(selector) => document.querySelector(selector).getBoundingClientRect().right"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 360])
def test_on_a_phone_the_placeholder_and_a_pasted_masked_number_fit_the_box_and_the_hint_the_screen(
        phone_page, officer_a, people, width):
    page = phone_page
    page.set_viewport_size({"width": width, "height": 800})
    client = Client()
    client.force_login(officer_a)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}])
    page.goto(f"{page.base}/staff/people/")
    for language in ("zh", "en"):
        if language == "en":
            with page.expect_navigation():
                page.click("#lang-switch button[value=en]")
        assert page.get_attribute("#q", "placeholder") == HINT[language][0]
        for text in (HINT[language][0], people["a"].id_masked):
            needed, room = page.evaluate(MEASURE, text)
            assert needed <= room, (language, text, needed, room)
        assert page.inner_text("#q-hint") == HINT[language][1]
        screen = page.evaluate("() => document.documentElement.clientWidth")
        for selector in ("#q", "#q-hint"):
            assert page.evaluate(RIGHT_EDGE, selector) <= screen, (language, selector)
