"""People type addresses as they speak them: the normaliser finds the standard address."""
from anju.addresses.selectors import address_search
from anju.addresses.services import address_upsert


def test_a_spoken_address_finds_its_standard_address_first(tree):
    for room in ("501", "502", "601"):
        address_upsert(code=f"GD-3-2-{room}", full_address=f"浙江省杭州市西湖区古墩路88号3幢2单元{room}室",
                       jurisdiction=tree["A1C1G1"], road="古墩路", house_number="88号", building="3幢", unit="2单元",
                       room=f"{room}室")
    results = address_search(q="古敦路八十八号三号楼二单元五〇二", public=True)
    assert results and results[0].code == "GD-3-2-502"


def test_the_library_version_moves_so_a_new_address_is_found_at_once(tree):
    address_upsert(code="X1", full_address="浙江省杭州市西湖区文一西路1号", jurisdiction=tree["A1C1G1"], road="文一西路",
                   house_number="1号")
    assert address_search(q="文一西路1号", public=True)[0].code == "X1"
    address_upsert(code="X2", full_address="浙江省杭州市西湖区文一西路2号", jurisdiction=tree["A1C1G1"], road="文一西路",
                   house_number="2号")
    assert address_search(q="文一西路2号", public=True)[0].code == "X2"
