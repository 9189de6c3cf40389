"""A fusion run withdraws a finding (no longer supported by the data) whose person answered "yes": their declaration
still waits in the officers' queue. It stands on its own — the person declared it — and the officer deciding it is not
sent to a finding that no longer exists; the finding's page says where the matter went. Should the data raise the same
finding again, it carries the person's answer and their declaration on: they are not asked a second time, and
approving the declaration confirms it."""
import datetime as dt

import pytest
from django.urls import reverse

from anju.accounts import sms
from anju.audit.models import AuditEntry
from anju.fusion import pipeline
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding, FusionRun
from anju.fusion.selectors import findings_to_confirm
from anju.fusion.tests.test_confirm_with_persons_declaration import answered  # noqa: F401
from anju.fusion.tests.test_person_confirms import RESIDENT_PHONE, ask  # noqa: F401
from anju.fusion.tests.test_tasks import NUMBER
from anju.lib.fusion import findings as ff
from anju.registrations.services import declaration_approve, declaration_withdraw

pytestmark = pytest.mark.django_db


def run(*findings):
    """A fusion run saving ``findings`` (entity, lib finding): open findings it does not raise are withdrawn."""
    return pipeline._save_findings(FusionRun.objects.create(as_of=dt.date.today()), list(findings),
                                   pipeline.Loader(pipeline.fusion_config()), {}, pipeline.fusion_config())


def person():
    return pipeline._Entity(NUMBER, True, NUMBER, registry_name="张伟")


def raised_again(finding):
    """The run's finding of the same subject as ``finding`` (the person's at A101), on newer evidence."""
    today = dt.date.today()
    return person(), ff.Finding(kind=ff.UNREGISTERED, score=85, rules=[("home_records", 63, "")],
                              record_ids=list(finding.record_ids), place=ff.Place("A101", "b", True),
                              first_seen=today, last_seen=today, evidence_until=today)


@pytest.fixture
def withdrawn(answered):
    answered.subject = f"unregistered:{person().key_hash[:32]}:A101"
    answered.save(update_fields=["subject"])
    assert run()["withdrawn"] == 1
    return Finding.objects.get(pk=answered.pk)


def test_the_finding_page_says_the_declaration_waits_in_the_queue_on_its_own(withdrawn, officer_a, client):
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[withdrawn.pk])).content.decode()
    assert 'id="withdrawn-declaration-waits"' in page
    assert "数据已不再支持该比对发现" in page and "作为本人申报继续等待社区民警核定" in page
    assert reverse("registrations:declaration", args=[withdrawn.person_declaration_id]) in page
    assert 'value="confirm"' not in page  # nothing left to decide here


def test_withdrawing_the_declaration_afterwards_leaves_the_closed_finding_as_it_closed(withdrawn, resident):
    declaration_withdraw(actor=resident, declaration=withdrawn.person_declaration)
    finding = Finding.objects.get(pk=withdrawn.pk)
    assert finding.status == FindingStatus.WITHDRAWN and finding.person_answer == "yes"
    assert not AuditEntry.objects.filter(action="fusion.finding.person_answer.withdraw").exists()


def test_raised_again_it_carries_the_persons_waiting_declaration_and_they_are_not_asked_again(
        withdrawn, resident, officer_a, ask):
    counts = run(raised_again(withdrawn))
    assert counts["raised_again"] == 1
    again = Finding.objects.get(status=FindingStatus.OPEN)
    assert again.person_answer == "yes" and again.person_declaration_id == withdrawn.person_declaration_id
    assert again.sms_phone_hash == withdrawn.sms_phone_hash
    assert ask() == 0 and not [phone for phone, _text in sms.outbox if phone == RESIDENT_PHONE]
    assert findings_to_confirm(user=resident) == []  # already answered: not on their page to answer again
    registration = declaration_approve(actor=officer_a, declaration=again.person_declaration)
    again.refresh_from_db()
    assert again.status == FindingStatus.CONFIRMED and again.result_registration == registration
    assert Finding.objects.get(pk=withdrawn.pk).status == FindingStatus.WITHDRAWN

