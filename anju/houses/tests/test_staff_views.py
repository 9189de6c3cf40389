"""Staff pages: registering on a landlord's behalf, the house list and page, scoped like everything else."""
from anju.accounts.models import User
from anju.addresses.services import address_upsert
from anju.houses.models import House


def test_police_register_a_house_for_a_landlord_by_phone(client, tree, officer_a):
    address_upsert(code="A-9", full_address="文一西路9号", jurisdiction=tree["A1C1G1"])
    client.force_login(officer_a)
    response = client.post("/staff/houses/new/", {"address_code": "A-9", "kind": "rental", "landlord_phone": "13600001111",
                                                  "landlord_name": "孙房东"})
    house = House.objects.get(standard_address__code="A-9")
    assert response.status_code == 302 and response["Location"] == f"/staff/houses/{house.pk}/"
    landlord = User.objects.get(phone="13600001111")
    assert landlord.role == "landlord" and list(house.landlords.all()) == [landlord]
    assert house.plates.filter(revoked_at__isnull=True).count() == 1


def test_an_address_outside_the_jurisdiction_is_refused_clearly(client, tree, officer_a):
    address_upsert(code="B-9", full_address="古墩路9号", jurisdiction=tree["B1C1G1"])
    client.force_login(officer_a)
    body = client.post("/staff/houses/new/", {"address_code": "B-9", "kind": "rental"}).content.decode()
    assert "本辖区内没有该标准地址" in body and not House.objects.filter(standard_address__code="B-9").exists()


def test_house_page_shows_history_and_is_not_found_for_another_station(client, officer_a, officer_b, people):
    client.force_login(officer_a)
    assert people["house_a"].address in client.get(f"/staff/houses/{people['house_a'].pk}/").content.decode()
    client.force_login(officer_b)
    assert client.get(f"/staff/houses/{people['house_a'].pk}/").status_code == 404


def test_reading_a_house_page_audits_the_tenants_shown(client, officer_a, people):
    from django.utils import timezone

    from anju.audit.models import AuditEntry
    from anju.houses.services import tenant_check_in
    from conftest import valid_id

    tenancy = tenant_check_in(actor=officer_a, house=people["house_a"], name="租客", id_number=valid_id(seq="611"),
                              move_in=timezone.localdate())
    client.force_login(officer_a)
    client.get(f"/staff/houses/{people['house_a'].pk}/")
    assert AuditEntry.objects.filter(action="tenancy.list", object_ids=[str(tenancy.pk)]).exists()
