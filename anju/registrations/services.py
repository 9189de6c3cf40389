"""The write path for residence registration: declare, check identity, verify, register, deregister.

Lock order (ARCHITECTURE.md, rule 1): declaration → registration → finding. Each service here locks the declaration it
decides (withdraw, correct, approve, return) or the registration it ends before the signals it sends have fusion lock
the findings about them; fusion's own decisions lock the declaration and the registration before the finding."""
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _, gettext_lazy, pgettext

from anju.accounts.choices import FIELD_ROLES, HOUSE_ROLES, VERIFY_ROLES, Role
from anju.accounts.models import User
from anju.accounts.permissions import require_right
from anju.accounts.services import MOBILE_RE, phone_normalise, user_create
from anju.accounts.sms import send_sms
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.identity import id_number_parse
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.lib.names import NameRelation, relate, tidy
from anju.lib.residence import Place, in_force
from anju.people.registry import registry_check
from anju.people.services import (
    Ended, Followed, Registered, Residence, people_follow_registrations, person_residence_end, person_residence_set,
)
from anju.registrations.checkers import PersonEvent, run_checkers
from anju.registrations.signals import (
    declaration_approved, declaration_withdrawn, registration_ended, registrations_ended, registrations_moved,
    registrations_reactivated,
)
from anju.registrations.choices import (
    MANAGING_KINDS, Channel, DeclarationKind, DeclarationStatus, DelegationScope, Flag, RegistrationStatus, TaskStatus,
)
from anju.registrations.models import (
    Declaration, Delegation, Employment, Organisation, Registration, VerificationTask,
)

CHILD_AGE = 16


class RegistrationError(ValueError):
    """A problem with a declaration or registration, shown to the user as it is."""


class RegisteredUnderAnotherName(RegistrationError):
    """The number is actively registered under another name and the officer has not confirmed it is the same person,
    moving (``same_person``): callers offer that confirmation (the declaration page, a fusion finding's)."""


def parse_id(raw: str, *, reader):
    """The number, or a RegistrationError saying what is wrong, worded for ``reader`` (anju.core.identity)."""
    try:
        return id_number_parse(raw, reader=reader)
    except InvalidIdNumber as exc:
        raise RegistrationError(str(exc)) from exc


def _age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _notify(phone: str, message, /, **params) -> None:
    """Texts ``message`` (a gettext_lazy string) % ``params`` to ``phone`` once the transaction commits, in the
    platform's language (settings.LANGUAGE_CODE, as the sign-in codes and the landlords' reminders are): the person
    texted is not the officer or agent whose request sends it, and an officer working in English must not make a
    resident's approval arrive in English."""
    if phone:
        with translation.override(settings.LANGUAGE_CODE):
            text = str(message) % params
        transaction.on_commit(lambda: send_sms(phone, f"【安居】{text}"))


def _event(kind: str, *, name, parsed, node, address, actor, object_type, object_id, **extra) -> PersonEvent:
    return PersonEvent(kind=kind, name=name, id_number=parsed.number if parsed else None,
                       sex=parsed.sex if parsed else "", birth_date=parsed.birth_date if parsed else None, node=node,
                       address=address, actor=actor, object_type=object_type, object_id=str(object_id),
                       occurred_at=timezone.now(), extra=extra)


def _identity_check(declaration: Declaration, parsed) -> None:
    """Compares the declared identity with the registry; a mismatch or an unknown number is flagged. Where the name
    matched only as written otherwise (traditional characters, a pinyin spelling) or differed (a homophone too), the
    registry's identity and how the names compare are kept for the officer's page."""
    verdict = registry_check(parsed_id=parsed, name=declaration.name, sex=declaration.sex,
                             birth_date=declaration.birth_date)
    declaration.identity_status = verdict.status
    flags = []
    detail = {"differences": list(verdict.differences)}
    if verdict.status == "mismatch":
        flags.append("identity_mismatch")
    if verdict.status == "mismatch" or verdict.name_noted:
        relation = verdict.name
        detail["registry"] = verdict.registry
        detail["name_hint"] = {"kind": relation.kind, "zh": relation.zh, "en": relation.en}
    elif verdict.status == "unknown":
        flags.append("unknown_id")
    declaration.identity_detail = detail
    declaration.flags = flags


def other_name(declared: str, registered: str) -> NameRelation | None:
    """How `registered` relates to `declared` (a homophone, a pinyin spelling, a different name), or None where it
    is the same name, also written in traditional characters."""
    relation = relate(declared, registered)
    return None if relation.kind in ("same", "traditional") else relation


def same_name(declared: str, registered: str) -> bool:
    """The same name, also written in traditional characters; a homophone or a pinyin spelling is not."""
    return other_name(declared, registered) is None


def _registered_other_name_check(declaration: Declaration) -> None:
    """The number is actively registered to someone of another name: approving would end that registration as a move,
    so the declaration is flagged and the other name kept for the officer (where it is, the page reads in scope)."""
    for pk, name in Registration.objects.filter(id_hash=declaration.id_hash,
                                                status=RegistrationStatus.ACTIVE).values_list("pk", "name"):
        relation = other_name(declaration.name, name)
        if relation is not None:
            declaration.flags.append(Flag.REGISTERED_OTHER_NAME.value)
            declaration.identity_detail["registered"] = {
                "registration": pk, "name": name,
                "name_hint": {"kind": relation.kind, "zh": relation.zh, "en": relation.en}}
            return


def pending_twins(declaration: Declaration):
    """The other residence declarations of ``declaration``'s number waiting for police: at another house, or at the
    same house under another name (the same one at the same house is the same declaration, filed again)."""
    return Declaration.objects.filter(id_hash=declaration.id_hash, kind=DeclarationKind.REGISTER,
                                      status=DeclarationStatus.PENDING).exclude(pk=declaration.pk)


def _declared_twice_check(declaration: Declaration, twins: list[int]) -> list[int]:
    """Other residence declarations of the number wait for police (``twins``, as ``pending_twins`` finds them: read by
    the filing's one query): the person in two places at once, or one number used by two people. The declaration is
    flagged, naming them (read on its page as they are now); returns them, for ``_declared_twice_flag_earlier``."""
    if twins:
        declaration.flags.append(Flag.DECLARED_TWICE.value)
        declaration.identity_detail["declared_twice"] = twins
    return twins


def _declared_twice_flag_earlier(declaration: Declaration, twins: list[int]) -> list[int]:
    """Flags the earlier declarations ``twins`` of the same number that still wait (locked: one decided meanwhile is
    left as decided), naming ``declaration``, so that neither is approved in bulk. Returns the ones flagged."""
    flagged = []
    for twin in Declaration.objects.select_for_update().filter(pk__in=twins, status=DeclarationStatus.PENDING):
        if Flag.DECLARED_TWICE.value not in twin.flags:
            twin.flags.append(Flag.DECLARED_TWICE.value)
        twin.identity_detail["declared_twice"] = [*twin.identity_detail.get("declared_twice", []), declaration.pk]
        twin.save(update_fields=["flags", "identity_detail"])
        flagged.append(twin.pk)
    return flagged


def declaration_submit(*, idempotency_key: str | None = None, **kwargs) -> Declaration:
    """Files a declaration (any channel). Idempotent by key; a repeat of a pending one returns it.

    Takes the arguments of `_declaration_submit`; `items` there are the optional data items of seed 003
    (ethnicity, hukou_address, education, marital_status, employer, occupation, social_insurance).
    """
    try:
        # Outermost (the API, the forms), this is the whole transaction and needs no savepoint; nested (a check-in,
        # a worker's registration) it is a savepoint, so a lost race leaves the caller's transaction usable.
        with transaction.atomic():
            return _declaration_submit(idempotency_key=idempotency_key, **kwargs)
    except IntegrityError:
        # A concurrent request with the same key won the race (the insert waited for it to commit): return its
        # declaration. Any other integrity error is not ours to hide.
        winner = Declaration.objects.filter(idempotency_key=idempotency_key).first() if idempotency_key else None
        if winner is None:
            raise
        return winner


def _declaration_submit(*, actor, channel: str, name: str, parsed_id, house, room=None, tenancy=None, move_in=None,
                        phone: str = "", kind: str = DeclarationKind.REGISTER, reason: str = "",
                        idempotency_key: str | None = None, on_behalf_of=None, delegation=None, organisation=None,
                        guardian=None, **items) -> Declaration:
    # one written form of a name on every path (王　明 is 王明, 阿依古丽•买买提 is 阿依古丽·买买提), as the import and
    # the registry keep it: the registration carries it on, and later checks compare the stored forms
    name = tidy(name)
    if not name:
        raise RegistrationError(_("Name is required"))
    id_hash = crypto.blind_index(parsed_id.number)
    # One query answers "was this exact request seen", "is the same declaration already pending" and "does another
    # of this number wait" (a residence declaration at another house, or here under another name: not the same one,
    # so it is filed and both are flagged, _declared_twice_check).
    same = Q(id_hash=id_hash, house=house, kind=kind, status=DeclarationStatus.PENDING, guardian__isnull=True,
             name=name)
    waiting = Q(id_hash=id_hash, kind=DeclarationKind.REGISTER, status=DeclarationStatus.PENDING)
    earlier = Declaration.objects.filter((Q(idempotency_key=idempotency_key) if idempotency_key else Q(pk__in=[]))
                                         | (same if guardian is None else Q(pk__in=[]))
                                         | (waiting if kind == DeclarationKind.REGISTER else Q(pk__in=[])))
    # Narrow columns, not the whole row: on the usual path nothing is found, and building the full SELECT of this
    # wide model costs more CPU than the query itself.
    earlier = list(earlier.values_list("pk", "idempotency_key", "house_id", "name", "guardian_id", "kind", named=True))
    repeat = [row.pk for row in earlier if idempotency_key and row.idempotency_key == idempotency_key] or [
        row.pk for row in earlier  # the rest wait (an earlier request's own may not): as ``same`` asks
        if guardian is None and (row.house_id, row.name, row.guardian_id, row.kind) == (house.pk, name, None, kind)]
    if repeat:
        return Declaration.objects.get(pk=repeat[0])  # the same declaration filed again: nothing doubled
    declaration = Declaration(
        kind=kind, channel=channel, name=name, id_cipher=crypto.encrypt(parsed_id.number), id_hash=id_hash,
        id_masked=parsed_id.masked, sex=parsed_id.sex, birth_date=parsed_id.birth_date, phone=phone, house=house,
        room=room, tenancy=tenancy, move_in=move_in, jurisdiction=house.jurisdiction, submitted_by=actor,
        idempotency_key=idempotency_key, reason=reason, on_behalf_of=on_behalf_of, delegation=delegation,
        organisation=organisation, guardian=guardian,
        **{k: v for k, v in items.items() if v not in (None, "")},
    )
    twins = []
    if kind == DeclarationKind.REGISTER:
        _identity_check(declaration, parsed_id)
        _registered_other_name_check(declaration)
        twins = _declared_twice_check(declaration, [row.pk for row in earlier])
    declaration.save()
    flagged_too = _declared_twice_flag_earlier(declaration, twins) if twins else []
    audit_log(actor=actor, action=f"declaration.{kind}", object_type="declaration", object_ids=[declaration.pk],
              detail={"channel": channel, "house": house.pk, "flags": declaration.flags,
                      "on_behalf_of": on_behalf_of.pk if on_behalf_of else None,
                      **({"flagged_too": flagged_too} if flagged_too else {})})
    if kind == DeclarationKind.REGISTER and guardian is None:
        _notify(phone, gettext_lazy("Your residence declaration for %(address)s has been received and waits for "
                                    "verification by the community police."), address=house.address)
    run_checkers(_event("declaration.submitted", name=name, parsed=parsed_id, node=house.jurisdiction,
                        address=house.address, actor=actor, object_type="declaration", object_id=declaration.pk,
                        channel=channel))
    return declaration


def declare(*, actor, channel: str, house, name: str, id_number: str, move_in: date, room=None, phone: str = "",
            children=(), idempotency_key: str | None = None, **kwargs) -> Declaration:
    """Validates raw input from any channel, then files the declaration and its children's."""
    parsed = parse_id(id_number, reader=actor)
    today = timezone.localdate()
    if move_in > today:
        raise RegistrationError(_("The move-in date cannot be in the future"))
    if move_in < today - timedelta(days=365 * 5):
        raise RegistrationError(_("The move-in date is more than five years ago; declare at the police station"))
    phone = phone_normalise(phone) if phone else ""
    child_ids = []
    for child_name, child_number in children:
        child = parse_id(child_number, reader=actor)
        age = _age_on(child.birth_date, today)
        if age is not None and age >= CHILD_AGE:
            raise RegistrationError(_("%(name)s is %(age)d: only children under 16 are declared with a parent")
                                    % {"name": child_name, "age": age})
        if child.number == parsed.number:
            raise RegistrationError(_("A child cannot have the parent's ID number"))
        child_ids.append((tidy(child_name), child))
    if not child_ids:  # the usual case: one declaration, one transaction, no savepoints
        return declaration_submit(actor=actor, channel=channel, name=name, parsed_id=parsed, house=house, room=room,
                                  move_in=move_in, phone=phone, idempotency_key=idempotency_key, **kwargs)
    with transaction.atomic():
        declaration = declaration_submit(actor=actor, channel=channel, name=name, parsed_id=parsed, house=house,
                                         room=room, move_in=move_in, phone=phone, idempotency_key=idempotency_key,
                                         **kwargs)
        if not declaration.children.exists():
            for child_name, child in child_ids:
                declaration_submit(actor=actor, channel=channel, name=child_name, parsed_id=child, house=house,
                                   room=room, move_in=move_in, guardian=declaration,
                                   on_behalf_of=kwargs.get("on_behalf_of"))
    return declaration


# The declarant's own: withdraw (撤回) and correct (修改) --------------------------------------------------

def _withdraw(actor, declaration: Declaration, *, note: str) -> bool:
    """Withdraws ``declaration`` (locked here) for ``actor``, its declarant; False if it was already withdrawn (a
    second press of the button: nothing more happens). Refused, saying why, once police decided it, or where it is not
    the actor's to withdraw."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if actor.is_staff_role or actor.pk not in (declaration.submitted_by_id, declaration.on_behalf_of_id):
        raise RegistrationError(_("Only the person who filed this declaration, or the person it was filed for, can "
                                  "withdraw it"))
    if declaration.guardian_id is not None:
        raise RegistrationError(_("A child's declaration goes with the parent's: withdraw or correct the parent's"))
    if declaration.tenancy_id is not None:
        raise RegistrationError(_("This declaration was filed when the tenant was checked in: the landlord withdraws "
                                  "it by checking the tenant out"))
    if declaration.status == DeclarationStatus.WITHDRAWN:
        return False
    if declaration.status != DeclarationStatus.PENDING:
        raise RegistrationError(_("The community police have already decided this declaration (%(status)s): it can "
                                  "no longer be withdrawn or corrected") % {"status": declaration.get_status_display()})
    now = timezone.now()
    withdrawn = [declaration.pk, *declaration.children.filter(status=DeclarationStatus.PENDING)
                 .values_list("pk", flat=True)]
    Declaration.objects.filter(pk__in=withdrawn).update(status=DeclarationStatus.WITHDRAWN, decided_at=now,
                                                        decided_by=actor, decision_note=note[:200])
    # an on-site check sent for it has nothing left to check: off the assignee's list
    tasks = list(VerificationTask.objects.filter(declaration_id__in=withdrawn, status=TaskStatus.OPEN)
                 .values_list("pk", flat=True))
    if tasks:
        VerificationTask.objects.filter(pk__in=tasks).update(status=TaskStatus.CANCELLED, done_at=now,
                                                             note=note[:300])
    audit_log(actor=actor, action="declaration.withdraw", object_type="declaration", object_ids=withdrawn,
              detail={"reason": note, "tasks_cancelled": tasks})
    return True


@transaction.atomic
def declaration_withdraw(*, actor, declaration: Declaration) -> Declaration:
    """The declarant withdraws (撤回) a declaration still waiting for police: it leaves the officers' queue and can no
    longer be approved, its children's go with it, an on-site check sent for it is cancelled; audited. Withdrawing one
    already withdrawn changes nothing (a second press of the button). One the police have decided is refused. Apps
    that hold something the declaration said hear of it (``declaration_withdrawn``: a finding it answered)."""
    if _withdraw(actor, declaration, note=_("Withdrawn by the declarant")):
        declaration_withdrawn.send(sender=Declaration, declaration=declaration, replaced_by=None, actor=actor)
    return Declaration.objects.get(pk=declaration.pk)


def declaration_correct(*, actor, declaration: Declaration, **declare_kwargs) -> Declaration:
    """The declarant corrects (修改) a declaration still waiting for police: it is withdrawn and the corrected one filed
    (``declare``'s arguments) in one transaction, so a correction refused leaves the first one waiting as it was. The
    same correction sent twice (its idempotency key) returns the declaration it filed the first time.
    ``declaration_withdrawn`` names the corrected one (``replaced_by``): a finding the first answered goes with it."""
    with transaction.atomic():
        _withdraw(actor, declaration, note=_("Withdrawn by the declarant: corrected"))
        corrected = declare(actor=actor, **declare_kwargs)
        audit_log(actor=actor, action="declaration.correct", object_type="declaration",
                  object_ids=[declaration.pk, corrected.pk], detail={"replaced": declaration.pk,
                                                                     "by": corrected.pk})
        declaration_withdrawn.send(sender=Declaration, declaration=declaration, replaced_by=corrected, actor=actor)
    return corrected


# Verification -----------------------------------------------------------------------------------------

def _next_number(registration: Registration) -> str:
    return f"DJ{registration.starts_on:%Y%m%d}{registration.pk:08d}"


def _open_registration(declaration: Declaration, actor, *, guardian=None, same_person: bool = False) -> Registration:
    """Opens the registration an approved declaration asks for; an active one elsewhere is closed (a move). One under
    another name is closed only when the officer confirmed it is the same person (``same_person``): otherwise the
    approval is refused, never ending someone else's registration unseen."""
    house = declaration.house
    previous = Registration.objects.select_for_update().filter(
        id_hash=declaration.id_hash, status=RegistrationStatus.ACTIVE).first()
    other_name = previous is not None and not same_name(declaration.name, previous.name)
    if other_name and not same_person:
        raise RegisteredUnderAnotherName(
            _("The ID number %(id)s already has an active registration under another name, %(other)s (declared: "
              "%(name)s). Only if you have checked that they are the same person, moving, tick “Same person, moving "
              "here: end the other registration” and approve; otherwise return the declaration.")
            % {"id": declaration.id_masked, "other": previous.name, "name": declaration.name})
    account = declaration.on_behalf_of or (declaration.submitted_by if declaration.channel == Channel.RESIDENT else None)
    if previous is not None and previous.house_id == house.pk:
        _person_lives_at(previous, declaration, actor, account=account)  # a record missing or out of date is put right
        return previous  # already registered here
    starts_on = declaration.move_in or timezone.localdate()
    registration = Registration.objects.create(
        number=f"TMP-{declaration.pk}-{timezone.now().timestamp()}", name=declaration.name,
        id_cipher=declaration.id_cipher, id_hash=declaration.id_hash, id_masked=declaration.id_masked,
        sex=declaration.sex, birth_date=declaration.birth_date, phone=declaration.phone, house=house,
        standard_address=house.standard_address, address=house.address, jurisdiction=house.jurisdiction,
        # valid from the day it is granted, as a 居住证 from its issue: counted from a move-in months back (a resident
        # declaring late, a fusion finding first seen long ago) it would lapse within days
        starts_on=starts_on, valid_until=timezone.localdate() + timedelta(days=settings.ANJU_REGISTRATION_VALID_DAYS),
        declaration=declaration, guardian=guardian, account=account if account and not account.is_staff_role else None,
    )
    registration.number = _next_number(registration)
    if previous is not None:
        previous.status, previous.ended_on, previous.ended_by = RegistrationStatus.CLOSED, starts_on, actor
        previous.end_reason = _("moved to %(address)s") % {"address": house.address}
        previous.save(update_fields=["status", "ended_on", "ended_by", "end_reason"])
        registration_ended.send(sender=Registration, registration=previous, actor=actor)
        registration.previous = previous
    registration.save(update_fields=["number", "previous"])
    audit_log(actor=actor, action="registration.create", object_type="registration", object_ids=[registration.pk],
              detail={"declaration": declaration.pk, "moved_from": previous.pk if previous else None,
                      **({"moved_from_name": previous.name, "same_person": True} if other_name else {})})
    _person_lives_at(registration, declaration, actor, account=registration.account)
    run_checkers(_event("registration.created", name=registration.name, parsed=parse_id_number(declaration.id_number),
                        node=house.jurisdiction, address=house.address, actor=actor, object_type="registration",
                        object_id=registration.pk))
    return registration


# The population register (people.Person) follows the registrations: written here, through people's services, in the
# transaction that opens or ends the registration.

def _residence(registration: Registration) -> Residence:
    return Residence(jurisdiction=registration.jurisdiction, house=registration.house, address=registration.address,
                     registration=registration.pk)


def _person_lives_at(registration: Registration, declaration: Declaration, actor, *, account) -> None:
    """The person of an approved registration is on the register, living at its address: created by ID number or
    moved there. The resident's own account (not a child's registration, which carries the parent's) is linked for
    their /me/ page."""
    person_residence_set(actor=actor, id_number=declaration.id_number, name=registration.name,
                         residence=_residence(registration), phone=declaration.phone or registration.phone,
                         account=account if account is not None and registration.guardian_id is None
                         and not account.is_staff_role else None,
                         ethnicity=declaration.ethnicity, hukou_address=declaration.hukou_address,
                         education=declaration.education, marital_status=declaration.marital_status)


def _person_leaves(registration: Registration, actor) -> None:
    """A registration ended: the register no longer has its person living there; where another registration of
    theirs is still in force (the newest), they live there instead."""
    other = in_force(Registration.objects.filter(id_hash=registration.id_hash, status=RegistrationStatus.ACTIVE)
                     .exclude(pk=registration.pk).select_related("jurisdiction", "house"))
    person_residence_end(actor=actor, id_hash=registration.id_hash, house_id=registration.house_id,
                         address=registration.address, ended_on=registration.ended_on, registration=registration.pk,
                         instead=_residence(other) if other is not None else None)


def _check_decidable(actor, declaration: Declaration) -> None:
    from anju.registrations.selectors import declaration_queryset

    require_right(actor, VERIFY_ROLES)

    if not declaration_queryset(user=actor).filter(pk=declaration.pk).exists():
        raise RegistrationError(_("This declaration is outside your jurisdiction"))
    if declaration.status == DeclarationStatus.WITHDRAWN:  # by its declarant, or by the tenant's check-out
        raise RegistrationError(_("This declaration was withdrawn on %(date)s (%(why)s): it can no longer be approved "
                                  "or rejected") % {"date": timezone.localtime(declaration.decided_at).date().isoformat(),
                                                    "why": declaration.decision_note or "—"})
    if declaration.status != DeclarationStatus.PENDING:
        raise RegistrationError(_("This declaration has already been decided (%(status)s)")
                                % {"status": declaration.get_status_display()})


@transaction.atomic
def declaration_approve(*, actor, declaration: Declaration, note: str = "",
                        same_person: bool = False) -> Registration | None:
    """Approves one declaration. A flagged one needs the officer's note: it is never approved unseen. ``same_person``:
    the officer checked that the holder of an active registration of this number under another name is the person
    declaring, moving (that registration ends); without it such a declaration is refused. Returns the registration
    opened, or for a deregistration the one it ended (None if none was in force)."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    _check_decidable(actor, declaration)
    if declaration.is_flagged and not note.strip():
        flags = pgettext("between the items of a list", ", ").join(declaration.flag_labels)
        raise RegistrationError(_("This declaration is flagged (%(flags)s): approve it only with a note saying why")
                                % {"flags": flags})
    if not note.strip() and declaration.kind == DeclarationKind.REGISTER:
        # filed at the same moment as another, neither saw the other: the one waiting is found now
        twin = pending_twins(declaration).select_related("house").first()
        if twin is not None:
            raise RegistrationError(_("Another declaration of this ID number waits too (%(name)s, %(address)s): "
                                      "approve it only with a note saying why")
                                    % {"name": twin.name, "address": twin.house.address})
    declaration.status, declaration.decided_at, declaration.decided_by = (
        DeclarationStatus.APPROVED, timezone.now(), actor)
    declaration.decision_note = note.strip()[:200]
    registration = None
    if declaration.kind == DeclarationKind.REGISTER:
        registration = _open_registration(declaration, actor, same_person=same_person)
        declaration.registration = registration
        for child in declaration.children.filter(status=DeclarationStatus.PENDING):
            child.status, child.decided_at, child.decided_by = DeclarationStatus.APPROVED, timezone.now(), actor
            child.registration = _open_registration(child, actor, guardian=registration, same_person=same_person)
            child.save(update_fields=["status", "decided_at", "decided_by", "registration"])
        _notify(declaration.phone, gettext_lazy("Your residence registration at %(address)s is approved; number "
                                                "%(number)s."),
                address=declaration.house.address, number=registration.number)
    else:
        for active in Registration.objects.filter(id_hash=declaration.id_hash, house=declaration.house,
                                                  status=RegistrationStatus.ACTIVE):
            registration = registration_end(actor=actor, registration=active,
                                            reason=declaration.reason or _("moved out"),
                                            ended_on=declaration.tenancy.move_out if declaration.tenancy else None)
    declaration.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "registration"])
    audit_log(actor=actor, action="declaration.approve", object_type="declaration", object_ids=[declaration.pk],
              detail={"note": note, **({"same_person": True} if same_person else {})})
    declaration_approved.send(sender=Declaration, declaration=declaration, registration=registration, actor=actor)
    return registration


def declarations_approve_clean(*, actor, declarations) -> tuple[int, list[str]]:
    """Bulk approval: only clean declarations; flagged ones are left for one-by-one review and named."""
    approved, skipped = 0, []
    for declaration in declarations:
        if declaration.is_flagged:
            skipped.append(declaration.name)
            continue
        try:
            declaration_approve(actor=actor, declaration=declaration)
            approved += 1
        except RegistrationError:
            skipped.append(declaration.name)
    return approved, skipped


@transaction.atomic
def declaration_reject(*, actor, declaration: Declaration, reason: str) -> Declaration:
    if not (reason or "").strip():
        raise RegistrationError(_("Say why the declaration is rejected"))
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    _check_decidable(actor, declaration)
    declaration.status, declaration.decided_at, declaration.decided_by = (
        DeclarationStatus.REJECTED, timezone.now(), actor)
    declaration.decision_note = reason.strip()[:200]
    declaration.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    declaration.children.filter(status=DeclarationStatus.PENDING).update(
        status=DeclarationStatus.REJECTED, decided_at=timezone.now(), decided_by=actor, decision_note=reason[:200])
    audit_log(actor=actor, action="declaration.reject", object_type="declaration", object_ids=[declaration.pk],
              detail={"reason": reason})
    _notify(declaration.phone, gettext_lazy("Your residence declaration was returned: %(reason)s"), reason=reason)
    return declaration


def tenancy_channel(actor) -> str:
    """The channel of a tenant's check-in or check-out: the landlord's own, or staff entering it for them."""
    return Channel.STAFF if actor.is_staff_role else Channel.LANDLORD


def tenant_left(*, actor, tenancy, parsed_id, reason: str = "") -> Declaration | None:
    """A tenant checked out (inside the check-out's transaction). A residence declaration of the tenancy still waiting
    for police is withdrawn, saying why and audited, so it can no longer be approved for someone who has gone; then
    deregistration is proposed (a pending deregistration declaration) for whatever registration of theirs the house
    has, from this tenancy or any other channel. With none active there, nothing is proposed (None): a proposal would
    only ask the police to end nothing."""
    withdrawn = list(Declaration.objects.select_for_update(of=("self",)).filter(
        Q(tenancy=tenancy) | Q(guardian__tenancy=tenancy), kind=DeclarationKind.REGISTER,
        status=DeclarationStatus.PENDING).values_list("pk", flat=True))
    if withdrawn:
        note = _("Withdrawn: %(name)s checked out on %(date)s, before verification") % {
            "name": tenancy.name, "date": tenancy.move_out.isoformat()}
        Declaration.objects.filter(pk__in=withdrawn).update(status=DeclarationStatus.WITHDRAWN,
                                                            decided_at=timezone.now(), decided_by=actor,
                                                            decision_note=note[:200])
        audit_log(actor=actor, action="declaration.withdraw", object_type="declaration", object_ids=withdrawn,
                  detail={"tenancy": tenancy.pk, "reason": note})
    if not Registration.objects.filter(id_hash=tenancy.id_hash, house=tenancy.house,
                                       status=RegistrationStatus.ACTIVE).exists():
        return None
    return declaration_submit(actor=actor, channel=tenancy_channel(actor), kind=DeclarationKind.DEREGISTER,
                              name=tenancy.name, parsed_id=parsed_id, house=tenancy.house, room=tenancy.room,
                              tenancy=tenancy, reason=reason or _("checked out by the landlord"))


@transaction.atomic
def task_create(*, actor, declaration: Declaration, assignee, due_on: date, instructions: str = "") -> VerificationTask:
    _check_decidable(actor, declaration)
    if assignee.scope_node is None or not assignee.scope_node.contains(declaration.jurisdiction) and \
            not declaration.jurisdiction.contains(assignee.scope_node):
        raise RegistrationError(_("%(name)s does not work in this area") % {"name": assignee.display_name()})
    if due_on < timezone.localdate():
        raise RegistrationError(_("The due date is in the past"))
    task = VerificationTask.objects.create(declaration=declaration, assignee=assignee, created_by=actor, due_on=due_on,
                                           instructions=instructions)
    audit_log(actor=actor, action="task.create", object_type="declaration", object_ids=[declaration.pk],
              detail={"task": task.pk, "assignee": assignee.pk})
    _notify(declaration.phone, gettext_lazy("The community police will visit %(address)s to verify your declaration."),
            address=declaration.house.address)
    return task


@transaction.atomic
def task_complete(*, actor, task: VerificationTask, result: str, note: str = "") -> VerificationTask:
    require_right(actor, FIELD_ROLES)
    task = VerificationTask.objects.select_for_update().get(pk=task.pk)
    if task.status == TaskStatus.CANCELLED:
        raise RegistrationError(_("This check was cancelled: the declarant withdrew the declaration"))
    if task.status == TaskStatus.DONE:
        raise RegistrationError(_("This task is already done"))
    if actor != task.assignee and not (actor.scope_node and actor.scope_node.contains(task.declaration.jurisdiction)):
        raise RegistrationError(_("This task is not yours"))
    task.status, task.result, task.note, task.done_at = TaskStatus.DONE, result, note[:300], timezone.now()
    task.save(update_fields=["status", "result", "note", "done_at"])
    audit_log(actor=actor, action="task.complete", object_type="declaration", object_ids=[task.declaration_id],
              detail={"task": task.pk, "result": result})
    return task


# Registrations ---------------------------------------------------------------------------------------

@transaction.atomic
def registration_end(*, actor, registration: Registration, reason: str, ended_on: date | None = None) -> Registration:
    """Deregistration (注销): by the resident, by police, or by an approved landlord check-out. Always with a reason."""
    require_right(actor, VERIFY_ROLES)
    if not (reason or "").strip():
        raise RegistrationError(_("Say why the registration ends"))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.ACTIVE:
        raise RegistrationError(_("This registration is no longer active"))
    registration.status = RegistrationStatus.CANCELLED
    registration.ended_on = ended_on or timezone.localdate()
    registration.end_reason, registration.ended_by = reason.strip()[:200], actor
    registration.save(update_fields=["status", "ended_on", "end_reason", "ended_by"])
    registration_ended.send(sender=Registration, registration=registration, actor=actor)
    audit_log(actor=actor, action="registration.end", object_type="registration", object_ids=[registration.pk],
              detail={"reason": reason})
    _person_leaves(registration, actor)
    run_checkers(_event("registration.ended", name=registration.name, parsed=parse_id_number(registration.id_number),
                        node=registration.jurisdiction, address=registration.address, actor=actor,
                        object_type="registration", object_id=registration.pk))
    _notify(registration.phone, gettext_lazy("Your residence registration at %(address)s has ended: %(reason)s"),
            address=registration.address, reason=reason)
    return registration


def registrations_ended_by_file(*, registrations: list[Registration], ids: list[int], reason: str) -> None:
    """What follows when an imported file ends registrations active here (``anju import registrations``; the
    records are the file's, ``ids`` their keys here), in the batch's transaction: their door cards stop and their
    open findings close (through ``registrations_ended``), one audit entry for the batch, and the checkers told of
    each, as ``registration_end`` does for one. No SMS: the file's owner ended them and tells its people."""
    registrations_ended.send(sender=Registration, registration_ids=ids, actor=None)
    audit_log(actor=None, action="registration.end", object_type="registration", object_ids=ids,
              detail={"reason": reason, "count": len(ids)})
    for registration, pk in zip(registrations, ids):
        try:
            parsed = parse_id_number(registration.id_number)
        except InvalidIdNumber:
            parsed = None
        run_checkers(_event("registration.ended", name=registration.name, parsed=parsed,
                            node=registration.jurisdiction, address=registration.address, actor=None,
                            object_type="registration", object_id=pk))


def registrations_people_follow(*, id_hashes, ended: list[Registration], ended_on: date, reason: str) -> Followed:
    """The population register follows a batch of imported registrations (``anju import registrations``), in the
    batch's transaction, as the services that open and end one at a time would leave it: for each number (blind
    index) of ``id_hashes`` with a registration in force here, its person lives at the newest
    (``lib.residence.in_force``, as when a service ends one and another is still in force); one with none, whose
    person lived at one of ``ended`` (the registrations the batch ended, as they were before), has left. Set-based
    and audited once per batch and kind of change (people.services.people_follow_registrations). A registration
    whose number the file could not read (``extra.id_error``) makes nobody; a phone that is not a mobile number is
    not copied.

    An approval may put a person of the batch on record after the batch looked them up and before it inserts them (the
    insert then fails on the unique number): the step is taken again, in a savepoint, reading the registrations and
    the people as they are now, so the batch follows the record the approval made rather than failing."""
    id_hashes = list(id_hashes)
    for attempt in range(_FOLLOW_ATTEMPTS):
        try:
            with transaction.atomic():
                return _people_follow(id_hashes, ended=ended, ended_on=ended_on, reason=reason)
        except IntegrityError:
            if attempt == _FOLLOW_ATTEMPTS - 1:
                raise


_FOLLOW_ATTEMPTS = 3  # each one lost is a person an approval put on record meanwhile: rarely even two


def _people_follow(id_hashes: list[str], *, ended: list[Registration], ended_on: date, reason: str) -> Followed:
    living = {}
    for row in Registration.objects.filter(id_hash__in=id_hashes, status=RegistrationStatus.ACTIVE).exclude(
            extra__has_key="id_error").values_list("pk", "id_hash", "starts_on", "jurisdiction_id", "house_id",
                                                   "address", "name", "phone", "sex", "birth_date", "id_cipher",
                                                   named=True):
        living.setdefault(row.id_hash, []).append(row)
    registered = {}
    for id_hash in id_hashes:  # in the file's order: the people it makes are numbered so
        row = in_force(living.get(id_hash, ()))
        if row is None:
            continue
        registered[id_hash] = Registered(
            place=Place(row.jurisdiction_id, row.house_id, row.address), registration=row.pk, id_cipher=row.id_cipher,
            name=row.name, phone=row.phone if MOBILE_RE.match(row.phone) else "", sex=row.sex,
            birth_date=row.birth_date)
    ends: dict[str, list[Ended]] = {}
    for registration in ended:
        if "id_error" not in registration.extra:
            ends.setdefault(registration.id_hash, []).append(
                Ended(house_id=registration.house_id, address=registration.address, registration=registration.pk))
    return people_follow_registrations(in_force=registered, ended=ends, ended_on=ended_on, reason=reason)


def registrations_reactivated_by_file(*, ids: list[int], reason: str) -> None:
    """What follows when an imported file lists as active again registrations an earlier file cancelled (``anju
    import registrations``; ``ids`` their keys here), in the batch's transaction: the door cards that cancellation
    stopped come back (through ``registrations_reactivated``) and one audit entry names the batch. No SMS and no
    checkers, as the import tells nobody of the registrations it files."""
    registrations_reactivated.send(sender=Registration, registration_ids=ids, actor=None)
    audit_log(actor=None, action="registration.reactivate", object_type="registration", object_ids=ids,
              detail={"reason": reason, "count": len(ids)})


def registrations_place_at_house(*, actor, house) -> int:
    """A house just registered at a standard address takes the registrations at that address that have no house (a
    department's file imported before anybody registered the house), as the import would have placed them, so they
    are its occupants and may be given its door cards; the register has their people live there. One update, one
    audit entry and the register's bulk follow, whatever the count; returns how many were placed."""
    if house.standard_address_id is None:
        return 0
    waiting = Registration.objects.filter(standard_address_id=house.standard_address_id, house__isnull=True)
    ids, id_hashes = [], {}
    for pk, id_hash, status in waiting.values_list("pk", "id_hash", "status"):
        ids.append(pk)
        if status == RegistrationStatus.ACTIVE:
            id_hashes[id_hash] = None
    if not ids:
        return 0
    Registration.objects.filter(pk__in=ids).update(house=house)
    audit_log(actor=actor, action="registration.place", object_type="registration", object_ids=ids,
              detail={"house": house.pk, "count": len(ids)})
    registrations_people_follow(id_hashes=id_hashes, ended=[], ended_on=timezone.localdate(),
                                reason=_("the house at %(address)s was registered") % {"address": house.address})
    return len(ids)


def registrations_moved_by_file(*, ids: list[int]) -> None:
    """What follows when an imported file gives registrations active here (``ids``) an address off the house they
    were at (``anju import registrations``), in the batch's transaction: the door cards they hold at that house stop
    (through ``registrations_moved``). The register moves their people with the batch
    (``registrations_people_follow``)."""
    registrations_moved.send(sender=Registration, registration_ids=ids, actor=None)


# Delegations -----------------------------------------------------------------------------------------

def _public_user_for_phone(phone: str, name: str = "") -> User:
    phone = phone_normalise(phone)
    user = User.objects.filter(phone=phone).first()
    if user is None:
        user = user_create(username=phone, role=Role.RESIDENT, phone=phone, full_name=tidy(name))
    if user.is_staff_role:
        raise RegistrationError(_("%(phone)s belongs to a staff account") % {"phone": phone})
    return user


@transaction.atomic
def delegation_grant(*, grantor, agent_phone: str, scope: str, expires_on: date) -> Delegation:
    if scope not in DelegationScope.values:
        raise RegistrationError(_("Unknown scope %(scope)s") % {"scope": scope})
    today = timezone.localdate()
    if not today < expires_on <= today + timedelta(days=366):
        raise RegistrationError(_("A delegation lasts from tomorrow up to one year"))
    agent = _public_user_for_phone(agent_phone)
    if agent == grantor:
        raise RegistrationError(_("You cannot delegate to yourself"))
    delegation = Delegation.objects.create(grantor=grantor, agent=agent, scope=scope, expires_on=expires_on)
    audit_log(actor=grantor, action="delegation.grant", object_type="user", object_ids=[grantor.pk, agent.pk],
              detail={"scope": scope, "expires_on": expires_on.isoformat()})
    _notify(agent.phone, gettext_lazy("%(name)s has asked you to handle their residence registration until %(date)s."),
            name=grantor.display_name(), date=expires_on.isoformat())
    return delegation


def delegation_revoke(*, grantor, delegation: Delegation) -> Delegation:
    if delegation.grantor_id != grantor.pk:
        raise RegistrationError(_("This delegation is not yours"))
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
        audit_log(actor=grantor, action="delegation.revoke", object_type="user", object_ids=[grantor.pk])
    return delegation


def delegation_usable(*, delegation: Delegation, agent, kind: str = DeclarationKind.REGISTER) -> None:
    if delegation.agent_id != agent.pk:
        raise RegistrationError(_("This delegation was not given to you"))
    if delegation.revoked_at is not None:
        raise RegistrationError(_("This delegation has been revoked"))
    if delegation.expires_on < timezone.localdate():
        raise RegistrationError(_("This delegation expired on %(date)s") % {"date": delegation.expires_on})
    if kind == DeclarationKind.DEREGISTER and delegation.scope != DelegationScope.DECLARE_AND_DEREGISTER:
        raise RegistrationError(_("This delegation does not cover deregistration"))


# Organisations (实有单位) -----------------------------------------------------------------------------

@transaction.atomic
def organisation_create(*, actor, name: str, kind: str, standard_address, operator_phone: str = "",
                        operator_name: str = "", managed_by: Organisation | None = None,
                        credit_code: str = "") -> Organisation:
    from anju.houses.plates import new_serial

    require_right(actor, HOUSE_ROLES)
    if not actor.is_staff_role and not (managed_by and managed_by.kind in MANAGING_KINDS
                                        and managed_by.operators.filter(pk=actor.pk).exists()):
        raise RegistrationError(_("Only police, or the market, property company or village committee responsible, "
                                  "can register an organisation"))
    if actor.is_staff_role and (actor.scope_node is None or not actor.scope_node.contains(standard_address.jurisdiction)):
        raise RegistrationError(_("This address is outside your jurisdiction"))
    organisation = Organisation.objects.create(
        name=name.strip(), kind=kind, address=standard_address.full_address, standard_address=standard_address,
        jurisdiction=standard_address.jurisdiction, managed_by=managed_by, qr_serial=new_serial(),
        credit_code=credit_code)
    if operator_phone:
        operator = _public_user_for_phone(operator_phone, operator_name)
        if operator.role == Role.RESIDENT:
            operator.role = Role.EMPLOYER
            operator.save(update_fields=["role"])
        organisation.operators.add(operator)
    audit_log(actor=actor, action="organisation.create", object_type="organisation", object_ids=[organisation.pk])
    return organisation


def can_register_workers(*, user, organisation: Organisation) -> bool:
    """Operators for their own place; the managing market / property company / village for the places it manages."""
    if organisation.operators.filter(pk=user.pk).exists():
        return True
    manager = organisation.managed_by
    return bool(manager and manager.kind in MANAGING_KINDS and manager.operators.filter(pk=user.pk).exists())


@transaction.atomic
def worker_register(*, actor, organisation: Organisation, house, name: str, id_number: str, move_in: date,
                    position: str = "", phone: str = "", idempotency_key: str | None = None, room=None,
                    self_declared: bool = False, **items) -> Declaration:
    """An employer registers a worker (or a worker registers through the workplace QR): a declaration of where the
    worker lives, with the employment attached."""
    if not self_declared and not can_register_workers(user=actor, organisation=organisation):
        raise RegistrationError(_("You cannot register workers for %(name)s") % {"name": organisation.name})
    declaration = declare(actor=actor, channel=Channel.RESIDENT if self_declared else Channel.EMPLOYER, house=house,
                          room=room, name=name, id_number=id_number, move_in=move_in, phone=phone,
                          organisation=organisation, employer=organisation.name, occupation=position,
                          idempotency_key=idempotency_key, **items)
    Employment.objects.get_or_create(organisation=organisation, declaration=declaration,
                                     defaults={"position": position, "started_on": move_in})
    return declaration
