"""Staff are shown the controls of houses their role may use, and nothing that ends in a no-access page after they
have typed; reading roles (commanders, department users) read."""
import pytest

from conftest import make_house


@pytest.fixture
def readers(make_user, tree):
    """A commander, and a department user made directly (its account rules are the accounts app's to say)."""
    from anju.accounts.models import User

    return [make_user("cmd", "commander", "330106", full_name="指挥长"),
            User.objects.create(username="edu", role="department", jurisdiction=tree["330106"], purpose="入学审核")]


def test_reading_roles_are_offered_no_house_registration_or_import(client, officer_a, readers, tree):
    make_house(tree, "A-0400", "文一西路400号", "A1C1G1")
    client.force_login(officer_a)
    body = client.get("/staff/houses/").content.decode()
    assert 'href="/staff/houses/new/"' in body and 'href="/staff/houses/import/"' in body
    for reader in readers:
        client.force_login(reader)
        response = client.get("/staff/houses/")
        body = response.content.decode()
        assert response.status_code == 403 or "文一西路400号" in body, reader.role  # a role that reads houses reads them
        assert "/staff/houses/new/" not in body and "/staff/houses/import/" not in body, reader.role


def test_the_registration_and_import_pages_refuse_a_reading_role_before_anything_is_typed(client, officer_a, readers):
    for reader in readers:
        client.force_login(reader)
        for page in ("/staff/houses/new/", "/staff/houses/import/"):
            response = client.get(page)
            assert response.status_code == 403 and 'id="house-new"' not in response.content.decode(), (reader.role, page)
    client.force_login(officer_a)
    assert 'id="house-new"' in client.get("/staff/houses/new/").content.decode()
    assert 'type="file"' in client.get("/staff/houses/import/").content.decode()
