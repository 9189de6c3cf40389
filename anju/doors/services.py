"""The write path for door access: devices, credentials and their lifecycle, suspension requests, alarms.

Events are written by ingest.py (the one bulk path for swipes), alarms by alarms.py; both are called only from
here, the ingest worker, the HTTP endpoint and the sweep command.
"""
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.choices import ALARM_ROLES, FIELD_ROLES, HOUSE_ROLES
from anju.accounts.permissions import require_right
from anju.audit.services import audit_log
from anju.core.bulk import analyze_after_commit
from anju.core.crypto import derived_key
from anju.doors.choices import (
    LIVE_STATUSES, AlarmStatus, CareStatus, CredentialAction, CredentialKind, CredentialStatus,
    DeviceKind, RequestStatus,
)
from anju.doors.models import (
    Alarm, AllowListChange, CareEnrolment, CareTask, Credential, CredentialChange, Device, SuspensionRequest,
)
from anju.lib.identity import parse_id_number
from anju.registrations.checkers import PersonEvent, run_checkers
from anju.registrations.choices import RegistrationStatus


class DoorError(ValueError):
    """A problem with a door device, credential or alarm, shown to the user as it is."""


# Devices --------------------------------------------------------------------------------------------

def device_secret(device_id: str, version: int = 1) -> bytes:
    """The device's HMAC key: derived, never stored, so a database dump reveals no device secret."""
    return hmac.new(derived_key("door-device"), f"{device_id}:{version}".encode(), hashlib.sha256).digest()


def _staff_over(actor, node, roles=HOUSE_ROLES) -> bool:
    """Staff over ``node`` whose role may make the change (devices and cards: HOUSE_ROLES; care: FIELD_ROLES)."""
    return bool(actor.is_staff_role and actor.role in roles and actor.scope_node is not None
                and actor.scope_node.contains(node))


def _device_id(raw: str) -> str:
    value = (raw or "").strip()
    if not value or len(value) > 64 or any(c in value for c in "/+# ") or not value.isprintable():
        raise DoorError(_("A device id is 1 to 64 characters without spaces, '/', '+' or '#'"))
    return value


@transaction.atomic
def device_register(*, actor, device_id: str, standard_address, house=None, name: str = "") -> Device:
    """Registers a door controller: at a house door (house given) or a building entrance (a building address)."""
    device_id = _device_id(device_id)
    if house is not None:
        standard_address = house.standard_address or standard_address
    if standard_address is None:
        raise DoorError(_("Choose the address the device is at"))
    node = house.jurisdiction if house is not None else standard_address.jurisdiction
    if actor is not None and not _staff_over(actor, node):
        raise DoorError(_("This address is outside your jurisdiction"))
    if Device.objects.filter(device_id=device_id).exists():
        raise DoorError(_("Device %(id)s is already registered") % {"id": device_id})
    device = Device.objects.create(device_id=device_id, name=name.strip()[:100], house=house,
                                   kind=DeviceKind.HOUSE if house is not None else DeviceKind.ENTRANCE,
                                   standard_address=standard_address, jurisdiction=node)
    audit_log(actor=actor, action="door.device.register", object_type="door_device", object_ids=[device.pk],
              detail={"device": device_id})
    return device


def device_rotate_secret(*, actor, device: Device) -> tuple[Device, str]:
    """Issues the device a new key and returns it, hex-encoded, for the installer to load into the controller. A
    running ingest worker drops the old key when the new key's first message arrives, or within its directory's
    minute. The key is derived, never stored: it is shown once, here. ``actor``: staff over the device's place, or
    None for the server's command line."""
    if actor is not None and not _staff_over(actor, device.jurisdiction):
        raise DoorError(_("This device is outside your jurisdiction"))
    Device.objects.filter(pk=device.pk).update(secret_version=F("secret_version") + 1)
    device.refresh_from_db()
    audit_log(actor=actor, action="door.device.rotate", object_type="door_device", object_ids=[device.pk],
              detail={"device": device.device_id, "version": device.secret_version})
    return device, device_secret(device.device_id, device.secret_version).hex()


@dataclass
class DeviceImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def devices_import(*, actor, path, progress=None) -> DeviceImportReport:
    """Devices in bulk from Excel or CSV: columns device_id, address_code, name (optional), house_door (1 = the
    device is at the door of the house at that address; otherwise a building entrance). Existing ids are kept."""
    from anju.addresses.models import StandardAddress
    from anju.core.tabular import read_rows
    from anju.houses.models import House

    table = read_rows(path, required=("device_id", "address_code"))
    report = DeviceImportReport(notes=list(table.notes))
    rows = list(table.rows)
    codes = {r["address_code"] for _line, r in rows}
    addresses = {a.code: a for a in StandardAddress.objects.filter(code__in=codes).select_related("jurisdiction")}
    houses = {h.standard_address_id: h for h in House.objects.filter(standard_address__in=addresses.values())
              .select_related("jurisdiction")}
    known = set(Device.objects.filter(device_id__in=[r["device_id"] for _l, r in rows]).values_list("device_id", flat=True))
    create = []
    for line, row in rows:
        try:
            device_id = _device_id(row["device_id"])
            address = addresses.get(row["address_code"])
            if address is None:
                raise DoorError(_("Unknown address code %(code)s") % {"code": row["address_code"]})
            if device_id in known:
                report.unchanged += 1
                continue
            house = houses.get(address.pk) if row.get("house_door", "").strip() in {"1", "是", "yes", "true"} else None
            if row.get("house_door", "").strip() in {"1", "是", "yes", "true"} and house is None:
                raise DoorError(_("No registered house at %(address)s") % {"address": address.full_address})
            node = house.jurisdiction if house else address.jurisdiction
            if actor is not None and not _staff_over(actor, node):
                raise DoorError(_("This address is outside your jurisdiction"))
            known.add(device_id)
            create.append(Device(device_id=device_id, name=row.get("name", "")[:100], standard_address=address,
                                 house=house, kind=DeviceKind.HOUSE if house else DeviceKind.ENTRANCE, jurisdiction=node))
        except DoorError as exc:
            report.errors.append((table.name, line, str(exc)))
        if progress:
            progress(1)
    with transaction.atomic():
        Device.objects.bulk_create(create, batch_size=1000)
        report.created = len(create)
        audit_log(actor=actor, action="door.device.import", object_type="door_device", object_ids=[],
                  detail={"created": report.created, "file": table.name})
    analyze_after_commit(Device)
    return report


# Credentials and their lifecycle (办卡先登记) ---------------------------------------------------------

def _may_manage(actor, house) -> bool:
    """Police and staff over the house, or one of its landlords (who hand out the cards)."""
    return _staff_over(actor, house.jurisdiction) or house.landlords.filter(pk=actor.pk).exists()


def _allow(credential: Credential, op: str) -> None:
    AllowListChange.objects.create(house_id=credential.house_id, uid=credential.uid, op=op,
                                   valid_until=credential.valid_until if op == "add" else None)


def _by(actor):
    """The user a card's history names: None for the system or an anonymous caller."""
    return actor if actor is not None and actor.is_authenticated else None


def _record(credential, action, actor, reason="") -> None:
    CredentialChange.objects.create(credential=credential, action=action, reason=(reason or "")[:200],
                                    actor=_by(actor))
    audit_log(actor=actor, action=f"door.credential.{action}", object_type="door_credential",
              object_ids=[credential.pk], detail={"reason": reason} if reason else None)


def _registration_end_date(registration) -> date:
    return registration.valid_until or (timezone.localdate() + timedelta(days=settings.ANJU_REGISTRATION_VALID_DAYS))


def _check_registration(registration, house) -> None:
    if registration is None or registration.status != RegistrationStatus.ACTIVE or registration.house_id != house.pk:
        raise DoorError(_("A card is issued only to a person with an active residence registration at this house "
                          "(register first)"))
    if registration.valid_until and registration.valid_until < timezone.localdate():
        raise DoorError(_("The residence registration has expired; renew it first"))


def _new_uid(kind: str, uid: str) -> str:
    if kind == CredentialKind.PHONE:
        return "P" + secrets.token_hex(8).upper()
    uid = (uid or "").strip().upper().replace(" ", "").replace(":", "")
    if not uid or len(uid) > 32 or any(c not in "0123456789ABCDEF" for c in uid):
        raise DoorError(_("A card number is its UID in hexadecimal, up to 32 digits"))
    return uid


def _create(*, actor, house, registration, uid, kind, valid_until, replaces=None) -> Credential:
    limit = _registration_end_date(registration)
    until = min(valid_until or limit, limit)
    if until < timezone.localdate():
        raise DoorError(_("The validity date is in the past"))
    if Credential.objects.filter(uid=uid, status__in=LIVE_STATUSES).exists():
        raise DoorError(_("Card %(uid)s is already in use") % {"uid": uid})
    try:
        with transaction.atomic():
            credential = Credential.objects.create(
                kind=kind, uid=uid, house=house, registration=registration, holder_name=registration.name,
                valid_from=timezone.localdate(), valid_until=until, replaces=replaces, issued_by=actor)
    except IntegrityError:
        raise DoorError(_("Card %(uid)s is already in use") % {"uid": uid}) from None
    _allow(credential, "add")
    return credential


def _check_event(credential: Credential, actor, kind: str) -> None:
    registration = credential.registration
    parsed = parse_id_number(registration.id_number)
    run_checkers(PersonEvent(kind=kind, name=registration.name, id_number=parsed.number, sex=parsed.sex,
                             birth_date=parsed.birth_date, node=credential.house.jurisdiction,
                             address=credential.house.address, actor=actor, object_type="door_credential",
                             object_id=str(credential.pk), occurred_at=timezone.now()))


@transaction.atomic
def credential_issue(*, actor, house, registration, uid: str = "", kind: str = CredentialKind.CARD,
                     valid_until: date | None = None) -> Credential:
    """Issues a card or phone credential: only against an active registration at this house, never beyond it."""
    if kind not in CredentialKind.values:
        raise DoorError(_("Unknown credential kind %(kind)s") % {"kind": kind})
    if not _may_manage(actor, house):
        raise DoorError(_("You cannot issue cards for this house"))
    _check_registration(registration, house)
    credential = _create(actor=actor, house=house, registration=registration, uid=_new_uid(kind, uid), kind=kind,
                         valid_until=valid_until)
    _record(credential, CredentialAction.ISSUE, actor)
    _check_event(credential, actor, "door.card_issued")
    return credential


def _lock(credential: Credential) -> Credential:
    return Credential.objects.select_for_update().select_related("house", "registration").get(pk=credential.pk)


def _may_act(actor, credential: Credential) -> bool:
    """Managers of the house, and the holder (through their own account) for loss reports."""
    return _may_manage(actor, credential.house)


def _transition(actor, credential, *, to, allowed_from, action, reason="", op=None) -> Credential:
    credential = _lock(credential)
    if not _may_act(actor, credential) and not (
            action == CredentialAction.REPORT_LOSS and credential.registration.account_id == actor.pk):
        raise DoorError(_("You cannot change this card"))
    if credential.status not in allowed_from:
        raise DoorError(_("This card is %(status)s; that is not possible now")
                        % {"status": credential.get_status_display()})
    credential.status, credential.status_changed_at = to, timezone.now()
    credential.save(update_fields=["status", "status_changed_at"])
    if op:
        _allow(credential, op)
    _record(credential, action, actor, reason)
    return credential


@transaction.atomic
def credential_report_loss(*, actor, credential: Credential, reason: str = "") -> Credential:
    """挂失: the card stops opening doors at once; it can be unlocked if found."""
    return _transition(actor, credential, to=CredentialStatus.LOST, action=CredentialAction.REPORT_LOSS,
                       allowed_from=(CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED), reason=reason, op="remove")


@transaction.atomic
def credential_unlock(*, actor, credential: Credential, reason: str = "") -> Credential:
    """解挂: a lost card was found; it works again while its registration is active."""
    credential = _lock(credential)
    _check_registration(credential.registration, credential.house)
    return _transition(actor, credential, to=CredentialStatus.ACTIVE, action=CredentialAction.UNLOCK,
                       allowed_from=(CredentialStatus.LOST,), reason=reason, op="add")


@transaction.atomic
def credential_cancel(*, actor, credential: Credential, reason: str) -> Credential:
    """注销: the card is dead for good."""
    if not (reason or "").strip():
        raise DoorError(_("Say why the card is cancelled"))
    return _transition(actor, credential, to=CredentialStatus.CANCELLED, action=CredentialAction.CANCEL,
                       allowed_from=LIVE_STATUSES, reason=reason, op="remove")


@transaction.atomic
def credential_reissue(*, actor, credential: Credential, uid: str = "", reason: str = "") -> Credential:
    """补卡: a new card for the same registration; the old one is dead at once."""
    old = _lock(credential)
    if not _may_act(actor, old):
        raise DoorError(_("You cannot change this card"))
    if old.status not in LIVE_STATUSES:
        raise DoorError(_("This card is %(status)s; that is not possible now") % {"status": old.get_status_display()})
    _check_registration(old.registration, old.house)
    _transition(actor, old, to=CredentialStatus.CANCELLED, action=CredentialAction.CANCEL, allowed_from=LIVE_STATUSES,
                reason=reason or _("replaced by a new card"), op="remove")
    new = _create(actor=actor, house=old.house, registration=old.registration, uid=_new_uid(old.kind, uid),
                  kind=old.kind, valid_until=old.valid_until, replaces=old)
    _record(new, CredentialAction.REISSUE, actor, reason)
    return new


@transaction.atomic
def credential_renew(*, actor, credential: Credential, valid_until: date | None = None) -> Credential:
    """续卡: extends validity up to the registration's own end, never beyond it."""
    credential = _lock(credential)
    if not _may_act(actor, credential):
        raise DoorError(_("You cannot change this card"))
    if credential.status not in (CredentialStatus.ACTIVE, CredentialStatus.EXPIRED):
        raise DoorError(_("This card is %(status)s; that is not possible now")
                        % {"status": credential.get_status_display()})
    _check_registration(credential.registration, credential.house)
    limit = _registration_end_date(credential.registration)
    until = min(valid_until or limit, limit)
    if until <= timezone.localdate():
        raise DoorError(_("The registration ends before the card could be renewed; renew the registration first"))
    credential.valid_until, credential.status, credential.status_changed_at = until, CredentialStatus.ACTIVE, timezone.now()
    credential.save(update_fields=["valid_until", "status", "status_changed_at"])
    _allow(credential, "add")
    _record(credential, CredentialAction.RENEW, actor, until.isoformat())
    return credential


def credentials_expire(*, today: date | None = None) -> int:
    """Marks cards past their validity as expired and takes them off the allow-lists (run by the sweep)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(Credential.objects.select_for_update().filter(status=CredentialStatus.ACTIVE, valid_until__lt=today))
        if not due:
            return 0
        Credential.objects.filter(pk__in=[c.pk for c in due]).update(status=CredentialStatus.EXPIRED,
                                                                    status_changed_at=timezone.now())
        AllowListChange.objects.bulk_create([AllowListChange(house_id=c.house_id, uid=c.uid, op="remove") for c in due])
        CredentialChange.objects.bulk_create([CredentialChange(credential=c, action=CredentialAction.EXPIRE) for c in due])
    return len(due)


def credentials_cancel_for_registration(*, registration, actor) -> int:
    """Deregistration cancels every live card that depends on the registration (called in its transaction)."""
    return credentials_cancel_for_registrations(registration_ids=[registration.pk], actor=actor)


def credentials_cancel_for_registrations(*, registration_ids, actor) -> int:
    """Registrations that ended (one by a service, or a batch an import cancelled) cancel every live card that
    depends on them, in the caller's transaction: off the allow-lists, in each card's history, and in one audit
    entry, in as many queries for a thousand cards as for one. ``actor`` None is the system."""
    live = list(Credential.objects.select_for_update().filter(
        registration_id__in=registration_ids, status__in=LIVE_STATUSES).values_list("pk", "house_id", "uid"))
    # each remembers the status it had, so that a registration an import lists as active again gives back these
    # cards and no other
    return _cancel_in_bulk(live, reason=_("the residence registration ended"), actor=actor, remember=True)


def credentials_cancel_elsewhere(*, registration_ids, actor) -> int:
    """Registrations an import placed at another house, or at an address without one (``anju import registrations``:
    the file gives them another address), cancel the live cards that depend on them at any house but the one they
    are at now, in the caller's transaction, as ``credentials_cancel_for_registrations`` does: the holder is no
    longer registered where those cards open doors. The registration did not end, so a later file re-activating it
    gives none of these back."""
    live = [(pk, house, uid) for pk, house, uid, at in Credential.objects.select_for_update().filter(
        registration_id__in=registration_ids, status__in=LIVE_STATUSES).values_list(
        "pk", "house_id", "uid", "registration__house_id") if house != at]
    return _cancel_in_bulk(live, reason=_("the residence registration moved to another address"), actor=actor,
                           remember=False)


def _cancel_in_bulk(live: list[tuple[int, int, str]], *, reason: str, actor, remember: bool) -> int:
    """Cancels the ``live`` cards (pk, house, uid): off the allow-lists, in each card's history, one audit entry.
    ``remember``: each keeps the status it had (``status_before_registration_end``) to be given back."""
    if not live:
        return 0
    pks = [pk for pk, _house, _uid in live]
    # both databases read F("status") as it was before this UPDATE
    kept = {"status_before_registration_end": F("status")} if remember else {}
    Credential.objects.filter(pk__in=pks).update(**kept, status=CredentialStatus.CANCELLED,
                                                 status_changed_at=timezone.now())
    AllowListChange.objects.bulk_create([AllowListChange(house_id=house, uid=uid, op="remove")
                                         for _pk, house, uid in live])
    CredentialChange.objects.bulk_create([CredentialChange(credential_id=pk, action=CredentialAction.CANCEL,
                                                           reason=reason, actor=_by(actor)) for pk in pks])
    audit_log(actor=actor, action="door.credential.cancel", object_type="door_credential",
              object_ids=pks, detail={"reason": reason})
    return len(live)


def credentials_restore_for_registrations(*, registration_ids, actor) -> int:
    """Registrations that are active again (an import lists as active ones an earlier file cancelled) give back the
    cards their end cancelled, and only those (``status_before_registration_end``), in the caller's transaction:
    each to the status it had then: active (back on the allow-lists), or lost or suspended still, as the holder, the
    landlord or the police left it; expired if its validity ended meanwhile. A card cancelled for another reason, or
    expired before, stays as it is; one whose number another card holds now stays cancelled. Each card's history
    says so, and one audit entry names them all, in as many queries for a thousand cards as for one. Nobody is sent
    a message, as nobody was when they stopped. ``actor`` None is the system."""
    stopped = list(Credential.objects.select_for_update().filter(
        registration_id__in=registration_ids, status=CredentialStatus.CANCELLED).exclude(
        status_before_registration_end="").order_by("-status_changed_at", "-pk").values_list(
        "pk", "house_id", "uid", "valid_until", "status_before_registration_end"))
    if not stopped:
        return 0
    today, now, reason = timezone.localdate(), timezone.now(), _("the residence registration is active again")
    taken = set(Credential.objects.filter(uid__in={uid for _pk, _house, uid, _until, _was in stopped},
                                          status__in=LIVE_STATUSES).values_list("uid", flat=True))
    back: dict[str, list[tuple]] = {}  # the status each goes back to -> its cards (pk, house, uid, valid until)
    for pk, house, uid, until, was in stopped:
        to = CredentialStatus.EXPIRED if was == CredentialStatus.ACTIVE and until < today else was
        if to in LIVE_STATUSES:
            if uid in taken:  # given to another card since: this one stays cancelled, for that reason now
                to = CredentialStatus.CANCELLED
            taken.add(uid)
        back.setdefault(to, []).append((pk, house, uid, until))
    for to, cards in back.items():
        change = {"status_before_registration_end": ""}
        if to != CredentialStatus.CANCELLED:
            change.update(status=to, status_changed_at=now)
        Credential.objects.filter(pk__in=[pk for pk, *_rest in cards]).update(**change)
    restored = [card for to, cards in back.items() if to != CredentialStatus.CANCELLED for card in cards]
    if not restored:
        return 0
    AllowListChange.objects.bulk_create([AllowListChange(house_id=house, uid=uid, op="add", valid_until=until)
                                         for _pk, house, uid, until in back.get(CredentialStatus.ACTIVE, [])])
    CredentialChange.objects.bulk_create(
        [CredentialChange(credential_id=pk, action=CredentialAction.RESTORE, reason=reason, actor=_by(actor))
         for pk, *_rest in restored]
        + [CredentialChange(credential_id=pk, action=CredentialAction.EXPIRE)
           for pk, *_rest in back.get(CredentialStatus.EXPIRED, [])])
    audit_log(actor=actor, action="door.credential.restore", object_type="door_credential",
              object_ids=[pk for pk, *_rest in restored], detail={"reason": reason})
    return len(restored)


# Landlord suspension requests ---------------------------------------------------------------------

@transaction.atomic
def suspension_request(*, actor, credential: Credential, reason: str) -> SuspensionRequest:
    """A landlord asks police to suspend a tenant's card (e.g. rent arrears), saying why."""
    if not credential.house.landlords.filter(pk=actor.pk).exists():
        raise DoorError(_("Only a landlord of this house can ask for a card to be suspended"))
    if not (reason or "").strip():
        raise DoorError(_("Say why the card should be suspended"))
    if credential.status != CredentialStatus.ACTIVE:
        raise DoorError(_("This card is %(status)s; that is not possible now")
                        % {"status": credential.get_status_display()})
    if credential.suspension_requests.filter(status=RequestStatus.PENDING).exists():
        raise DoorError(_("A request for this card is already waiting for a decision"))
    request = SuspensionRequest.objects.create(credential=credential, requested_by=actor, reason=reason.strip()[:200])
    audit_log(actor=actor, action="door.suspension.request", object_type="door_credential", object_ids=[credential.pk],
              detail={"reason": reason})
    return request


@transaction.atomic
def suspension_decide(*, actor, request: SuspensionRequest, approve: bool, note: str) -> SuspensionRequest:
    """Police approve (the card is suspended) or refuse, always with a note."""
    request = SuspensionRequest.objects.select_for_update().select_related("credential__house").get(pk=request.pk)
    if not _staff_over(actor, request.credential.house.jurisdiction):
        raise DoorError(_("This request is outside your jurisdiction"))
    if request.status != RequestStatus.PENDING:
        raise DoorError(_("This request has already been decided"))
    if not (note or "").strip():
        raise DoorError(_("Say why you approve or refuse"))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note.strip()[:200]
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve and request.credential.status == CredentialStatus.ACTIVE:
        _transition(actor, request.credential, to=CredentialStatus.SUSPENDED, action=CredentialAction.SUSPEND,
                    allowed_from=(CredentialStatus.ACTIVE,), reason=f"{request.reason} / {note}", op="remove")
    audit_log(actor=actor, action="door.suspension.decide", object_type="door_credential",
              object_ids=[request.credential_id], detail={"approved": approve, "note": note})
    return request


@transaction.atomic
def credential_resume(*, actor, credential: Credential, reason: str) -> Credential:
    """Lifts a suspension (police only), while the registration is active."""
    if not _staff_over(actor, credential.house.jurisdiction):
        raise DoorError(_("You cannot change this card"))
    credential = _lock(credential)
    _check_registration(credential.registration, credential.house)
    return _transition(actor, credential, to=CredentialStatus.ACTIVE, action=CredentialAction.RESUME,
                       allowed_from=(CredentialStatus.SUSPENDED,), reason=reason, op="add")


# Alarms (staff handling; raising and clearing is in alarms.py) --------------------------------------

def _alarm_for(actor, alarm: Alarm) -> Alarm:
    require_right(actor, ALARM_ROLES)
    if not Alarm.objects.restrict(actor).filter(pk=alarm.pk).exists():
        raise DoorError(_("This alarm is outside your jurisdiction"))
    return Alarm.objects.select_for_update().get(pk=alarm.pk)


@transaction.atomic
def alarm_acknowledge(*, actor, alarm: Alarm, note: str = "") -> Alarm:
    alarm = _alarm_for(actor, alarm)
    if alarm.status == AlarmStatus.OPEN:
        alarm.status, alarm.acknowledged_by, alarm.acknowledged_at = AlarmStatus.ACKNOWLEDGED, actor, timezone.now()
        alarm.note = (note or alarm.note)[:300]
        alarm.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "note"])
        audit_log(actor=actor, action="door.alarm.acknowledge", object_type="door_alarm", object_ids=[alarm.pk])
    return alarm


@transaction.atomic
def alarm_close(*, actor, alarm: Alarm, note: str) -> Alarm:
    if not (note or "").strip():
        raise DoorError(_("Say how the alarm was handled"))
    alarm = _alarm_for(actor, alarm)
    if alarm.status == AlarmStatus.CLOSED:
        raise DoorError(_("This alarm is already closed"))
    alarm.status, alarm.closed_by, alarm.closed_at, alarm.note = AlarmStatus.CLOSED, actor, timezone.now(), note[:300]
    alarm.save(update_fields=["status", "closed_by", "closed_at", "note"])
    audit_log(actor=actor, action="door.alarm.close", object_type="door_alarm", object_ids=[alarm.pk],
              detail={"note": note})
    return alarm


# Care check (opt-in) --------------------------------------------------------------------------------

@transaction.atomic
def care_enrol(*, actor, registration, consent_note: str, days: int | str = 3) -> CareEnrolment:
    """A grid worker enrols a consenting elderly person living alone; the consent is recorded in words. ``days``
    may come as a form's text."""
    if not _staff_over(actor, registration.jurisdiction, FIELD_ROLES):
        raise DoorError(_("This person is outside your jurisdiction"))
    if not (consent_note or "").strip():
        raise DoorError(_("Record the person's consent"))
    if registration.status != RegistrationStatus.ACTIVE:
        raise DoorError(_("The residence registration is not active"))
    try:
        days = int(days if days not in (None, "") else 3)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= 30:
        raise DoorError(_("Choose between 1 and 30 days"))
    if CareEnrolment.objects.filter(registration=registration, status=CareStatus.ACTIVE).exists():
        raise DoorError(_("This person is already enrolled"))
    enrolment = CareEnrolment.objects.create(registration=registration, grid_worker=actor,
                                             consent_note=consent_note.strip()[:200], days=days)
    audit_log(actor=actor, action="door.care.enrol", object_type="registration", object_ids=[registration.pk])
    return enrolment


def care_sweep(*, now=None) -> int:
    """Opens a visit task for each enrolled person not seen at the door for their number of days (one open task each)."""
    from django.db.models import Max

    from anju.doors.models import DoorEvent

    now = now or timezone.now()
    created = 0
    enrolments = CareEnrolment.objects.filter(status="active").exclude(tasks__done_at__isnull=True, tasks__isnull=False)
    for enrolment in enrolments.select_related("registration"):
        last = DoorEvent.objects.filter(credential__registration=enrolment.registration,
                                        result="granted").aggregate(m=Max("occurred_at"))["m"]
        since = last or enrolment.created_at
        if now - since > timedelta(days=enrolment.days):
            CareTask.objects.create(enrolment=enrolment, last_seen_at=last)
            created += 1
    return created


@transaction.atomic
def care_end(*, actor, enrolment: CareEnrolment, reason: str) -> CareEnrolment:
    """The person withdraws consent, moves away or no longer lives alone: no more checks, open visits closed."""
    require_right(actor, FIELD_ROLES)
    if not CareEnrolment.objects.restrict(actor).filter(pk=enrolment.pk).exists():
        raise DoorError(_("This person is outside your jurisdiction"))
    if not (reason or "").strip():
        raise DoorError(_("Say why the care check ends"))
    enrolment.status = CareStatus.ENDED
    enrolment.save(update_fields=["status"])
    enrolment.tasks.filter(done_at__isnull=True).update(done_at=timezone.now(),
                                                        note=f"关爱结束 ended: {reason.strip()[:200]}")
    audit_log(actor=actor, action="door.care.end", object_type="registration", object_ids=[enrolment.registration_id],
              detail={"reason": reason.strip()[:200]})
    return enrolment


@transaction.atomic
def care_task_done(*, actor, task: CareTask, note: str) -> CareTask:
    require_right(actor, FIELD_ROLES)
    if not CareTask.objects.restrict(actor).filter(pk=task.pk).exists():
        raise DoorError(_("This task is outside your jurisdiction"))
    if not (note or "").strip():
        raise DoorError(_("Say what you found"))
    task.done_at, task.note = timezone.now(), note.strip()[:300]
    task.save(update_fields=["done_at", "note"])
    audit_log(actor=actor, action="door.care.visit", object_type="registration",
              object_ids=[task.enrolment.registration_id])
    return task
