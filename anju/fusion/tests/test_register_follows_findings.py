"""A finding decided on site changes the population register as the registration services do: confirming that an
unregistered person lives at the address puts them on it there, and confirming a stale registration (they no longer
live there) ends their residence on it."""
import pytest

from anju.fusion.services import finding_confirm
from anju.fusion.tests.test_tasks import NUMBER, make_finding
from anju.people.models import Person

pytestmark = pytest.mark.django_db


def test_confirming_a_finding_registers_the_person_and_confirming_it_stale_ends_their_residence(addresses, officer_a):
    address = addresses["a101"]
    found = make_finding(None, address, assignee=officer_a)
    finding_confirm(actor=officer_a, finding=found, note="核实在住")
    registration = type(found).objects.get(pk=found.pk).result_registration
    person = Person.objects.get()
    assert person.id_number == NUMBER and person.address == registration.address and person.left_on is None

    stale = make_finding(None, address, kind="stale", registration=registration, subject="stale:E1:A101")
    finding_confirm(actor=officer_a, finding=stale, note="已搬离")
    person.refresh_from_db()
    assert person.house is None and person.address == "" and person.left_address == registration.address
    assert person.left_on is not None
