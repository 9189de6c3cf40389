"""Signing in as people really do: an officer at a desk in Chinese or English, a resident on a phone."""
import re

import pytest

from anju.accounts import sms
from conftest import PASSWORD
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_in_chinese_and_sees_only_their_station(page, officer_a, people):
    page.goto(page.base + "/staff/people/")
    assert "/login/" in page.url
    assert page.locator("h1").inner_text() == "工作人员登录"
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/people/$"))
    table = page.locator("#people").inner_text()
    assert "张甲" in table and "李乙" not in table
    assert "实有人口" in page.locator("header").inner_text()
    screenshot(page, "sign-in-zh-people-list")


def test_officer_switches_to_english_and_signs_in(page, officer_a, people):
    page.goto(page.base + "/login/")
    with page.expect_navigation():
        page.click("#lang-switch button[value=en]")
    assert page.locator("h1").inner_text() == "Staff sign-in"
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "wrong password")
    page.click("#sign-in button[type=submit]")
    assert "Wrong user name or password" in page.locator(".errors").inner_text()
    page.fill("#id_password", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_url(page.base + "/")
    assert "Population" in page.locator("header").inner_text()
    assert "甲派出所" in page.locator("h1").inner_text()
    screenshot(page, "sign-in-en-overview")


def test_wrong_password_in_chinese_names_attempts_left(page, officer_a):
    page.goto(page.base + "/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "nope")
    page.click("#sign-in button[type=submit]")
    assert "用户名或密码错误" in page.locator(".errors").inner_text()


def test_resident_signs_in_on_a_phone_with_an_sms_code(phone_page, resident, people):
    person = people["a"]
    person.account = resident
    person.save()
    sms.outbox.clear()
    page = phone_page
    page.goto(page.base + "/m/login/")
    page.fill("#id_phone", resident.phone)
    with page.expect_navigation():
        page.click("button[name=send]")
    assert "验证码已发送" in page.content()
    code = re.search(r"\d{6}", sms.outbox[-1][1]).group()
    page.fill("#id_code", code)
    page.click("button[name=verify]")
    page.wait_for_url(re.compile(r"/me/$"))
    assert "我的信息" in page.locator("h1").inner_text()
    assert person.id_masked in page.content()
    screenshot(page, "public-sign-in-me")


def test_a_code_never_sent_and_a_wrong_code_are_explained_on_the_phone(phone_page, tree):
    sms.outbox.clear()
    page = phone_page
    page.goto(page.base + "/m/login/")
    page.fill("#id_phone", "13911112222")
    page.fill("#id_code", "123456")
    page.click("button[name=verify]")
    assert "请先获取验证码" in page.locator(".errors").inner_text()
    with page.expect_navigation():
        page.click("button[name=send]")
    real = re.search(r"\d{6}", sms.outbox[-1][1]).group()
    page.fill("#id_code", f"{(int(real) + 1) % 10**6:06d}")
    page.click("button[name=verify]")
    assert page.locator(".errors").inner_text().strip() == "验证码错误"
