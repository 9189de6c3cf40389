"""The write path for houses, rooms, plates, landlords and tenants (以房管人)."""
import secrets
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.choices import HOUSE_ROLES, Role
from anju.accounts.models import User
from anju.accounts.permissions import require_right
from anju.accounts.services import phone_normalise, user_create
from anju.accounts.sms import send_sms
from anju.audit.services import audit_log
from anju.core import crypto
from anju.core.identity import id_number_parse
from anju.houses import plates
from anju.houses.choices import ClaimProof, ClaimStatus, HouseKind, RoomStatus
from anju.houses.models import House, HouseClaim, HouseLandlord, LandlordProfile, Plate, Room, Tenancy
from anju.lib.bilingual import bilingual
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.lib.names import tidy
from anju.people.registry import registry_check
from anju.registrations.checkers import PersonEvent, run_checkers
from anju.registrations.models import Declaration
from anju.registrations.services import (
    declaration_submit, registrations_place_at_house, tenancy_channel, tenant_left,
)


class HouseError(ValueError):
    """A problem with a house operation, shown to the user as it is."""


def _parse_id(raw: str, *, reader):
    """The number, or a HouseError saying what is wrong, worded for ``reader`` (anju.core.identity)."""
    try:
        return id_number_parse(raw, reader=reader)
    except InvalidIdNumber as exc:
        raise HouseError(str(exc)) from exc


# Landlords ------------------------------------------------------------------------------------------

@transaction.atomic
def landlord_verify(*, user, name: str, id_number: str) -> LandlordProfile:
    """A landlord proves who they are: a valid number, and agreement with the registry when one is loaded. The name
    is kept as ``lib.names.tidy`` writes it, as every name a person gives is (王　明 is 王明)."""
    name = tidy(name)
    if not name:
        raise HouseError(_("Name is required"))
    parsed = _parse_id(id_number, reader=user)
    verdict = registry_check(parsed_id=parsed, name=name)
    if verdict.status == "mismatch":
        raise HouseError(_("The name does not match the identity registry for this ID number"))
    if verdict.status == "unknown":
        raise HouseError(_("This ID number is not in the identity registry; please verify at the police station"))
    profile, _created = LandlordProfile.objects.update_or_create(user=user, defaults=dict(
        name=name, id_cipher=crypto.encrypt(parsed.number), id_hash=crypto.blind_index(parsed.number),
        id_masked=parsed.masked, registry_status=verdict.status, verified_at=timezone.now(),
    ))
    if user.first_name != name:
        # The verified real name is how police and tenants see the landlord from now on.
        user.first_name = name
        user.save(update_fields=["first_name"])
    # how the name matched the registry's (written otherwise: traditional characters, a pinyin spelling), for police
    audit_log(actor=user, action="landlord.verify", object_type="user", object_ids=[user.pk],
              detail={"registry": verdict.status, **({"name": verdict.name.kind} if verdict.name_noted else {})})
    return profile


def landlord_for_phone(*, phone: str, name: str = "", actor=None) -> User:
    """The landlord account for a phone number, created when police register a house on a landlord's behalf."""
    phone = phone_normalise(phone)
    user = User.objects.filter(phone=phone).first()
    if user is None:
        return user_create(username=phone, role=Role.LANDLORD, phone=phone, full_name=tidy(name), actor=actor)
    if user.is_staff_role:
        raise HouseError(_("%(phone)s belongs to a staff account") % {"phone": phone})
    return user


def _require_verified(user) -> None:
    if user.role in (Role.LANDLORD, Role.RESIDENT, Role.EMPLOYER):
        profile = getattr(user, "landlord_profile", None)
        if profile is None or profile.verified_at is None:
            raise HouseError(_("Please verify your identity before registering houses"))


# Houses ---------------------------------------------------------------------------------------------

@transaction.atomic
def house_register(*, actor, standard_address, kind: str = HouseKind.WHOLE_RENTAL, capacity=None, floor_area=None,
                   landlord=None, plate_code: str = "") -> House | HouseClaim:
    """Registers the house at a standard address; staff register on a landlord's behalf (police can register a house
    whose landlord has no phone yet: landlord=None).

    A landlord naming a house already in the system does not get it: that is a claim (house_claim), which is the house
    only once proven by its door-plate code, so then the claim comes back instead of the house.
    """
    require_right(actor, HOUSE_ROLES)
    _check_kind(kind)
    if actor.is_staff_role:
        if actor.scope_node is None or not actor.scope_node.contains(standard_address.jurisdiction):
            raise HouseError(_("This address is outside your jurisdiction"))
    else:
        _require_verified(actor)
        landlord = actor
    house = House.objects.select_for_update().filter(standard_address=standard_address).first()
    if house is None:
        house = House.objects.create(
            address=standard_address.full_address, standard_address=standard_address, kind=kind, capacity=capacity,
            floor_area=floor_area, jurisdiction=standard_address.jurisdiction,
        )
        registrations_place_at_house(actor=actor, house=house)
        action = "house.create"
    elif not actor.is_staff_role and not house.landlords.filter(pk=actor.pk).exists():
        return house_claim(actor=actor, house=house, kind=kind, capacity=capacity, floor_area=floor_area,
                           plate_code=plate_code)
    else:
        action = "house.claim"
    if landlord is not None:
        HouseLandlord.objects.get_or_create(house=house, landlord=landlord, defaults={"registered_by": actor})
    if not house.plates.filter(revoked_at__isnull=True).exists():
        Plate.objects.create(house=house, serial=plates.new_serial(), issued_by=actor)
    audit_log(actor=actor, action=action, object_type="house", object_ids=[house.pk],
              detail={"landlord": landlord.pk if landlord else None})
    return house


@transaction.atomic
def house_at_address(*, actor, standard_address) -> House:
    """The house at a standard address; where nobody registered one yet, the bare house (no landlord, no plate) that a
    resident declares at, or a person answering a data-fusion finding is registered at: registering it would make
    them its landlord. A new one takes the registrations waiting at its address, as ``house_register``'s does."""
    house, created = House.objects.get_or_create(standard_address=standard_address, defaults={
        "address": standard_address.full_address, "jurisdiction": standard_address.jurisdiction})
    if created:
        registrations_place_at_house(actor=actor, house=house)
    return house


def _check_kind(kind: str) -> None:
    if kind not in HouseKind.values:
        raise HouseError(_("Unknown house kind %(kind)s") % {"kind": kind})


def _plate_serial(plate_code: str) -> str:
    """The serial in what a landlord enters: the 门牌编号 printed under the QR, the QR's token or the whole plate URL."""
    return (plate_code or "").strip().rstrip("/").rsplit("/", 1)[-1].split(".")[0].strip()


@transaction.atomic
def house_claim(*, actor, house: House, kind: str, capacity=None, floor_area=None, plate_code: str = "") -> HouseClaim:
    """A verified landlord claims a house already in the system that has no landlord.

    With the code of the house's current door plate (typed from the plate, or its QR scanned) the claim is proven and
    granted at once; without one it waits for the police of the place (house_claim_decide), and the landlord sees
    nothing of the house's occupants until then. The kind the landlord gives is kept with the claim beside the one
    recorded, and becomes the house's when the claim is granted. A code that is not this house's plate files nothing.
    """
    require_right(actor, HOUSE_ROLES)
    _check_kind(kind)
    _require_verified(actor)
    House.objects.select_for_update().filter(pk=house.pk).first()
    if house.landlords.exclude(pk=actor.pk).exists():
        raise HouseError(_("This house is already registered by another landlord; ask the community police if this is wrong"))
    serial = _plate_serial(plate_code)
    if serial:
        plate = house.plates.filter(revoked_at__isnull=True).first()
        if plate is None or not secrets.compare_digest(serial.encode(), plate.serial.encode()):
            raise HouseError(_("That is not the code of this house's door plate. Check the plate number printed under "
                               "its QR code, or leave it empty to have the community police verify your claim"))
    claim = HouseClaim.objects.filter(house=house, landlord=actor, status=ClaimStatus.PENDING).first()
    if claim is None:
        claim = HouseClaim(house=house, landlord=actor)
    claim.kind, claim.recorded_kind, claim.capacity, claim.floor_area = kind, house.kind, capacity, floor_area
    claim.save()
    if serial:
        return _claim_grant(actor=actor, claim=claim, proof=ClaimProof.PLATE)
    audit_log(actor=actor, action="house.claim.request", object_type="house", object_ids=[house.pk],
              detail={"claim": claim.pk, "kind": kind, "recorded_kind": claim.recorded_kind})
    return claim


def _plain(value):
    return value if value is None or isinstance(value, (int, str)) else str(value)


def _claim_grant(*, actor, claim: HouseClaim, proof: str, note: str = "") -> HouseClaim:
    """The claimant becomes a landlord of the house, which takes the kind (and the figures) they gave."""
    house = claim.house
    HouseLandlord.objects.get_or_create(house=house, landlord=claim.landlord, defaults={"registered_by": actor})
    changed = {}
    for field in ("kind", "capacity", "floor_area"):
        value = getattr(claim, field)
        if value is not None and value != getattr(house, field):
            changed[field] = [_plain(getattr(house, field)), _plain(value)]
            setattr(house, field, value)
    if changed:
        house.save(update_fields=list(changed))
    claim.status, claim.proof, claim.decided_at = ClaimStatus.APPROVED, proof, timezone.now()
    claim.decided_by, claim.decision_note = actor, note
    claim.save(update_fields=["status", "proof", "decided_at", "decided_by", "decision_note"])
    audit_log(actor=actor, action="house.claim", object_type="house", object_ids=[house.pk],
              detail={"landlord": claim.landlord_id, "claim": claim.pk, "proof": proof, "changed": changed,
                      "note": note})
    return claim


@transaction.atomic
def house_claim_decide(*, actor, claim: HouseClaim, approve: bool, note: str) -> HouseClaim:
    """The police of the house's place grant a landlord's claim or refuse it, always saying why."""
    require_right(actor, HOUSE_ROLES)
    claim = HouseClaim.objects.restrict(actor).select_for_update(of=("self",)).filter(pk=claim.pk).first()
    if claim is None:
        raise HouseError(_("This claim is outside your jurisdiction"))
    if claim.status != ClaimStatus.PENDING:
        raise HouseError(_("This claim has already been decided"))
    note = (note or "").strip()[:200]
    if not note:
        raise HouseError(_("Say why you approve or refuse"))
    if approve:
        return _claim_grant(actor=actor, claim=claim, proof=ClaimProof.POLICE, note=note)
    claim.status, claim.decided_by, claim.decided_at, claim.decision_note = (
        ClaimStatus.REFUSED, actor, timezone.now(), note)
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_log(actor=actor, action="house.claim.refuse", object_type="house", object_ids=[claim.house_id],
              detail={"landlord": claim.landlord_id, "claim": claim.pk, "note": note})
    return claim


@transaction.atomic
def house_update(*, actor, house: House, kind: str, capacity=None, floor_area=None) -> House:
    require_right(actor, HOUSE_ROLES)
    _check_kind(kind)
    house.kind, house.capacity, house.floor_area = kind, capacity, floor_area
    house.save(update_fields=["kind", "capacity", "floor_area"])
    audit_log(actor=actor, action="house.update", object_type="house", object_ids=[house.pk])
    return house


# Rooms ----------------------------------------------------------------------------------------------

def _room_number(number: str) -> str:
    number = (number or "").strip().translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not number:
        raise HouseError(_("Room number is required"))
    return number[:20]


def room_add(*, actor, house: House, number: str, capacity=None, floor_area=None) -> Room:
    require_right(actor, HOUSE_ROLES)
    number = _room_number(number)
    if house.rooms.filter(number=number, status=RoomStatus.ACTIVE).exists():
        raise HouseError(_("Room %(number)s already exists in this house") % {"number": number})
    try:
        with transaction.atomic():
            room = Room.objects.create(house=house, number=number, capacity=capacity, floor_area=floor_area)
    except IntegrityError:
        raise HouseError(_("Room %(number)s already exists in this house") % {"number": number}) from None
    audit_log(actor=actor, action="room.create", object_type="house", object_ids=[house.pk], detail={"room": number})
    return room


@transaction.atomic
def rooms_merge(*, actor, house: House, rooms: list[Room], number: str) -> Room:
    """Merges rooms into one (e.g. a wall taken down): their current tenants move to the merged room."""
    require_right(actor, HOUSE_ROLES)
    if len(rooms) < 2 or any(r.house_id != house.pk or r.status != RoomStatus.ACTIVE for r in rooms):
        raise HouseError(_("Choose at least two rooms of this house to merge"))
    number = _room_number(number)
    keep = next((r for r in rooms if r.number == number), None)
    if keep is None and house.rooms.filter(number=number, status=RoomStatus.ACTIVE).exists():
        raise HouseError(_("Room %(number)s already exists in this house") % {"number": number})
    others = [r for r in rooms if r is not keep]
    Room.objects.filter(pk__in=[r.pk for r in others]).update(status=RoomStatus.MERGED)
    if keep is None:
        keep = Room.objects.create(house=house, number=number,
                                   capacity=sum(r.capacity or 0 for r in rooms) or None)
    Room.objects.filter(pk__in=[r.pk for r in others]).update(merged_into=keep)
    Tenancy.objects.filter(room__in=others, move_out__isnull=True).update(room=keep)
    audit_log(actor=actor, action="room.merge", object_type="house", object_ids=[house.pk],
              detail={"rooms": [r.number for r in rooms], "into": number})
    return keep


def room_bind(*, actor, room: Room, landlord) -> Room:
    require_right(actor, HOUSE_ROLES)
    room.landlord = landlord
    room.save(update_fields=["landlord"])
    audit_log(actor=actor, action="room.bind" if landlord else "room.unbind", object_type="house",
              object_ids=[room.house_id], detail={"room": room.number, "landlord": landlord.pk if landlord else None})
    return room


# Plates ---------------------------------------------------------------------------------------------

@transaction.atomic
def plate_reissue(*, actor, house: House, reason: str = "") -> Plate:
    """Revokes the current plate (if any) and issues a new one: the old QR stops working at once."""
    require_right(actor, HOUSE_ROLES)
    House.objects.select_for_update().filter(pk=house.pk).first()
    house.plates.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=actor,
                                                        revoke_reason=reason or "reissued")
    plate = Plate.objects.create(house=house, serial=plates.new_serial(), issued_by=actor)
    audit_log(actor=actor, action="plate.reissue", object_type="house", object_ids=[house.pk], detail={"reason": reason})
    return plate


def plate_revoke(*, actor, plate: Plate, reason: str) -> Plate:
    require_right(actor, HOUSE_ROLES)
    if plate.revoked_at is None:
        plate.revoked_at, plate.revoked_by, plate.revoke_reason = timezone.now(), actor, reason
        plate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_log(actor=actor, action="plate.revoke", object_type="house", object_ids=[plate.house_id],
                  detail={"reason": reason})
    return plate


def plate_house(*, token: str) -> House:
    """The house a plate token opens; PlateTokenError for malformed, forged, unknown or revoked plates."""
    serial = plates.verify(token)
    plate = Plate.objects.select_related("house", "house__jurisdiction").filter(serial=serial).first()
    if plate is None:
        raise plates.PlateTokenError("unknown", bilingual("该门牌码不存在", "no such plate"))
    if plate.revoked_at is not None:
        raise plates.PlateTokenError("revoked", bilingual("该门牌已作废，请使用新门牌",
                                                          "this plate has been revoked; use the new one"))
    return plate.house


# Tenants --------------------------------------------------------------------------------------------

@transaction.atomic
def tenant_check_in(*, actor, house: House, name: str, id_number: str, move_in: date, room: Room | None = None,
                    phone: str = "", idempotency_key: str | None = None) -> Tenancy:
    """Checks a tenant in and files their residence declaration (channel: landlord, or staff when police or an
    auxiliary enter it). Idempotent per key. The name is kept as ``lib.names.tidy`` writes it, as the declaration's
    and the registration's are, so the tenant board and the register hold one form of it."""
    require_right(actor, HOUSE_ROLES)
    name = tidy(name)
    if not name:
        raise HouseError(_("Name is required"))
    parsed = _parse_id(id_number, reader=actor)
    if move_in > timezone.localdate():
        raise HouseError(_("The move-in date cannot be in the future"))
    if room is not None and (room.house_id != house.pk or room.status != RoomStatus.ACTIVE):
        raise HouseError(_("That room is not in this house"))
    if house.hotel_style and room is None and house.rooms.filter(status=RoomStatus.ACTIVE).exists():
        raise HouseError(_("This house is managed hotel-style: choose the room the tenant occupies"))
    phone = phone_normalise(phone) if phone else ""
    key = crypto.blind_index(parsed.number)
    if idempotency_key:
        earlier = Tenancy.objects.filter(declarations__idempotency_key=idempotency_key).first()
        if earlier:
            return earlier
    held = Tenancy.objects.filter(house=house, id_hash=key, move_out__isnull=True).values_list(
        "name", "id_masked").first()
    if held is not None:
        # say who holds the number: the house's own tenant, whose name and masked number its landlord already knows
        if held[0] == name:
            raise HouseError(_("%(name)s is already checked in to this house") % {"name": name})
        raise HouseError(_("The ID number %(id)s is already checked in to this house for %(held)s, not %(name)s: check "
                           "the number, or check %(held)s out first") % {"id": held[1], "held": held[0], "name": name})
    tenancy = Tenancy.objects.create(house=house, room=room, name=name, id_cipher=crypto.encrypt(parsed.number),
                                     id_hash=key, id_masked=parsed.masked, phone=phone, move_in=move_in,
                                     checked_in_by=actor)
    declaration_submit(actor=actor, channel=tenancy_channel(actor), name=name, parsed_id=parsed, house=house,
                       room=room, tenancy=tenancy, move_in=move_in, phone=phone, idempotency_key=idempotency_key)
    run_checkers(PersonEvent(kind="tenancy.check_in", name=name, id_number=parsed.number, sex=parsed.sex,
                             birth_date=parsed.birth_date, node=house.jurisdiction, address=house.address, actor=actor,
                             object_type="tenancy", object_id=str(tenancy.pk), occurred_at=timezone.now()))
    audit_log(actor=actor, action="tenancy.check_in", object_type="tenancy", object_ids=[tenancy.pk],
              detail={"house": house.pk})
    return tenancy


@transaction.atomic
def tenant_check_out(*, actor, tenancy: Tenancy, move_out: date | None = None, reason: str = "") -> Declaration | None:
    """Ends the residence: a declaration of it still waiting for police is withdrawn, and deregistration is proposed
    (a pending deregistration declaration; `tenant_left`), which is returned; None where the tenant has no active
    registration at the house, so nothing is to be deregistered."""
    require_right(actor, HOUSE_ROLES)
    if tenancy.move_out is not None:
        raise HouseError(_("%(name)s has already moved out") % {"name": tenancy.name})
    move_out = move_out or timezone.localdate()
    if move_out < tenancy.move_in:
        raise HouseError(_("The move-out date is before the move-in date"))
    tenancy.move_out, tenancy.checked_out_by = move_out, actor
    tenancy.save(update_fields=["move_out", "checked_out_by"])
    proposal = tenant_left(actor=actor, tenancy=tenancy, parsed_id=parse_id_number(tenancy.id_number), reason=reason)
    audit_log(actor=actor, action="tenancy.check_out", object_type="tenancy", object_ids=[tenancy.pk],
              detail={"deregistration": proposal.pk if proposal else None})
    return proposal


def deadline_days(node) -> int:
    """The declaration deadline for a place: by its city's, then its province's code, then the default."""
    by_region = settings.ANJU_DECLARATION_DEADLINES_BY_REGION
    for code in reversed(node.path.strip("/").split("/")[:2]):
        if code in by_region:
            return by_region[code]
    return settings.ANJU_DECLARATION_DEADLINE_DAYS


def overdue_remind(*, today: date | None = None) -> int:
    """Texts each landlord with overdue tenants, at most once a day per tenancy. Returns messages sent."""
    from anju.houses.selectors import undeclared_tenancies

    today = today or timezone.localdate()
    # only tenants the landlord has not declared: one waiting for police is not the landlord's to hurry
    due = undeclared_tenancies(Tenancy.objects.all(), today=today).exclude(last_reminded_on=today)
    by_landlord: dict[int, list[Tenancy]] = {}
    for tenancy in due.prefetch_related("house__landlords"):
        for landlord in tenancy.house.landlords.all():
            if landlord.phone:
                by_landlord.setdefault(landlord.pk, [landlord, []])[1].append(tenancy)
    sent = 0
    for landlord, tenancies in by_landlord.values():
        names = "、".join(t.name for t in tenancies[:3]) + ("等" if len(tenancies) > 3 else "")
        send_sms(landlord.phone, f"【安居】您的出租房有 {len(tenancies)} 名租客（{names}）超过申报期限仍未完成居住登记，"
                                 f"请尽快办理。")
        sent += 1
    Tenancy.objects.filter(pk__in=[t.pk for _l, ts in by_landlord.values() for t in ts]).update(last_reminded_on=today)
    return sent
