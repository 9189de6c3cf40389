"""Shared fixtures: a small tree with two stations and one persona per role (healthchecks style)."""
import os
import threading

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must not mistake that for async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TREE_CSV = """code,name,level,parent_code
330000,浙江省,province,
330100,杭州市,city,330000
330106,西湖区,district,330100
A1,甲派出所,station,330106
A1C1,甲一社区,community,A1
A1C1G1,甲一社区第1网格,grid,A1C1
B1,乙派出所,station,330106
B1C1,乙一社区,community,B1
B1C1G1,乙一社区第1网格,grid,B1C1
"""
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a request sent in English (Accept-Language: en) leaves
    that language active in the thread, and the next test's Chinese labels would read English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def valid_id(region="330106", birth="19900307", seq="123"):
    from anju.lib.identity import check_digit

    body = f"{region}{birth}{seq}"
    return body + check_digit(body)


def make_house(tree, code, address, node_code, kind="rental"):
    """A standard address and the house on it, registered by the node's own police."""
    from anju.accounts.models import User
    from anju.addresses.services import address_upsert
    from anju.houses.services import house_register

    standard = address_upsert(code=code, full_address=address, jurisdiction=tree[node_code])
    station = tree[node_code]
    while station.level != "station":
        station = station.parent
    police = User.objects.filter(role="officer", jurisdiction=station).first() or User.objects.create(
        username=f"police-{station.code}", role="officer", jurisdiction=station)
    return house_register(actor=police, standard_address=standard, kind=kind)


@pytest.fixture
def tree(db):
    from anju.jurisdictions.models import Node
    from anju.jurisdictions.services import jurisdictions_import

    report = jurisdictions_import(text=TREE_CSV)
    assert not report.errors
    return {n.code: n for n in Node.objects.all()}


@pytest.fixture
def make_user(tree):
    from anju.accounts.services import user_create

    def make(username, role, code=None, **kwargs):
        kwargs.setdefault("password", PASSWORD)
        return user_create(username=username, role=role, jurisdiction=tree[code] if code else None, **kwargs)

    return make


@pytest.fixture
def officer_a(make_user):
    return make_user("officer_a", "officer", "A1", full_name="甲所民警")


@pytest.fixture
def officer_b(make_user):
    return make_user("officer_b", "officer", "B1", full_name="乙所民警")


@pytest.fixture
def auxiliary_a(make_user):
    return make_user("aux_a", "auxiliary", "A1C1", full_name="甲一社区专管员")


@pytest.fixture
def admin_a(make_user):
    """An administrator bound to station A only: even the admin site is scoped."""
    return make_user("admin_a", "admin", "A1", full_name="甲所管理员")


@pytest.fixture
def admin_root(make_user):
    return make_user("admin_root", "admin", "330000", full_name="省厅管理员")


@pytest.fixture
def resident(make_user):
    return make_user("13900000001", "resident", None, phone="13900000001", password=None)


@pytest.fixture
def people(tree):
    """One person living in each station's grid."""
    from anju.people.services import person_create

    house_a = make_house(tree, "A-0001", "文一西路1号1幢1单元101室", "A1C1G1")
    house_b = make_house(tree, "B-0001", "古墩路2号2幢2单元202室", "B1C1G1")
    a = person_create(actor=None, name="张甲", id_number=valid_id(seq="111"), jurisdiction=tree["A1C1G1"],
                      house=house_a, address=house_a.address, phone="13800001111")
    b = person_create(actor=None, name="李乙", id_number=valid_id(seq="222"), jurisdiction=tree["B1C1G1"],
                      house=house_b, address=house_b.address, phone="13800002222")
    return {"a": a, "b": b, "house_a": house_a, "house_b": house_b}


@pytest.fixture
def postgres_only():
    """Tests of writers racing each other: SQLite's test database serialises every writer, so nothing would race."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's test database serialises every writer, so nothing would race")


# long enough for PostgreSQL to find a deadlock (deadlock_timeout: 1 s); after it a side blocked elsewhere goes on
RACE_HOLD_SECONDS = 3


def race(monkeypatch, first, second):
    """Runs ``first`` and ``second`` (each (name, call, (module, function))) in two threads with their own connections;
    each waits at its function, reached once it holds its first lock, until the other has reached its own. Returns
    what each returned or raised, by name."""
    barrier = threading.Barrier(2)
    results = {}
    for name, _call, (module, function) in (first, second):
        original = getattr(module, function)

        def held(*args, _original=original, _name=name, **kwargs):
            if threading.current_thread().name == _name:
                try:
                    barrier.wait(timeout=RACE_HOLD_SECONDS)
                except threading.BrokenBarrierError:
                    pass  # the other side waits for a lock this one holds: it goes on once this one commits
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, function, held)

    def run(name, call):
        from django.db import connection

        try:
            results[name] = call()
        except Exception as exc:  # noqa: BLE001 - what the user would have got
            results[name] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, name=name, args=(name, call)) for name, call, _hook in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
