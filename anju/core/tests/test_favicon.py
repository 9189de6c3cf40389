"""The site has an icon: named by every page and found where browsers look for it by default."""
from pathlib import Path

from django.contrib.staticfiles import finders


def test_pages_name_the_icon_and_it_exists(client, tree):
    page = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/anju/favicon.svg" type="image/svg+xml">' in page
    assert Path(finders.find("anju/favicon.svg")).read_text().startswith("<svg")


def test_the_default_icon_address_leads_to_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/anju/favicon.svg"
