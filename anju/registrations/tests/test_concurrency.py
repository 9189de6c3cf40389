"""Declarations under concurrency: a retry storm with one Idempotency-Key files one declaration; parallel
declarations all land, each audited once in one unbroken chain. PostgreSQL only: SQLite's test database
serialises every writer, so nothing would race."""
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from anju.audit.models import AuditEntry
from anju.audit.services import audit_seal, audit_verify
from anju.registrations.models import Declaration
from conftest import valid_id

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's test database serialises every writer")


def _post_in_threads(user, bodies_and_keys):
    """Sends every request at once (a barrier releases them together); returns (status, id) per request."""
    barrier = threading.Barrier(len(bodies_and_keys))
    results = [None] * len(bodies_and_keys)

    def send(i, body, key):
        from django.db import connection as own

        api = APIClient()
        api.force_authenticate(user)
        try:
            barrier.wait()
            response = api.post("/api/declarations/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
            results[i] = (response.status_code, response.json().get("id"))
        finally:
            own.close()

    threads = [threading.Thread(target=send, args=(i, b, k)) for i, (b, k) in enumerate(bodies_and_keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _body(house, seq):
    return {"plate": house.plates.get().token, "name": "周八", "id_number": valid_id(seq=seq), "phone": "13512345678",
            "move_in": timezone.localdate().isoformat()}


def test_the_same_key_sent_eight_times_at_once_files_one_declaration(resident, house):
    results = _post_in_threads(resident, [(_body(house, "701"), "tap-tap-tap")] * 8)
    assert {status for status, _ in results} == {201}
    assert len({pk for _, pk in results}) == 1
    assert Declaration.objects.count() == 1
    assert AuditEntry.objects.filter(action="declaration.register").count() == 1


def test_parallel_declarations_are_all_filed_and_audited_in_one_chain(resident, house):
    results = _post_in_threads(resident, [(_body(house, f"{710 + i}"), f"k{i}") for i in range(12)])
    assert [status for status, _ in results] == [201] * 12
    assert Declaration.objects.count() == 12
    audit_seal()  # normally done right after each commit; here a no-op unless a test thread was cut short
    result = audit_verify()
    assert result.ok and result.pending == 0
    assert AuditEntry.objects.filter(action="declaration.register", seq__isnull=False).count() == 12
