"""The person's side of a finding at ``pending_score``: asked once by SMS at their mobile (a registration's, else the
one their records carry most), shown the address on their own page, and answering it: "yes" with their ID number files a
declaration for the officers' queue, whose approval confirms the finding; "no" leaves it open for the visit."""
import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from anju.accounts import sms
from anju.audit.models import AuditEntry
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding, Observation, Profile, Source
from anju.fusion.services import findings_ask_persons, phone_hash
from anju.fusion.tests.test_tasks import NUMBER, make_finding, registration_at
from anju.registrations.models import Declaration
from anju.registrations.services import declaration_approve
from conftest import valid_id

pytestmark = pytest.mark.django_db
RESIDENT_PHONE = "13900000001"  # conftest's resident


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """findings_ask_persons with the messages it sends on commit sent (the test's transaction never commits)."""
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return findings_ask_persons()
    return run


def asked(addresses, **kw):
    return make_finding(None, addresses["a101"], **{"proposal": "confirm_by_sms", "score": 85, **kw})


def records_with_phones(phones: list[str], prefix="MJ") -> list[str]:
    """One door record per phone, each from its own feed account (profile); their record ids."""
    source, _created = Source.objects.get_or_create(name="门禁", defaults={"kind": "door", "meaning": "home"})
    ids = []
    for i, phone in enumerate(phones):
        key = f"{prefix}-profile-{i}"
        Profile.objects.create(key=key, source=source, name="张伟", phone=phone)
        Observation.objects.create(source=source, record_id=f"{prefix}{i}", profile=key, digest=f"d{i}")
        ids.append(f"{prefix}{i}")
    return ids


def test_the_person_is_asked_at_the_phone_of_their_registration_before_their_records(addresses, tmp_path, ask):
    registration_at(tmp_path, addresses["a202"])
    from anju.registrations.models import Registration

    Registration.objects.update(phone="13711112222")
    finding = asked(addresses, kind="moved", record_ids=records_with_phones(["13899990000", "13899990000"]))
    assert ask() == 1
    assert [phone for phone, _text in sms.outbox] == ["13711112222"]
    finding.refresh_from_db()
    assert finding.sms_sent_at is not None and finding.sms_phone_hash == phone_hash("13711112222")
    entry = AuditEntry.objects.get(action="fusion.finding.ask_person")
    assert [int(i) for i in entry.object_ids] == [finding.pk]


def test_without_a_registration_the_most_common_valid_mobile_of_the_records_is_asked(addresses, ask):
    ids = records_with_phones(["138 0000 1111", "+86 13922223333", "13922223333", "12345", "23922223333",
                               "23922223333", "23922223333"])
    asked(addresses, record_ids=ids)
    assert ask() == 1
    (phone, text), = sms.outbox
    assert phone == "13922223333"
    assert "安居" in text and "我的" in text


def test_the_message_names_neither_the_address_nor_the_person(addresses, ask):
    asked(addresses, record_ids=records_with_phones(["13922223333"]))
    ask()
    (_phone, text), = sms.outbox
    assert "张伟" not in text and "文一西路" not in text and "101" not in text


def test_a_finding_is_asked_once_however_often_it_runs(addresses, ask):
    asked(addresses, record_ids=records_with_phones(["13922223333"]))
    assert ask() == 1
    assert ask() == 0
    assert len(sms.outbox) == 1 and AuditEntry.objects.filter(action="fusion.finding.ask_person").count() == 1


def test_below_the_pending_score_a_stale_finding_one_without_a_phone_or_number_is_not_asked(addresses, tmp_path, ask):
    ids = records_with_phones(["13922223333"])
    make_finding(None, addresses["a101"], proposal="visit", score=70, record_ids=ids)
    asked(addresses, score=79, record_ids=ids, subject="below pending_score")
    asked(addresses, record_ids=records_with_phones(["12345", ""], prefix="NP"), subject="no phone")
    asked(addresses, number="", record_ids=ids, subject="no number")
    asked(addresses, record_ids=ids, subject="decided", status=FindingStatus.REJECTED)
    registration = registration_at(tmp_path, addresses["a202"])
    make_finding(None, addresses["a202"], kind="stale", registration=registration, proposal="confirm_by_sms",
                 record_ids=ids)
    assert ask() == 0 and sms.outbox == []
    assert not Finding.objects.filter(sms_sent_at__isnull=False).exists()


def test_asking_many_findings_takes_no_more_queries_than_asking_one(addresses, tmp_path, ask):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n, prefix):
        for i in range(n):
            asked(addresses, number=valid_id(seq=f"{prefix}{i:02d}"), subject=f"{prefix}{i}",
                  record_ids=records_with_phones([f"139222{prefix}{i:04d}"], prefix=f"{prefix}{i}-"))
        with CaptureQueriesContext(connection) as captured:
            assert ask() == n
        return len(captured)

    assert queries(5, "5") == queries(1, "1")
    assert len(sms.outbox) == 6


@override_settings(ANJU_FUSION={"ask_by_sms": False})
def test_a_city_can_turn_asking_off(addresses, ask):
    asked(addresses, record_ids=records_with_phones(["13922223333"]))
    assert ask() == 0 and sms.outbox == []


# The resident's page --------------------------------------------------------------------------------------------------

@pytest.fixture
def asked_resident(addresses, resident, ask):
    finding = asked(addresses, record_ids=records_with_phones([RESIDENT_PHONE]))
    assert ask() == 1 and [phone for phone, _text in sms.outbox] == [RESIDENT_PHONE]
    return Finding.objects.get(pk=finding.pk)


def answer(client, finding, answer, id_number=""):
    return client.post(reverse("fusion:person_answer", args=[finding.pk]),
                       {"answer": answer, "id_number": id_number}, follow=True)


def test_the_residence_to_confirm_is_shown_only_to_the_phone_asked(client, asked_resident, resident, make_user):
    client.force_login(resident)
    page = client.get(reverse("people:me")).content.decode()
    assert "待确认的居住信息" in page and asked_resident.address in page
    assert (dt.date.today() - dt.timedelta(days=40)).isoformat() in page
    assert AuditEntry.objects.filter(action="fusion.finding.read.own", actor=resident).exists()
    english = client.get(reverse("people:me"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Residence to confirm" in english and "Yes, I live here" in english and "待确认" not in english
    other = make_user("13900000002", "resident", None, phone="13900000002", password=None)
    client.force_login(other)
    page = client.get(reverse("people:me")).content.decode()
    assert "待确认的居住信息" not in page and asked_resident.address not in page
    assert answer(client, asked_resident, "no").status_code == 404
    assert Finding.objects.get(pk=asked_resident.pk).person_answer == ""


def test_a_wrong_id_number_is_refused_and_nothing_is_filed(client, asked_resident, resident):
    client.force_login(resident)
    page = answer(client, asked_resident, "yes", valid_id(seq="999")).content.decode()
    assert "身份证号码与我们询问的人不符" in page
    assert not Declaration.objects.exists()
    finding = Finding.objects.get(pk=asked_resident.pk)
    assert finding.person_answer == "" and finding.person_declaration is None
    assert "待确认的居住信息" in page  # still there to answer


def test_the_right_id_number_files_a_pending_declaration_for_the_officers_linked_to_the_finding(
        client, asked_resident, resident):
    client.force_login(resident)
    page = answer(client, asked_resident, "yes", NUMBER.lower()).content.decode()
    declaration = Declaration.objects.get()
    assert declaration.status == "pending" and declaration.channel == "resident"
    assert declaration.submitted_by == resident and declaration.house.standard_address == asked_resident.standard_address
    assert declaration.move_in == asked_resident.first_seen and declaration.id_number == NUMBER
    finding = Finding.objects.get(pk=asked_resident.pk)
    assert finding.person_answer == "yes" and finding.person_declaration == declaration
    assert finding.status == FindingStatus.OPEN
    assert "待确认的居住信息" not in page
    again = answer(client, asked_resident, "yes", NUMBER).content.decode()
    assert Declaration.objects.count() == 1 and "您已答复过" in again
    assert AuditEntry.objects.filter(action="fusion.finding.person_answer").count() == 1


def test_approving_the_persons_declaration_confirms_the_finding(client, asked_resident, resident, officer_a):
    client.force_login(resident)
    answer(client, asked_resident, "yes", NUMBER)
    registration = declaration_approve(actor=officer_a, declaration=Declaration.objects.get())
    finding = Finding.objects.get(pk=asked_resident.pk)
    assert finding.status == FindingStatus.CONFIRMED and finding.result_registration == registration
    assert finding.decided_by == officer_a and registration.account == resident
    entry = AuditEntry.objects.get(action="fusion.finding.confirm")
    assert entry.detail["by"] == "person" and entry.actor == officer_a


def test_not_me_leaves_the_finding_open_with_the_answer_shown_to_the_officer(client, asked_resident, resident,
                                                                            officer_a):
    client.force_login(resident)
    answer(client, asked_resident, "no")
    finding = Finding.objects.get(pk=asked_resident.pk)
    assert finding.status == FindingStatus.OPEN and finding.person_answer == "no"
    assert not Declaration.objects.exists()
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[finding.pk])).content.decode()
    assert "已短信征询本人" in page and "本人答复：不是本人或未在此居住" in page


def test_the_officer_sees_when_the_person_was_asked_and_their_declaration(client, asked_resident, resident, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[asked_resident.pk])).content.decode()
    assert "已短信征询本人" in page and "尚未答复" in page
    client.force_login(resident)
    answer(client, asked_resident, "yes", NUMBER)
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[asked_resident.pk])).content.decode()
    declaration = Declaration.objects.get()
    assert reverse("registrations:declaration", args=[declaration.pk]) in page and "本人答复：在此居住" in page
