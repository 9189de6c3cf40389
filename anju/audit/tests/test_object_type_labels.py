"""Every record type the code writes into the audit log has words for people reading the log, in both languages."""
import ast
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.audit.models import OBJECT_TYPE_LABELS
from anju.audit.tests.test_action_labels import _constants, admin_prefixes, modules, words

ROOT = Path(__file__).resolve().parents[2]  # anju/


def _admin_types() -> list[str]:
    """core.admin.AuditedReadsAdminMixin writes the first element of `audit_subject(obj)`: the class's
    `audit_action` unless the class says otherwise in its own `audit_subject`."""
    types = []
    for path in ROOT.rglob("admin.py"):
        for cls in ast.walk(ast.parse(path.read_text())):
            if not isinstance(cls, ast.ClassDef):
                continue
            subject = [node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "audit_subject"]
            if subject:
                types += [t for ret in ast.walk(subject[0]) if isinstance(ret, ast.Return)
                          and isinstance(ret.value, ast.Tuple) for t in _constants(ret.value.elts[0])]
            else:
                types += admin_prefixes(cls)
    return types


def written_object_types() -> set[str]:
    """Every `object_type=` given to `audit_log`: literals, conditionals, and the admin mixin's family."""
    families = {"subjects[0][0]": _admin_types()}
    types, unknown = set(), []
    for path, tree in modules():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "audit_log"):
                continue
            for value in [k.value for k in node.keywords if k.arg == "object_type"]:
                source = ast.unparse(value)
                if source in families:
                    types.update(families[source])
                elif _constants(value):
                    types.update(_constants(value))
                else:
                    unknown.append(f"{path.relative_to(ROOT)}:{value.lineno} {source}")
    assert not unknown, f"record types written in a way this test cannot expand; add them to families: {unknown}"
    return types - {""}


def test_the_scan_finds_types_of_every_kind():
    types = written_object_types()
    # literals in services, selectors and views, and the admin's (people's own, the door cards' audit_subject)
    assert {"person", "house", "door_credential", "declaration", "finding", "registration", "user"} <= types
    assert "door.credential" not in types  # the card admin overrides audit_subject: its entries are registrations


@pytest.mark.parametrize("object_type", sorted(written_object_types()))
def test_every_written_record_type_has_words_in_english_and_chinese(object_type):
    assert object_type in OBJECT_TYPE_LABELS, f"{object_type} has no label in audit.models.OBJECT_TYPE_LABELS"
    english, chinese = words(OBJECT_TYPE_LABELS, object_type)
    assert chinese != english


def test_the_audit_page_shows_record_types_in_words(client, admin_root, officer_a, people):
    client.force_login(officer_a)
    client.get(f"/staff/people/{people['a'].pk}/")
    client.force_login(admin_root)
    page = client.get("/staff/audit/", {"action": "person.read"}).content.decode()
    table = page[page.index('<table id="audit"'):]
    assert '<td title="person">人员 × 1</td>' in table
    page = client.get("/staff/audit/", {"action": "person.read"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = page[page.index('<table id="audit"'):]
    assert '<td title="person">person × 1</td>' in table


@pytest.fixture
def mixed_log(officer_a):
    """Entries about people and about houses, sealed."""
    from anju.audit.services import audit_log, audit_seal

    audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[3])
    audit_log(actor=officer_a, action="person.list", object_type="person", object_ids=[3, 4])
    audit_log(actor=officer_a, action="house.update", object_type="house", object_ids=[3])
    audit_seal()


def _types_shown(response) -> set[str]:
    return {e.object_type for e in response.context["page"].object_list}


def test_the_record_type_filter_is_a_list_of_types_in_words(client, admin_root, mixed_log):
    client.force_login(admin_root)
    page = client.get("/staff/audit/", {"type": "house"}).content.decode()
    select = page[page.index('<select id="type" name="type">'):]
    select = select[:select.index("</select>")]
    assert '<option value="">全部记录类型</option>' in select
    assert '<option value="house" selected>房屋</option>' in select and '<option value="person">人员</option>' in select
    assert select.count("<option value=") == len(OBJECT_TYPE_LABELS) + 1
    page = client.get("/staff/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="">All record types</option>' in page and '<option value="door_credential">door card</option>' in page


def test_choosing_a_record_type_alone_shows_only_entries_about_that_type(client, admin_root, mixed_log):
    client.force_login(admin_root)
    assert _types_shown(client.get("/staff/audit/", {"type": "house"})) == {"house"}
    assert _types_shown(client.get("/staff/audit/", {"type": "person", "action": "person.list"})) == {"person"}
    assert {"person", "house"} <= _types_shown(client.get("/staff/audit/", {"type": ""}))  # 全部记录类型


def test_a_bookmarked_link_with_a_type_code_and_an_id_still_finds_that_record(client, admin_root, mixed_log):
    client.force_login(admin_root)
    response = client.get("/staff/audit/", {"type": "person", "id": "3"})
    assert [e.action for e in response.context["page"].object_list] == ["person.list", "person.read"]
    assert not list(response.context["messages"])


def test_an_unknown_record_type_in_the_link_says_so(client, admin_root, mixed_log):
    client.force_login(admin_root)
    response = client.get("/staff/audit/", {"type": "registry.person", "id": "3"})
    assert response.status_code == 200 and response.context["page"].paginator.count == 0
    assert "没有“registry.person”这种记录类型，请从列表中选择。" in response.content.decode()
    response = client.get("/staff/audit/", {"type": "registry.person"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "There is no record type “registry.person”: choose one from the list." in response.content.decode()


def test_a_record_id_without_a_record_type_asks_for_the_type(client, admin_root, mixed_log):
    """Each type numbers its records on its own: entries about "3" of every type are not one record's history."""
    client.force_login(admin_root)
    response = client.get("/staff/audit/", {"id": " 3 "})
    assert response.status_code == 200 and response.context["page"].paginator.count == 0
    assert "请选择记录编号 3 的记录类型：各类记录分别编号，仅凭编号无法确定是哪一条记录。" in response.content.decode()
    response = client.get("/staff/audit/", {"type": "", "id": "3"}, HTTP_ACCEPT_LANGUAGE="en")
    assert ("Choose the record type of record id 3: each type of record is numbered on its own, so an id alone does "
            "not say which record it is.") in response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert not list(client.get("/staff/audit/", {"type": "", "id": " "}).context["messages"])  # a blank box is no id


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # a test's handful of rows is cheapest read whole; on a real log the planner weighs the index as here
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_log_filtered_by_record_type_alone_reads_the_type_index(client, admin_root, mixed_log):
    """Every audited read adds an entry: the page and its count must not read the whole log to find one type."""
    client.force_login(admin_root)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staff/audit/", {"type": "house"}).status_code == 200
    filtered = [q["sql"] for q in queries.captured_queries
                if '"audit_auditentry"."object_type" = ' in q["sql"].split("WHERE", 1)[-1]]
    assert len(filtered) == 2  # the page's entries and the pager's count
    for sql in filtered:
        assert "audit_entry_type_id_idx" in _plan(sql), sql
