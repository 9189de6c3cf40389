"""Writes to the jurisdiction tree."""
import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy

from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit
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
    analyze_after_commit(Node)
    return report


def _stable_code(parent: Node, name: str) -> str:
    """A code for a node the file names but does not code: stable, so a re-import finds it again."""
    import hashlib

    # Short whatever the depth: a chained code would grow with every level of the tree.
    return f"{parent.code[:12]}-{hashlib.sha1(f'{parent.code}/{name}'.encode()).hexdigest()[:10]}"


def tree_resolver():
    """Returns resolve(row) → the deepest Node a row names (province … police_station, community, grid).

    Station, community and grid may be given as codes of existing nodes or as
    names; nodes the tree lacks are created (province/city/district with their
    GB/T 2260 codes, lower levels with stable codes). Results are cached per call.
    """
    from anju.lib.regions import region_code

    cache: dict[tuple, Node] = {}
    by_code = {n.code: n for n in Node.objects.all()}

    def child(parent: Node | None, level: str, value: str, *, code: str | None = None) -> Node:
        key = (parent.pk if parent else None, level, value)
        if key in cache:
            return cache[key]
        node = by_code.get(value) if value else None
        if node is not None and node.level != level:
            node = None
        if node is None:
            node = Node.objects.filter(parent=parent, level=level, name=value).first()
        if node is None:
            node, _ = node_upsert(code=code or _stable_code(parent, value), name=value, level=level, parent=parent)
            by_code[node.code] = node
        cache[key] = node
        return node

    def resolve(row: dict) -> Node:
        province, city, district = row.get("province", ""), row.get("city", ""), row.get("district", "")
        station, community, grid = row.get("police_station", ""), row.get("community", ""), row.get("grid", "")
        node = None
        if province or city or district:
            p_code = region_code(province) if province else None
            c_code = region_code(province, city) if city else None
            d_code = region_code(province, city, district) if district else None
            if province:
                node = child(None, Level.PROVINCE, province, code=p_code or f"P-{province}")
            if city:
                if node is None:
                    raise ValueError(both(gettext_lazy("city %(city)s is given without its province"), city=city))
                node = child(node, Level.CITY, city, code=c_code or _stable_code(node, city))
            if district:
                if node is None or node.level != Level.CITY:
                    raise ValueError(both(gettext_lazy("district %(d)s is given without its city"), d=district))
                node = child(node, Level.DISTRICT, district, code=d_code or _stable_code(node, district))
        elif station and by_code.get(station) and by_code[station].level == Level.STATION:
            node = by_code[station].parent
        else:
            raise ValueError(both(gettext_lazy("the row names no province, city and district, and no known police station")))
        if station:
            node = child(node, Level.STATION, station)
            if community:
                node = child(node, Level.COMMUNITY, community)
                if grid:
                    node = child(node, Level.GRID, grid)
        return node

    return resolve
