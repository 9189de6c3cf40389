"""The staff home page counts the people living in each area below the reader's and the houses there, each count in
one grouped query however many areas there are (rule 6: no query per row)."""
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_house, valid_id

ROW = re.compile(r'<tr><td><a href="/staff/people/\?node=(\w+)">[^<]+</a></td><td>[^<]+</td><td>([\d,]+)</td>'
                 r'<td>([\d,]+)</td></tr>')


def by_area(client) -> dict[str, tuple[int, int]]:
    """The home page's areas by code: (people, houses)."""
    page = client.get("/").content.decode()
    return {code: (int(people), int(houses)) for code, people, houses in ROW.findall(page)}


def settle(tree, station: str, seq: int, people: int):
    """A community and a grid in `station`, one house there and `people` living in it."""
    from anju.jurisdictions.models import Node
    from anju.jurisdictions.services import jurisdictions_import
    from anju.people.services import person_create

    if station not in tree:
        assert not jurisdictions_import(text=f"code,name,level,parent_code\n{station},{station}派出所,station,330106\n"
                                              f"{station}C,{station}社区,community,{station}\n"
                                              f"{station}CG,{station}网格,grid,{station}C\n").errors
        tree.update({n.code: n for n in Node.objects.filter(code__startswith=station)})
    grid = next(code for code, node in tree.items() if code.startswith(station) and node.level == "grid")
    house = make_house(tree, f"{station}-{seq}", f"{station}路{seq}号1幢1单元101室", grid)
    for i in range(people):
        person_create(actor=None, name=f"住户{station}{i}", id_number=valid_id(seq=f"{seq % 10}{i:02d}"),
                      jurisdiction=tree[grid], house=house, address=house.address)


def test_the_home_pages_counts_by_area_take_the_same_queries_for_two_areas_as_for_five(client, tree, make_user):
    admin = make_user("admin_district", "admin", "330106")
    settle(tree, "A1", 1, 2)
    settle(tree, "B1", 2, 1)
    client.force_login(admin)
    client.get("/")
    with CaptureQueriesContext(connection) as two:
        assert by_area(client) == {"A1": (2, 1), "B1": (1, 1)}
    settle(tree, "C1", 3, 3)
    settle(tree, "D1", 4, 0)
    settle(tree, "E1", 5, 1)
    settle(tree, "A1", 6, 1)  # a second house in A
    with CaptureQueriesContext(connection) as five:
        assert by_area(client) == {"A1": (3, 2), "B1": (1, 1), "C1": (3, 1), "D1": (0, 1), "E1": (1, 1)}
    assert len(five.captured_queries) == len(two.captured_queries)
