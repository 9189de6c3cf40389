import uuid

import pytest
from django.utils import timezone

from conftest import make_house, valid_id


@pytest.fixture
def house(tree, officer_a):
    return make_house(tree, "A-0500", "文一西路500号2幢1单元301室", "A1C1G1")


@pytest.fixture
def house2(tree, officer_a):
    return make_house(tree, "A-0600", "文一西路600号1幢1单元101室", "A1C1G1")


@pytest.fixture
def landlord(house, make_user):
    """A verified landlord of ``house``."""
    from anju.houses.models import HouseLandlord
    from anju.houses.services import landlord_verify

    user = make_user("13800138000", "landlord", None, phone="13800138000", password=None)
    landlord_verify(user=user, name="房东", id_number=valid_id(seq="015"))
    HouseLandlord.objects.create(house=house, landlord=user)
    return user


@pytest.fixture
def declare_as(house):
    from anju.registrations.services import declare

    def run(user, *, seq="701", name="周八", channel="resident", target=None, days_ago=1, **kwargs):
        return declare(actor=user, channel=channel, house=target or house, name=name, id_number=valid_id(seq=seq),
                       move_in=timezone.localdate() - timezone.timedelta(days=days_ago), phone="13512345678",
                       idempotency_key=kwargs.pop("key", uuid.uuid4().hex), **kwargs)

    return run


@pytest.fixture
def registry(tmp_path):
    """Loads the identity registry with the given (id_number, name) rows."""
    from anju.people.registry import population_import

    def load(*rows):
        path = tmp_path / "population.csv"
        path.write_text("id_number,name\n" + "".join(f"{i},{n}\n" for i, n in rows), encoding="utf-8")
        population_import(path=path)

    return load
