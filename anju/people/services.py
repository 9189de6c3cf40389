"""The write path for people.

The register follows the residence registrations: the registration services (registrations/services.py, which sit
above this app) call person_residence_set when they open or confirm one and person_residence_end when one ends, in
their own transaction. people never imports registrations.
"""
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.bulk import insert_many, update_many
from anju.lib import codes
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.lib.names import tidy
from anju.lib.residence import LEAVE, MOVE, UPDATE, Place, after_end as residence_after_end, after_set as residence_after_set
from anju.lib.residence import lives_at
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
    goes into the audit entry (the registration that made the record). The name as ``lib.names.tidy`` writes it."""
    name = tidy(name)
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


# the audit action of each change lib.residence decides
_AUDITED = {MOVE: "person.move", UPDATE: "person.update", LEAVE: "person.leave"}


def _place(residence: Residence) -> Place:
    return Place(jurisdiction_id=residence.jurisdiction.pk, house_id=residence.house.pk if residence.house else None,
                 address=residence.address)


def _apply(person: Person, changes: dict) -> list[str]:
    """Sets ``changes`` (lib.residence's, by attribute) on ``person``; the names of the fields changed."""
    for attname, value in changes.items():
        setattr(person, attname, value)
    return [attname.removesuffix("_id") for attname in changes]


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
        except (IntegrityError, PersonError):
            # another approval or an import batch put them on record since the read above: the insert failed on the
            # unique number, or person_create's own check found it committed (a PersonError)
            person = Person.objects.select_for_update().filter(id_hash=id_hash).first()
            if person is None:
                raise
    action, changes = residence_after_set(person, _place(residence), phone=phone)
    changed = _apply(person, changes)
    for item, value in (("ethnicity", ethnicity), ("hukou_address", hukou_address), ("education", education),
                        ("marital_status", marital_status)):
        if value and not getattr(person, item):
            setattr(person, item, value)
            changed.append(item)
    if _link_account(person, account):
        changed.append("account")
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action=_AUDITED[action or UPDATE], object_type="person",
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
    if person is None or not lives_at(person, house_id=house_id, address=address):
        return None
    action, changes = residence_after_end(person, house_id=house_id, address=address, ended_on=ended_on,
                                          instead=_place(instead) if instead is not None else None)
    if changes:
        person.save(update_fields=[*_apply(person, changes), "updated_at"])
        detail = {"registration": instead.registration, "ended": registration} if action == MOVE \
            else {"registration": registration}
        audit_log(actor=actor, action=_AUDITED[action], object_type="person", object_ids=[person.pk], detail=detail)
    return person


# The register of a whole batch of registrations at once (`anju import registrations`) --------------------------

# A record's columns that the register's decisions read and change (lib.residence), and its keys
_WHERE = ("pk", "id_hash", "jurisdiction_id", "house_id", "address", "left_on", "left_address", "phone")


@dataclass(frozen=True)
class Registered:
    """A person's registration in force, as the register copies it onto them (lib.residence.in_force: their newest)."""

    place: Place
    registration: int  # its key, named in the audit entry
    id_cipher: str  # the number, encrypted as the registration holds it (a new record's identity is read from it)
    name: str
    phone: str  # a mobile number or ""
    sex: str = ""  # the registration's, for a number that does not say (as birth_date)
    birth_date: date | None = None


@dataclass(frozen=True)
class Ended:
    """A registration the batch ended, at the place where it had its person live."""

    house_id: int | None
    address: str
    registration: int


@dataclass
class Followed:
    """What a batch did to the register: the people's keys by what happened to them."""

    created: list = field(default_factory=list)
    moved: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    left: list = field(default_factory=list)


def people_follow_registrations(*, in_force: dict[str, Registered], ended: dict[str, list[Ended]], ended_on: date,
                                reason: str) -> Followed:
    """The register after a batch of imported registrations, for the ID numbers (blind indexes) of ``in_force`` and
    ``ended``, in the caller's transaction, as the per-registration services would leave it (lib.residence decides
    for both): a number with a registration in force (``in_force``: the newest of them) has its person created there
    or moved there (a phone it gives replaces the one on record; the name on record is kept); one with none, whose
    person the register has living at a registration the batch ended, has left on ``ended_on``. Set-based: one read
    of the people by blind index, one insert of the new ones, one bulk update, and one audit entry for each of
    person.create, person.move, person.update and person.leave, naming the people and their registrations, in
    parallel lists. Nothing to change, nothing written: the same file twice changes the register once. Numbers
    that cannot be parsed make nobody. ``reason`` (the file) goes into the audit entries. The system is the actor."""
    hashes = list(dict.fromkeys([*in_force, *ended]))
    # only what the decisions read: whole records cost most of the time on a file the register already follows
    people = {row[1]: SimpleNamespace(**dict(zip(_WHERE, row))) for row in Person.objects.select_for_update().filter(
        id_hash__in=hashes).values_list(*_WHERE)}
    followed, registrations = Followed(), {}
    create, update, fields = [], [], set()
    for id_hash in hashes:
        person, registered = people.get(id_hash), in_force.get(id_hash)
        if person is None:
            if registered is not None:
                new = _person_from(registered, id_hash)
                if new is not None:
                    create.append(new)
                    registrations[id_hash] = registered.registration
            continue
        if registered is not None:
            action, changes = residence_after_set(person, _fitted(registered.place), phone=registered.phone)
            registration = registered.registration
        else:
            action, changes, registration = None, {}, None
            for end in ended.get(id_hash, ()):
                action, changes = residence_after_end(person, house_id=end.house_id, address=end.address[:_ADDRESS],
                                                      ended_on=ended_on)
                if action:
                    registration = end.registration
                    break
        if not action:
            continue
        fields.update(_apply(person, changes))
        update.append(person)
        getattr(followed, {MOVE: "moved", UPDATE: "updated", LEAVE: "left"}[action]).append(person.pk)
        registrations[id_hash] = registration
    if create:
        insert_many(Person, create)
        # insert_many gives the rows no key: read them back, in the order made
        keys = dict(Person.objects.filter(id_hash__in=[p.id_hash for p in create]).values_list("id_hash", "pk"))
        for person in create:
            person.pk = keys[person.id_hash]
            followed.created.append(person.pk)
    if update:
        now = timezone.now()
        update_many(Person, [Person(**vars(person), updated_at=now) for person in update],
                    [*sorted(fields), "updated_at"])
    by_pk = {p.pk: registrations[p.id_hash] for p in [*create, *update]}
    for action, pks in (("person.create", followed.created), (_AUDITED[MOVE], followed.moved),
                        (_AUDITED[UPDATE], followed.updated), (_AUDITED[LEAVE], followed.left)):
        if pks:
            audit_log(actor=None, action=action, object_type="person", object_ids=pks,
                      detail={"reason": reason, "count": len(pks), "registrations": [by_pk[pk] for pk in pks]})
    return followed


def _person_from(registered: Registered, id_hash: str) -> Person | None:
    """A new record for the number of ``registered``, with its identity as person_create would set it: sex and birth
    date from the number (the registration's where it says none); None when it is not a valid number."""
    try:
        parsed = parse_id_number(crypto.decrypt(registered.id_cipher))
    except InvalidIdNumber:
        return None
    return Person(name=registered.name, sex=parsed.sex or registered.sex,
                  birth_date=parsed.birth_date or registered.birth_date, id_cipher=registered.id_cipher,
                  id_hash=id_hash, id_masked=parsed.masked, id_kind=parsed.kind, phone=registered.phone,
                  jurisdiction_id=registered.place.jurisdiction_id, house_id=registered.place.house_id,
                  address=registered.place.address[:_ADDRESS])


_ADDRESS = Person._meta.get_field("address").max_length  # a registration's may be longer


def _fitted(place: Place) -> Place:
    """``place`` with its address as the record can hold it, so that the same place compares equal the next time."""
    return Place(place.jurisdiction_id, place.house_id, place.address[:_ADDRESS])
