"""The one gate in front of staff pages (core.decorators.staff_required), through a real staff page."""
import pytest
from django.urls import reverse


@pytest.fixture
def url():
    return reverse("people:list")


def test_stranger_is_sent_to_the_staff_sign_in(client, url, tree):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_public_user_is_refused(client, url, resident):
    client.force_login(resident)
    assert client.get(url).status_code == 403


def test_staff_with_a_jurisdiction_gets_the_page(client, url, officer_a):
    client.force_login(officer_a)
    assert client.get(url).status_code == 200
