"""The staff person page lists what the other apps keep about the person (people.related): registrations,
declarations, door cards and findings, the newest few each, linked, each only where the reader's role reads that area,
scoped to the reader's jurisdiction and audited as the apps' own lists are."""
import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from anju.audit.models import AuditEntry
from anju.core import crypto
from conftest import make_house, valid_id

CHILD = valid_id(birth="20160510", seq="555")  # of school age: the education department reads this person too


def declare_and_approve(actor, house, number=CHILD, name="王小"):
    from anju.registrations.services import declaration_approve, declare

    declaration = declare(actor=actor, channel="police", house=house, name=name, id_number=number,
                          move_in=timezone.localdate() - dt.timedelta(days=3), phone="13512345678",
                          idempotency_key=uuid.uuid4().hex)
    return declaration, declaration_approve(actor=actor, declaration=declaration, note="核实")


def finding_about(number, house, **kw):
    from anju.fusion.models import Finding

    values = dict(kind="unregistered", subject=f"unregistered:E-{uuid.uuid4().hex[:6]}", score=85,
                  rules=[["home_records", 63, "8 home records on 8 days"]], entity_hash="E1", name="王小",
                  id_cipher=crypto.encrypt(number), id_hash=crypto.blind_index(number),
                  id_masked=number[:6] + "********", address=house.address, jurisdiction=house.jurisdiction)
    values.update(kw)
    return Finding.objects.create(**values)


@pytest.fixture
def child(tree, officer_a):
    """A school-age child living in station A, registered there, with a door card, a finding and one registration
    in station B from before the move."""
    from anju.doors.services import credential_issue
    from anju.people.models import Person
    from anju.people.services import person_create

    house = make_house(tree, "A-0801", "文一西路801号1幢1单元101室", "A1C1G1")
    earlier = make_house(tree, "B-0801", "古墩路801号2幢2单元202室", "B1C1G1")
    _declaration, registration_b = declare_and_approve(_police_of(earlier), earlier)
    declaration, registration = declare_and_approve(officer_a, house)
    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="C0801")
    person = Person.objects.filter(id_hash=crypto.blind_index(CHILD)).first() or person_create(
        actor=None, name="王小", id_number=CHILD, jurisdiction=tree["A1C1G1"], house=house, address=house.address)
    return {"person": person, "house": house, "declaration": declaration, "registration": registration,
            "registration_b": registration_b, "card": card, "finding": finding_about(CHILD, house)}


def _police_of(house):
    from anju.accounts.models import User

    return User.objects.filter(role="officer", jurisdiction=house.jurisdiction.parent.parent).first()


def section(page: str, key: str) -> str:
    match = re.search(rf'<section class="related" id="{key}">(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


def test_the_person_page_lists_the_registration_declaration_card_and_finding_for_an_officer_not_for_education(
        client, officer_a, make_user, child):
    client.force_login(officer_a)
    page = client.get(reverse("people:detail", args=[child["person"].pk])).content.decode()
    registrations = section(page, "person-registrations")
    assert f'href="{reverse("registrations:registration", args=[child["registration"].pk])}"' in registrations
    assert child["registration"].number in registrations and "文一西路801号" in registrations
    # the registration in station B, before the move, is not station A's to read
    assert child["registration_b"].number not in page
    assert f"?person={child['person'].pk}&amp;status=" in registrations  # all of them, on the registrations list
    assert f'href="{reverse("registrations:declaration", args=[child["declaration"].pk])}"' in section(
        page, "person-declarations")
    cards = section(page, "person-cards")
    assert f'href="{reverse("doors:house_cards", args=[child["house"].pk])}#card-{child["card"].pk}"' in cards
    assert "C0801" in cards
    findings = section(page, "person-findings")
    assert f'href="{reverse("fusion:finding", args=[child["finding"].pk])}"' in findings and "疑似未登记" in findings
    # each list read is audited as the apps' own lists are, naming what was shown
    read = {e.action: set(e.subjects.values_list("object_id", flat=True))
            for e in AuditEntry.objects.filter(actor=officer_a, action__in=(
                "registration.list", "declaration.list", "door.credential.list", "fusion.finding.list"))}
    assert read == {"registration.list": {str(child["registration"].pk)},
                    "declaration.list": {str(child["declaration"].pk)},
                    "door.credential.list": {str(child["registration"].pk)},
                    "fusion.finding.list": {str(child["finding"].pk)}}

    # the education department reads the school-age child's record, and none of the police's work about them
    education = make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education")
    client.force_login(education)
    response = client.get(reverse("people:detail", args=[child["person"].pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "王小" in page
    assert 'class="related"' not in page
    assert child["registration"].number not in page and "C0801" not in page
    assert reverse("fusion:finding", args=[child["finding"].pk]) not in page
    assert not AuditEntry.objects.filter(actor=education).exclude(action="person.read").exists()


def test_a_grid_worker_sees_registrations_declarations_and_cards_but_not_findings(client, make_user, child):
    grid_worker = make_user("grid_a", "grid_worker", "A1C1G1")
    client.force_login(grid_worker)
    page = client.get(reverse("people:detail", args=[child["person"].pk])).content.decode()
    assert child["registration"].number in section(page, "person-registrations")
    assert "C0801" in section(page, "person-cards")
    assert 'id="person-findings"' not in page


def test_only_the_newest_five_are_listed_and_the_more_link_lists_all_of_them(client, officer_a, child):
    for i in range(6):
        finding_about(CHILD, child["house"], kind="moved", subject=f"moved:E{i}")
    someone_else = finding_about(valid_id(seq="556"), child["house"], name="别人")
    client.force_login(officer_a)
    page = client.get(reverse("people:detail", args=[child["person"].pk])).content.decode()
    findings = section(page, "person-findings")
    assert findings.count("<li>") == 5 and "全部 7 条" in findings
    listed = client.get(reverse("fusion:findings"), {"person": child["person"].pk, "status": ""}).content.decode()
    assert listed.count(reverse("fusion:finding", args=[child["finding"].pk]) + '"') == 1
    assert reverse("fusion:finding", args=[someone_else.pk]) + '"' not in listed
    registrations = client.get(reverse("registrations:registrations"),
                               {"person": child["person"].pk, "status": ""}).content.decode()
    assert child["registration"].number in registrations and child["registration_b"].number not in registrations


def test_the_more_lists_show_nothing_for_a_person_outside_the_readers_jurisdiction(client, officer_b, child):
    client.force_login(officer_b)
    assert client.get(reverse("people:detail", args=[child["person"].pk])).status_code == 404
    registrations = client.get(reverse("registrations:registrations"),
                               {"person": child["person"].pk, "status": ""}).content.decode()
    assert child["registration_b"].number not in registrations  # station B's own, but not found by A's person
    findings = client.get(reverse("fusion:findings"), {"person": child["person"].pk, "status": ""}).content.decode()
    assert reverse("fusion:finding", args=[child["finding"].pk]) not in findings


def test_the_person_pages_queries_do_not_grow_with_the_records_listed(client, officer_a, child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def findings(n):
        for _ in range(n):
            finding_about(CHILD, child["house"], kind="moved")

    client.force_login(officer_a)
    url = reverse("people:detail", args=[child["person"].pk])
    findings(5)
    client.get(url)
    with CaptureQueriesContext(connection) as six:
        assert section(client.get(url).content.decode(), "person-findings").count("<li>") == 5
    findings(6)
    with CaptureQueriesContext(connection) as twelve:
        assert section(client.get(url).content.decode(), "person-findings").count("<li>") == 5
    assert len(twelve.captured_queries) == len(six.captured_queries)
