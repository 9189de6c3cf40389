"""The community officer's queue: bulk for clean ones, one by one for flagged, tasks, registrations, moves."""
import pytest
from django.utils import timezone

from anju.registrations.models import Declaration, Registration, VerificationTask
from anju.registrations.services import (
    RegistrationError, declaration_approve, declaration_reject, declarations_approve_clean, registration_end,
    task_complete, task_create,
)
from conftest import valid_id


def test_bulk_approval_takes_clean_ones_and_leaves_flagged_ones(officer_a, resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"), (valid_id(seq="703"), "吴九"))
    clean = declare_as(resident, seq="701", name="周八")
    flagged = declare_as(resident, seq="703", name="吴久")
    approved, skipped = declarations_approve_clean(actor=officer_a, declarations=[clean, flagged])
    assert approved == 1 and skipped == ["吴久"]
    assert Declaration.objects.get(pk=flagged.pk).status == "pending"
    registration = Registration.objects.get()
    assert registration.name == "周八" and registration.status == "active" and registration.account == resident


def test_a_flagged_declaration_needs_the_officers_note(officer_a, resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"))
    flagged = declare_as(resident, name="州八")
    with pytest.raises(RegistrationError, match="备注|note"):
        declaration_approve(actor=officer_a, declaration=flagged)
    declaration_approve(actor=officer_a, declaration=flagged, note="现场核实为登记错字，已更正")
    assert Declaration.objects.get(pk=flagged.pk).decision_note.startswith("现场核实")


def test_the_flagged_message_names_the_flags_in_words_in_the_current_language(officer_a, resident, declare_as,
                                                                              registry):
    from django.utils import translation

    registry((valid_id(seq="999"), "别人"))
    flagged = declare_as(resident)
    with pytest.raises(RegistrationError) as refused:
        declaration_approve(actor=officer_a, declaration=flagged)
    assert "人口库无此号码" in str(refused.value) and "unknown_id" not in str(refused.value)
    with translation.override("en"), pytest.raises(RegistrationError, match="not in the registry"):
        declaration_approve(actor=officer_a, declaration=flagged)


def test_a_childs_flags_are_shown_in_words(client, officer_a, resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"))
    declaration = declare_as(resident, children=[("周小八", valid_id(birth="20180601", seq="702"))])
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert "周小八" in page and "人口库无此号码" in page and "unknown_id" not in page


def test_an_officer_of_another_station_cannot_decide(officer_b, resident, declare_as):
    declaration = declare_as(resident)
    with pytest.raises(RegistrationError, match="辖区|jurisdiction"):
        declaration_approve(actor=officer_b, declaration=declaration)


def test_rejection_needs_a_reason_and_is_final(officer_a, resident, declare_as):
    declaration = declare_as(resident)
    with pytest.raises(RegistrationError):
        declaration_reject(actor=officer_a, declaration=declaration, reason=" ")
    declaration_reject(actor=officer_a, declaration=declaration, reason="地址不存在")
    with pytest.raises(RegistrationError, match="已"):
        declaration_approve(actor=officer_a, declaration=declaration)


def test_a_blank_reject_reason_on_the_page_says_a_reason_is_needed(client, officer_a, resident, declare_as):
    declaration = declare_as(resident)
    client.force_login(officer_a)
    page = client.post(f"/staff/declarations/{declaration.pk}/", {"action": "reject", "reason": "   "}).content.decode()
    assert 'id="reject-errors"' in page and "请填写退回原因" in page
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"


def test_rejected_reads_as_each_flows_button_says_returned_declarations_and_rejected_findings(
        client, officer_a, resident, declare_as):
    from anju.fusion.choices import FindingStatus

    declaration = declare_as(resident)
    client.force_login(officer_a)
    answer = client.post(f"/staff/declarations/{declaration.pk}/", {"action": "reject", "reason": "地址不存在"},
                         follow=True).content.decode()
    assert "已退回" in answer and "驳回" not in answer
    assert Declaration.objects.get(pk=declaration.pk).get_status_display() == "已退回"
    assert str(FindingStatus.REJECTED.label) == "已驳回"  # its button 驳回：经核实不属实, its message 已驳回：…


def test_on_site_task_is_assigned_and_its_result_recorded(officer_a, auxiliary_a, resident, declare_as):
    declaration = declare_as(resident)
    task = task_create(actor=officer_a, declaration=declaration, assignee=auxiliary_a,
                       due_on=timezone.localdate() + timezone.timedelta(days=2), instructions="核实是否实际居住")
    task_complete(actor=auxiliary_a, task=task, result="confirmed", note="本人在家")
    task.refresh_from_db()
    assert task.status == "done" and task.result == "confirmed"
    with pytest.raises(RegistrationError):
        task_complete(actor=auxiliary_a, task=task, result="confirmed")


def test_a_move_closes_the_old_registration_and_keeps_the_history(officer_a, resident, declare_as, house2):
    declaration_approve(actor=officer_a, declaration=declare_as(resident, days_ago=30))
    new = declaration_approve(actor=officer_a, declaration=declare_as(resident, target=house2, days_ago=2))
    old = Registration.objects.exclude(pk=new.pk).get()
    assert old.status == "closed" and old.ended_on == new.starts_on and new.previous == old


def test_a_registration_is_valid_from_the_day_it_is_approved_and_starts_on_the_move_in_date(
        officer_a, resident, declare_as, settings):
    registration = declaration_approve(actor=officer_a, declaration=declare_as(resident, days_ago=360))
    today = timezone.localdate()
    assert registration.starts_on == today - timezone.timedelta(days=360)
    assert registration.valid_until == today + timezone.timedelta(days=settings.ANJU_REGISTRATION_VALID_DAYS)


def test_children_are_registered_with_the_parent(officer_a, resident, declare_as):
    declaration = declare_as(resident, children=[("周小八", valid_id(birth="20180601", seq="702"))])
    parent = declaration_approve(actor=officer_a, declaration=declaration)
    child = Registration.objects.get(guardian=parent)
    assert child.name == "周小八" and child.status == "active"


def test_landlord_check_out_proposes_deregistration_that_the_officer_confirms(officer_a, house, landlord):
    from anju.houses.services import tenant_check_in, tenant_check_out

    tenancy = tenant_check_in(actor=landlord, house=house, name="郑十", id_number=valid_id(seq="711"),
                              move_in=timezone.localdate() - timezone.timedelta(days=20))
    declaration_approve(actor=officer_a, declaration=Declaration.objects.get(kind="register"))
    tenant_check_out(actor=landlord, tenancy=tenancy)
    proposal = Declaration.objects.get(kind="deregister")
    assert Registration.objects.get().status == "active"  # nothing happens until the officer confirms
    declaration_approve(actor=officer_a, declaration=proposal)
    registration = Registration.objects.get()
    assert registration.status == "cancelled" and registration.end_reason


def test_deregistration_always_needs_a_reason(officer_a, resident, declare_as):
    registration = declaration_approve(actor=officer_a, declaration=declare_as(resident))
    with pytest.raises(RegistrationError):
        registration_end(actor=officer_a, registration=registration, reason="")


def test_the_queue_page_approves_only_clean_selected_ones(client, officer_a, resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"), (valid_id(seq="703"), "吴九"))
    clean, flagged = declare_as(resident, seq="701", name="周八"), declare_as(resident, seq="703", name="吴久")
    client.force_login(officer_a)
    body = client.get("/staff/declarations/").content.decode()
    assert "周八" in body and "吴久" in body and "人证不一" in body
    client.post("/staff/declarations/", {"ids": [clean.pk, flagged.pk]})
    assert Declaration.objects.get(pk=clean.pk).status == "approved"
    assert Declaration.objects.get(pk=flagged.pk).status == "pending"


def test_the_declaration_page_shows_declared_and_registry_side_by_side(client, officer_a, resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"))
    declaration = declare_as(resident, name="州八")
    client.force_login(officer_a)
    body = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    compare = body[body.index('id="compare"'):body.index("</table>", body.index('id="compare"'))]
    assert "州八" in compare and "周八" in compare and "同音" in compare
    client.force_login(officer_a)
    assert client.get(f"/staff/declarations/{declaration.pk}/").status_code == 200


def test_the_declaration_page_is_not_found_for_another_station(client, officer_b, resident, declare_as):
    declaration = declare_as(resident)
    client.force_login(officer_b)
    assert client.get(f"/staff/declarations/{declaration.pk}/").status_code == 404


def test_the_queue_uses_a_fixed_number_of_queries(client, officer_a, resident, declare_as, django_assert_max_num_queries):
    for i in range(20):
        declare_as(resident, seq=f"{720 + i}", name=f"人{i}", children=[("孩", valid_id(birth="20190101", seq=f"{800 + i}"))])
    client.force_login(officer_a)
    with django_assert_max_num_queries(16):
        assert client.get("/staff/declarations/").status_code == 200
    assert VerificationTask.objects.count() == 0


def test_the_on_site_task_pages_audit_the_declarations_they_show(client, officer_a, auxiliary_a, resident,
                                                                 declare_as):
    from anju.audit.models import AuditEntry

    declaration = declare_as(resident)
    task = task_create(actor=officer_a, declaration=declaration, assignee=auxiliary_a,
                       due_on=timezone.localdate() + timezone.timedelta(days=2), instructions="核实是否实际居住")
    client.force_login(auxiliary_a)
    assert declaration.name in client.get("/staff/tasks/").content.decode()
    assert AuditEntry.objects.filter(action="declaration.list", actor=auxiliary_a,
                                     subjects__object_id=str(declaration.pk)).exists()
    assert client.get(f"/staff/tasks/{task.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="declaration.read", actor=auxiliary_a,
                                     subjects__object_id=str(declaration.pk)).exists()


def test_done_on_site_checks_stay_listed_with_what_was_found(client, officer_a, auxiliary_a, officer_b, resident,
                                                             declare_as):
    declaration = declare_as(resident)
    task = task_create(actor=officer_a, declaration=declaration, assignee=auxiliary_a,
                       due_on=timezone.localdate() + timezone.timedelta(days=2))
    task_complete(actor=auxiliary_a, task=task, result="confirmed", note="现场核实在住")
    client.force_login(auxiliary_a)
    assert declaration.name not in client.get("/staff/tasks/").content.decode()  # nothing left to do
    done = client.get("/staff/tasks/", {"done": "1"}).content.decode()
    assert declaration.name in done and "现场核实在住" in done
    page = client.get(f"/staff/tasks/{task.pk}/").content.decode()
    assert 'id="task-done"' in page and 'id="task-result"' not in page
    client.force_login(officer_b)
    assert declaration.name not in client.get("/staff/tasks/", {"done": "1"}).content.decode()


def _registry_column(client, declaration):
    """The registry column of the comparison (ID number, sex, birth date) and the phone, as the page says them."""
    import re

    body = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    compare = body[body.index('id="compare"'):body.index("</table>", body.index('id="compare"'))]
    rows = re.findall(r"<tr><th>([^<]*)</th><td[^>]*>.*?</td><td[^>]*>(.*?)</td></tr>", compare)
    return [cell for _label, cell in rows[1:]], re.search(r"<dt>手机号码</dt><dd>(.*?)</dd>", body).group(1)


def test_the_declaration_page_leaves_no_registry_cell_or_phone_blank(client, officer_a, resident, declare_as,
                                                                     registry):
    client.force_login(officer_a)
    nothing_loaded = declare_as(resident, seq="705", name="郑十")
    Declaration.objects.filter(pk=nothing_loaded.pk).update(phone="")
    assert _registry_column(client, nothing_loaded) == (["—", "—", "—"], "—")
    registry((valid_id(seq="701"), "周八"), (valid_id(seq="704"), "吴十"))
    matched, mismatched = declare_as(resident, seq="701", name="周八"), declare_as(resident, seq="704", name="吴石")
    unknown = declare_as(resident, seq="703", name="吴九")
    assert _registry_column(client, matched) == (["一致", "一致", "一致"], "13512345678")
    cells, _phone = _registry_column(client, mismatched)
    assert cells[0] == "一致" and cells[1] == "女" and cells[2] == "1990-03-07"
    assert _registry_column(client, unknown)[0] == ["人口库无此号码", "—", "—"]


def test_the_declarant_is_texted_in_chinese_whatever_language_the_officer_works_in(
        officer_a, resident, declare_as, django_capture_on_commit_callbacks):
    """The SMS goes to the resident, not to the officer whose request sends it: an officer using the English interface
    approved or returned a declaration and the resident got "Your residence registration … is approved" in English."""
    from django.utils import translation

    from anju.accounts import sms

    approved, returned = declare_as(resident, seq="701", name="周八"), declare_as(resident, seq="703", name="吴九")
    sms.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        registration = declaration_approve(actor=officer_a, declaration=approved)
        declaration_reject(actor=officer_a, declaration=returned, reason="地址有误")
        registration_end(actor=officer_a, registration=registration, reason="已搬离")
    texts = [text for _, text in sms.outbox]
    assert len(texts) == 3, texts
    assert f"的居住登记已通过，登记编号 {registration.number}" in texts[0]
    assert "您的居住登记申报被退回：地址有误" in texts[1]
    assert "的居住登记已注销：已搬离" in texts[2]
    assert not any("Your residence" in text for text in texts)


@pytest.mark.parametrize("count, english", [(1, "1 declaration approved"), (2, "2 declarations approved")])
def test_the_bulk_approvals_count_reads_right_in_both_languages(client, officer_a, resident, declare_as, count,
                                                               english):
    ids = [declare_as(resident, seq=seq, name=name).pk for seq, name in [("701", "周八"), ("703", "吴九")][:count]]
    client.force_login(officer_a)
    page = client.post("/staff/declarations/", {"ids": ids}, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english in page  # before: "1 declarations approved"
    ids = [declare_as(resident, seq=seq, name=name).pk for seq, name in [("705", "郑十"), ("707", "王五")][:count]]
    page = client.post("/staff/declarations/", {"ids": ids}, follow=True).content.decode()
    assert f"已通过 {count} 条申报" in page
