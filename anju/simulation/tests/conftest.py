"""One small city per test session: generating is fast, but the tests read it many times."""
import pytest

from anju.simulation.city import generate
from anju.simulation.output import write_city


@pytest.fixture(scope="session")
def city_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    write_city(generate(residents=2000, seed=11), out)
    return out
