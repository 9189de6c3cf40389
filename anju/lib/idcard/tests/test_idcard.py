"""ID-card photo recognition: synthetic cards in, fields and cross-checks out.

Rendering needs a CJK font; those tests skip with the reason when none is
found. The OCR engine is loaded once for the module (about 0.6 s); each card
takes well under a second, so the file stays a few seconds long.
"""

import dataclasses
import datetime
import io
import random
import threading

import numpy as np
import pytest
from PIL import Image

from anju.lib.identity import check_digit, parse_id_number
from anju.lib.idcard import ocr
from anju.lib.idcard.ocr import (
    IdCardError,
    ImageTooLargeError,
    NotAnIdCardFrontError,
    TextBox,
    UnreadableImageError,
    parse_boxes,
    recognise,
)
from anju.lib.idcard.render import (
    Identity,
    find_cjk_font,
    random_identity,
    render_back,
    render_card,
    render_text_page,
)

TODAY = datetime.date(2026, 6, 1)
needs_font = pytest.mark.skipif(
    find_cjk_font() is None,
    reason="no CJK font found to draw synthetic ID cards: install the Debian package fonts-wqy-zenhei "
           "(or fonts-noto-cjk), or set ANJU_CJK_FONT to a font file",
)


def number_for(region: str, born: datetime.date, sequence: str) -> str:
    body = f"{region}{born:%Y%m%d}{sequence}"
    return body + check_digit(body)


def fields(result) -> dict:
    return {"name": result.name, "sex": result.sex, "ethnicity": result.ethnicity,
            "birth_date": result.birth_date, "address": result.address, "id_number": result.id_number}


def expected(identity: Identity) -> dict:
    return {"name": identity.name, "sex": identity.sex, "ethnicity": identity.ethnicity,
            "birth_date": identity.birth_date, "address": identity.address, "id_number": identity.id_number}


def jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


# --------------------------------------------------------------------------- whole cards


@needs_font
@pytest.mark.parametrize("seed, rotation, blur", [(11, 2.8, 1.0), (12, -3.0, 0.8), (13, 1.2, 1.2)])
def test_reads_every_field_of_a_rotated_blurred_card(seed, rotation, blur):
    identity = random_identity(random.Random(seed), today=TODAY)
    photo = render_card(identity, seed=seed, rotation=rotation, blur=blur, noise=5.0, jpeg_quality=70)

    result = recognise(photo, today=TODAY)

    assert fields(result) == expected(identity)
    assert result.cross_check.ok and result.cross_check.check_digit_ok
    assert result.warnings == []
    assert set(result.confidence) == {"name", "sex", "ethnicity", "birth_date", "address", "id_number"}
    assert all(0.5 < c <= 1.0 for c in result.confidence.values())


@needs_font
def test_joins_an_address_wrapped_over_three_lines_and_reads_a_minority_name():
    born = datetime.date(1988, 11, 30)
    identity = Identity(
        name="阿依古丽·买买提", sex="2", ethnicity="05", birth_date=born,
        address="新疆维吾尔自治区乌鲁木齐市天山区解放南路168号阳光小区12栋1503室",
        id_number=number_for("650102", born, "024"),
    )
    result = recognise(render_card(identity, seed=5, rotation=-1.5, blur=0.7), today=TODAY)

    assert fields(result) == expected(identity)
    assert result.sex_name == "女" and result.ethnicity_name == "维吾尔族"


@needs_font
def test_upside_down_photo_is_turned_and_read():
    identity = random_identity(random.Random(21), today=TODAY)
    photo = Image.open(io.BytesIO(render_card(identity, seed=21)))

    result = recognise(jpeg(photo.rotate(180)), today=TODAY)

    assert fields(result) == expected(identity)


@needs_font
def test_printed_birth_date_that_disagrees_with_the_number_is_kept_and_flagged():
    identity = random_identity(random.Random(31), today=TODAY)
    printed = identity.birth_date.replace(year=identity.birth_date.year - 1) if identity.birth_date.month != 2 \
        else identity.birth_date.replace(day=1, year=identity.birth_date.year - 1)
    forged = dataclasses.replace(identity, birth_date=printed)

    result = recognise(render_card(forged, seed=31, rotation=1.0, blur=0.6), today=TODAY)

    assert result.birth_date == printed  # what the card says; the user decides
    assert result.id_number == identity.id_number
    assert result.cross_check.number_valid
    assert result.cross_check.birth_date_matches is False
    assert not result.cross_check.ok
    assert any("出生日期" in w and "birth date" in w for w in result.warnings)


# --------------------------------------------------------------------------- not an ID card front


@needs_font
def test_page_of_ordinary_text_is_not_an_id_card_front():
    with pytest.raises(NotAnIdCardFrontError) as caught:
        recognise(render_text_page(seed=3, lines=8), today=TODAY)
    assert caught.value.code == "no_number"
    assert "身份证" in str(caught.value) and "ID card" in str(caught.value)


def test_blank_photo_is_not_an_id_card_front():
    blank = Image.new("RGB", (1200, 900), (236, 236, 232))
    with pytest.raises(NotAnIdCardFrontError) as caught:
        recognise(jpeg(blank))
    assert caught.value.code == "no_text"


@needs_font
def test_back_of_the_card_is_named_as_such():
    with pytest.raises(NotAnIdCardFrontError) as caught:
        recognise(render_back(seed=2), today=TODAY)
    assert caught.value.code == "back_side"
    assert "国徽面" in str(caught.value) and "back of the ID card" in str(caught.value)


# --------------------------------------------------------------------------- bad uploads


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "not_image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not_image"),  # a PNG signature and nothing valid after it
    ("这不是图片".encode(), "not_image"),
])
def test_bytes_that_are_not_an_image_raise_a_clear_error(data, code):
    with pytest.raises(UnreadableImageError) as caught:
        recognise(data)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, IdCardError)
    assert caught.value.zh and caught.value.en and f"{caught.value.zh} ({caught.value.en})" == str(caught.value)


def test_truncated_jpeg_raises_unreadable():
    data = jpeg(Image.new("RGB", (800, 600), (200, 180, 160)))
    with pytest.raises(UnreadableImageError) as caught:
        recognise(data[: len(data) // 3])
    assert caught.value.code == "corrupt"


def test_too_many_bytes_raise_too_large_before_decoding():
    with pytest.raises(ImageTooLargeError) as caught:
        recognise(b"\xff\xd8\xff" + b"\x00" * ocr.DEFAULT_MAX_BYTES)
    assert caught.value.code == "too_many_bytes"
    assert "10 MB" in str(caught.value)


def test_too_many_pixels_raise_too_large_from_the_header():
    out = io.BytesIO()
    Image.new("1", (9000, 5000)).save(out, "PNG")  # 45 megapixels in a few kilobytes
    assert len(out.getvalue()) < ocr.DEFAULT_MAX_BYTES
    with pytest.raises(ImageTooLargeError) as caught:
        recognise(out.getvalue())
    assert caught.value.code == "too_many_pixels"
    assert "45" in str(caught.value) and "40" in str(caught.value)


def test_limits_can_be_configured_per_call():
    data = jpeg(Image.new("RGB", (1000, 800), (200, 200, 200)))
    with pytest.raises(ImageTooLargeError):
        recognise(data, max_pixels=500_000)
    with pytest.raises(ImageTooLargeError):
        recognise(data, max_bytes=1000)


# --------------------------------------------------------------------------- parsing recognised lines


def box(text: str, x: float, y: float, w: float | None = None, h: float = 30.0, score: float = 0.99) -> TextBox:
    w = w if w is not None else 26.0 * len(text)
    quad = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
    return TextBox(quad=quad, text=text, score=score)


def card_boxes(number: str, *, name="张三", sex="男", ethnicity="汉", birth="1990年3月7日",
               address=("浙江省杭州市西湖区文一", "西路100号3幢2单元502室"), glued=True, split_number=False):
    """Lines as the recogniser returns them, at the card's positions (about 10 px/mm)."""
    rows = [box(f"姓名{name}", 55, 70)] if glued else [box("姓名", 55, 72, h=24), box(name, 150, 70)]
    rows += [box(f"性别{sex}", 55, 135), box(f"民族{ethnicity}", 260, 135)]
    rows += [box("出生", 55, 200, h=24), box(birth, 150, 198)]
    rows += [box("住址", 55, 262, h=24)] + [box(line, 150, 260 + 46 * i) for i, line in enumerate(address)]
    if split_number:
        rows += [box("公民身份号码", 55, 458, h=24), box(number[:10], 270, 452), box(number[10:], 560, 452)]
    else:
        rows += [box("公民身份号码" + number, 55, 455, w=760)]
    return rows


def test_labels_glued_to_values_and_a_number_split_from_its_label_are_parsed():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    for glued, split in ((True, False), (False, True)):
        result = parse_boxes(card_boxes(number, glued=glued, split_number=split), today=TODAY)
        assert (result.name, result.sex, result.ethnicity) == ("张三", "1", "01")
        assert result.birth_date == datetime.date(1990, 3, 7)
        assert result.address == "浙江省杭州市西湖区文一西路100号3幢2单元502室"
        assert result.id_number == number
        assert result.cross_check.ok and result.warnings == []


def test_digit_look_alikes_in_the_number_are_mapped():
    number = number_for("330106", datetime.date(1990, 3, 7), "124")
    misread = number.replace("0", "O", 1)[:12] + number[12:].replace("1", "l", 1)
    result = parse_boxes(card_boxes(misread, sex="女"), today=TODAY)
    assert result.id_number == number and result.cross_check.ok


def test_printed_sex_that_disagrees_with_the_number_is_flagged():
    number = number_for("330106", datetime.date(1990, 3, 7), "124")  # even: female
    result = parse_boxes(card_boxes(number, sex="男"), today=TODAY)
    assert result.sex == "1" and result.cross_check.sex_matches is False
    assert any("性别" in w and "sex" in w for w in result.warnings)


def test_one_misread_birth_digit_is_repaired_when_the_printed_date_singles_it_out():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    misread = number[:11] + ("8" if number[11] != "8" else "9") + number[12:]  # a wrong month digit
    result = parse_boxes(card_boxes(misread), today=TODAY)
    assert result.id_number == number
    assert result.cross_check.number_repaired and result.cross_check.number_valid
    assert result.confidence["id_number"] < 0.6
    assert any("校验码" in w and "check digit" in w for w in result.warnings)


def test_a_misread_that_the_card_cannot_settle_is_reported_not_guessed():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    misread = number[:14] + ("5" if number[14] != "5" else "6") + number[15:]  # a sequence digit
    result = parse_boxes(card_boxes(misread), today=TODAY)
    assert result.id_number == misread
    assert result.cross_check.number_valid is False
    assert result.cross_check.check_digit_ok is False
    assert not result.cross_check.number_repaired
    assert any("校验码错误" in e for e in result.cross_check.number_errors)
    assert any("公民身份号码无效" in w for w in result.warnings)


def test_a_number_with_the_wrong_length_comes_back_with_a_warning():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    result = parse_boxes(card_boxes(number[:17]), today=TODAY)
    assert result.id_number == number[:17] and result.name == "张三"
    assert any("17" in w and "18" in w for w in result.warnings)


def test_a_number_without_any_card_label_is_not_an_id_card_front():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    lines = [box("订单编号" + number, 50, 50, w=700), box("收货地址浙江省杭州市", 50, 120)]
    with pytest.raises(NotAnIdCardFrontError) as caught:
        parse_boxes(lines, today=TODAY)
    assert caught.value.code == "no_labels"


def test_sex_and_ethnicity_are_restricted_to_code_tables():
    number = number_for("150102", datetime.date(1979, 8, 15), "321")
    result = parse_boxes(card_boxes(number, ethnicity="蒙古"), today=TODAY)
    assert result.ethnicity == "02" and result.ethnicity_name == "蒙古族"
    result = parse_boxes(card_boxes(number, ethnicity="维吾"), today=TODAY)
    assert result.ethnicity == "05" and any("民族" in w for w in result.warnings)
    result = parse_boxes(card_boxes(number, sex="身"), today=TODAY)  # no 男/女 read: from the number
    assert result.sex == "1" and any("性别未能读出" in w for w in result.warnings)


def test_a_misread_character_in_the_address_region_is_corrected_from_gbt2260():
    number = number_for("370404", datetime.date(1984, 5, 2), "215")  # 山东省枣庄市峄城区
    result = parse_boxes(card_boxes(number, address=("山东省枣庄市峰城区光明", "西路260号")), today=TODAY)
    assert result.address == "山东省枣庄市峄城区光明西路260号"
    untouched = parse_boxes(card_boxes(number, address=("山东省枣庄市薛城区光明", "西路260号")), today=TODAY)
    assert untouched.address == "山东省枣庄市薛城区光明西路260号"  # a real county is never "corrected"


# --------------------------------------------------------------------------- plumbing


def test_result_repr_masks_the_number_and_leaves_out_name_and_address():
    number = number_for("330106", datetime.date(1990, 3, 7), "123")
    result = parse_boxes(card_boxes(number), today=TODAY)
    text = repr(result)
    assert number not in text and "张三" not in text and "西湖区" not in text
    assert result.as_dict()["birth_date"] == "1990-03-07" and result.as_dict()["cross_check"]["ok"] is True


def test_engine_is_loaded_once_per_process_even_from_many_threads():
    engines = []
    threads = [threading.Thread(target=lambda: engines.append(ocr.get_engine())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(engines) == 4 and all(e is engines[0] for e in engines)


@needs_font
def test_random_identities_are_valid_and_cards_are_deterministic_per_seed():
    rng = random.Random(99)
    people = [random_identity(rng, today=TODAY) for _ in range(200)]
    for person in people:
        parsed = parse_id_number(person.id_number, today=TODAY)
        assert parsed.birth_date == person.birth_date and parsed.sex == person.sex
        assert person.address.startswith(parsed.region_name[:2])
    assert any(p.address.endswith("室") for p in people) and any("村" in p.address for p in people)
    assert random_identity(random.Random(5)) == random_identity(random.Random(5))
    first = render_card(people[0], seed=4, width=640)
    assert render_card(people[0], seed=4, width=640) == first
    assert render_card(people[0], seed=5, width=640) != first
