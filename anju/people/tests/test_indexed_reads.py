"""The reads that grow with the register find their rows by index on PostgreSQL, never by reading the whole table: a
search by birth date (or by a number's start), a department's age slice (birth-date ranges), and the findings about a
person on their page. Each plan is asked with sequential scans priced out (enable_seqscan off), so that the small test
tables do not make a scan the cheaper plan: a plan still scanning has no index to use."""
import pytest
from django.db import connection

from anju.people.selectors import person_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")

    def explain(qs) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # the test's transaction only
        return qs.explain()

    return explain


def test_a_search_by_birth_date_reads_the_birth_date_index(plan, officer_a, people):
    read = plan(person_search(user=officer_a, q="19900307"))
    assert "person_birth_date_idx" in read and "Seq Scan on people_person" not in read


def test_a_departments_age_slice_reads_the_birth_date_index(plan, make_user, people):
    education = make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education")
    read = plan(person_search(user=education).order_by())
    assert "person_birth_date_idx" in read and "Seq Scan on people_person" not in read


def test_the_findings_about_a_person_read_the_findings_number_index(plan, officer_a):
    from anju.fusion.models import Finding
    from anju.fusion.selectors import _about

    read = plan(Finding.objects.restrict(officer_a).filter(_about("0" * 64)))
    assert "fusion_finding_id_hash" in read and "Seq Scan on fusion_finding" not in read
