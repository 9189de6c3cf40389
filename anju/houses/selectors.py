"""Reads of houses and tenants: staff through jurisdiction scoping, landlords through their own houses."""
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from anju.accounts.choices import Area
from anju.audit.services import audit_log
from anju.houses.choices import ClaimStatus, RoomStatus
from anju.houses.models import House, HouseClaim, Plate, Room, Tenancy
from anju.jurisdictions.selectors import node_list
from anju.registrations.choices import DeclarationKind, DeclarationStatus, RegistrationStatus
from anju.registrations.models import Declaration, Registration


def _int(pk):
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404("not found") from None


def _houses(*, user, q: str, node_code: str):
    """The houses of `user`'s jurisdiction, narrowed to the subtree of `node_code` (none outside their own) and to
    addresses holding every word of `q`."""
    qs = House.objects.restrict(user).select_related("jurisdiction")
    if node_code:
        node = node_list(user=user).filter(code=node_code).first()
        qs = qs.filter(jurisdiction__path__startswith=node.path) if node else qs.none()
    for fragment in (q or "").split():
        qs = qs.filter(address__contains=fragment)
    return qs


def house_queryset(*, user):
    """The houses of `user`'s jurisdiction without the lists' figures, for counting (the home page's)."""
    return House.objects.restrict(user)


def house_list(*, user, q: str = "", node_code: str = ""):
    """Staff: houses in their jurisdiction, with room, occupant and plate figures in the same query."""
    return _houses(user=user, q=q, node_code=node_code).annotate(
        room_count=Count("rooms", filter=Q(rooms__status=RoomStatus.ACTIVE), distinct=True),
        occupant_count=Count("tenancies", filter=Q(tenancies__move_out__isnull=True), distinct=True),
        has_plate=Exists(Plate.objects.filter(house=OuterRef("pk"), revoked_at__isnull=True)),
    ).order_by("jurisdiction__path", "address", "pk")


def _count(queryset, field: str = "pk"):
    """How many distinct `field`s the rows of `queryset` of the outer house hold, as a subquery (0 for none)."""
    counted = queryset.filter(house=OuterRef("pk")).order_by().values("house").annotate(n=Count(field, distinct=True))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


def housing_stock(*, user, q: str = "", node_code: str = ""):
    """The housing stock of `user`'s jurisdiction (accounts/choices.Area.HOUSING): each house's use (kind, status),
    rooms, capacity and floor area, and how many live in it now, as counts: open tenancies on its tenant board and
    distinct people actively registered there. No one's name, number or phone; no landlord. One query a page (the
    counts are subqueries, not joins multiplying one another). Each page read is audited: `housing_stock_audit`."""
    return _houses(user=user, q=q, node_code=node_code).annotate(
        room_count=_count(Room.objects.filter(status=RoomStatus.ACTIVE)),
        tenant_count=_count(Tenancy.objects.filter(move_out__isnull=True)),
        registered_count=_count(Registration.objects.filter(status=RegistrationStatus.ACTIVE), "id_hash"),
    ).order_by("jurisdiction__path", "address", "pk")


def housing_stock_audit(*, user, ids, purpose: str = "", request=None) -> None:
    """Records that these houses' occupancy was read (one entry for the page, one subject row each), with the
    reader's stated purpose or their account's."""
    audit_log(actor=user, action="house.stock.read", object_type="house", object_ids=list(ids),
              purpose=purpose or user.purpose or "住房租赁管理 rental housing management", request=request)


def housing_stock_get(*, user, pk, purpose: str = "", request=None) -> House:
    """One house of the housing stock, audited; 404 when absent or outside the user's jurisdiction."""
    house = housing_stock(user=user).filter(pk=_int(pk)).first()
    if house is None:
        raise Http404("not found")
    housing_stock_audit(user=user, ids=[house.pk], purpose=purpose, request=request)
    return house


def house_get(*, user, pk) -> House:
    house = House.objects.restrict(user).select_related("jurisdiction", "standard_address").filter(pk=_int(pk)).first()
    if house is None:
        raise Http404("not found")
    return house


def landlord_houses(*, user):
    return House.objects.filter(landlords=user).select_related("jurisdiction").annotate(
        room_count=Count("rooms", filter=Q(rooms__status=RoomStatus.ACTIVE), distinct=True),
        occupant_count=Count("tenancies", filter=Q(tenancies__move_out__isnull=True), distinct=True),
    ).order_by("address")


def landlord_claims(*, user):
    """A landlord's claims still open or refused: the house's address and the kind they gave, nothing of its occupants."""
    return HouseClaim.objects.filter(landlord=user).exclude(status=ClaimStatus.APPROVED).select_related("house")


def claims_pending(*, user, house=None):
    """Staff: landlords' claims waiting for the police of the houses' places, oldest first."""
    qs = HouseClaim.objects.restrict(user).filter(status=ClaimStatus.PENDING)
    if house is not None:
        qs = qs.filter(house=house)
    return qs.select_related("house", "house__jurisdiction", "landlord", "landlord__landlord_profile").order_by(
        "created_at", "pk")


def claim_get(*, user, pk) -> HouseClaim:
    claim = HouseClaim.objects.restrict(user).filter(pk=_int(pk)).first()
    if claim is None:
        raise Http404("not found")
    return claim


def house_for_actor(*, actor, pk, areas=(Area.HOUSES,)) -> House:
    """The house an actor may manage: a landlord's own, or one in a staff user's jurisdiction. 404 otherwise. Staff
    whose role does not read `areas` (accounts/choices.ROLE_READS) are refused as staff pages refuse them (403, the
    no-access page), whichever URL they come by: the landlord pages too show the tenants."""
    if actor.is_staff_role:
        if not all(actor.may_read(area) for area in areas):
            raise PermissionDenied
        return house_get(user=actor, pk=pk)
    house = House.objects.filter(landlords=actor, pk=_int(pk)).select_related("jurisdiction").first()
    if house is None:
        raise Http404("not found")
    return house


def _deadline_condition(today: date) -> Q:
    """Tenancies whose declaration deadline has passed, with per-region deadlines."""
    overrides = settings.ANJU_DECLARATION_DEADLINES_BY_REGION
    in_override = Q()
    condition = Q()
    for code, days in overrides.items():
        region = Q(house__jurisdiction__path__startswith=f"{code}/") | Q(house__jurisdiction__path__contains=f"/{code}/")
        condition |= region & Q(move_in__lt=today - timedelta(days=days))
        in_override |= region
    default = Q(move_in__lt=today - timedelta(days=settings.ANJU_DECLARATION_DEADLINE_DAYS))
    return condition | (default & ~in_override) if overrides else default


def overdue_tenancies(queryset, *, today: date | None = None):
    """Occupants past the declaration deadline without an approved registration."""
    today = today or timezone.localdate()
    approved = Declaration.objects.filter(tenancy=OuterRef("pk"), kind=DeclarationKind.REGISTER,
                                          status=DeclarationStatus.APPROVED)
    return queryset.filter(move_out__isnull=True).filter(_deadline_condition(today)).exclude(Exists(approved))


def undeclared_tenancies(queryset, *, today: date | None = None):
    """Overdue occupants whose landlord has filed nothing that waits for police: what a landlord is reminded of and
    counted against (未履责). A declaration filed and waiting past the deadline is the police's to decide, not the
    landlord's fault; a returned one counts again."""
    waiting = Declaration.objects.filter(tenancy=OuterRef("pk"), kind=DeclarationKind.REGISTER,
                                         status=DeclarationStatus.PENDING)
    return overdue_tenancies(queryset, today=today).exclude(Exists(waiting))


def declaration_state(tenancy: Tenancy) -> str:
    """For the overdue lists: has the landlord declared at all, or is it waiting for police?"""
    latest = None
    for declaration in tenancy.declarations.all():
        if declaration.kind == DeclarationKind.REGISTER:
            latest = declaration
    return latest.get_status_display() if latest else "未申报"


def overdue_for_staff(*, user, today: date | None = None):
    return overdue_tenancies(Tenancy.objects.restrict(user), today=today).select_related(
        "house", "house__jurisdiction", "room").prefetch_related("house__landlords", "declarations").order_by("move_in")


def noncompliant_landlords(*, user, today: date | None = None) -> list[dict]:
    """Landlords in the user's jurisdiction with occupants they have not declared in time, worst first."""
    rows: dict[int, dict] = {}
    undeclared = undeclared_tenancies(Tenancy.objects.restrict(user), today=today).prefetch_related("house__landlords")
    for tenancy in undeclared.select_related("house"):
        for landlord in tenancy.house.landlords.all():
            row = rows.setdefault(landlord.pk, {"landlord": landlord, "houses": set(), "overdue": 0})
            row["houses"].add(tenancy.house.address)
            row["overdue"] += 1
    return sorted(rows.values(), key=lambda r: -r["overdue"])


def tenancies_of_house(*, house, active_only: bool = False):
    qs = house.tenancies.select_related("room").prefetch_related("declarations")
    return qs.filter(move_out__isnull=True) if active_only else qs
