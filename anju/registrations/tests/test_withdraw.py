"""The declarant withdraws (撤回) or corrects (修改) a declaration still waiting for police: it leaves the officers' queue,
cannot be approved any more, its on-site check is cancelled; once police decided it, it stays as decided."""
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from anju.audit.models import AuditEntry
from anju.registrations.models import Declaration, VerificationTask
from anju.registrations.services import (
    RegistrationError, declaration_approve, declaration_reject, declaration_withdraw, task_complete, task_create,
)
from anju.registrations.selectors import tasks_for
from anju.registrations.tests.test_check_out import check_in  # noqa: F401 (fixture)
from conftest import valid_id

pytestmark = pytest.mark.django_db


def withdraw(client, declaration):
    return client.post(reverse("registrations:my_declaration_withdraw", args=[declaration.pk]), follow=True)


def queue_page(client, officer):
    client.force_login(officer)
    return client.get(reverse("registrations:queue")).content.decode()


def test_the_declarant_withdraws_a_pending_declaration_and_the_queue_no_longer_lists_it(
        client, resident, officer_a, declare_as):
    declaration = declare_as(resident, name="周八")
    assert "周八" in queue_page(client, officer_a)
    client.force_login(resident)
    me = client.get(reverse("people:me")).content.decode()
    assert f'id="withdraw-{declaration.pk}"' in me and "撤回" in me
    page = withdraw(client, declaration).content.decode()
    declaration.refresh_from_db()
    assert declaration.status == "withdrawn" and declaration.decided_by == resident
    assert "已撤回" in page and f'id="withdraw-{declaration.pk}"' not in page
    entry = AuditEntry.objects.get(action="declaration.withdraw")
    assert entry.actor == resident and [int(i) for i in entry.object_ids] == [declaration.pk]
    assert "周八" not in queue_page(client, officer_a)


def test_a_withdrawn_declaration_cannot_be_approved_and_the_officer_is_told_why(
        client, resident, officer_a, declare_as):
    declaration = declare_as(resident)
    declaration_withdraw(actor=resident, declaration=declaration)
    with pytest.raises(RegistrationError, match="该申报已于 .* 撤回（申报人已撤回），不能再核准或退回"):
        declaration_approve(actor=officer_a, declaration=declaration)
    with translation.override("en"), pytest.raises(RegistrationError, match="This declaration was withdrawn on .*: it can no longer be approved"):
        declaration_approve(actor=officer_a, declaration=declaration)
    client.force_login(officer_a)
    url = reverse("registrations:declaration", args=[declaration.pk])
    page = client.get(url).content.decode()
    assert 'id="withdrawn"' in page and "无需再核定" in page and 'id="approve"' not in page
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nothing to decide, it can no longer be approved" in english
    # a page opened before the withdrawal and sent after it
    page = client.post(url, {"action": "approve"}, follow=True).content.decode()
    assert "撤回（申报人已撤回）" in page and not declaration.tasks.exists()
    assert Declaration.objects.get(pk=declaration.pk).status == "withdrawn"


def test_withdrawing_twice_changes_nothing_the_second_time(client, resident, declare_as):
    declaration = declare_as(resident)
    client.force_login(resident)
    withdraw(client, declaration)
    first = Declaration.objects.get(pk=declaration.pk).decided_at
    page = withdraw(client, declaration).content.decode()
    assert Declaration.objects.get(pk=declaration.pk).decided_at == first
    assert AuditEntry.objects.filter(action="declaration.withdraw").count() == 1
    assert 'class="errors"' not in page and "已撤回" in page


@pytest.mark.parametrize("decided", ["approved", "rejected"])
def test_a_declaration_the_police_decided_cannot_be_withdrawn(client, resident, officer_a, declare_as, decided):
    declaration = declare_as(resident)
    if decided == "approved":
        declaration_approve(actor=officer_a, declaration=declaration)
    else:
        declaration_reject(actor=officer_a, declaration=declaration, reason="地址不符")
    client.force_login(resident)
    assert f'id="withdraw-{declaration.pk}"' not in client.get(reverse("people:me")).content.decode()
    page = withdraw(client, declaration).content.decode()
    assert "社区民警已核定该申报" in page and "不能再撤回或修改" in page
    assert Declaration.objects.get(pk=declaration.pk).status == decided
    assert not AuditEntry.objects.filter(action="declaration.withdraw").exists()
    with translation.override("en"), pytest.raises(RegistrationError, match="can no longer be withdrawn"):
        declaration_withdraw(actor=resident, declaration=declaration)


def test_withdrawing_cancels_the_on_site_check_sent_for_it(resident, officer_a, auxiliary_a, declare_as):
    declaration = declare_as(resident)
    task = task_create(actor=officer_a, declaration=declaration, assignee=auxiliary_a,
                       due_on=timezone.localdate() + timezone.timedelta(days=2))
    assert list(tasks_for(user=auxiliary_a)) == [task]
    declaration_withdraw(actor=resident, declaration=declaration)
    task.refresh_from_db()
    assert task.status == "cancelled" and task.done_at is not None
    assert list(tasks_for(user=auxiliary_a)) == [] and list(tasks_for(user=auxiliary_a, done=True)) == [task]
    assert AuditEntry.objects.get(action="declaration.withdraw").detail["tasks_cancelled"] == [task.pk]
    with pytest.raises(RegistrationError, match="核查已取消"):
        task_complete(actor=auxiliary_a, task=task, result="confirmed")


def test_the_childrens_declarations_are_withdrawn_with_the_parents(resident, declare_as):
    declaration = declare_as(resident, children=[("周小八", valid_id(birth="20180601", seq="702"))])
    declaration_withdraw(actor=resident, declaration=declaration)
    assert set(Declaration.objects.values_list("status", flat=True)) == {"withdrawn"}


def test_nobody_else_withdraws_a_declaration(client, resident, officer_a, make_user, declare_as):
    declaration = declare_as(resident)
    other = make_user("13900000002", "resident", None, phone="13900000002", password=None)
    client.force_login(other)
    assert withdraw(client, declaration).status_code == 404
    for actor in (other, officer_a):
        with pytest.raises(RegistrationError, match="只有提交该申报的人"):
            declaration_withdraw(actor=actor, declaration=declaration)
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"


def test_a_tenants_check_in_declaration_is_withdrawn_by_checking_out_not_here(landlord, check_in):
    declaration = Declaration.objects.get(tenancy=check_in())
    with pytest.raises(RegistrationError, match="退租"):
        declaration_withdraw(actor=landlord, declaration=declaration)
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"


def test_the_queue_says_when_a_ticked_declaration_was_withdrawn_meanwhile(client, resident, officer_a, declare_as):
    kept = declare_as(resident, seq="701", name="周八")
    gone = declare_as(resident, seq="703", name="吴九")
    declaration_withdraw(actor=resident, declaration=gone)
    client.force_login(officer_a)
    page = client.post(reverse("registrations:queue"), {"ids": [kept.pk, gone.pk]}, follow=True).content.decode()
    assert "已通过 1 条申报" in page
    assert "1 条勾选的申报已不再等待核定" in page
    assert Declaration.objects.get(pk=gone.pk).status == "withdrawn"


# Correcting ------------------------------------------------------------------------------------------------------------

def correct_url(declaration):
    return reverse("registrations:my_declaration_correct", args=[declaration.pk])


def test_correcting_opens_the_form_filled_from_the_declaration(client, resident, declare_as):
    declaration = declare_as(resident, name="周八", employer="某某餐厅",
                             children=[("周小八", valid_id(birth="20180601", seq="702"))])
    client.force_login(resident)
    page = client.get(correct_url(declaration)).content.decode()
    assert 'id="replaces"' in page and "修改申报" in page
    assert 'value="周八"' in page and f'value="{valid_id(seq="701")}"' in page and 'value="某某餐厅"' in page
    assert 'value="周小八"' in page and f'value="{valid_id(birth="20180601", seq="702")}"' in page
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"  # only opening it changes nothing


def test_a_correction_files_the_new_declaration_and_withdraws_the_old_one(client, resident, officer_a, declare_as):
    declaration = declare_as(resident, name="州八")
    client.force_login(resident)
    data = {"name": "周八", "id_number": valid_id(seq="701"), "phone": "13512345678",
            "move_in": (timezone.localdate() - timezone.timedelta(days=3)).isoformat(), "token": "fix-1"}
    page = client.post(correct_url(declaration), data, follow=True).content.decode()
    corrected = Declaration.objects.exclude(pk=declaration.pk).get()
    assert corrected.status == "pending" and corrected.name == "周八" and corrected.house == declaration.house
    assert Declaration.objects.get(pk=declaration.pk).status == "withdrawn"
    assert "已修改" in page
    entry = AuditEntry.objects.get(action="declaration.correct")
    assert entry.detail == {"replaced": declaration.pk, "by": corrected.pk}
    # the same correction sent twice files it once
    client.post(correct_url(declaration), data)
    assert Declaration.objects.count() == 2
    queue = queue_page(client, officer_a)
    assert "周八" in queue and "州八" not in queue


def test_a_correction_refused_leaves_the_first_declaration_waiting(client, resident, declare_as):
    declaration = declare_as(resident)
    client.force_login(resident)
    data = {"name": "周八", "id_number": valid_id(seq="701"), "phone": "13512345678",
            "move_in": (timezone.localdate() + timezone.timedelta(days=3)).isoformat(), "token": "fix-2"}
    page = client.post(correct_url(declaration), data).content.decode()
    assert "入住日期不能晚于今天" in page
    assert Declaration.objects.get().status == "pending"
    assert not AuditEntry.objects.filter(action__in=["declaration.withdraw", "declaration.correct"]).exists()


def test_a_declaration_the_police_decided_is_not_corrected(client, resident, officer_a, declare_as):
    declaration = declare_as(resident)
    declaration_approve(actor=officer_a, declaration=declaration)
    client.force_login(resident)
    page = client.get(correct_url(declaration), follow=True).content.decode()
    assert "不能再修改" in page and 'id="declare"' not in page
    assert Declaration.objects.count() == 1


def test_the_app_withdraws_through_the_api_and_is_told_when_it_cannot(resident, officer_a, make_user, declare_as):
    from rest_framework.test import APIClient

    waiting, decided = declare_as(resident, seq="701"), declare_as(resident, seq="703", name="吴九")
    declaration_approve(actor=officer_a, declaration=decided)
    api = APIClient()
    api.force_authenticate(resident)
    response = api.post(f"/api/declarations/{waiting.pk}/withdraw/")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert api.post(f"/api/declarations/{waiting.pk}/withdraw/").status_code == 200  # again: nothing more
    refused = api.post(f"/api/declarations/{decided.pk}/withdraw/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "can no longer be withdrawn" in refused.json()["detail"]
    other = APIClient()
    other.force_authenticate(make_user("13900000002", "resident", None, phone="13900000002", password=None))
    assert other.post(f"/api/declarations/{decided.pk}/withdraw/").status_code == 404
    officer = APIClient()
    officer.force_authenticate(officer_a)
    assert officer.post(f"/api/declarations/{waiting.pk}/withdraw/").status_code == 404  # nothing of theirs
    assert AuditEntry.objects.filter(action="declaration.withdraw").count() == 1
