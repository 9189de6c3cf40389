"""Messages made in both languages (lib.bilingual: ID number errors, plate and document codes, the API's words)
reach a web reader in the reader's language only, on pages, in forms and in the API; the command line and import
reports, read outside any request, keep both."""
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anju.houses.services import HouseError, landlord_verify
from anju.lib.bilingual import Bilingual, bilingual, reader_half, reader_language
from anju.lib.identity import InvalidIdNumber, parse_id_number
from conftest import make_house, valid_id

RIGHT = valid_id()
WRONG = RIGHT[:-1] + ("0" if RIGHT[-1] != "0" else "1")  # the check digit should be RIGHT[-1]
ZH, EN = f"校验码错误，应为 {RIGHT[-1]}", f"wrong check digit, should be {RIGHT[-1]}"
# as the public is told it (anju.core.identity: not the digit that would make the number valid)
PUBLIC_ZH, PUBLIC_EN = "校验码错误，请核对号码", "wrong check digit: please check the number"
LANGUAGES = [("zh-hans", 0), ("en", 1)]  # Accept-Language, and which of a (Chinese, English) pair it reads


def test_outside_a_request_a_message_keeps_both_languages(make_user):
    """What the command line prints and an import report writes, for people who may read either language."""
    with pytest.raises(InvalidIdNumber) as parsed:
        parse_id_number(WRONG)
    assert str(parsed.value) == f"{ZH} ({EN})" and str(parsed.value.errors[0]) == f"{ZH} ({EN})"
    user = make_user("13811112222", "landlord", None, phone="13811112222", password=None)
    with pytest.raises(HouseError) as refused:
        landlord_verify(user=user, name="王五", id_number=WRONG)
    assert str(refused.value) == f"{PUBLIC_ZH} ({PUBLIC_EN})"
    assert bilingual("门牌码格式不正确", "the plate code is malformed") == "门牌码格式不正确 / the plate code is malformed"


@pytest.mark.parametrize("language, expected", [("zh-hans", ZH), ("zh", ZH), ("en", EN), ("en-us", EN), (None, ZH)])
def test_a_reader_gets_their_language_alone(language, expected):
    with reader_language(lambda: language):
        with pytest.raises(InvalidIdNumber) as parsed:
            parse_id_number(WRONG)
        assert str(parsed.value) == expected and str(parsed.value.errors[0]) == expected
        assert str(Bilingual(ZH, EN)) == expected
    assert str(Bilingual(ZH, EN)) == f"{ZH} / {EN}"  # the reader is forgotten once the block ends


def test_several_problems_are_listed_in_the_readers_language():
    bad = "990106" + WRONG[6:]  # no province 99, and the check digit
    with pytest.raises(InvalidIdNumber) as parsed:
        parse_id_number(bad)
    zh, en = "；".join(e.zh for e in parsed.value.errors), "; ".join(e.en for e in parsed.value.errors)
    assert len(parsed.value.errors) >= 2 and "; " in str(parsed.value) and "（" in zh
    for language, text in (("zh-hans", zh), ("en", en)):
        with reader_language(lambda language=language: language):
            assert str(parsed.value) == text


def test_the_landlord_page_says_what_is_wrong_with_the_number_in_the_readers_language_only(client, make_user):
    client.force_login(make_user("13811112222", "landlord", None, phone="13811112222", password=None))
    for language, side in LANGUAGES:
        page = client.post("/landlord/verify/", {"name": "王五", "id_number": WRONG},
                           HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert (PUBLIC_ZH, PUBLIC_EN)[side] in page and (PUBLIC_ZH, PUBLIC_EN)[1 - side] not in page, language


def test_a_plate_code_that_is_malformed_or_unknown_is_explained_in_the_readers_language_only(client, tree):
    house = make_house(tree, "A-0100", "文一西路100号", "A1C1G1")
    serial = house.plates.get().serial
    for token, words in (("abc", ("门牌码格式不正确", "the plate code is malformed")),
                         (f"{serial}.{'0' * 10}", ("门牌码校验失败", "the plate code failed its check"))):
        for language, side in LANGUAGES:
            response = client.get(f"/p/{token}/", HTTP_ACCEPT_LANGUAGE=language)
            page = response.content.decode()
            assert response.status_code == 404 and words[side] in page and words[1 - side] not in page


def test_the_api_answers_in_the_readers_language_only(tree, officer_a, resident):
    house = make_house(tree, "A-0100", "文一西路100号", "A1C1G1")
    staff, public = APIClient(), APIClient()
    staff.force_authenticate(officer_a)
    public.force_authenticate(resident)
    declaration = {"plate": house.plates.get().token, "name": "周八", "id_number": WRONG, "phone": "13512345678",
                   "move_in": timezone.localdate().isoformat()}
    for language, side in LANGUAGES:
        answers = [
            (public.post("/api/declarations/", declaration, format="json", HTTP_ACCEPT_LANGUAGE=language), 400,
             (PUBLIC_ZH, PUBLIC_EN)),
            (public.post("/api/declarations/", {**declaration, "plate": "abc"}, format="json",
                         HTTP_ACCEPT_LANGUAGE=language), 400, ("门牌码格式不正确", "the plate code is malformed")),
            (public.post("/api/declarations/", {**declaration, "plate": ""}, format="json",
                         HTTP_ACCEPT_LANGUAGE=language), 400, ("需要门牌码或标准地址编码", "give plate or address_code")),
            (staff.get("/api/people/999999/", HTTP_ACCEPT_LANGUAGE=language), 404, ("未找到", "Not found")),
            (public.get("/api/people/", HTTP_ACCEPT_LANGUAGE=language), 403,
             ("需要绑定辖区", "a staff account bound to a jurisdiction")),
        ]
        for response, status, words in answers:
            text = response.content.decode()
            assert response.status_code == status and words[side] in text and words[1 - side] not in text, text


@pytest.mark.parametrize("text, zh, en", [
    ("居住登记核录 registration verification", "居住登记核录", "registration verification"),
    ("关爱 care check", "关爱", "care check"),
    ("管理后台 admin", "管理后台", "admin"),
    # not the platform's two-language form: as it is, whoever reads it
    ("协查通报", "协查通报", "协查通报"), ("counter: registration", "counter: registration", "counter: registration"),
    ("核查 case 2026-113", "核查 case 2026-113", "核查 case 2026-113"), ("入户 Home visit", "入户 Home visit", "入户 Home visit"),
    ("", "", ""),
])
def test_a_text_in_both_languages_reads_in_the_readers_half(text, zh, en):
    for language, expected in (("zh-hans", zh), ("en", en)):
        with reader_language(lambda language=language: language):
            assert reader_half(text) == expected
    assert reader_half(text) == text  # no reader known (the command line): both, as written
