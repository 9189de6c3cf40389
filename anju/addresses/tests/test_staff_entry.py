"""Staff add addresses the library lacks: composed like the library's own, inside their jurisdiction, audited,
never twice, and found by search and by the matcher at once."""
import pytest
from django.utils import translation

from anju.addresses.models import StandardAddress
from anju.addresses.services import (AddressError, AddressLikelyDuplicate, address_add, address_compose,
                                     address_upsert)
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


# The same place written differently: the normaliser reads the new address as one already in the library.

def _library_house(tree):
    # an imported library may write its numbers bare (227, 3): not the same components as the form's, same place
    return address_upsert(code="LIB-227", full_address="浙江省杭州市西湖区文三路227号", jurisdiction=tree["A1C1G1"],
                          province="浙江省", city="杭州市", district="西湖区", road="文三路", house_number="227")


def _library_building(tree):
    return address_upsert(code="LIB-229-3", full_address="浙江省杭州市西湖区文三路229号3幢", jurisdiction=tree["A1C1G1"],
                          province="浙江省", city="杭州市", district="西湖区", road="文三路", house_number="229号",
                          building="3幢")


HOUSE_227 = {"district": "西湖区", "road": "文三路", "house_number": "227"}
BUILDING_229_3 = {"province": "浙江省", "city": "杭州市", "district": "西湖区", "road": "文三路", "house_number": "229",
                  "building": "3号楼"}


def test_the_same_place_written_differently_is_refused_naming_the_address_there(tree, officer_a):
    house, building = _library_house(tree), _library_building(tree)
    with pytest.raises(AddressLikelyDuplicate) as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **HOUSE_227)  # 西湖区文三路227号, no province
    assert refused.value.existing == house
    assert "浙江省杭州市西湖区文三路227号" in str(refused.value) and "LIB-227" in str(refused.value)
    assert "确认是不同地址" in str(refused.value)
    with pytest.raises(AddressLikelyDuplicate, match="LIB-229-3") as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **BUILDING_229_3)  # 3号楼 for 3幢
    assert refused.value.existing == building
    with translation.override("en"), pytest.raises(AddressLikelyDuplicate) as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **BUILDING_229_3)
    assert "already in the library: 浙江省杭州市西湖区文三路229号3幢, code LIB-229-3" in str(refused.value)
    assert "This is a different place" in str(refused.value)
    assert StandardAddress.objects.count() == 2 and not AuditEntry.objects.filter(action="address.add").exists()


def test_an_officer_who_confirms_a_different_place_adds_it_and_the_audit_says_so(tree, officer_a):
    building = _library_building(tree)
    address = address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], different_place=True, **BUILDING_229_3)
    assert address.full_address == "浙江省杭州市西湖区文三路229号3号楼" and address.code != building.code
    entry = AuditEntry.objects.get(action="address.add", object_ids=[str(address.pk)])
    assert entry.detail["different_from"] == [building.code]  # a list of one, as of several


def test_a_new_place_is_added_without_question(tree, officer_a):
    _library_house(tree), _library_building(tree)
    address_upsert(code="LIB-100-501", full_address="浙江省杭州市西湖区文新街道文一西路100号3幢2单元501室",
                   jurisdiction=tree["A1C1G1"], district="西湖区", road="文一西路", house_number="100号", building="3幢",
                   unit="2单元", room="501室")
    added = [
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**HOUSE_227, "road": "文二路"}),  # one word off
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**HOUSE_227, "house_number": "231"}),
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**HOUSE_227, "building": "1"}),  # under 227号
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**PARTS, "room": "502"}),  # beside 501室
        # a building whose only row is one of its rooms: the match stands for the building through that room
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**PARTS, "unit": "", "room": ""}),
    ]
    assert [a.full_address for a in added] == [
        "西湖区文二路227号", "西湖区文三路231号", "西湖区文三路227号1幢", "浙江省杭州市西湖区文新街道文一西路100号3幢2单元502室",
        "浙江省杭州市西湖区文新街道文一西路100号3幢"]
    assert all("different_from" not in e.detail for e in AuditEntry.objects.filter(action="address.add"))


def test_the_page_refuses_a_likely_duplicate_and_adds_it_once_confirmed(client, tree, officer_a):
    building = _library_building(tree)
    client.force_login(officer_a)
    form = {**BUILDING_229_3, "jurisdiction": "A1C1G1"}
    assert 'name="different_place"' not in client.get("/staff/addresses/new/").content.decode()
    page = client.post("/staff/addresses/new/", form).content.decode()
    assert "疑似相同" in page and building.full_address in page and building.code in page
    assert 'name="different_place"' in page and "确认是不同地址" in page
    english = client.post("/staff/addresses/new/", form, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This looks like an address already in the library" in english and "This is a different place" in english
    assert StandardAddress.objects.count() == 1
    response = client.post("/staff/addresses/new/", {**form, "different_place": "on"})
    added = StandardAddress.objects.get(full_address="浙江省杭州市西湖区文三路229号3号楼")
    assert response.status_code == 302 and added.code in response["Location"]


# Several library rows the text reads as equally well: the matcher cannot say which, but it is sure it is one of them.

def _two_units_with_a_501(tree):
    """3幢 of 文三路229号 has a 501室 in unit 1 and in unit 2 (and a 502室 in unit 2 only)."""
    return [address_upsert(code=f"LIB-229-3-{unit}-{room}",
                           full_address=f"浙江省杭州市西湖区文三路229号3幢{unit}单元{room}室", jurisdiction=tree["A1C1G1"],
                           province="浙江省", city="杭州市", district="西湖区", road="文三路", house_number="229号",
                           building="3幢", unit=f"{unit}单元", room=f"{room}室")
            for unit, room in ((1, 501), (2, 501), (2, 502))]


ROOM_501 = {**BUILDING_229_3, "building": "3", "room": "501"}  # 浙江省杭州市西湖区文三路229号3幢501室: which unit?


def test_a_place_the_matcher_reads_as_one_of_several_is_refused_naming_them_all(tree, officer_a):
    unit_1, unit_2, _502 = _two_units_with_a_501(tree)
    with pytest.raises(AddressLikelyDuplicate) as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **ROOM_501)
    assert refused.value.candidates == [unit_1, unit_2] and refused.value.existing == unit_1
    assert str(refused.value) == (
        "该地址与标准地址库中已有的 2 个地址疑似相同，无法确定是其中哪一个：浙江省杭州市西湖区文三路229号3幢1单元501室（编码 "
        "LIB-229-3-1-501）、浙江省杭州市西湖区文三路229号3幢2单元501室（编码 LIB-229-3-2-501）。如与它们都不是同一地址，"
        "请勾选“确认是不同地址”后再次提交。")
    with translation.override("en"), pytest.raises(AddressLikelyDuplicate) as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**ROOM_501, "building": "3号楼"})
    assert str(refused.value) == (
        "This looks like one of 2 addresses already in the library, and the address matcher cannot tell which: "
        "浙江省杭州市西湖区文三路229号3幢1单元501室 (code LIB-229-3-1-501), 浙江省杭州市西湖区文三路229号3幢2单元501室 "
        "(code LIB-229-3-2-501). If it is a different place from all of them, tick “This is a different place” and add "
        "it again.")
    assert StandardAddress.objects.count() == 3 and not AuditEntry.objects.filter(action="address.add").exists()


def test_one_of_several_confirmed_as_a_different_place_is_added_and_the_audit_names_them_all(tree, officer_a):
    unit_1, unit_2, _502 = _two_units_with_a_501(tree)
    address = address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], different_place=True, **ROOM_501)
    assert address.full_address == "浙江省杭州市西湖区文三路229号3幢501室"
    entry = AuditEntry.objects.get(action="address.add", object_ids=[str(address.pk)])
    assert entry.detail["different_from"] == [unit_1.code, unit_2.code]


def test_rivals_that_are_not_sure_or_not_about_as_likely_are_no_reason_to_refuse(tree, officer_a):
    _two_units_with_a_501(tree)
    room_502 = StandardAddress.objects.get(code="LIB-229-3-2-502")
    # one room only the unit left out: the one reading, as before
    with pytest.raises(AddressLikelyDuplicate) as refused:
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**ROOM_501, "room": "502"})
    assert refused.value.candidates == [room_502] and "LIB-229-3-2-502" in str(refused.value)
    added = [
        # a one-character difference in the road on both readings: 文二路 is not 文三路 (0.38 + 0.38)
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**ROOM_501, "road": "文二路"}),
        # a room neither unit has: the building's rooms stand for it, not as rooms
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**ROOM_501, "room": "503"}),
        # the building itself: the library has rooms of it, not the building
        address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **{**ROOM_501, "room": ""}),
    ]
    assert [a.full_address for a in added] == [
        "浙江省杭州市西湖区文二路229号3幢501室", "浙江省杭州市西湖区文三路229号3幢503室", "浙江省杭州市西湖区文三路229号3幢"]
    assert all("different_from" not in e.detail for e in AuditEntry.objects.filter(action="address.add"))


def test_the_page_lists_every_address_a_text_may_be_and_adds_it_once_confirmed(client, tree, officer_a):
    unit_1, unit_2, _502 = _two_units_with_a_501(tree)
    client.force_login(officer_a)
    form = {**ROOM_501, "jurisdiction": "A1C1G1"}
    page = client.post("/staff/addresses/new/", form).content.decode()
    assert all(a.full_address in page and a.code in page for a in (unit_1, unit_2))
    assert "无法确定是其中哪一个" in page and 'name="different_place"' in page and "确认是不同地址" in page
    english = client.post("/staff/addresses/new/", form, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the address matcher cannot tell which" in english and f"(code {unit_2.code})" in english
    assert "This is a different place" in english and StandardAddress.objects.count() == 3
    response = client.post("/staff/addresses/new/", {**form, "different_place": "on"})
    added = StandardAddress.objects.get(full_address="浙江省杭州市西湖区文三路229号3幢501室")
    assert response.status_code == 302 and added.code in response["Location"]


def test_an_address_added_by_hand_joins_the_built_index_and_a_changed_one_rebuilds_it(tree, officer_a):
    from anju.addresses import matching

    house = _library_house(tree)
    index = matching.address_index()
    added = address_add(actor=officer_a, jurisdiction=tree["A1C1G1"], **PARTS)
    assert matching.address_index() is index  # the new row joined the index built before
    assert matching.match_addresses("文一西路100号3幢2单元501", limit=1)[0].code == added.code
    assert matching.match_addresses("文三路227号", limit=1)[0].code == house.code
    # a row already indexed changes: the index is built again and reads it as it now is
    address_upsert(code="LIB-227", full_address="浙江省杭州市西湖区文二路227号", jurisdiction=tree["A1C1G1"],
                   province="浙江省", city="杭州市", district="西湖区", road="文二路", house_number="227")
    assert matching.address_index() is not index
    assert matching.match_addresses("文二路227号", limit=1)[0].code == house.code


def test_a_row_that_commits_after_a_newer_one_is_not_lost(tree, officer_a):
    from anju.addresses import matching

    first = _library_house(tree)
    second = _library_building(tree)
    pk = second.pk
    StandardAddress.objects.filter(pk=first.pk).delete()  # as if its transaction had not committed yet
    matching.address_index()
    StandardAddress.objects.create(pk=first.pk, code="LIB-227", full_address="浙江省杭州市西湖区文三路227号",
                                   jurisdiction=tree["A1C1G1"], district="西湖区", road="文三路", house_number="227")
    address_upsert(code="LIB-231", full_address="浙江省杭州市西湖区文三路231号", jurisdiction=tree["A1C1G1"],
                   district="西湖区", road="文三路", house_number="231")
    assert first.pk < pk
    assert matching.match_addresses("文三路227号", limit=1)[0].code == "LIB-227"
    assert matching.match_addresses("文三路231号", limit=1)[0].code == "LIB-231"


def test_the_list_offers_registering_a_house_only_where_none_is_and_only_to_house_roles(client, tree, officer_a,
                                                                                         make_user):
    from conftest import make_house

    house = make_house(tree, "A-0500", "浙江省杭州市西湖区文一西路500号1幢101室", "A1C1G1")
    address_upsert(code="A-0501", full_address="浙江省杭州市西湖区文一西路500号1幢102室", jurisdiction=tree["A1C1G1"])
    client.force_login(officer_a)
    body = client.get("/staff/addresses/", {"q": "文一西路500号"}).content.decode()
    assert f'href="/staff/houses/{house.pk}/"' in body and "/staff/houses/new/?address=A-0501" in body
    assert "/staff/houses/new/?address=A-0500" not in body
    client.force_login(make_user("cmd", "commander", "330106"))
    body = client.get("/staff/addresses/", {"q": "文一西路500号"}).content.decode()
    assert f'href="/staff/houses/{house.pk}/"' in body and "/staff/houses/new/" not in body


def test_an_index_of_rows_since_rolled_back_is_built_again_though_ids_and_codes_repeat(tree):
    """A database written again from nothing (reset, restored, or a rolled-back import: tests do it all day) may give
    its new rows the same ids and the same newest code as the rows an index was built from: still a new library."""
    from django.db import transaction

    from anju.addresses import matching

    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            address_upsert(code="LIB-1", full_address="浙江省杭州市西湖区古翠路1号", jurisdiction=tree["A1C1G1"],
                           district="西湖区", road="古翠路", house_number="1")
            assert matching.match_addresses("古翠路1号", limit=1)[0].code == "LIB-1"
            raise RolledBack
    except RolledBack:
        pass
    address_upsert(code="LIB-1", full_address="浙江省杭州市西湖区文三路99号", jurisdiction=tree["A1C1G1"],
                   district="西湖区", road="文三路", house_number="99")
    best = matching.match_addresses("文三路99号", limit=1)
    assert best and best[0].code == "LIB-1" and best[0].confidence >= 0.9
    assert not [m for m in matching.match_addresses("古翠路1号") if m.confidence >= 0.9]
