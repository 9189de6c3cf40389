"""The admin never writes what has its own audited write path: jurisdictions, people and houses are shown there,
not added, changed or deleted (a node added there skipped the level and parent checks and got an empty path)."""
import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_shows_but_does_not_write_jurisdictions_people_or_houses(client, admin_root, tree):
    client.force_login(admin_root)
    node = tree["A1"]
    for model in ("jurisdictions/node", "people/person", "houses/house"):
        assert client.get(f"/admin/{model}/").status_code == 200, model
        assert client.get(f"/admin/{model}/add/").status_code == 403, model
    before = node.name
    response = client.post(f"/admin/jurisdictions/node/{node.pk}/change/", {"code": node.code, "name": "改名",
                                                                            "level": node.level})
    assert response.status_code == 403
    node.refresh_from_db()
    assert node.name == before
    assert client.post("/admin/jurisdictions/node/add/", {"code": "X1", "name": "无上级网格", "level": "grid"}
                       ).status_code == 403
    assert client.get(f"/admin/jurisdictions/node/{node.pk}/change/").status_code == 200  # still shown
