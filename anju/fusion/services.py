"""The write path for findings: an officer confirms (the registration is created or ended through the registration
services) or rejects (the finding is suppressed until newer evidence). Runs and imports: pipeline.py, imports.py.

Lock order (ARCHITECTURE.md, rule 1): registrations' rows before fusion's. A decision locks the person's declaration
(``Finding.person_declaration``), then the finding's registration, then the finding (``_decidable``), as the
registration services lock the declaration or the registration before fusion's receivers lock the findings about it
(a withdrawal, an approval, a registration's end). Two decisions on the same person then queue on the declaration or
the registration, and the second finds what the first decided (a refusal saying so), rather than each holding one row
the other waits for (a deadlock on PostgreSQL)."""
import datetime as dt
from collections import Counter
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _, gettext_lazy

from anju.accounts.choices import Role
from anju.audit.services import audit_log
from anju.accounts.services import AccountError, phone_normalise
from anju.accounts.sms import send_sms
from anju.core import crypto
from anju.core.identity import id_number_parse
from anju.fusion.choices import FindingKind, FindingStatus
from anju.fusion.conf import fusion_config
from anju.fusion.models import PHONE_PURPOSE, Finding, Observation, Profile, Source
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.lib.names import tidy
from anju.lib.fusion.sources import KINDS, MEANINGS

DECIDING_ROLES = frozenset({Role.ADMIN, Role.OFFICER})


class FindingError(ValueError):
    """A finding cannot be decided as asked; the message is shown as it is."""


class SamePersonUnconfirmed(FindingError):
    """The ID number is actively registered under another name: confirming needs the officer's word that it is the
    same person, moving (``same_person``), as approving a declaration does."""


class FindingResolved(FindingError):
    """The finding was resolved by another decision (its registration ended): nothing is left to decide."""


# the finding being confirmed while its registration services run: the findings they resolve point to it
_confirming: ContextVar[int | None] = ContextVar("fusion_confirming", default=None)


def _decidable(actor, finding: Finding) -> Finding | None:
    """The finding, locked, if ``actor`` may decide it: open, or resolved (just now, where its registration ended
    without fusion being told: the caller says so after committing). The person's declaration and the finding's
    registration are locked before it (the lock order, above); None where the finding came to point at another
    declaration or registration between reading it and locking it (a correction carried the person's answer on): the
    caller takes the locks again."""
    from anju.registrations.choices import RegistrationStatus
    from anju.registrations.models import Declaration, Registration

    if actor is None or actor.role not in DECIDING_ROLES:
        raise FindingError(_("Only police officers decide findings"))
    keys = Finding.objects.restrict(actor).filter(pk=finding.pk).values_list(
        "person_declaration_id", "registration_id").first()
    if keys is None:
        raise FindingError(_("This finding is outside your jurisdiction"))
    for model, pk in ((Declaration, keys[0]), (Registration, keys[1])):
        if pk is not None:
            list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))
    locked = Finding.objects.restrict(actor).select_for_update().filter(pk=finding.pk).first()
    if locked is None:
        raise FindingError(_("This finding is outside your jurisdiction"))
    if (locked.person_declaration_id, locked.registration_id) != keys:
        return None
    if locked.status == FindingStatus.OPEN and locked.registration is not None \
            and locked.registration.status != RegistrationStatus.ACTIVE:
        findings_resolve_for_registration(actor=actor, registration=locked.registration)
        locked.refresh_from_db()
    if locked.status not in (FindingStatus.OPEN, FindingStatus.RESOLVED):
        raise FindingError(_("This finding has already been decided (%(status)s)")
                           % {"status": locked.get_status_display()})
    return locked


_LOCK_ATTEMPTS = 3  # a finding whose declaration changes under every attempt is being answered as we decide


def _decide(actor, finding: Finding, decide) -> Finding:
    """``decide(locked)`` in one transaction if the finding is open; one resolved by another decision is refused
    saying so, after the resolution found on the way is committed."""
    for _attempt in range(_LOCK_ATTEMPTS):
        with transaction.atomic():
            locked = _decidable(actor, finding)
            if locked is None:
                continue  # committed with nothing written, the locks released: taken again in order
            if locked.status == FindingStatus.OPEN:
                return decide(locked)
        raise FindingResolved(_("This finding was resolved by another decision: %(how)s")
                              % {"how": finding_resolution(locked)})
    raise FindingError(_("The person's answer to this finding changed while it was being decided: open it again"))


def finding_resolution(finding: Finding) -> str:
    """How a resolved finding was resolved, in words: which registration ended, how, and by which finding's
    confirmation."""
    reg = finding.registration
    if reg is None:
        return _("the registration it was about no longer exists")
    how = {"number": reg.number, "status": reg.get_status_display(), "reason": reg.end_reason or "—",
           "on": reg.ended_on.isoformat() if reg.ended_on else "—", "by": finding.resolved_by_id}
    if finding.resolved_by_id:
        return _("registration %(number)s ended on %(on)s (%(status)s: %(reason)s) when finding %(by)s was "
                 "confirmed") % how
    return _("registration %(number)s ended on %(on)s (%(status)s: %(reason)s)") % how


def findings_resolve_for_registration(*, actor, registration) -> list[int]:
    """``registration`` ended (a move or a deregistration, by any service; fusion hears of it through the
    ``registration_ended`` signal, in the same transaction): the open findings about it have nothing left to decide
    and are closed as resolved, pointing at the finding whose confirmation ended it, if one did, and audited."""
    by = _confirming.get()
    return _resolve_open(actor, Finding.objects.filter(registration_id=registration.pk).exclude(pk=by), by=by,
                         detail={"registration": registration.pk, "registration_status": registration.status,
                                 "by_finding": by})


def findings_resolve_for_registrations(*, actor, registration_ids) -> list[int]:
    """Registrations ended in bulk (``anju import registrations`` cancelled them; fusion hears of it through the
    ``registrations_ended`` signal, in the import's transaction): their open findings are resolved as above, in one
    update and one audit entry whatever their number. ``actor`` None is the system."""
    return _resolve_open(actor, Finding.objects.filter(registration_id__in=registration_ids), by=None, detail={})


def _resolve_open(actor, findings, *, by, detail) -> list[int]:
    """Closes the open ones of ``findings`` as resolved (``by``: the finding whose confirmation did it) and audits
    them in one entry, whose detail names the registrations they were about."""
    return _close_open(actor, findings, status=FindingStatus.RESOLVED, action="fusion.finding.resolve",
                       column="registration_id", resolved_by_id=by,
                       detail=lambda found: {**detail, "registrations": sorted({reg for _pk, reg in found})})


def _close_open(actor, findings, *, status, action, column, detail, **fields) -> list[int]:
    """Decides the open ones of ``findings`` (``status``, ``fields``) by ``actor`` in one update, and audits them in
    one entry whose detail ``detail`` makes from their (pk, ``column``) rows."""
    found = list(findings.select_for_update().filter(status=FindingStatus.OPEN).values_list("pk", column))
    if not found:
        return []
    pks = [pk for pk, _value in found]
    now = timezone.now()
    Finding.objects.filter(pk__in=pks).update(status=status, decided_by=actor, decided_at=now, updated_at=now, **fields)
    audit_log(actor=actor, action=action, object_type="finding", object_ids=pks, detail=detail(found))
    return pks


def _house_for(actor, standard_address):
    from anju.houses.models import House
    from anju.houses.services import HouseError, house_at_address, house_register

    house = House.objects.filter(standard_address=standard_address).first()
    if house is not None:
        return house
    if not actor.is_staff_role:
        # the person answering: as a resident declaring at an address nobody registered yet (registrations' declare
        # by address), the bare house; registering it would make them its landlord
        return house_at_address(actor=actor, standard_address=standard_address)
    try:
        return house_register(actor=actor, standard_address=standard_address)
    except HouseError as exc:
        raise FindingError(str(exc)) from exc


def finding_confirm(*, actor, finding: Finding, id_number: str = "", name: str = "", move_in: dt.date | None = None,
                    note: str = "", same_person: bool = False) -> Finding:
    """Confirmed on site (or by the person): register them at the address, or end the stale registration. The open
    findings about a registration this ends (the stale one at the old address of a move) are resolved with it.
    ``same_person``: the officer checked that the holder of an active registration of the number under another name
    is this person, moving (that registration ends); without it such a confirmation is refused."""
    return _decide(actor, finding, lambda locked: _confirm(actor, locked, id_number=id_number, name=name,
                                                           move_in=move_in, note=note, same_person=same_person))


def _confirm(actor, finding: Finding, *, id_number, name, move_in, note, same_person) -> Finding:
    from anju.registrations.choices import Channel
    from anju.registrations.services import (
        RegisteredUnderAnotherName, RegistrationError, declaration_approve, declare, registration_end,
    )

    today = timezone.localdate()
    confirming = _confirming.set(finding.pk)
    try:
        if finding.kind == FindingKind.STALE:
            if finding.registration is None:
                raise FindingError(_("The registration of this finding no longer exists"))
            registration_end(actor=actor, registration=finding.registration,
                             reason=note.strip() or _("Not living at the address (data fusion finding checked on site)"))
        else:
            if finding.standard_address is None:
                raise FindingError(_("The address of this finding is not in the standard address library"))
            number = (id_number or "").strip() or finding.id_number
            if not number:
                raise FindingError(_("Enter the person's ID number as checked on site"))
            house = _house_for(actor, finding.standard_address)
            note = note.strip() or _("Checked on site from data fusion finding %(id)s") % {"id": finding.pk}
            declaration = _persons_declaration(finding, number=number, house=house)
            if declaration is not None:  # their own "yes", still in the queue: approved now, the registration theirs
                declaration = _as_checked(actor, declaration, name=name, move_in=move_in, today=today)
            else:
                declaration = declare(actor=actor, channel=Channel.POLICE, house=house,
                                      name=(name or finding.name).strip(), id_number=number,
                                      move_in=min(move_in or _move_in(finding, today), today))
            finding.result_registration = declaration_approve(actor=actor, declaration=declaration, note=note,
                                                              same_person=same_person)
            _settle_persons_declaration(actor, finding, approved=declaration)
    except RegisteredUnderAnotherName as exc:
        raise SamePersonUnconfirmed(str(exc)) from exc
    except RegistrationError as exc:
        raise FindingError(str(exc)) from exc
    finally:
        _confirming.reset(confirming)
    finding.status, finding.decided_by, finding.decided_at = FindingStatus.CONFIRMED, actor, timezone.now()
    finding.decision_note = note.strip()[:300]
    finding.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "result_registration",
                                "updated_at"])
    audit_log(actor=actor, action="fusion.finding.confirm", object_type="finding", object_ids=[finding.pk],
              detail={"kind": finding.kind, "registration": finding.result_registration_id or finding.registration_id,
                      **({"same_person": True} if same_person and finding.kind != FindingKind.STALE else {})})
    return finding


def _persons_declaration(finding: Finding, *, number: str, house):
    """The declaration the person filed by answering "yes" to ``finding`` (``finding_person_answer``), if it still waits
    in the queue for the number confirmed on site at the same house: confirming approves it, rather than filing a second
    declaration for the same residence beside it."""
    from anju.registrations.choices import DeclarationStatus
    from anju.registrations.models import Declaration

    if finding.person_declaration_id is None:
        return None
    try:
        id_hash = crypto.blind_index(parse_id_number(number).number)
    except InvalidIdNumber:
        return None  # the registration services say what is wrong with it
    return Declaration.objects.select_for_update().filter(
        pk=finding.person_declaration_id, status=DeclarationStatus.PENDING, id_hash=id_hash, house=house).first()


def _as_checked(actor, declaration, *, name: str, move_in: dt.date | None, today: dt.date):
    """The person's declaration with what the officer checked on site where it differs (the name, the move-in day), as
    the registration is to record it; audited with what was declared."""
    changed = {}
    name = tidy(name)  # as the declaration services keep it
    if name and name != declaration.name:
        changed["name"] = (declaration.name, name)
        declaration.name = name
    if move_in is not None and min(move_in, today) != declaration.move_in:
        changed["move_in"] = (declaration.move_in.isoformat() if declaration.move_in else "",
                              min(move_in, today).isoformat())
        declaration.move_in = min(move_in, today)
    if changed:
        declaration.save(update_fields=["name", "move_in"])
        audit_log(actor=actor, action="declaration.checked_on_site", object_type="declaration",
                  object_ids=[declaration.pk], detail={"declared_and_checked": changed})
    return declaration


def _settle_persons_declaration(actor, finding: Finding, *, approved) -> None:
    """Confirming the finding settled what the person's own declaration for it asked: if that one still waits (the
    officer registered another number there), it is returned saying so, never left for a second approval."""
    _return_persons_declaration(actor, finding, keep=approved.pk, reason=gettext_lazy(
        "Settled by the community police's on-site check of this address (finding %(id)s)"))


def _return_persons_declaration(actor, finding: Finding, *, reason, keep: int | None = None) -> int | None:
    """The person's own declaration for ``finding`` (their "yes", ``finding_person_answer``), if it still waits and is
    not ``keep``, returned through the registration services with ``reason`` (a ``gettext_lazy`` text taking the
    finding's ``id``), audited and texted to them as every return is; its pk, or None where none waited. The reason is
    written in the platform's language, as the text is sent: the person reads it, not the officer who decided."""
    from anju.registrations.choices import DeclarationStatus
    from anju.registrations.models import Declaration
    from anju.registrations.services import declaration_reject

    if finding.person_declaration_id is None or finding.person_declaration_id == keep:
        return None
    declaration = Declaration.objects.select_for_update().filter(
        pk=finding.person_declaration_id, status=DeclarationStatus.PENDING).first()
    if declaration is None:  # withdrawn by them, or decided in the queue: left as it is
        return None
    with translation.override(settings.LANGUAGE_CODE):
        text = str(reason) % {"id": finding.pk}
    declaration_reject(actor=actor, declaration=declaration, reason=text)
    return declaration.pk


def _move_in(finding: Finding, today: dt.date) -> dt.date:
    """The move-in day a confirmation declares: first seen, within the five years a declaration may go back."""
    return max(finding.first_seen or today, today - dt.timedelta(days=365 * 5 - 1))


def findings_confirm_for_declaration(*, actor, declaration, registration) -> list[int]:
    """An officer approved a declaration the person filed by answering "yes" to a finding (``finding_person_answer``;
    fusion hears of it through the ``declaration_approved`` signal, in the approval's transaction): the open findings
    it answers are confirmed, with the registration it opened, decided by that officer, and audited."""
    if registration is None:
        return []
    # the finding whose on-site confirmation approved the declaration (``_confirm``) records its own decision
    return _close_open(actor, Finding.objects.filter(person_declaration_id=declaration.pk).exclude(pk=_confirming.get()),
                       status=FindingStatus.CONFIRMED, action="fusion.finding.confirm", column="kind",
                       result_registration=registration,
                       detail=lambda found: {"kind": found[0][1], "registration": registration.pk,
                                             "declaration": declaration.pk, "by": "person"})


# Asking the person ------------------------------------------------------------------------------------------------

ASKED_KINDS = (FindingKind.UNREGISTERED, FindingKind.MOVED)
_RECORDS_PER_FINDING = 200  # the records read for a finding's phone numbers, as its page shows them
_CHUNK = 5000               # record ids per query


def phone_hash(phone: str) -> str:
    """The blind index a finding keeps of the number it asked (``Finding.sms_phone_hash``)."""
    return crypto.blind_index(phone, purpose=PHONE_PURPOSE)


def _chunks(values: set[str]):
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start:start + _CHUNK]


def _mobile(raw: str) -> str:
    try:
        return phone_normalise(raw) if raw else ""
    except AccountError:
        return ""


def _phones_for(findings: list[Finding]) -> dict[int, str]:
    """Each finding's person's mobile: the phone of the newest registration under its ID number, else the most common
    valid mobile among the identities its records carried (ties: the first in record order). Three kinds of query,
    each in bulk (by chunks of ``_CHUNK`` values) whatever the number of findings."""
    from anju.registrations.models import Registration

    by_number: dict[str, str] = {}
    for hashes in _chunks({f.id_hash for f in findings}):
        for id_hash, phone in Registration.objects.filter(id_hash__in=hashes).exclude(phone="").order_by(
                "-starts_on", "-pk").values_list("id_hash", "phone"):
            if id_hash not in by_number and _mobile(phone):
                by_number[id_hash] = _mobile(phone)
    rest = [f for f in findings if f.id_hash not in by_number]
    profile_of: dict[str, set[str]] = {}
    for ids in _chunks({rid for f in rest for rid in f.record_ids[:_RECORDS_PER_FINDING]}):
        for record_id, key in Observation.objects.filter(record_id__in=ids).values_list("record_id", "profile"):
            profile_of.setdefault(record_id, set()).add(key)
    phone_of: dict[str, str] = {}
    for keys in _chunks({key for keys in profile_of.values() for key in keys}):
        phone_of.update((key, _mobile(phone)) for key, phone in Profile.objects.filter(key__in=keys).exclude(
            phone="").values_list("key", "phone"))
    out = {f.pk: by_number[f.id_hash] for f in findings if f.id_hash in by_number}
    for f in rest:
        counts = Counter(phone_of[key] for rid in f.record_ids[:_RECORDS_PER_FINDING]
                         for key in sorted(profile_of.get(rid, ())) if phone_of.get(key))
        if counts:
            out[f.pk] = counts.most_common(1)[0][0]
    return out


def _ask_text() -> str:
    # no address and no name: the number may not be the person's
    return _("【Anju】You have residence information to confirm: sign in to Anju and open “My record”. If it is not "
             "you, ignore this message; the community police will check on site.")


def findings_ask_persons() -> int:
    """Asks the person of each open unregistered or moved finding proposed for their confirmation (``pending_score``
    and up, with an ID number) by one SMS, sent on commit, to their mobile (``_phones_for``); never twice for a
    finding. Nothing is registered by it: a "yes" on their page files a declaration for the officers' queue. One
    audit entry for the batch. Off with ``ANJU_FUSION={"ask_by_sms": false}``. Returns how many were asked."""
    cfg = fusion_config()
    if not cfg["ask_by_sms"]:
        return 0
    with transaction.atomic():
        findings = list(Finding.objects.select_for_update(skip_locked=True).filter(
            status=FindingStatus.OPEN, kind__in=ASKED_KINDS, proposal="confirm_by_sms",
            score__gte=cfg["pending_score"], sms_sent_at__isnull=True).exclude(id_hash="").only(
            "pk", "id_hash", "record_ids"))
        phones = _phones_for(findings)
        if not phones:
            return 0
        now = timezone.now()
        asked = [f for f in findings if f.pk in phones]
        for f in asked:
            f.sms_sent_at, f.sms_phone_hash = now, phone_hash(phones[f.pk])
        Finding.objects.bulk_update(asked, ["sms_sent_at", "sms_phone_hash"], batch_size=1000)
        audit_log(actor=None, action="fusion.finding.ask_person", object_type="finding",
                  object_ids=[f.pk for f in asked], detail={"asked": len(asked)})
        with translation.override(settings.LANGUAGE_CODE):
            text = _ask_text()
        for phone in [phones[f.pk] for f in asked]:
            transaction.on_commit(lambda phone=phone: send_sms(phone, text))
    return len(asked)


def finding_person_answer(*, actor, finding: Finding, answer: str, id_number: str = "") -> Finding:
    """The person asked by SMS answers on their page. "yes" with their full ID number (it must be the finding's)
    files a resident declaration at the finding's address, for the officers' queue as every resident's is, and
    links it; "no" leaves the finding open for the officer's visit. Answered once (again only once the declaration of
    a "yes" is withdrawn: ``findings_answer_withdrawn``); audited."""
    if answer not in ("yes", "no"):
        raise FindingError(_("Answer yes or no"))
    with transaction.atomic():
        locked = Finding.objects.select_for_update().filter(pk=finding.pk).first()
        if locked is None or not actor.phone or not locked.sms_phone_hash \
                or locked.sms_phone_hash != phone_hash(actor.phone):
            raise FindingError(_("This residence information was not sent to your phone"))
        if locked.person_answer:
            raise FindingError(_("You have already answered"))
        if locked.status != FindingStatus.OPEN:
            raise FindingError(_("This residence information has already been settled"))
        if answer == "yes":
            locked.person_declaration = _declare_for_person(actor, locked, id_number)
        locked.person_answer, locked.person_answered_at = answer, timezone.now()
        locked.save(update_fields=["person_answer", "person_answered_at", "person_declaration", "updated_at"])
        audit_log(actor=actor, action="fusion.finding.person_answer", object_type="finding", object_ids=[locked.pk],
                  detail={"answer": answer, "declaration": locked.person_declaration_id})
    return locked


def _declare_for_person(actor, finding: Finding, id_number: str):
    from anju.registrations.choices import Channel
    from anju.registrations.services import RegistrationError, declare

    try:
        given = id_number_parse(id_number or "", reader=actor).number
    except InvalidIdNumber as exc:
        raise FindingError(str(exc)) from exc
    if not finding.id_number or given != parse_id_number(finding.id_number).number:
        raise FindingError(_("This ID number is not the one of the person we are asking. Check it, or answer "
                             "“Not me, or I do not live here”."))
    if finding.standard_address is None:
        raise FindingError(_("The address of this finding is not in the standard address library"))
    today = timezone.localdate()
    # a "yes" again after withdrawing the first one's declaration files a new one, not that one back
    key = f"fusion-finding-{finding.pk}" + (f"-after-{finding.person_declaration_id}"
                                            if finding.person_declaration_id else "")
    try:
        return declare(actor=actor, channel=Channel.RESIDENT, house=_house_for(actor, finding.standard_address),
                       name=finding.name, id_number=given, move_in=min(_move_in(finding, today), today),
                       phone=actor.phone, idempotency_key=key)
    except RegistrationError as exc:
        raise FindingError(str(exc)) from exc


def finding_reject(*, actor, finding: Finding, note: str) -> Finding:
    """Not so on site: the finding is suppressed and raised again only on evidence newer than what it had."""
    if not (note or "").strip():
        raise FindingError(_("Say what was found on site"))
    return _decide(actor, finding, lambda locked: _reject(actor, locked, note))


def _reject(actor, finding: Finding, note: str) -> Finding:
    from anju.registrations.services import RegistrationError

    try:  # what the person declared in answer is what the officer found not so: returned, not left in the queue
        returned = _return_persons_declaration(actor, finding, reason=gettext_lazy(
            "The community police's on-site check of this address did not confirm that you live there (finding "
            "%(id)s). If you do live there, contact the community police"))
    except RegistrationError as exc:
        raise FindingError(str(exc)) from exc
    finding.status, finding.decided_by, finding.decided_at = FindingStatus.REJECTED, actor, timezone.now()
    finding.decision_note = note.strip()[:300]
    finding.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    audit_log(actor=actor, action="fusion.finding.reject", object_type="finding", object_ids=[finding.pk],
              detail={"kind": finding.kind, "note": note.strip()[:300],
                      **({"declaration_returned": returned} if returned else {})})
    return finding


def findings_answer_withdrawn(*, actor, declaration, replaced_by=None) -> list[int]:
    """The person withdrew (撤回) the declaration they filed by answering "yes" to a finding, or filed it again corrected
    (修改, ``replaced_by``; fusion hears of both through the ``declaration_withdrawn`` signal, in the withdrawal's
    transaction). A correction still for the finding's ID number at its address, and waiting, carries the answer on:
    the finding points at it, and its approval confirms the finding. Otherwise the "yes" goes with the declaration:
    the finding has no answer again (open, the person finds it on "my record" and may answer again), and keeps the
    withdrawn declaration for the officer's page. Open findings only: one closed meanwhile (a run found the data no
    longer support it) keeps the answer it closed with. One audit entry per change; the findings changed."""
    findings = list(Finding.objects.select_for_update().filter(person_declaration_id=declaration.pk,
                                                                status=FindingStatus.OPEN))
    carried = [f for f in findings if replaced_by is not None and declaration_answers(f, replaced_by)]
    taken_back = [f for f in findings if f not in carried and f.person_answer == "yes"]
    now = timezone.now()
    if carried:
        Finding.objects.filter(pk__in=[f.pk for f in carried]).update(
            person_answer="yes", person_answered_at=now, person_declaration=replaced_by, updated_at=now)
        audit_log(actor=actor, action="fusion.finding.person_answer.correct", object_type="finding",
                  object_ids=[f.pk for f in carried], detail={"declaration": replaced_by.pk,
                                                              "replaces": declaration.pk})
    if taken_back:
        Finding.objects.filter(pk__in=[f.pk for f in taken_back]).update(person_answer="", updated_at=now)
        audit_log(actor=actor, action="fusion.finding.person_answer.withdraw", object_type="finding",
                  object_ids=[f.pk for f in taken_back],
                  detail={"declaration": declaration.pk, "corrected_by": replaced_by.pk if replaced_by else None})
    return [f.pk for f in carried + taken_back]


def declaration_answers(finding: Finding, declaration) -> bool:
    """``declaration`` says what the person's "yes" to ``finding`` said: a residence declaration still waiting, of the
    finding's number, at its address."""
    from anju.registrations.choices import DeclarationKind, DeclarationStatus

    return (declaration.status == DeclarationStatus.PENDING and declaration.kind == DeclarationKind.REGISTER
            and bool(finding.id_hash) and declaration.id_hash == finding.id_hash
            and finding.standard_address_id is not None
            and declaration.house.standard_address_id == finding.standard_address_id)


def source_update(*, actor, source: Source, kind: str, meaning: str, trust: float, description: str = "",
                  meaning_fixed: bool | None = None) -> Source:
    """What a feed is, what its address means and how far it is trusted (takes effect at the next run). ``actor``:
    an administrator, or None for the server's command line (``anju fusion sources``), whose user holds the data
    directory and its keys anyway. A meaning set by hand (``meaning_fixed``) is kept as it is: runs learn the
    meaning of a feed whose name does not settle it (face capture: a compound's gate or a site's?) only until then."""
    if actor is not None and actor.role != Role.ADMIN:
        raise FindingError(_("Only administrators change data sources"))
    if kind not in KINDS:
        raise FindingError(_("Kind must be one of %(k)s") % {"k": ", ".join(KINDS)})
    if meaning not in MEANINGS or not 0 <= trust <= 1:
        raise FindingError(_("Meaning must be one of %(m)s and trust between 0 and 1") % {"m": ", ".join(MEANINGS)})
    source.kind, source.meaning, source.trust, source.description = kind, meaning, trust, description[:200]
    if meaning_fixed is not None:
        source.meaning_fixed = meaning_fixed
    source.save()
    audit_log(actor=actor, action="fusion.source.update", object_type="source", object_ids=[source.pk],
              detail={"kind": kind, "meaning": meaning, "trust": trust, "meaning_fixed": source.meaning_fixed})
    return source
