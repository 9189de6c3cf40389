"""`anju import registrations FILE`: residence registrations already on record (interchange registrations.csv)."""
import copy
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.addresses.models import StandardAddress
from anju.core import crypto
from anju.core.bilingual import both
from anju.core.bulk import analyze_after_commit, bulk_upsert
from anju.core.tabular import read_rows
from anju.houses.models import House
from anju.jurisdictions.models import Node
from anju.lib import codes
from anju.lib.fusion.normalise import LOCAL_TZ, parse_datetime, phone_norm
from anju.lib.identity import InvalidIdNumber, mask_id_number, normalise_id_input, parse_id_number
from anju.lib.names import tidy
from anju.people.models import Person
from anju.registrations.choices import RegistrationStatus
from anju.registrations.models import Registration
from anju.registrations.services import (
    registrations_ended_by_file, registrations_moved_by_file, registrations_people_follow,
    registrations_reactivated_by_file,
)

COLUMNS = ("registration_id", "id_number", "name", "sex", "birth_date", "phone", "address", "address_code",
           "registered_at", "status")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the population register (实有人口) as the file's registrations left it: people created, moved, whose phone
    # alone changed, and who left
    people_created: int = 0
    people_moved: int = 0
    people_updated: int = 0
    people_left: int = 0

    def lines(self) -> list[str]:
        return [f"实有人口 people: 新增 created {self.people_created}, 迁移 moved {self.people_moved}, "
                f"更新 updated {self.people_updated}, 离开 left {self.people_left}"]


def _day(text: str) -> date | None:
    """The day in Asia/Shanghai of a date or a time as departments write them (1990-03-07, 1990/3/7, 19900307,
    1990年3月7日, 2020-05-01T08:00:00+08:00, 2020/5/1 8:00:00)."""
    try:
        when = parse_datetime(text)
    except ValueError:
        raise ValueError(both(_("%(v)s is not a date (YYYY-MM-DD)"), v=text)) from None
    return None if when is None else when.astimezone(LOCAL_TZ).date()


def fallback_node() -> Node:
    """Where a registration whose address cannot be placed is kept: the top of the tree, down its single branch."""
    roots = list(Node.objects.filter(parent__isnull=True)[:2])
    if len(roots) != 1:
        node, _created = Node.objects.get_or_create(code="UNLOCATED", defaults={
            "name": "未定位地址", "level": "province", "path": "UNLOCATED/"})
        return node
    node = roots[0]
    while True:
        children = list(node.children.all()[:2])
        if len(children) != 1 or node.level == "district":
            return node
        node = children[0]


def place_at_houses(records) -> None:
    """Places each registration of ``records`` at the house of its standard address (``house``), in one query for
    them all, as a declaration's registration is at its house: so one from a department's file is among the house's
    occupants, counted with them, and may be given a door card there. Where no house has the address the house stays
    empty: the registration is at an address, not a house (an address the import matched to a building rather than a
    room, or one nobody registered a house on yet; ``houses.services.house_register`` places it when one is). A
    standard address holds one house (the constraint one_house_per_standard_address); were several there, placing it
    at one would be a guess that gives the wrong house its door card, so it would stay empty too."""
    wanted = {record.standard_address_id for record in records if record.standard_address_id}
    houses: dict[int, int | None] = {}
    for address, house in House.objects.filter(standard_address__in=wanted).values_list("standard_address", "pk"):
        houses[address] = None if address in houses else house
    for record in records:
        record.house_id = houses.get(record.standard_address_id)


def _prefetched(rows, size: int, prefetch):
    """``rows`` again, ``size`` at a time, ``prefetch`` called on each chunk before its rows are handed on."""
    chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            prefetch(chunk)
            yield from chunk
            chunk = []
    if chunk:
        prefetch(chunk)
        yield from chunk


def registrations_import(*, path, batch_size: int = 5000, progress=None) -> ImportReport:
    """Upserts by registration_id. Rows with an unusable ID number are kept, marked: a record on file is evidence
    for data fusion even when mistyped; rows without registration_id or name, or with a status other than active or
    cancelled (有效, 正常 or 注销 as Chinese systems write them; empty reads as active), are skipped and reported.
    Dates and times as departments write them (``_day``); a sex the row does not state (empty, 未知 0, 未说明 9) is the
    ID number's; names as ``lib.names.tidy`` writes them (王　明 is 王明).

    A registration ended here (deregistered by an officer, closed by a move) stays ended whatever the file says: a
    file that still lists it as active is older than the decision, and the row is reported and skipped. One the
    file cancels while it is active here ends on the day of the import (the file does not say when), with the
    file named as the reason, one audit entry per batch and the checkers told of each, as when a service ends one;
    one cancelled by an earlier file keeps that day and reason, so the same file twice is once. One an earlier file
    cancelled that this file lists as active is active again: audited once per batch, and the door cards that
    cancellation stopped come back as they were."""
    report = ImportReport()
    table = read_rows(path, required=("registration_id", "id_number", "name"))
    addresses: dict[str, StandardAddress] = {}
    fallback = None
    batch: dict[str, Registration] = {}
    lines: dict[str, int] = {}
    reason = _("cancelled in the imported file %(file)s") % {"file": table.name}

    def flush():
        today = timezone.localdate()
        with transaction.atomic():
            # what the batch's registrations are here (locked, so a deregistration racing the import waits, then
            # finds them as the import left them); the upsert compares the file's rows with these
            here = {r.number: r for r in Registration.objects.select_for_update().filter(number__in=list(batch))}
            place_at_houses(batch.values())
            ending, reactivated = [], []
            for number, record in list(batch.items()):
                current = here.get(number)
                if current is None:
                    continue
                if current.status != RegistrationStatus.ACTIVE and not current.extra.get("ended_on_unknown"):
                    del batch[number]  # ended here, by a service: the file does not undo it
                    if record.status == RegistrationStatus.ACTIVE:
                        report.errors.append((table.name, lines[number], both(_(
                            "registration %(n)s was ended here on %(d)s (%(r)s); the file still lists it as active: "
                            "not re-activated"), n=number, d=current.ended_on, r=current.end_reason or "—")))
                    else:
                        report.unchanged += 1
                elif record.status == RegistrationStatus.CANCELLED:
                    if current.status == RegistrationStatus.ACTIVE:
                        ending.append(record)
                        record.ended_on = today
                    else:  # cancelled by an earlier file: on the day and for the reason it gave
                        record.ended_on, record.end_reason = current.ended_on, current.end_reason
                elif current.status != RegistrationStatus.ACTIVE:  # cancelled by an earlier file, active in this one
                    reactivated.append(current.pk)
            # where the registrations ending had their people live (the upsert writes the file's address over it)
            was = [copy.copy(here[record.number]) for record in ending]
            # active ones the file gives an address off the house they were at: their cards there stop
            moved = [current.pk for number, record in batch.items() if (current := here.get(number)) is not None
                     and current.house_id and current.house_id != record.house_id
                     and record.status == RegistrationStatus.ACTIVE]
            created, updated, unchanged = bulk_upsert(
                Registration, key="number", records=batch, ignore=("id_cipher",), existing=here,
                fields=["status", "name", "id_cipher", "id_hash", "id_masked", "sex", "birth_date", "phone", "address",
                        "standard_address", "house", "jurisdiction", "starts_on", "ended_on", "end_reason", "extra"])
            if ending:
                # their door cards stop working and their open findings close, as when a service ends one
                registrations_ended_by_file(registrations=ending, ids=[here[r.number].pk for r in ending],
                                            reason=reason)
            if reactivated:  # active again: the door cards the cancellation stopped come back
                registrations_reactivated_by_file(ids=reactivated, reason=_(
                    "listed as active in the imported file %(file)s") % {"file": table.name})
            if moved:
                registrations_moved_by_file(ids=moved)
            # the population register follows: people created or moved where a registration is in force, gone
            # from where the batch ended one
            followed = registrations_people_follow(
                id_hashes=dict.fromkeys(record.id_hash for record in batch.values()), ended=was, ended_on=today, reason=_(
                    "the imported file %(file)s") % {"file": table.name})
        report.people_created += len(followed.created)
        report.people_moved += len(followed.moved)
        report.people_updated += len(followed.updated)
        report.people_left += len(followed.left)
        report.created, report.updated, report.unchanged = (report.created + created, report.updated + updated,
                                                             report.unchanged + unchanged)
        if progress:
            progress(len(batch))
        batch.clear()
        lines.clear()

    matches: dict[str, object] = {}  # free text of the chunk -> the normaliser's match (or None)
    looked_up: set[str] = set()  # address codes already asked of the library (found or not)

    def prefetch(rows):
        """The library's addresses that a chunk of rows names, by code or by free text, 900 codes a query: one query
        per row made the import wait on the database (15,000 queries for 20,000 rows)."""
        from anju.addresses.matching import address_index, match_address

        def fetch(wanted):
            wanted = sorted(wanted - looked_up)
            for start in range(0, len(wanted), 900):  # SQLite's limit on parameters
                chunk = wanted[start:start + 900]
                addresses.update((a.code, a) for a in StandardAddress.objects.select_related("jurisdiction")
                                 .filter(code__in=chunk))
            looked_up.update(wanted)

        fetch({row["address_code"] for _line, row in rows if row.get("address_code")})
        matches.clear()  # only this chunk's texts are asked for
        index = None
        for _line, row in rows:
            text = row.get("address")
            if text and text not in matches and addresses.get(row.get("address_code", "")) is None:
                index = index or address_index()
                matches[text] = match_address(text, index=index)
        fetch({m.code for m in matches.values() if m is not None})

    for line, row in _prefetched(table.rows, batch_size, prefetch):
        number, raw_id, name = row.get("registration_id", ""), row.get("id_number", ""), tidy(row.get("name", ""))
        status = codes.registration_status(row.get("status") or "active")
        if not number or not name:
            report.errors.append((table.name, line, both(_("registration_id and name are required"))))
            continue
        if status is None:
            report.errors.append((table.name, line, both(
                _("status must be active or cancelled (有效 or 注销), not %(s)s"), s=row["status"])))
            continue
        if len(number) > 64:
            report.errors.append((table.name, line, both(_("registration_id is longer than 64 characters"))))
            continue
        if number in batch:
            report.errors.append((table.name, line, both(_("registration_id %(n)s appears twice in the file"),
                                                         n=number)))
            continue
        try:
            starts_on = _day(row.get("registered_at", "")) or date.today()
            birth = _day(row.get("birth_date", ""))
        except ValueError as exc:
            report.errors.append((table.name, line, str(exc)))
            continue
        extra = {k: v for k, v in row.items() if k not in COLUMNS and v}
        if status != "active":
            extra["ended_on_unknown"] = True  # the file says it was cancelled, not when: ended_on holds starts_on
        if not row.get("registered_at", "").strip():
            extra["registered_at_unknown"] = True  # starts_on must hold a date; data fusion reads it as unknown
        try:
            parsed = parse_id_number(raw_id)
            id_number, sex, birth = parsed.number, parsed.sex, birth or parsed.birth_date
            if parsed.number != normalise_id_input(raw_id):
                # written in the 15-digit form: converted, it carries a computed check digit that proves nothing
                # (data fusion lets it join the checked number a typo came from)
                extra["id_legacy"] = True
        except InvalidIdNumber as exc:
            id_number, sex = normalise_id_input(raw_id), ""
            extra["id_error"] = str(exc)
        if not id_number:
            report.errors.append((table.name, line, both(_("id_number is empty"))))
            continue
        sex = codes.stated_sex(row.get("sex", "")) or sex
        code = row.get("address_code", "")
        standard = None
        if code:
            standard = addresses.get(code)
            if standard is None:
                extra["address_code"] = code  # kept as given, for when the library arrives
        if standard is None and row.get("address"):
            match = matches.get(row["address"])
            if match is not None:
                standard = addresses.get(match.code)
                if standard is not None:
                    extra["address_match"] = {"code": match.code, "confidence": round(match.confidence, 3)}
        if standard is not None:
            node = standard.jurisdiction
        else:
            fallback = fallback or fallback_node()
            node = fallback
        batch[number] = Registration(
            number=number, source="import", name=name[:60], id_cipher=crypto.encrypt(id_number),
            id_hash=crypto.blind_index(id_number), id_masked=mask_id_number(id_number), sex=sex or "",
            birth_date=birth, phone=phone_norm(row.get("phone", ""))[:11], address=(row.get("address") or
                                                                         (standard.full_address if standard else ""))[:255],
            standard_address=standard, jurisdiction=node, starts_on=starts_on,
            status=RegistrationStatus.ACTIVE if status == "active" else RegistrationStatus.CANCELLED,
            ended_on=None if status == "active" else starts_on, end_reason="" if status == "active" else reason,
            extra=extra,
        )
        lines[number] = line
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.notes += table.notes  # after the rows: reading them may add some (an Excel file's long numbers)
    analyze_after_commit(Registration, Person)
    return report
