"""The cockpit PDF's line breaking: between Chinese characters and between words, never inside a number with its
unit, as the door plates print them."""
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from anju.cockpit.exports import FONT, _lines

ADDRESS = "浙江省杭州市西湖区北山街道文晖路16号104室"


@pytest.fixture(autouse=True)
def font():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@pytest.mark.parametrize("width", range(100, 260, 2))
def test_a_number_stays_with_its_unit_at_any_width(width):
    lines = _lines(ADDRESS, 8, width)
    assert "".join(lines) == ADDRESS
    assert not any(line.endswith(("16", "104")) for line in lines), lines


def test_chinese_breaks_between_characters_and_english_between_words():
    assert _lines("居住登记率按有效登记人数计算", 8, 40) == ["居住登记率", "按有效登记", "人数计算"]
    assert _lines("registration rate estimated", 8, 60) == ["registration rate", "estimated"]
