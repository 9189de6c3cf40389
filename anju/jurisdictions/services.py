"""Writes to the jurisdiction tree."""
import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from anju.jurisdictions.choices import PARENT_LEVEL, Level
from anju.jurisdictions.models import Node

REQUIRED_COLUMNS = ("code", "name", "level", "parent_code")


class JurisdictionError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def node_upsert(*, code: str, name: str, level: str, parent: Node | None) -> tuple[Node, str]:
    """Create or update one node; returns (node, "created" | "updated" | "unchanged")."""
    if level not in Level.values:
        raise JurisdictionError(_("Unknown level %(level)s (expected one of %(levels)s)") % {"level": level, "levels": ", ".join(Level.values)})
    expected_parent = PARENT_LEVEL.get(level)
    if expected_parent is None and parent is not None:
        raise JurisdictionError(_("A province has no parent"))
    if expected_parent is not None and (parent is None or parent.level != expected_parent):
        raise JurisdictionError(
            _("A %(level)s must sit under a %(parent)s") % {"level": Level(level).label, "parent": Level(expected_parent).label}
        )
    path = f"{parent.path if parent else ''}{code}/"
    node = Node.objects.filter(code=code).first()
    if node is None:
        return Node.objects.create(code=code, name=name, level=level, parent=parent, path=path), "created"
    if (node.name, node.level, node.parent_id, node.path) == (name, level, parent.pk if parent else None, path):
        return node, "unchanged"
    if node.path != path and node.children.exists():
        raise JurisdictionError(_("Node %(code)s has children and cannot move to another parent") % {"code": code})
    node.name, node.level, node.parent, node.path = name, level, parent, path
    node.save()
    return node, "updated"


@transaction.atomic
def jurisdictions_import(*, text: str) -> ImportReport:
    """Load a tree from CSV (code, name, level, parent_code). Parents may come later in the file.

    All or nothing: a bad row is reported and nothing is written, because a
    half-loaded tree would leave staff bound to places that do not exist.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise JurisdictionError(_("Missing columns: %(cols)s") % {"cols": ", ".join(missing)})
    rows = [(line, row) for line, row in enumerate(reader, start=2)]
    pending = rows
    known = {n.code: n for n in Node.objects.all()}
    # Insert parents before children whatever the order of the file.
    while pending:
        progressed, waiting = False, []
        for line, row in pending:
            code, parent_code = (row["code"] or "").strip(), (row["parent_code"] or "").strip()
            if not code or not (row["name"] or "").strip():
                report.errors.append((line, _("code and name are required")))
                progressed = True
                continue
            if parent_code and parent_code not in known:
                waiting.append((line, row))
                continue
            try:
                node, outcome = node_upsert(
                    code=code, name=row["name"].strip(), level=(row["level"] or "").strip(), parent=known.get(parent_code)
                )
            except JurisdictionError as exc:
                report.errors.append((line, str(exc)))
            else:
                known[code] = node
                setattr(report, outcome, getattr(report, outcome) + 1)
            progressed = True
        if not progressed:
            for line, row in waiting:
                report.errors.append((line, _("Unknown parent code %(code)s") % {"code": row["parent_code"]}))
            break
        pending = waiting
    if report.errors:
        transaction.set_rollback(True)
    return report
