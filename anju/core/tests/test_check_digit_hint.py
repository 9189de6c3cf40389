"""A mistyped check digit: the public (a resident declaring, a landlord checking a tenant in, a person answering a
finding, the API) is told only that it is wrong and to check the number; staff are still told the digit it should be
(anju.core.identity decides, for the forms and the services alike)."""
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anju.houses.services import HouseError, landlord_verify, tenant_check_in
from anju.houses.tests.conftest import house, landlord  # noqa: F401 (fixtures: a verified landlord's group house)
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.registrations.models import Declaration
from anju.registrations.services import RegistrationError, declare
from anju.fusion.tests.conftest import addresses  # noqa: F401 (fixture)
from conftest import valid_id

pytestmark = pytest.mark.django_db

RIGHT = valid_id(seq="515")
WRONG = RIGHT[:-1] + ("0" if RIGHT[-1] != "0" else "1")
HINT_ZH, HINT_EN = f"校验码错误，应为 {RIGHT[-1]}", f"wrong check digit, should be {RIGHT[-1]}"
PLAIN_ZH, PLAIN_EN = "校验码错误，请核对号码", "wrong check digit: please check the number"


def told(text: str, *, hint: bool) -> bool:
    """``text`` says the check digit is wrong, with the digit it should be or without it (never both ways)."""
    if hint:
        return HINT_ZH in text and PLAIN_ZH not in text
    return PLAIN_ZH in text and "应为" not in text


def check_in_page(client, user, house):
    client.force_login(user)
    return client.post(f"/houses/{house.pk}/check-in/", {
        "name": "赵六", "id_number": WRONG, "phone": "13712345678", "move_in": timezone.localdate().isoformat(),
        "token": "t1"}).content.decode()


def test_a_resident_declaring_is_not_told_which_check_digit_to_type(client, resident, house):
    client.force_login(resident)
    page = client.post(f"/p/{house.plates.get().token}/declare/", {
        "name": "周八", "id_number": WRONG, "phone": "13512345678", "move_in": timezone.localdate().isoformat(),
        "token": "t1"}).content.decode()
    assert told(page, hint=False) and RIGHT not in page
    english = client.post(f"/p/{house.plates.get().token}/declare/", {
        "name": "周八", "id_number": WRONG, "phone": "13512345678", "move_in": timezone.localdate().isoformat(),
        "token": "t2"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert PLAIN_EN in english and "should be" not in english
    assert not Declaration.objects.exists()


def test_a_landlord_checking_a_tenant_in_is_not_told_the_check_digit(client, landlord, house):
    page = check_in_page(client, landlord, house)
    assert told(page, hint=False) and "公民身份号码：校验码错误" in page


def test_staff_checking_a_tenant_in_for_the_landlord_are_told_the_check_digit(client, officer_a, house):
    assert told(check_in_page(client, officer_a, house), hint=True)


def test_the_services_word_it_for_whoever_acts(resident, officer_a, landlord, house):
    def refused(call):
        with pytest.raises((RegistrationError, HouseError)) as exc:
            call()
        return str(exc.value)

    move_in = timezone.localdate()
    assert told(refused(lambda: declare(actor=resident, channel="resident", house=house, name="周八", id_number=WRONG,
                                        move_in=move_in)), hint=False)
    assert told(refused(lambda: declare(actor=officer_a, channel="police", house=house, name="周八", id_number=WRONG,
                                        move_in=move_in)), hint=True)
    assert told(refused(lambda: declare(actor=resident, channel="resident", house=house, name="周八",
                                        id_number=valid_id(seq="701"), move_in=move_in,
                                        children=[("周小八", WRONG)])), hint=False)
    assert told(refused(lambda: tenant_check_in(actor=landlord, house=house, name="赵六", id_number=WRONG,
                                                move_in=move_in)), hint=False)
    assert told(refused(lambda: tenant_check_in(actor=officer_a, house=house, name="赵六", id_number=WRONG,
                                                move_in=move_in)), hint=True)
    assert told(refused(lambda: landlord_verify(user=landlord, name="房东甲", id_number=WRONG)), hint=False)


def test_a_person_answering_a_finding_is_not_told_the_check_digit(addresses, resident):
    from anju.fusion.services import FindingError, finding_person_answer, phone_hash
    from anju.fusion.tests.test_tasks import make_finding

    finding = make_finding(None, addresses["a101"], number=RIGHT, sms_phone_hash=phone_hash(resident.phone))
    with pytest.raises(FindingError) as refused:
        finding_person_answer(actor=resident, finding=finding, answer="yes", id_number=WRONG)
    assert told(str(refused.value), hint=False)


def test_the_api_tells_a_resident_no_check_digit(resident, house):
    api = APIClient()
    api.force_authenticate(resident)
    response = api.post("/api/declarations/", {"plate": house.plates.get().token, "name": "周八", "id_number": WRONG,
                                               "phone": "13512345678", "move_in": timezone.localdate().isoformat()},
                        format="json")
    assert response.status_code == 400 and told(response.content.decode(), hint=False)


def test_without_hints_keeps_every_other_problem_as_it_was():
    bad = "990106" + WRONG[6:]  # no province 99, and the check digit
    with pytest.raises(InvalidIdNumber) as parsed:
        parse_id_number(bad)
    plain = parsed.value.without_hints()
    assert [e.code for e in plain.errors] == [e.code for e in parsed.value.errors]
    assert [e.zh for e in plain.errors if e.code != "check_digit"] == [
        e.zh for e in parsed.value.errors if e.code != "check_digit"]
    assert PLAIN_ZH in str(plain) and "应为" not in str(plain)
