"""Writes to the standard address library: `anju import addresses FILE` (interchange addresses.csv or .xlsx)."""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy, pgettext

from anju.addresses.models import COMPONENTS, StandardAddress
from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit, bulk_upsert
from anju.core.models import DataVersion
from anju.core.tabular import read_rows
from anju.jurisdictions.models import Node
from anju.jurisdictions.services import tree_resolver
from anju.lib.address.index import MIN_CONFIDENCE
from anju.lib.address.normalise import parse_address
from anju.lib.text import halfwidth

REQUIRED = ("address_code", "full_address")
WIDTHS = {c: StandardAddress._meta.get_field(c).max_length for c in COMPONENTS}
KNOWN = ("address_code", "full_address", *COMPONENTS, "police_station", "grid")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)
    notes: list[str] = field(default_factory=list)


def addresses_import(*, path, batch_size: int = 2000, progress=None) -> ImportReport:
    """Upserts addresses by code. Bad rows are reported and skipped; the rest loads.

    The jurisdiction tree is completed from the file's own columns (province …
    police station, community, grid) so that a fresh database needs nothing else.
    Loading the same file twice changes nothing the second time. Full-width digits and letters in the address and
    the names of the tree (２１号, Ａ座, 第１网格) are kept half-width, as staff entry keeps them: one grid is not two
    for the way a digit was typed. The code is kept exactly as given.
    """
    report = ImportReport()
    table = read_rows(path, required=REQUIRED)
    resolve = tree_resolver()
    batch: dict[str, tuple[int, dict]] = {}
    for line, row in table.rows:
        row = {k: (halfwidth(v) if k in KNOWN and k != "address_code" else v) for k, v in row.items()}
        code, full = row.get("address_code", ""), row.get("full_address", "")
        if not code:
            report.errors.append((table.name, line, both(gettext_lazy("address_code is empty"))))
            continue
        if not full:
            report.errors.append((table.name, line, both(gettext_lazy("full_address is empty"))))
            continue
        if code in batch:
            report.errors.append((table.name, line, both(
                gettext_lazy("address_code %(code)s appears twice in the file"), code=code)))
            continue
        try:
            node = resolve(row)
        except ValueError as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        if len(code) > 64:
            report.errors.append((table.name, line, both(gettext_lazy("address_code is longer than 64 characters"))))
            continue
        values = {c: row.get(c, "")[:WIDTHS[c]] for c in COMPONENTS}
        _complete(values, full)
        values.update(full_address=full[:255], jurisdiction_id=node.pk,
                      extra={k: v for k, v in row.items() if k not in KNOWN and v})
        batch[code] = (line, values)
        if len(batch) >= batch_size:
            _flush(batch, report)
            if progress:
                progress(len(batch))
            batch = {}
    if batch:
        _flush(batch, report)
        if progress:
            progress(len(batch))
    report.notes += table.notes
    analyze_after_commit(StandardAddress, Node)  # the tree grows with the file
    return report


# Components a row may leave empty ("an empty cell means unknown") that its full address still says, with the
# word each is written with in the library.
_FROM_FULL = {"street": "", "road": "", "house_number": "号", "building": "幢", "unit": "单元", "room": "室"}


def _complete(values: dict, full: str) -> None:
    """Fills the empty street … room of a row from its own full address: a library that leaves the unit empty for
    some rows would otherwise hold "5幢201室" twice (units 1 and 2), and a text naming the unit could no longer be
    placed. A row whose full address ends with its own house number, building, unit and room is complete as it is
    (village houses have no building, workplaces no room), so only rows that disagree with it are parsed."""
    tail = "".join(values[c] for c in ("house_number", "building", "unit", "room"))
    if values["street"] and values["road"] and values["house_number"] and full.endswith(tail):
        return
    parsed = parse_address(full)
    for component, word in _FROM_FULL.items():
        value = getattr(parsed, component)
        if not values[component] and value:
            values[component] = (value + word if value.isdigit() else value)[:WIDTHS[component]]


def _flush(batch: dict, report: ImportReport) -> None:
    records = {code: StandardAddress(code=code, **values) for code, (_line, values) in batch.items()}
    with transaction.atomic():
        created, updated, unchanged = bulk_upsert(
            StandardAddress, key="code", records=records, fields=["full_address", *COMPONENTS, "jurisdiction", "extra"])
        report.created, report.updated, report.unchanged = (report.created + created, report.updated + updated,
                                                             report.unchanged + unchanged)
        if created or updated:
            DataVersion.bump("addresses")
            DataVersion.ensure("addresses-changed")  # the library's epoch: see matching._still_a_prefix
        if updated:  # rows already in the address indexes changed: they are built again (matching.py)
            DataVersion.bump("addresses-changed")


def address_upsert(*, code: str, full_address: str, jurisdiction, **components) -> StandardAddress:
    """One address by hand (demo, tests, staff entry); the file import is the bulk path."""
    values = {c: components.get(c, "") for c in COMPONENTS}
    address, created = StandardAddress.objects.update_or_create(
        code=code, defaults={"full_address": full_address, "jurisdiction": jurisdiction, **values})
    DataVersion.bump("addresses")
    if not created:
        DataVersion.bump("addresses-changed")
    else:
        DataVersion.ensure("addresses-changed")
    return address


# Staff entry ------------------------------------------------------------------------------------------------

class AddressError(ValueError):
    """A problem with an address entered by hand, shown to the user as it is."""


class AddressLikelyDuplicate(AddressError):
    """The address reads as one already in the library, written differently, or as one of several the matcher
    cannot tell apart (`candidates`, best first; `existing` is the first); the officer may still add it by
    confirming that it is a different place (`different_place=True`)."""

    def __init__(self, message: str, *, candidates: list[StandardAddress]):
        super().__init__(message)
        self.candidates = candidates
        self.existing = candidates[0]


# How sure the normaliser must be that a new address is one already in the library before it is refused: the
# prefix left out (0.98), a street the library does not name (0.99), the unit not written (0.95) stay above it; a
# one-character difference in a name (0.8: 文二路 is not 文三路) and a reading with a rival (AS_LIKELY) fall below.
LIKELY_DUPLICATE = 0.9
# Rival readings share the matcher's confidence (two equally good ones get half each). Those at least this share of
# the best one's (readings within about 5 % of it in quality: the confidence goes as the 13th power of the quality)
# are readings it cannot tell apart, and refused when together they are as sure as one reading alone must be:
# 3幢501室 where units 1 and 2 of 3幢 each have a 501室 (0.475 + 0.475).
AS_LIKELY = 0.5
# Every reading above the matcher's floor: at most 1 / MIN_CONFIDENCE of them can share the confidence.
READINGS = round(1 / MIN_CONFIDENCE)


# The word each numbered component is written with in the library ("3" → "3幢").
_WORDS = {"house_number": "号", "building": "幢", "unit": "单元", "room": "室"}


def address_compose(components: dict) -> tuple[dict, str]:
    """The components as the library writes them, and the full address they make: province … street, then
    road, number, building, unit and room (the national style; the community is not part of the written
    address). A bare number gets its word; a component that already has one keeps it (3号楼, 东楼)."""
    values = {}
    for c in COMPONENTS:
        value = halfwidth("".join((components.get(c) or "").split()))
        if value.isdigit() and c in _WORDS:
            value += _WORDS[c]
        values[c] = value[:WIDTHS[c]]
    full = "".join(values[c] for c in COMPONENTS if c != "community")
    return values, full[:255]


def _level(values) -> str:
    """How deep an address goes: room, unit, building or house (road and house number)."""
    return next((c for c in ("room", "unit", "building") if values[c]), "house")


def _likely_duplicates(values: dict, full: str) -> list[StandardAddress]:
    """The library addresses that the normaliser reads `full` as, at the same depth: the one it is sure of (the
    same place written differently: 西湖区文三路227号 for 浙江省杭州市西湖区文三路227号, 3号楼 for 3幢), or the
    several about equally likely ones it cannot tell apart when together they are as sure (3幢501室 where two units
    each have a 501室). A room of a building whose rooms are not in the library, or a building of a house whose
    buildings are not, is new."""
    from anju.addresses.matching import match_addresses

    level = _level(values)
    found = match_addresses(full, limit=READINGS)
    if not found:
        return []
    readings = [m for m in found if m.level == level and m.confidence >= found[0].confidence * AS_LIKELY]
    rows = {a.code: a for a in StandardAddress.objects.filter(code__in=[m.code for m in readings])}
    # the row itself must be that deep: a match that stands for a node through one of its rooms is not the node
    readings = [m for m in readings if m.code in rows
                and _level({c: getattr(rows[m.code], c) for c in ("building", "unit", "room")}) == level]
    if sum(m.confidence for m in readings) < LIKELY_DUPLICATE:
        return []
    return [rows[m.code] for m in readings]


def _likely_duplicate_message(similar: list[StandardAddress]) -> str:
    if len(similar) == 1:
        return (_("This looks like an address already in the library: %(address)s, code %(code)s. If it is a "
                  "different place, tick “This is a different place” and add it again.")
                % {"address": similar[0].full_address, "code": similar[0].code})
    listed = pgettext("between the items of a list", ", ").join(
        _("%(address)s (code %(code)s)") % {"address": a.full_address, "code": a.code} for a in similar)
    return (_("This looks like one of %(n)d addresses already in the library, and the address matcher cannot tell "
              "which: %(addresses)s. If it is a different place from all of them, tick “This is a different place” "
              "and add it again.") % {"n": len(similar), "addresses": listed})


def address_add(*, actor, jurisdiction, different_place: bool = False, **components) -> StandardAddress:
    """Adds one address to the library by hand: a building the library does not yet hold, or a room that a
    landlord has partitioned. The police (or auxiliaries) of the place enter it; the address hangs off a node in
    their own jurisdiction, gets a code of its own (AJ-…: imported libraries keep their codes), and is audited.
    The same full address twice is refused with the code of the one already there. One that reads as an address
    already there, written differently, or as one of several there that the matcher cannot tell apart (3幢501室
    where two units each have a 501室), is refused with those addresses and their codes unless the officer
    confirms that it is a different place (`different_place`); the audit entry then names the addresses it was
    told from."""
    from anju.audit.services import audit_log

    # staff whose role manages houses (accounts/choices.HOUSE_ROLES); the public never adds to the library
    if not getattr(actor, "may_manage_houses", False) or actor.scope_node is None:
        raise AddressError(_("Only the police and auxiliaries of a place may add standard addresses"))
    if not actor.scope_node.contains(jurisdiction):
        raise AddressError(_("This place is outside your jurisdiction"))
    values, full = address_compose(components)
    missing = [c for c in ("district", "road", "house_number") if not values[c]]
    if missing:
        names = {"district": _("district"), "road": _("road or village"), "house_number": _("house number")}
        raise AddressError(_("Please fill in: %(fields)s") % {"fields": "、".join(str(names[c]) for c in missing)})
    same_place = {c: values[c] for c in ("district", "road", "house_number", "building", "unit", "room")}
    existing = (StandardAddress.objects.filter(full_address=full).first()
                or StandardAddress.objects.filter(**same_place).first())
    if existing is not None:
        raise AddressError(_("This address is already in the library, code %(code)s") % {"code": existing.code})
    similar = _likely_duplicates(values, full)
    if similar and not different_place:
        raise AddressLikelyDuplicate(_likely_duplicate_message(similar), candidates=similar)
    # what the officer told it from: the codes of every reading, a list even of one, so a reader needs no second case
    detail = {"different_from": [a.code for a in similar]} if similar else {}
    with transaction.atomic():
        prefix = f"AJ-{jurisdiction.code[-24:]}-"
        n = StandardAddress.objects.filter(code__startswith=prefix).count() + 1
        while StandardAddress.objects.filter(code=f"{prefix}{n:05d}").exists():
            n += 1
        address = address_upsert(code=f"{prefix}{n:05d}", full_address=full, jurisdiction=jurisdiction, **values)
        audit_log(actor=actor, action="address.add", object_type="address", object_ids=[address.pk],
                  detail={"code": address.code, "full_address": full, **detail})
    return address
