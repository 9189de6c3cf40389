"""The API publishes an OpenAPI schema and a docs page that needs no internet."""
import re


def test_schema_describes_the_people_endpoint(client, tree):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/people/" in body and "X-Anju-Purpose" in body


def test_docs_page_loads_its_assets_from_this_server_only(client, tree):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert urls and all(not u.startswith(("http://", "https://", "//")) for u in urls), urls


def test_healthz_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
