"""Staff add addresses the library lacks: composed like the library's own, inside their jurisdiction, audited,
never twice, and found by search and by the matcher at once."""
import pytest

from anju.addresses.models import StandardAddress
from anju.addresses.services import AddressError, address_add, address_compose, address_upsert
from anju.audit.models import AuditEntry

PARTS = {"province": "浙江省", "city": "杭州市", "district": "西湖区", "street": "文新街道", "community": "文鼎苑社区",
         "road": "文一西路", "house_number": "100", "building": "3", "unit": "2", "room": "５０１"}


def test_parts_are_written_as_the_library_writes_them():
    values, full = address_compose(PARTS)
    assert full == "浙江省杭州市西湖区文新街道文一西路100号3幢2单元501室"
    assert (values["building"], values["room"]) == ("3幢", "501室")
    _values, full = address_compose({**PARTS, "building": "东楼", "unit": "", "room": ""})
    assert full.endswith("文一西路100号东楼")


def test_an_officer_adds_a_room_and_the_matcher_places_text_on_it(tree, officer_a):
    from anju.addresses.matching import match_addresses

    address = address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **PARTS)
    assert address.code.startswith("AJ-") and address.jurisdiction == tree["A1C1G1"]
    assert AuditEntry.objects.filter(action="address.add", object_ids=[str(address.pk)]).exists()
    best = match_addresses("文一西路100号3幢2单元501", limit=1)
    assert best and best[0].code == address.code


def test_the_same_place_twice_is_refused_with_the_code_already_there(tree, officer_a):
    first = address_upsert(code="LIB-1", full_address="浙江省杭州市西湖区文新街道文一西路100号3幢2单元501室",
                           jurisdiction=tree["A1C1G1"], district="西湖区", road="文一西路", house_number="100号",
                           building="3幢", unit="2单元", room="501室")
    with pytest.raises(AddressError, match=first.code):
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **PARTS)
    # Written without the street, it is still the same place.
    with pytest.raises(AddressError, match=first.code):
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**PARTS, "street": ""})


def test_only_police_and_auxiliaries_of_the_place_may_add(tree, officer_b, auxiliary_a, make_user):
    with pytest.raises(AddressError):
        address_add(actor=officer_b, jurisdiction=tree["A1C1G1"], **PARTS)
    commander = make_user("cmd", "commander", "A1")
    with pytest.raises(AddressError):
        address_add(actor=commander, jurisdiction=tree["A1C1G1"], **PARTS)
    with pytest.raises(AddressError, match="门牌号|house number"):
        address_add(actor=auxiliary_a, jurisdiction=tree["A1C1G1"], **{**PARTS, "house_number": ""})
    assert not StandardAddress.objects.exists()


def test_the_page_adds_an_address_like_another_and_lists_it(client, tree, officer_a, officer_b):
    template = address_upsert(code="LIB-1", full_address="浙江省杭州市西湖区文新街道文一西路100号3幢2单元501室",
                              jurisdiction=tree["A1C1G1"], province="浙江省", city="杭州市", district="西湖区",
                              street="文新街道", road="文一西路", house_number="100号", building="3幢", unit="2单元",
                              room="501室")
    client.force_login(officer_a)
    page = client.get(f"/staff/addresses/new/?like={template.code}").content.decode()
    assert 'value="文一西路"' in page and 'value="3幢"' in page and "501室" not in page
    form = {c: getattr(template, c) for c in ("province", "city", "district", "street", "road", "house_number",
                                              "building")}
    response = client.post("/staff/addresses/new/", {**form, "unit": "2", "room": "502", "jurisdiction": "A1C1G1"})
    added = StandardAddress.objects.get(full_address="浙江省杭州市西湖区文新街道文一西路100号3幢2单元502室")
    assert response.status_code == 302 and added.code in response["Location"]
    assert added.full_address in client.get(response["Location"]).content.decode()
    again = client.post("/staff/addresses/new/", {**form, "unit": "2", "room": "502", "jurisdiction": "A1C1G1"})
    assert "已在标准地址库中" in again.content.decode() and StandardAddress.objects.count() == 2
    # Another station neither sees the address nor may place one in A's grid.
    client.force_login(officer_b)
    assert added.full_address not in client.get(f"/staff/addresses/?q={added.code}").content.decode()
    refused = client.post("/staff/addresses/new/", {**form, "unit": "2", "room": "503", "jurisdiction": "A1C1G1"})
    assert refused.status_code == 200 and StandardAddress.objects.count() == 2
