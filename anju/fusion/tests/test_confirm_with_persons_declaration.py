"""An officer confirms on site a finding whose person already answered "yes" from /me/ (待确认的居住信息), and that
declaration still waits in the queue: confirming approves the person's own declaration — one registration, theirs, and
nothing left in the queue to approve a second time; a different number registered on site returns it, saying why."""
import pytest
from django.urls import reverse

from anju.accounts import sms
from anju.audit.models import AuditEntry
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding
from anju.fusion.services import finding_confirm, finding_person_answer
from anju.fusion.tests.test_person_confirms import RESIDENT_PHONE, asked, ask, records_with_phones  # noqa: F401
from anju.fusion.tests.test_tasks import NUMBER
from anju.registrations.models import Declaration, Registration
from anju.registrations.selectors import declaration_queue
from conftest import valid_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(addresses, resident, ask):
    """A finding asked of the resident, who answered "yes" with the right number: their declaration waits."""
    finding = asked(addresses, record_ids=records_with_phones([RESIDENT_PHONE]))
    assert ask() == 1
    finding = finding_person_answer(actor=resident, finding=Finding.objects.get(pk=finding.pk), answer="yes",
                                    id_number=NUMBER)
    assert finding.person_declaration.status == "pending"
    sms.outbox.clear()
    return finding


def test_confirming_on_site_approves_the_persons_own_declaration_still_waiting(answered, resident, officer_a, client,
                                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finding = finding_confirm(actor=officer_a, finding=answered, note="现场核实在住")
    declaration = Declaration.objects.get()  # no second declaration beside it
    registration = Registration.objects.get()
    assert declaration.pk == answered.person_declaration_id and declaration.status == "approved"
    assert declaration.decided_by == officer_a and declaration.registration == registration
    assert registration.account == resident and registration.id_number == NUMBER
    assert finding.status == FindingStatus.CONFIRMED and finding.result_registration == registration
    assert list(declaration_queue(user=officer_a)) == []
    assert AuditEntry.objects.filter(action="fusion.finding.confirm").count() == 1  # one decision, recorded once
    assert any("已通过" in text for phone, text in sms.outbox if phone == RESIDENT_PHONE)
    client.force_login(resident)
    page = client.get(reverse("registrations:my_declaration", args=[declaration.pk])).content.decode()
    assert "已通过" in page and 'id="certificate"' in page


def test_the_name_and_move_in_day_checked_on_site_are_the_ones_registered(answered, officer_a):
    import datetime as dt

    moved = dt.date.today() - dt.timedelta(days=10)
    finding_confirm(actor=officer_a, finding=answered, name="章伟", move_in=moved)
    declaration, registration = Declaration.objects.get(), Registration.objects.get()
    assert declaration.status == "approved" and registration.name == "章伟" and registration.starts_on == moved
    entry = AuditEntry.objects.get(action="declaration.checked_on_site")
    assert entry.detail["declared_and_checked"]["name"] == ["张伟", "章伟"]


def test_another_number_registered_on_site_returns_the_persons_declaration_saying_why(
        answered, officer_a, django_capture_on_commit_callbacks):
    other = valid_id(seq="555")
    with django_capture_on_commit_callbacks(execute=True):
        finding = finding_confirm(actor=officer_a, finding=answered, id_number=other, name="李四")
    persons = Declaration.objects.get(pk=answered.person_declaration_id)
    assert persons.status == "rejected" and "社区民警现场核实" in persons.decision_note
    assert str(finding.pk) in persons.decision_note
    assert Registration.objects.get().id_number == other and finding.result_registration.id_number == other
    assert list(declaration_queue(user=officer_a)) == []
    assert any("退回" in text for phone, text in sms.outbox if phone == RESIDENT_PHONE)


def test_a_declaration_the_person_withdrew_is_left_as_it_is(answered, resident, officer_a):
    from anju.registrations.services import declaration_withdraw

    declaration_withdraw(actor=resident, declaration=answered.person_declaration)
    finding = finding_confirm(actor=officer_a, finding=answered)
    assert Declaration.objects.get(pk=answered.person_declaration_id).status == "withdrawn"
    assert finding.result_registration.declaration.channel == "police"
