"""The people search box tells the officer what it takes (a name, an ID number, its start or the number masked as
lists show it), in Chinese or English."""
import pytest

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
    # 24 characters wide: the placeholder in either language and a masked number pasted from a list (162 px) fit
    # inside, also on a phone 360 px wide (measured in Chromium: 179 px of room; the browser's default 20, 151 px)
    assert f'size="24" placeholder="{placeholder}" aria-describedby="q-hint"' in body
    assert f'<p id="q-hint" class="muted" style="flex-basis:100%;margin:0">{hint}</p>' in body

