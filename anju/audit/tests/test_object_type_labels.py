"""Every record type the code writes into the audit log has words for people reading the log, in both languages."""
import ast
from pathlib import Path

import pytest

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
