"""The write path for findings: an officer confirms (the registration is created or ended through the registration
services) or rejects (the finding is suppressed until newer evidence). Runs and imports: pipeline.py, imports.py."""
import datetime as dt
from contextvars import ContextVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.choices import Role
from anju.audit.services import audit_log
from anju.fusion.choices import FindingKind, FindingStatus
from anju.fusion.models import Finding, Source
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


def _decidable(actor, finding: Finding) -> Finding:
    """The finding, locked, if ``actor`` may decide it: open, or resolved (just now, where its registration ended
    without fusion being told: the caller says so after committing)."""
    from anju.registrations.choices import RegistrationStatus

    if actor is None or actor.role not in DECIDING_ROLES:
        raise FindingError(_("Only police officers decide findings"))
    locked = Finding.objects.restrict(actor).select_for_update().filter(pk=finding.pk).first()
    if locked is None:
        raise FindingError(_("This finding is outside your jurisdiction"))
    if locked.status == FindingStatus.OPEN and locked.registration is not None \
            and locked.registration.status != RegistrationStatus.ACTIVE:
        findings_resolve_for_registration(actor=actor, registration=locked.registration)
        locked.refresh_from_db()
    if locked.status not in (FindingStatus.OPEN, FindingStatus.RESOLVED):
        raise FindingError(_("This finding has already been decided (%(status)s)")
                           % {"status": locked.get_status_display()})
    return locked


def _decide(actor, finding: Finding, decide) -> Finding:
    """``decide(locked)`` in one transaction if the finding is open; one resolved by another decision is refused
    saying so, after the resolution found on the way is committed."""
    with transaction.atomic():
        locked = _decidable(actor, finding)
        if locked.status == FindingStatus.OPEN:
            return decide(locked)
    raise FindingResolved(_("This finding was resolved by another decision: %(how)s")
                          % {"how": finding_resolution(locked)})


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
    found = list(findings.select_for_update().filter(status=FindingStatus.OPEN).values_list("pk", "registration_id"))
    if not found:
        return []
    pks = [pk for pk, _registration in found]
    now = timezone.now()
    Finding.objects.filter(pk__in=pks).update(status=FindingStatus.RESOLVED, decided_by=actor, decided_at=now,
                                              resolved_by_id=by, updated_at=now)
    audit_log(actor=actor, action="fusion.finding.resolve", object_type="finding", object_ids=pks,
              detail={**detail, "registrations": sorted({registration for _pk, registration in found})})
    return pks


def _house_for(actor, standard_address):
    from anju.houses.models import House
    from anju.houses.services import HouseError, house_register

    house = House.objects.filter(standard_address=standard_address).first()
    if house is not None:
        return house
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
            first = finding.first_seen or today
            move_in = move_in or max(first, today - dt.timedelta(days=365 * 5 - 1))
            declaration = declare(actor=actor, channel=Channel.POLICE, house=house, name=(name or finding.name).strip(),
                                  id_number=number, move_in=min(move_in, today))
            finding.result_registration = declaration_approve(
                actor=actor, declaration=declaration,
                note=note.strip() or _("Checked on site from data fusion finding %(id)s") % {"id": finding.pk},
                same_person=same_person)
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


def finding_reject(*, actor, finding: Finding, note: str) -> Finding:
    """Not so on site: the finding is suppressed and raised again only on evidence newer than what it had."""
    if not (note or "").strip():
        raise FindingError(_("Say what was found on site"))
    return _decide(actor, finding, lambda locked: _reject(actor, locked, note))


def _reject(actor, finding: Finding, note: str) -> Finding:
    finding.status, finding.decided_by, finding.decided_at = FindingStatus.REJECTED, actor, timezone.now()
    finding.decision_note = note.strip()[:300]
    finding.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    audit_log(actor=actor, action="fusion.finding.reject", object_type="finding", object_ids=[finding.pk],
              detail={"kind": finding.kind, "note": note.strip()[:300]})
    return finding


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
