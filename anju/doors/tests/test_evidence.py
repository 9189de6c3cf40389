"""Residence evidence from swipes, the residence proof, care checks, and the per-node figures for the cockpit."""
import datetime as dt

import pytest
from django.utils import timezone

from anju.doors import selectors, services
from anju.doors.tests.conftest import swipe
from anju.jurisdictions.models import Node


@pytest.fixture
def card(house, officer_a, registration):
    return services.credential_issue(actor=officer_a, house=house, registration=registration, uid="AE1")


def test_days_present_count_distinct_days_with_a_granted_swipe(card, device, send, registration):
    # Two granted swipes just after local midnight (never later than now + the protocol's five minutes, whatever
    # the hour the suite runs at) and a refused one the day before.
    today = timezone.localdate()
    midnight = dt.datetime.combine(today, dt.time(0), timezone.get_current_timezone()).timestamp()
    send(send.envelope(device, [swipe(1, "AE1", at=midnight + 1), swipe(2, "AE1", at=midnight + 2),
                                swipe(3, "AE1", result="refused", at=midnight - 86400 + 3)]))
    assert selectors.days_present(registration=registration, year=today.year, month=today.month) == 1
    assert selectors.months_present(registration=registration, months=3)[-1] == (today.replace(day=1), 1)


def test_the_resident_gets_a_signed_residence_proof_of_their_own_only(client, card, device, send, registration,
                                                                       make_user):
    from anju.core.documents import verify_document
    from anju.doors.proof import proof_payload

    send(send.envelope(device, [swipe(1, "AE1")]))
    holder = make_user("13512345678", "resident", None, phone="13512345678", password=None)
    stranger = make_user("13512345679", "resident", None, phone="13512345679", password=None)
    registration.account = holder
    registration.save(update_fields=["account"])
    client.force_login(stranger)
    assert client.get(f"/m/registrations/{registration.pk}/residence-proof.pdf").status_code == 404
    client.force_login(holder)
    assert f"/m/registrations/{registration.pk}/residence-proof.pdf" in client.get("/me/").content.decode()  # linked
    response = client.get(f"/m/registrations/{registration.pk}/residence-proof.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    payload = proof_payload(registration)
    assert payload["present"] == 1 and payload["id"] == registration.id_masked
    from anju.core.documents import sign_document

    assert verify_document(sign_document(payload)) == payload


def test_the_residence_proof_names_the_month_of_each_count(card, device, send, registration):
    import io

    import pypdfium2

    from anju.doors.proof import proof_pdf

    send(send.envelope(device, [swipe(1, "AE1")]))
    page = pypdfium2.PdfDocument(io.BytesIO(proof_pdf(registration)))[0]
    lines = page.get_textpage().get_text_bounded().split("\r\n")
    today = timezone.localdate()
    labels = [f"{today.year - (today.month <= back)}年{(today.month - 1 - back) % 12 + 1}月" for back in range(11, -1, -1)]
    counts = [lines[lines.index(label) + 1] for label in labels]  # each count printed under its month
    assert counts == ["0 天"] * 11 + ["1 天"]


def test_scanning_the_residence_proof_shows_the_months_present(client, card, device, send, registration):
    from anju.core.documents import sign_document
    from anju.doors.proof import proof_payload

    send(send.envelope(device, [swipe(1, "AE1")]))
    page = client.get(f"/v/{sign_document(proof_payload(registration))}").content.decode()
    assert "有出入记录的月份" in page and "1 / 12" in page and "有效期至" not in page


def test_care_check_opens_a_visit_when_nobody_is_seen(officer_a, registration, card, device, send):
    enrolment = services.care_enrol(actor=officer_a, registration=registration, consent_note="本人口头同意，子女在外地",
                                    days=2)
    assert services.care_sweep() == 0
    later = timezone.now() + dt.timedelta(days=3)
    assert services.care_sweep(now=later) == 1
    assert services.care_sweep(now=later) == 0  # one open task at a time
    task = enrolment.tasks.get()
    services.care_task_done(actor=officer_a, task=task, note="上门看望，身体无恙")
    send(send.envelope(device, [swipe(1, "AE1")]))
    assert services.care_sweep(now=timezone.now() + dt.timedelta(days=1)) == 0


def test_door_figures_roll_up_to_every_node(device, entrance, send, officer_a, officer_b):
    send(send.envelope(device, [swipe(1, kind="forced", door="open")]))
    figures = selectors.door_figures_by_node(user=officer_a)
    assert figures["A1"] == {"online": 1, "offline": 0, "unknown": 1, "alarms": 1}
    assert figures["A1C1G1"]["online"] == 1
    assert selectors.door_figures_by_node(user=officer_b) == {}
    for code in ("A1", "A1C1", "A1C1G1", "B1"):  # one subtree's figures, as the cockpit reads them, agree
        node = Node.objects.get(code=code)
        assert selectors.door_figures(node=node) == figures.get(code, {"online": 0, "offline": 0, "unknown": 0,
                                                                       "alarms": 0})


def test_a_grid_worker_enrols_visits_and_ends_a_care_check_from_the_page(client, make_user, registration, officer_b):
    from anju.audit.models import AuditEntry
    from anju.doors.models import CareEnrolment, CareTask

    worker = make_user("grid_a", "grid_worker", "A1C1G1")
    client.force_login(worker)
    assert 'href="/staff/care/"' in client.get("/", follow=True).content.decode()  # in the menu
    # found by name, chosen: the form carries the registration's number (the search is audited)
    found = client.get("/staff/care/", {"q": registration.name}).content.decode()
    assert f"registration={registration.number}" in found
    assert AuditEntry.objects.filter(action="door.care.search", subjects__object_id=str(registration.pk)).exists()
    chosen = client.get("/staff/care/", {"q": registration.name, "registration": registration.number})
    assert f'value="{registration.number}"' in chosen.content.decode()
    page = client.post("/staff/care/", {"action": "enrol", "registration": registration.number,
                                        "consent": "本人当面同意，女儿知情", "days": "3"}, follow=True)
    enrolment = CareEnrolment.objects.get()
    assert enrolment.grid_worker == worker and enrolment.days == 3 and "女儿知情" in page.content.decode()
    again = client.post("/staff/care/", {"action": "enrol", "registration": registration.number, "consent": "x"},
                        follow=True)
    assert CareEnrolment.objects.count() == 1 and "已" in again.content.decode()  # enrolled once only
    assert services.care_sweep(now=timezone.now() + dt.timedelta(days=4)) == 1
    task = CareTask.objects.get()
    assert registration.name in client.get("/staff/care/").content.decode()
    assert AuditEntry.objects.filter(action="door.care.list").exists()  # reading who is enrolled is audited
    client.post("/staff/care/", {"action": "visited", "task": task.pk, "note": "上门看望，身体无恙"})
    task.refresh_from_db()
    assert task.done_at is not None and task.note == "上门看望，身体无恙"
    client.post("/staff/care/", {"action": "end", "enrolment": enrolment.pk, "reason": "本人撤回同意"})
    enrolment.refresh_from_db()
    assert enrolment.status == "ended"
    assert services.care_sweep(now=timezone.now() + dt.timedelta(days=9)) == 0  # no checks after it ended
    # another station's officer sees none of it and cannot enrol this person
    client.force_login(officer_b)
    assert registration.name not in client.get("/staff/care/").content.decode()
    assert f"registration={registration.number}" not in client.get(
        "/staff/care/", {"q": registration.name}).content.decode()
    client.post("/staff/care/", {"action": "enrol", "registration": registration.number, "consent": "同意"})
    assert CareEnrolment.objects.count() == 1
