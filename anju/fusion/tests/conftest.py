"""A small generated city (the simulator of anju/simulation), written once per session."""
import pytest

CITY_RESIDENTS = 400
CITY_SEED = 11


@pytest.fixture(scope="session")
def city_dir(tmp_path_factory):
    from anju.simulation.city import generate
    from anju.simulation.output import write_city

    out = tmp_path_factory.mktemp("fusion-city")
    write_city(generate(residents=CITY_RESIDENTS, seed=CITY_SEED), out)
    return out


@pytest.fixture
def addresses(tree):
    """Two standard addresses in station A's grid, one in station B's."""
    from anju.addresses.services import address_upsert

    parts = dict(province="浙江省", city="杭州市", district="西湖区", street="文新街道", road="文一西路",
                 house_number="1号", building="1幢", unit="1单元")
    return {
        "a101": address_upsert(code="A101", full_address="浙江省杭州市西湖区文新街道文一西路1号1幢1单元101室",
                               jurisdiction=tree["A1C1G1"], room="101室", **parts),
        "a202": address_upsert(code="A202", full_address="浙江省杭州市西湖区文新街道文一西路1号1幢1单元202室",
                               jurisdiction=tree["A1C1G1"], room="202室", **parts),
        "b301": address_upsert(code="B301", full_address="浙江省杭州市西湖区文新街道古墩路9号3幢1单元301室",
                               jurisdiction=tree["B1C1G1"], **{**parts, "road": "古墩路", "house_number": "9号",
                                                                 "building": "3幢"}, room="301室"),
    }


def write_csv(path, header, rows, encoding="utf-8"):
    import csv

    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path
