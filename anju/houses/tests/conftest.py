import pytest

from conftest import make_house


@pytest.fixture
def landlord(make_user):
    from anju.houses.services import landlord_verify
    from conftest import valid_id

    user = make_user("13800138000", "landlord", None, phone="13800138000", password=None, full_name="房东甲")
    landlord_verify(user=user, name="房东甲", id_number=valid_id(birth="19700101", seq="015"))
    return user


@pytest.fixture
def house(tree, officer_a, landlord):
    from anju.houses.services import house_register

    h = make_house(tree, "A-0100", "文一西路100号1幢1单元101室", "A1C1G1", kind="group")
    return house_register(actor=officer_a, standard_address=h.standard_address, kind="group", landlord=landlord)


@pytest.fixture
def house_b(tree, officer_b):
    return make_house(tree, "B-0100", "古墩路8号3幢2单元502室", "B1C1G1")
