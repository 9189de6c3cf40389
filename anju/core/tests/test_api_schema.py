"""The API publishes an OpenAPI schema and a docs page that needs no internet."""
import re

from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS


def test_schema_describes_the_people_endpoint(client, tree):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/people/" in body and "X-Anju-Purpose" in body


def test_the_schema_is_generated_without_warnings(db, capsys, tmp_path):
    """drf-spectacular warns where it has to guess (a path parameter of unknown type, two choice sets under one
    enum name) and prints the warning on the server's first schema request: each one is a schema a client cannot
    rely on."""
    GENERATOR_STATS.reset()  # it counts a warning once per process: another test may have generated the schema
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert not GENERATOR_STATS, capsys.readouterr().err


def test_docs_page_loads_its_assets_from_this_server_only(client, tree):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert urls and all(not u.startswith(("http://", "https://", "//")) for u in urls), urls


def test_healthz_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_code_tables_are_published_in_both_languages(client, db):
    tables = {t["name"]: t for t in client.get("/api/codes/").json()}
    assert {"sex", "ethnicity", "education", "marital_status", "political_status", "relationship"} <= set(tables)
    han = next(e for e in tables["ethnicity"]["entries"] if e["code"] == "01")
    assert han == {"code": "01", "zh": "汉族", "en": "Han"}
    assert len(tables["ethnicity"]["entries"]) == 58


def test_code_labels_follow_the_language(people):
    from django.utils import translation

    person = people["a"]
    with translation.override("zh-hans"):
        assert person.get_sex_display() == "男"
    with translation.override("en"):
        assert person.get_sex_display() == "Male"
