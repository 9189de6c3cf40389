"""The write path for people.

The register follows the residence registrations: the registration services (registrations/services.py, which sit
above this app) call person_residence_set when they open or confirm one and person_residence_end when one ends, in
their own transaction. people never imports registrations.
"""
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anju.audit.services import audit_log
from anju.core import crypto
from anju.lib import codes
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.people.models import Person


class PersonError(ValueError):
    pass


def id_number_lookup_hash(raw: str) -> str | None:
    """The blind index of a number as typed, or None when it is not a valid number."""
    try:
        return crypto.blind_index(parse_id_number(raw).number)
    except InvalidIdNumber:
        return None


def _set_id_number(person: Person, raw: str) -> None:
    try:
        parsed = parse_id_number(raw)
    except InvalidIdNumber as exc:
        raise PersonError(str(exc)) from exc
    person.id_cipher = crypto.encrypt(parsed.number)
    person.id_hash = crypto.blind_index(parsed.number)
    person.id_masked = parsed.masked
    person.id_kind = parsed.kind
    return parsed


@transaction.atomic
def person_create(*, actor, name: str, id_number: str, jurisdiction, sex: str = "", birth_date=None,
                  ethnicity: str = "", phone: str = "", hukou_address: str = "", address: str = "", house=None,
                  education: str = "", marital_status: str = "", account=None, detail: dict | None = None,
                  request=None) -> Person:
    """Creates a person; sex and birth date default to what the ID number says and must agree with it. ``detail``
    goes into the audit entry (the registration that made the record)."""
    name = (name or "").strip()
    if not name:
        raise PersonError(_("Name is required"))
    person = Person(name=name, jurisdiction=jurisdiction, phone=phone, hukou_address=hukou_address, address=address,
                    house=house, education=education, marital_status=marital_status, account=account)
    parsed = _set_id_number(person, id_number)
    if Person.objects.filter(id_hash=person.id_hash).exists():
        raise PersonError(_("A person with this ID number is already on record"))
    sex = codes.SEX.code_for(sex) if sex else parsed.sex
    if parsed.sex and sex != parsed.sex:
        raise PersonError(_("Sex does not match the ID number"))
    if birth_date and parsed.birth_date and birth_date != parsed.birth_date:
        raise PersonError(_("Birth date does not match the ID number"))
    person.sex, person.birth_date = sex, birth_date or parsed.birth_date
    if ethnicity:
        person.ethnicity = codes.ETHNICITY.code_for(ethnicity) or ""
        if not person.ethnicity:
            raise PersonError(_("Unknown ethnicity %(value)s") % {"value": ethnicity})
    person.save()
    audit_log(actor=actor, action="person.create", object_type="person", object_ids=[person.pk], detail=detail,
              request=request)
    return person


@dataclass(frozen=True)
class Residence:
    """Where a registration in force says someone lives, as the register copies it."""

    jurisdiction: object  # jurisdictions.Node: the registration's
    house: object | None  # houses.House
    address: str
    registration: int  # the registration's key, named in the audit entry


def _lives_at(person: Person, *, house_id, address: str) -> bool:
    return bool(house_id and person.house_id == house_id) or bool(address and person.address == address)


def _move(person: Person, residence: Residence) -> list[str]:
    """Puts the person at ``residence``; the fields changed (none when they already live there)."""
    target = {"jurisdiction_id": residence.jurisdiction.pk, "house_id": residence.house.pk if residence.house else None,
              "address": residence.address, "left_on": None, "left_address": ""}
    changed = [field for field, value in target.items() if getattr(person, field) != value]
    for field in changed:
        setattr(person, field, target[field])
    return [field.removesuffix("_id") for field in changed]


def _link_account(person: Person, account) -> bool:
    """Links the resident's own account (their /me/ page) to a record that has none, unless the account already has
    one: a one-to-one link, and the first record an account was linked to is kept."""
    if account is None or person.account_id is not None or Person.objects.filter(account=account).exists():
        return False
    person.account = account
    return True


@transaction.atomic
def person_residence_set(*, actor, id_number: str, name: str, residence: Residence, phone: str = "", account=None,
                         ethnicity: str = "", hukou_address: str = "", education: str = "",
                         marital_status: str = "") -> Person:
    """An approved registration: the person of this ID number lives at ``residence`` from now on.

    Looked up by the number's blind index, so a second approval for the same number (a move, a renewal, a declaration
    filed again) finds the same record: created with the registration's identity only when the register has no one of
    that number (audited ``person.create``); otherwise moved there, into the registration's jurisdiction, and no
    longer marked as having left (``person.move``). The name on record is kept (the registration services approve a
    move under another name only when the officer confirmed it is the same person); a non-empty phone replaces the one
    on record, and the optional items fill only what the record lacks. Nothing changed, nothing is written or
    audited."""
    try:
        parsed = parse_id_number(id_number)
    except InvalidIdNumber as exc:
        raise PersonError(str(exc)) from exc
    id_hash = crypto.blind_index(parsed.number)
    person = Person.objects.select_for_update().filter(id_hash=id_hash).first()
    detail = {"registration": residence.registration}
    if person is None:
        try:
            with transaction.atomic():  # a savepoint: another approval of the same number may insert first
                return person_create(
                    actor=actor, name=name, id_number=parsed.number, jurisdiction=residence.jurisdiction,
                    house=residence.house, address=residence.address, phone=phone, ethnicity=ethnicity,
                    hukou_address=hukou_address, education=education, marital_status=marital_status,
                    account=account if account is not None and not Person.objects.filter(account=account).exists()
                    else None, detail=detail)
        except IntegrityError:
            person = Person.objects.select_for_update().get(id_hash=id_hash)
    moved = _move(person, residence)
    changed = list(moved)
    if phone and person.phone != phone:
        person.phone = phone
        changed.append("phone")
    for field, value in (("ethnicity", ethnicity), ("hukou_address", hukou_address), ("education", education),
                         ("marital_status", marital_status)):
        if value and not getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    if _link_account(person, account):
        changed.append("account")
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="person.move" if moved else "person.update", object_type="person",
                  object_ids=[person.pk], detail={**detail, "fields": changed})
    return person


@transaction.atomic
def person_residence_end(*, actor, id_hash: str, house_id, address: str, ended_on: date, registration: int,
                         instead: Residence | None = None) -> Person | None:
    """A registration ended (注销): the person it registered no longer lives at its place.

    Only a record that has them living there is changed (its house, or its address where the registration has no
    house): one the register already has elsewhere (moved since) or gone is left as it is (None). With another
    registration of theirs still in force (``instead``), they live there now (``person.move``); with none, their
    residence here ends (``person.leave``): house and address are emptied, the address kept as the last one with the
    day it ended, and the record stays in its jurisdiction, with its history, but is no longer counted or listed among
    the people living here (selectors.person_queryset)."""
    person = Person.objects.select_for_update().filter(id_hash=id_hash, left_on__isnull=True).first()
    if person is None or not _lives_at(person, house_id=house_id, address=address):
        return None
    if instead is not None:
        changed = _move(person, instead)
        action, detail = "person.move", {"registration": instead.registration, "ended": registration}
    else:
        person.left_address, person.left_on, person.house, person.address = person.address, ended_on, None, ""
        changed = ["left_address", "left_on", "house", "address"]
        action, detail = "person.leave", {"registration": registration}
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action=action, object_type="person", object_ids=[person.pk], detail=detail)
    return person
