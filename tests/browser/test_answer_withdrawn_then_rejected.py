"""A person asked by SMS about a finding said "yes", then withdraws that declaration from their phone: the question is
theirs to answer again on "my record", and the officer's page of the finding says the answer was withdrawn, when and
with which declaration. They say "yes" again; the officer, finding otherwise on site, rejects the finding, and the
person's declaration comes back to them returned, saying why."""
import pytest

from anju.accounts import sms
from anju.fusion.models import Finding, Observation, Profile, Source
from anju.fusion.services import finding_person_answer, findings_ask_persons
from anju.fusion.tests.test_tasks import NUMBER, make_finding
from anju.registrations.models import Declaration
from conftest import make_house
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, signed_in
from tests.browser.test_withdraw_declaration import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answered_yes(tree, resident, officer, code, address):
    """A finding at a house of ``address`` (standard address ``code``), asked of the resident by SMS, whom a door
    record of theirs names: they answered "yes". The finding and the declaration that answer filed."""
    house = make_house(tree, code, address, "A1C1G1")
    source = Source.objects.create(name="门禁", kind="door", meaning="home")
    Profile.objects.create(key="P1", source=source, name="张伟", phone=resident.phone)
    Observation.objects.create(source=source, record_id="MJ1", profile="P1", digest="d1")
    finding = make_finding(tree, house.standard_address, proposal="confirm_by_sms", record_ids=["MJ1"],
                           assignee=officer)
    assert findings_ask_persons() == 1
    return finding, finding_person_answer(actor=resident, finding=finding, answer="yes",
                                          id_number=NUMBER).person_declaration


def test_a_withdrawn_yes_shows_on_the_finding_and_rejecting_returns_the_next_one(browser, live_server, page, tree,
                                                                                  resident, officer_a):
    finding, first = answered_yes(tree, resident, officer_a, "A-0920",
                                  "浙江省杭州市西湖区文新街道文一西路920号1幢1单元101室")

    person = phone(browser, live_server)
    sign_in(person, resident.phone)
    assert person.locator("#to-confirm").count() == 0  # answered
    person.once("dialog", lambda dialog: dialog.accept())
    with person.expect_navigation():
        person.click(f"#withdraw-{first.pk}")
    assert "申报已撤回" in person.locator("#messages").inner_text()
    person.goto(person.base + "/me/")
    assert "文一西路920号" in person.locator("#to-confirm").inner_text()  # theirs to answer again

    signed_in(page, officer_a)
    page.goto(f"{page.base}/staff/findings/{finding.pk}/")
    withdrawn = page.locator("#answer-withdrawn").inner_text()
    assert "本人答复：在此居住" in withdrawn and "撤回" in withdrawn and "目前无答复" in withdrawn
    assert f"本人申报 {first.pk}" in withdrawn
    assert page.evaluate(OVERFLOW) == []
    screenshot(page, "finding-answer-withdrawn")

    person.locator("#to-confirm input[name=id_number]").fill(NUMBER)
    with person.expect_navigation():
        person.locator("#to-confirm button:has-text('属实，我住在这里')").click()
    again = Finding.objects.get(pk=finding.pk).person_declaration
    assert again.pk != first.pk and again.status == "pending"

    page.reload()
    assert "待核录" in page.locator("#person-declaration-status").inner_text()
    rejecting = page.locator("form:has(#reject_note)")
    rejecting.locator("#reject_note").fill("上门核实：房东称无此人")
    sms.outbox.clear()
    with page.expect_navigation():
        rejecting.locator("button").click()
    assert Finding.objects.get(pk=finding.pk).status == "rejected"
    assert "已退回" in page.locator("#person-declaration-status").inner_text()
    assert any("退回" in text for number, text in sms.outbox if number == resident.phone)

    person.goto(f"{person.base}/me/declarations/{again.pk}/")
    assert person.locator("#declaration-status").inner_text() == "已退回"
    assert "社区民警现场核实该地址，未能确认您在此居住" in person.locator("main").inner_text()
    assert "房东称无此人" not in person.locator("main").inner_text()  # the officer's note stays with the police
    assert person.evaluate(OVERFLOW) == []
    screenshot(person, "phone-declaration-returned-by-finding")
    assert Declaration.objects.get(pk=first.pk).status == "withdrawn"
    person.context.close()
