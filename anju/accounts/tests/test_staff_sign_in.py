"""Staff sign in with a password, are locked out after repeated failures, and need a jurisdiction."""
from datetime import timedelta

from django.utils import timezone

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from conftest import PASSWORD


def sign_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_officer_signs_in_and_lands_on_their_overview(client, officer_a):
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "甲派出所" in client.get("/").content.decode()
    assert AuditEntry.objects.filter(action="sign_in", actor=officer_a).exists()


def test_wrong_password_says_how_many_attempts_are_left(client, officer_a):
    body = sign_in(client, "officer_a", "wrong").content.decode()
    assert "4" in body and ("用户名或密码错误" in body)


def test_fifth_failure_locks_the_account_even_for_the_right_password(client, officer_a, settings):
    for _ in range(settings.ANJU_LOGIN_MAX_FAILURES):
        sign_in(client, "officer_a", "wrong")
    officer_a.refresh_from_db()
    assert officer_a.is_locked()
    body = sign_in(client, "officer_a", PASSWORD).content.decode()
    assert "锁定" in body
    assert "_auth_user_id" not in client.session


def test_lock_expires(client, officer_a):
    User.objects.filter(pk=officer_a.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert sign_in(client, "officer_a", PASSWORD).status_code == 302


def test_unknown_user_gets_the_same_message_as_a_wrong_password(client, tree):
    body = sign_in(client, "nobody", "whatever").content.decode()
    assert "用户名或密码错误" in body


def test_staff_without_jurisdiction_cannot_sign_in_and_is_told_why(client, officer_a):
    User.objects.filter(pk=officer_a.pk).update(jurisdiction=None)
    body = sign_in(client, "officer_a", PASSWORD).content.decode()
    assert "未绑定" in body
    assert "_auth_user_id" not in client.session


def test_public_user_cannot_use_the_staff_password_page(client, resident):
    resident.set_password(PASSWORD)
    resident.save()
    assert "用户名或密码错误" in sign_in(client, resident.username, PASSWORD).content.decode()


def test_sign_in_page_is_chinese_by_default_and_english_on_request(client, tree):
    assert "工作人员登录" in client.get("/login/").content.decode()
    assert "Staff sign-in" in client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_error_messages_follow_the_language(client, officer_a):
    body = client.post("/login/", {"username": "officer_a", "password": "x"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wrong user name or password" in body


def test_admin_login_goes_through_the_staff_page(client, tree):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_open_redirect_after_sign_in_is_refused(client, officer_a):
    response = client.post("/login/", {"username": "officer_a", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"
