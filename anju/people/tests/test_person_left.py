"""Someone whose residence here ended (已离开: services.person_residence_end) stays on record: the API lists them when
asked as the people page's 居住状态 does, with where they lived and when they left, and their page says so."""
import datetime as dt

import pytest

from anju.people.services import person_residence_end

LEFT_ON = dt.date(2026, 5, 1)


@pytest.fixture
def left(people):
    """张甲 of ``people`` has left his house on 1 May 2026; 李乙 still lives at hers."""
    a = people["a"]
    person_residence_end(actor=None, id_hash=a.id_hash, house_id=a.house_id, address=a.address, ended_on=LEFT_ON,
                         registration=1)
    a.refresh_from_db()
    return people


def names(response):
    assert response.status_code == 200, response.content
    return {row["name"]: row for row in response.json()["results"]}


def test_the_api_lists_those_living_here_unless_asked_for_those_who_left_with_where_and_when(client, admin_root,
                                                                                           left):
    client.force_login(admin_root)
    living = names(client.get("/api/people/"))
    assert set(living) == {"李乙"} and (living["李乙"]["left_on"], living["李乙"]["left_address"]) == (None, "")
    gone = names(client.get("/api/people/", {"residence": "left"}))
    assert set(gone) == {"张甲"}
    assert (gone["张甲"]["left_on"], gone["张甲"]["left_address"], gone["张甲"]["address"], gone["张甲"]["house"]) == (
        "2026-05-01", left["house_a"].address, "", None)
    assert set(names(client.get("/api/people/", {"residence": "all"}))) == {"张甲", "李乙"}
    assert set(names(client.get("/api/people/", {"residence": "living"}))) == {"李乙"}
    refused = client.get("/api/people/", {"residence": "gone"})
    assert refused.status_code == 400 and "residence" in refused.json()


def test_a_person_read_by_key_says_when_and_where_from_they_left(client, admin_root, left):
    client.force_login(admin_root)
    row = client.get(f"/api/people/{left['a'].pk}/").json()
    assert (row["left_on"], row["left_address"]) == ("2026-05-01", left["house_a"].address)


def test_the_person_page_says_the_person_left_with_the_address_and_the_day(client, officer_a, left):
    client.force_login(officer_a)
    body = client.get(f"/staff/people/{left['a'].pk}/").content.decode()
    assert '<dd id="residence"><strong>已离开（登记已注销）</strong></dd>' in body
    assert f'<dd id="left-address">{left["house_a"].address}</dd>' in body
    assert '<dd id="left-on">2026-05-01</dd>' in body
    assert "<dt>居住地址</dt>" not in body
