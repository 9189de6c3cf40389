from anju.audit.services import audit_log
from anju.houses.models import House


def house_create(*, actor, address: str, jurisdiction, kind: str, landlord=None) -> House:
    house = House.objects.create(address=address, jurisdiction=jurisdiction, kind=kind, landlord=landlord)
    audit_log(actor=actor, action="house.create", object_type="house", object_ids=[house.pk])
    return house
