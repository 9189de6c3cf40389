"""Writes to the standard address library: `anju import addresses FILE` (interchange addresses.csv or .xlsx)."""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from anju.addresses.models import COMPONENTS, StandardAddress
from anju.core.bulk import bulk_upsert
from anju.core.models import DataVersion
from anju.core.tabular import read_rows
from anju.jurisdictions.services import tree_resolver
from anju.lib.address.normalise import parse_address

REQUIRED = ("address_code", "full_address")
WIDTHS = {c: StandardAddress._meta.get_field(c).max_length for c in COMPONENTS}
KNOWN = ("address_code", "full_address", *COMPONENTS, "police_station", "grid")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)


def addresses_import(*, path, batch_size: int = 2000, progress=None) -> ImportReport:
    """Upserts addresses by code. Bad rows are reported and skipped; the rest loads.

    The jurisdiction tree is completed from the file's own columns (province …
    police station, community, grid) so that a fresh database needs nothing else.
    Loading the same file twice changes nothing the second time.
    """
    report = ImportReport()
    table = read_rows(path, required=REQUIRED)
    resolve = tree_resolver()
    batch: dict[str, tuple[int, dict]] = {}
    for line, row in table.rows:
        code, full = row.get("address_code", ""), row.get("full_address", "")
        if not code:
            report.errors.append((table.name, line, _("address_code is empty")))
            continue
        if not full:
            report.errors.append((table.name, line, _("full_address is empty")))
            continue
        if code in batch:
            report.errors.append((table.name, line, _("address_code %(code)s appears twice in the file") % {"code": code}))
            continue
        try:
            node = resolve(row)
        except ValueError as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        if len(code) > 64:
            report.errors.append((table.name, line, _("address_code is longer than 64 characters")))
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


def address_upsert(*, code: str, full_address: str, jurisdiction, **components) -> StandardAddress:
    """One address by hand (demo, tests, staff entry); the file import is the bulk path."""
    values = {c: components.get(c, "") for c in COMPONENTS}
    address, _created = StandardAddress.objects.update_or_create(
        code=code, defaults={"full_address": full_address, "jurisdiction": jurisdiction, **values})
    DataVersion.bump("addresses")
    return address
