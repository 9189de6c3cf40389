"""The person's "yes" to a finding (a declaration in the officers' queue, ``finding_person_answer``) and the finding
never say two things at once. An officer who rejects the finding on site returns that declaration, saying why, as
every return is texted; the person who withdraws the declaration (撤回) takes their "yes" back with it, and the
officer's page says so; a correction (修改) for the same number carries the answer on, and its approval confirms the
finding."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from anju.accounts import sms
from anju.audit.models import AuditEntry
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding
from anju.fusion.selectors import findings_to_confirm
from anju.fusion.services import FindingError, finding_person_answer, finding_reject
from anju.fusion.tests.test_confirm_with_persons_declaration import answered  # noqa: F401
from anju.fusion.tests.test_person_confirms import RESIDENT_PHONE, ask  # noqa: F401
from anju.fusion.tests.test_tasks import NUMBER
from anju.registrations.models import Declaration
from anju.registrations.selectors import declaration_queue
from anju.registrations.services import declaration_approve, declaration_correct, declaration_reject, declaration_withdraw
from conftest import valid_id

pytestmark = pytest.mark.django_db


def correction(answered, **changed):
    """``declaration_correct``'s arguments: the person's declaration filed again at its house, with ``changed``."""
    declaration = answered.person_declaration
    return {**dict(channel="resident", house=declaration.house, name=declaration.name, id_number=NUMBER,
                   move_in=declaration.move_in, phone=RESIDENT_PHONE, idempotency_key="correct-1"), **changed}


# An officer rejects the finding on site ---------------------------------------------------------------------------

def test_rejecting_on_site_returns_the_persons_declaration_saying_why_and_texts_them(
        answered, officer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):  # an officer working in English
        finding = finding_reject(actor=officer_a, finding=answered, note="上门核实：无此人")
    declaration = Declaration.objects.get(pk=answered.person_declaration_id)
    assert finding.status == FindingStatus.REJECTED
    assert declaration.status == "rejected" and declaration.decided_by == officer_a
    # the person reads it: in the platform's language, naming the on-site check and the finding, not the officer's note
    assert "社区民警现场核实该地址，未能确认您在此居住" in declaration.decision_note
    assert f"比对发现 {finding.pk}" in declaration.decision_note and "无此人" not in declaration.decision_note
    assert list(declaration_queue(user=officer_a)) == []
    (phone, text), = [(phone, text) for phone, text in sms.outbox if phone == RESIDENT_PHONE]
    assert "退回" in text and "未能确认您在此居住" in text
    assert AuditEntry.objects.filter(action="declaration.reject").count() == 1
    entry = AuditEntry.objects.get(action="fusion.finding.reject")
    assert entry.detail["declaration_returned"] == declaration.pk


def test_rejecting_twice_returns_the_declaration_once(answered, officer_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finding_reject(actor=officer_a, finding=answered, note="无此人")
        with pytest.raises(FindingError, match="已处理"):
            finding_reject(actor=officer_a, finding=Finding.objects.get(pk=answered.pk), note="无此人")
    assert AuditEntry.objects.filter(action="declaration.reject").count() == 1
    assert len([phone for phone, _text in sms.outbox if phone == RESIDENT_PHONE]) == 1


# The person withdraws or corrects their declaration ----------------------------------------------------------------

def test_withdrawing_the_declaration_takes_the_persons_yes_back(answered, resident, officer_a):
    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    finding = Finding.objects.get(pk=answered.pk)
    assert finding.status == FindingStatus.OPEN and finding.person_answer == ""
    assert finding.person_declaration_id == answered.person_declaration_id  # kept: what happened, for the officer
    entry = AuditEntry.objects.get(action="fusion.finding.person_answer.withdraw")
    assert entry.actor == resident and [int(i) for i in entry.object_ids] == [finding.pk]
    assert entry.detail == {"declaration": answered.person_declaration_id, "corrected_by": None}
    # asked and unanswered again: on their page, to answer again
    assert [f.pk for f in findings_to_confirm(user=resident)] == [finding.pk]


def test_withdrawing_twice_takes_the_answer_back_once(answered, resident):
    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    assert AuditEntry.objects.filter(action="fusion.finding.person_answer.withdraw").count() == 1


def test_the_officers_page_shows_the_answer_withdrawn(answered, resident, officer_a, client):
    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[answered.pk])).content.decode()
    assert 'id="answer-withdrawn"' in page and "撤回" in page and "目前无答复" in page
    assert reverse("registrations:declaration", args=[answered.person_declaration_id]) in page
    assert "本人答复：在此居住" in page  # what they had answered, and when


def test_answering_yes_again_after_withdrawing_files_a_new_declaration(answered, resident, officer_a):
    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    finding = finding_person_answer(actor=resident, finding=Finding.objects.get(pk=answered.pk), answer="yes",
                                    id_number=NUMBER)
    assert finding.person_answer == "yes" and finding.person_declaration_id != answered.person_declaration_id
    assert finding.person_declaration.status == "pending"
    registration = declaration_approve(actor=officer_a, declaration=finding.person_declaration)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CONFIRMED and finding.result_registration == registration


def test_correcting_for_the_same_number_carries_the_answer_and_its_approval_confirms_the_finding(
        answered, resident, officer_a):
    moved = dt.date.today() - dt.timedelta(days=20)
    corrected = declaration_correct(actor=resident, declaration=answered.person_declaration,
                                    **correction(answered, move_in=moved))
    finding = Finding.objects.get(pk=answered.pk)
    assert finding.person_answer == "yes" and finding.person_declaration == corrected
    entry = AuditEntry.objects.get(action="fusion.finding.person_answer.correct")
    assert entry.detail == {"declaration": corrected.pk, "replaces": answered.person_declaration_id}
    assert not AuditEntry.objects.filter(action="fusion.finding.person_answer.withdraw").exists()
    registration = declaration_approve(actor=officer_a, declaration=corrected)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CONFIRMED and finding.result_registration == registration
    assert registration.starts_on == moved


def test_the_same_correction_sent_twice_changes_the_finding_once(answered, resident):
    first = declaration_correct(actor=resident, declaration=answered.person_declaration, **correction(answered))
    again = declaration_correct(actor=resident, declaration=answered.person_declaration, **correction(answered))
    assert first == again
    assert AuditEntry.objects.filter(action="fusion.finding.person_answer.correct").count() == 1


def test_correcting_to_another_number_takes_the_answer_back(answered, resident, officer_a):
    other = valid_id(seq="556")
    corrected = declaration_correct(actor=resident, declaration=answered.person_declaration,
                                    **correction(answered, id_number=other))
    finding = Finding.objects.get(pk=answered.pk)
    assert finding.person_answer == "" and finding.person_declaration_id == answered.person_declaration_id
    entry = AuditEntry.objects.get(action="fusion.finding.person_answer.withdraw")
    assert entry.detail == {"declaration": answered.person_declaration_id, "corrected_by": corrected.pk}
    declaration_approve(actor=officer_a, declaration=corrected)  # their declaration, registered on its own
    assert Finding.objects.get(pk=answered.pk).status == FindingStatus.OPEN


# What the officer's page says about the person's declaration ------------------------------------------------------

def test_the_officers_page_shows_a_declaration_returned_in_the_queue_and_rejecting_leaves_it_so(
        answered, officer_a, client):
    declaration_reject(actor=officer_a, declaration=answered.person_declaration, reason="身份信息不符")
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[answered.pk])).content.decode()
    assert 'id="person-declaration-status"' in page and "已退回" in page and "身份信息不符" in page
    finding_reject(actor=officer_a, finding=Finding.objects.get(pk=answered.pk), note="无此人")
    assert Declaration.objects.get(pk=answered.person_declaration_id).decision_note == "身份信息不符"
    assert AuditEntry.objects.filter(action="declaration.reject").count() == 1
