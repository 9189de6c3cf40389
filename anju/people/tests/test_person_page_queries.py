"""The staff person page reads a fixed number of queries, whatever the person holds: one person with one registration,
declaration, door card and finding, and one with ten of each, read the same queries (each section is one query, its
count with it, and one audit entry), every list still audited as the apps' own lists are."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anju.audit.models import AuditEntry
from anju.people.tests.test_person_related import declare_and_approve, finding_about, section
from conftest import make_house, valid_id


def person_holding(tree, officer_a, n: int, seq: str):
    """A person of station A with ``n`` registrations (moved from house to house), as many declarations, door cards
    at their house and findings."""
    from anju.doors.services import credential_issue
    from anju.people.models import Person

    number = valid_id(birth="19850101", seq=seq)
    for i in range(n):
        house = make_house(tree, f"Q{seq}-{i}", f"文三路{seq}号{i + 1}幢1单元101室", "A1C1G1")
        _declaration, registration = declare_and_approve(officer_a, house, number=number, name=f"张{seq}")
    for i in range(n):
        credential_issue(actor=officer_a, house=house, registration=registration, uid=f"C{seq}{i:02d}")
        if i:
            finding_about(number, house, kind="moved", name=f"张{seq}")
        else:  # a stale finding is about the registration, under no number of its own
            finding_about(number, house, kind="stale", registration=registration, id_hash="", name=f"张{seq}")
    return Person.objects.get(id_hash=registration.id_hash)


def page_queries(client, person) -> tuple[int, str]:
    url = reverse("people:detail", args=[person.pk])
    client.get(url)  # the session and anything a first request of the process reads once
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return len(captured.captured_queries), page


@pytest.mark.parametrize("reader", ["officer_a", "grid_worker"])
def test_the_person_page_reads_as_many_queries_for_ten_records_of_each_kind_as_for_one(
        client, tree, officer_a, make_user, reader):
    one, ten = person_holding(tree, officer_a, 1, "701"), person_holding(tree, officer_a, 10, "702")
    client.force_login(officer_a if reader == "officer_a" else make_user("grid_a", "grid_worker", "A1C1G1"))

    queries_one, page_one = page_queries(client, one)
    queries_ten, page_ten = page_queries(client, ten)

    assert queries_ten == queries_one
    for key, listed in (("person-registrations", 1), ("person-declarations", 1), ("person-cards", 1)):
        assert section(page_one, key).count("<li>") == listed
        assert section(page_ten, key).count("<li>") == 5 and "· 10" in section(page_ten, key)
    if reader == "officer_a":
        assert section(page_ten, "person-findings").count("<li>") == 5 and "· 10" in section(page_ten,
                                                                                            "person-findings")
        assert "· 1" in section(page_one, "person-findings") and "过期" in section(page_one, "person-findings")
    # every section read is still audited, naming the records shown
    audited = AuditEntry.objects.filter(action__in=("registration.list", "declaration.list", "door.credential.list",
                                                    "fusion.finding.list", "person.read"))
    assert {e.action for e in audited} >= {"person.read", "registration.list", "declaration.list",
                                           "door.credential.list"}
    last_registrations = audited.filter(action="registration.list").order_by("-pk").first()
    assert len(last_registrations.object_ids) == 5
