"""A registration's earlier addresses show only inside the reader's jurisdiction (elsewhere: the dates), and the
on-site task pages audit the declarations they show."""
import pytest

from anju.audit.models import AuditEntry
from anju.fusion.tests.conftest import addresses, write_csv  # noqa: F401 - the fixture
from anju.registrations.imports import registrations_import
from anju.registrations.models import Registration
from conftest import valid_id

pytestmark = pytest.mark.django_db
NUMBER = valid_id(birth="19900307", seq="123")


def test_earlier_addresses_in_another_jurisdiction_show_only_their_dates(client, addresses, officer_a, tmp_path):
    header = ["registration_id", "id_number", "name", "sex", "birth_date", "phone", "address", "address_code",
              "registered_at", "status"]
    rows = [["OLD", NUMBER, "张伟", "男", "1990-03-07", "", addresses["b301"].full_address, "B301", "2020-01-01",
             "cancelled"],
            ["NEW", NUMBER, "张伟", "男", "1990-03-07", "", addresses["a101"].full_address, "A101", "2024-01-01",
             "active"]]
    registrations_import(path=write_csv(tmp_path / "r.csv", header, rows))
    old, new = Registration.objects.get(number="OLD"), Registration.objects.get(number="NEW")
    new.previous = old
    new.save(update_fields=["previous"])
    client.force_login(officer_a)
    page = client.get(f"/staff/registrations/{new.pk}/").content.decode()
    assert "古墩路" not in page and "2020-01-01" in page  # station B's address hidden, the dates kept
    assert not AuditEntry.objects.filter(action="registration.read", subjects__object_id=str(old.pk)).exists()
    old.jurisdiction = new.jurisdiction  # had it been in station A's area, it is shown, and its reading audited
    old.save(update_fields=["jurisdiction"])
    assert "古墩路" in client.get(f"/staff/registrations/{new.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="registration.read", subjects__object_id=str(old.pk)).exists()
