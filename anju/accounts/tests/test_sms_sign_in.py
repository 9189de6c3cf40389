"""Residents, landlords and employers sign in with their phone and a one-time SMS code."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from anju.accounts import sms
from anju.accounts.models import SmsCode, User
from anju.accounts.services import AccountError, phone_normalise, sms_code_send, sms_code_verify


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()


def last_code(phone):
    sent_to, text = sms.outbox[-1]
    assert sent_to == phone
    return re.search(r"\d{6}", text).group()


@pytest.mark.django_db(transaction=True)
def test_first_sign_in_creates_the_account_with_the_chosen_role(client, tree):
    client.post("/m/login/", {"phone": "13912345678", "send": "1"})
    code = last_code("13912345678")
    response = client.post("/m/login/", {"phone": "13912345678", "code": code, "role": "landlord"})
    assert response.status_code == 302
    user = User.objects.get(phone="13912345678")
    assert user.role == "landlord" and user.jurisdiction is None and not user.has_usable_password()
    assert response["Location"] == "/landlord/"  # a landlord lands on their houses, not on a resident's page


@pytest.mark.django_db(transaction=True)
def test_asking_for_a_second_code_within_the_minute_says_when_to_ask_again(client, tree):
    client.post("/m/login/", {"phone": "13912345678", "send": "1"})
    response = client.post("/m/login/", {"phone": "13912345678", "send": "1"}, follow=True)
    assert response.status_code == 200 and "秒后" in response.content.decode()
    assert 'value="13912345678"' in response.content.decode() and len(sms.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_code_is_single_use(tree):
    sms_code_send(phone="13912345678")
    code = last_code("13912345678")
    sms_code_verify(phone="13912345678", code=code)
    with pytest.raises(AccountError, match="先获取|first"):
        sms_code_verify(phone="13912345678", code=code)


@pytest.mark.django_db(transaction=True)
def test_expired_code_is_refused_with_a_clear_message(tree):
    sms_code_send(phone="13912345678")
    code = last_code("13912345678")
    SmsCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(AccountError, match="过期"):
        sms_code_verify(phone="13912345678", code=code)


@pytest.mark.django_db(transaction=True)
def test_wrong_codes_are_counted_and_the_code_dies_after_too_many(tree, settings):
    sms_code_send(phone="13912345678")
    code = last_code("13912345678")
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.ANJU_SMS_MAX_ATTEMPTS):
        with pytest.raises(AccountError, match="验证码错误"):
            sms_code_verify(phone="13912345678", code=wrong)
    with pytest.raises(AccountError, match="次数过多"):
        sms_code_verify(phone="13912345678", code=code)


@pytest.mark.django_db(transaction=True)
def test_a_second_code_within_a_minute_is_refused(tree):
    sms_code_send(phone="13912345678")
    with pytest.raises(AccountError, match="秒"):
        sms_code_send(phone="13912345678")
    assert len(sms.outbox) == 1


@pytest.mark.django_db
def test_only_a_mac_of_the_code_is_stored(tree):
    record = sms_code_send(phone="13912345678")
    assert len(record.code_mac) == 64 and not record.code_mac.isdigit()


@pytest.mark.parametrize("raw, expected", [
    ("13912345678", "13912345678"), ("+86 139-1234-5678", "13912345678"), ("１３９１２３４５６７８", "13912345678"),
])
def test_phone_numbers_are_normalised(raw, expected):
    assert phone_normalise(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "23912345678", "1391234567a", ""])
def test_bad_phone_numbers_are_refused_by_name(raw):
    with pytest.raises(AccountError, match="手机号|mobile"):
        phone_normalise(raw)


@pytest.mark.django_db(transaction=True)
def test_staff_phone_cannot_sign_in_by_sms(make_user):
    make_user("officer_x", "officer", "A1", phone="13700000000")
    sms_code_send(phone="13700000000")
    code = last_code("13700000000")
    from django.test import RequestFactory
    from django.contrib.sessions.middleware import SessionMiddleware

    from anju.accounts.services import public_sign_in

    request = RequestFactory().post("/m/login/")
    SessionMiddleware(lambda r: None).process_request(request)
    with pytest.raises(AccountError, match="密码"):
        public_sign_in(request, phone="13700000000", code=code)
