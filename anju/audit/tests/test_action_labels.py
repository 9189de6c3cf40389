"""Every action code the code writes into the audit log has words for people reading the log, in both languages."""
import ast
from pathlib import Path

import pytest
from django.utils import translation

from anju.audit.models import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2]  # anju/


def _constants(node) -> list[str]:
    """The strings a simple expression can take: "a.b", or `"a" if x else "b"`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def modules():
    """(path, parsed module) of every module of the app code: not tests, not migrations."""
    for path in ROOT.rglob("*.py"):
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            yield path, ast.parse(path.read_text())


def admin_prefixes(cls) -> list[str]:
    """The `audit_action` values assigned in a class body (core.admin.AuditedReadsAdminMixin's prefix)."""
    return [p for node in cls.body if isinstance(node, ast.Assign)
            and [ast.unparse(t) for t in node.targets] == ["audit_action"] for p in _constants(node.value) if p]


def words(labels: dict, key: str) -> tuple[str, str]:
    """A label in English and in Chinese."""
    with translation.override("en"):
        english = str(labels[key])
    with translation.override("zh-hans"):
        chinese = str(labels[key])
    return english, chinese


def _families() -> dict[str, list[str]]:
    """Action codes built with an f-string, by the f-string's source: the values its parts can take."""
    from anju.doors.choices import CredentialAction
    from anju.registrations.choices import DeclarationKind

    admin = [p for path in ROOT.rglob("admin.py") for cls in ast.walk(ast.parse(path.read_text()))
             if isinstance(cls, ast.ClassDef) for p in admin_prefixes(cls)]
    return {
        "f'declaration.{kind}'": [f"declaration.{k}" for k in DeclarationKind.values],
        "f'door.credential.{action}'": [f"door.credential.{a}" for a in CredentialAction.values],
        # core.admin.AuditedReadsAdminMixin: the list page and the change page of an audited model
        "f'{self.audit_action}.{action}'": [f"{p}.{a}" for p in admin for a in ("list", "read")],
    }


def written_action_codes() -> set[str]:
    """Every action code in the code: `action=` arguments, `action` parameters' defaults, values assigned to a
    variable named `action`, and the f-string families above."""
    families, codes, unknown = _families(), set(), []
    for path, tree in modules():
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") != "add_argument":  # argparse's action
                values = [k.value for k in node.keywords if k.arg == "action"]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults \
                    + node.args.kw_defaults
                values = [d for a, d in zip(args, defaults) if a.arg == "action" and d is not None]
            elif isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["action"]:
                values = [node.value]
            for value in values:
                if isinstance(value, ast.JoinedStr):
                    if ast.unparse(value) in families:
                        codes.update(families[ast.unparse(value)])
                    else:
                        unknown.append(f"{path.relative_to(ROOT)}:{value.lineno} {ast.unparse(value)}")
                codes.update(_constants(value))
    assert not unknown, f"action codes built in a way this test cannot expand; add them to _families: {unknown}"
    return codes - {""}  # "" is "any action" (audit_entry_list's default)


def test_the_scan_finds_codes_of_every_kind():
    codes = written_action_codes()
    # a literal, a parameter's default, an assigned variable, a conditional, and each f-string family
    assert {"person.read", "person.list", "house.claim", "room.unbind", "declaration.deregister",
            "door.credential.report_loss", "user.list"} <= codes


@pytest.mark.parametrize("code", sorted(written_action_codes()))
def test_every_written_action_code_has_words_in_english_and_chinese(code):
    assert code in ACTION_LABELS, f"{code} has no label in audit.models.ACTION_LABELS"
    english, chinese = words(ACTION_LABELS, code)
    assert english != code and chinese != english


def test_the_audit_page_shows_actions_in_words_and_filters_by_them(client, admin_root, officer_a, people):
    client.force_login(officer_a)
    client.get(f"/staff/people/{people['a'].pk}/")
    client.force_login(admin_root)
    page = client.get("/staff/audit/", {"action": "person.read"}).content.decode()
    table = page[page.index('<table id="audit"'):]
    assert "查看了信息" in table and ">person.read<" not in table
    assert '<option value="person.read" selected>查看了信息</option>' in page
