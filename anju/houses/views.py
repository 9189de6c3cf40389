"""Thin views over houses.services and houses.selectors."""
import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.accounts.choices import HOUSE_ROLES
from anju.accounts.permissions import require_right
from anju.core.decorators import public_login_required, staff_required
from anju.addresses.selectors import address_get, address_search
from anju.audit.services import audit_log
from anju.houses import exports, plates, selectors, services
from anju.houses.choices import ClaimStatus
from anju.houses.forms import (
    CheckInForm, HouseForm, ImportForm, LandlordHouseForm, LandlordVerifyForm, MergeForm, RoomForm, StaffHouseForm,
)
from anju.houses.models import HouseClaim, Room, Tenancy


def _landlord_profile(user):
    return getattr(user, "landlord_profile", None)


def _audit_tenants(request, tenancies, action="tenancy.list"):
    ids = [t.pk for t in tenancies]
    if ids:
        audit_log(actor=request.user, action=action, object_type="tenancy", object_ids=ids, request=request,
                  purpose="出租房屋管理 rental management")


def _claims_read(request, claims) -> list:
    """Claims with the claimants' phone and masked ID number: for the roles that decide them (HOUSE_ROLES), each
    read audited as a read of the claimants."""
    claims = list(claims)
    if claims:
        audit_log(actor=request.user, action="house.claim.list", object_type="user", request=request,
                  object_ids=sorted({c.landlord_id for c in claims}), purpose="出租房屋管理 rental management")
    return claims


# The public plate page --------------------------------------------------------------------------------

def plate_view(request, token):
    """What a door-plate QR opens. Errors get their own page, never a server error."""
    try:
        house = services.plate_house(token=token)
    except plates.PlateTokenError as exc:
        return render(request, "houses/plate_error.html", {"error": str(exc), "kind": exc.kind}, status=404)
    user = request.user
    is_landlord = user.is_authenticated and house.landlords.filter(pk=user.pk).exists()
    claimable = user.is_authenticated and not user.is_staff_role and not house.landlords.exists()
    return render(request, "houses/plate.html", {"house": house, "token": token, "is_landlord": is_landlord,
                                                 "claimable": claimable})


@public_login_required
@require_POST
def plate_claim_view(request, token):
    try:
        house = services.plate_house(token=token)
    except plates.PlateTokenError as exc:
        return render(request, "houses/plate_error.html", {"error": str(exc), "kind": exc.kind}, status=404)
    if _landlord_profile(request.user) is None:
        messages.info(request, _("Please verify your identity first"))
        return redirect(f"{request.build_absolute_uri('/landlord/verify/')}?next=/p/{token}/")
    try:  # the plate scanned is the proof: the claim is granted at once
        services.house_claim(actor=request.user, house=house, kind=house.kind, plate_code=token)
    except services.HouseError as exc:
        messages.error(request, str(exc))
        return redirect("houses:plate", token=token)
    messages.success(request, _("The house is now yours to manage"))
    return redirect("houses:landlord_house", pk=house.pk)


def _claimed(request, claim: HouseClaim):
    """Where a landlord's claim leaves them: the house once it is theirs, else their houses with the claim waiting."""
    if claim.status == ClaimStatus.PENDING:
        messages.info(request, _("%(address)s is already in the system: your claim waits for the community police to "
                                 "verify it. Until then you see nothing of who lives there.") % {"address": claim.house.address})
        return redirect("houses:landlord_home")
    messages.success(request, _("The house is now yours to manage"))
    if claim.kind_differs:
        messages.info(request, _("Its kind was recorded as %(recorded)s and is now %(kind)s, as you gave it") % {
            "recorded": claim.get_recorded_kind_display(), "kind": claim.get_kind_display()})
    return redirect("houses:landlord_house", pk=claim.house_id)


# Landlords (mobile) ---------------------------------------------------------------------------------

@public_login_required
def landlord_home_view(request):
    if request.user.is_staff_role:
        return redirect("houses:list")
    houses = list(selectors.landlord_houses(user=request.user))
    overdue = list(selectors.undeclared_tenancies(Tenancy.objects.filter(house__in=houses)).select_related("house"))
    _audit_tenants(request, overdue)
    return render(request, "houses/landlord_home.html", {"houses": houses, "overdue": overdue,
                                                         "claims": selectors.landlord_claims(user=request.user),
                                                         "profile": _landlord_profile(request.user)})


@public_login_required
def landlord_verify_view(request):
    form = LandlordVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.landlord_verify(user=request.user, **form.cleaned_data)
        except services.HouseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your identity is verified"))
            target = request.GET.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//") else "houses:landlord_home")
    return render(request, "houses/landlord_verify.html", {"form": form})


@public_login_required
def landlord_house_new_view(request):
    """A landlord finds their house by address and registers it."""
    q = request.GET.get("q", "").strip()
    results = address_search(q=q, public=True, limit=20) if q else []
    form = LandlordHouseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            address = address_get(code=request.POST.get("address_code", ""), public=True)
            house = services.house_register(actor=request.user, standard_address=address, **form.cleaned_data)
        except services.HouseError as exc:
            form.add_error(None, str(exc))
        except Http404:
            form.add_error(None, _("Choose your address from the search results"))
        else:
            if isinstance(house, HouseClaim):
                return _claimed(request, house)
            return redirect("houses:landlord_house", pk=house.pk)
    return render(request, "houses/landlord_house_new.html", {"q": q, "results": results, "form": form,
                                                              "profile": _landlord_profile(request.user)})


def _house_page(request, house, template, check_in_form=None, claims=()):
    tenancies = list(selectors.tenancies_of_house(house=house))
    _audit_tenants(request, tenancies)
    # police see who is past the deadline unregistered; a landlord, whom they have not yet declared
    overdue = selectors.overdue_tenancies if request.user.is_staff_role else selectors.undeclared_tenancies
    overdue_ids = set(overdue(Tenancy.objects.filter(house=house)).values_list("pk", flat=True))
    rooms = list(house.rooms.filter(status="active").select_related("landlord"))
    return render(request, template, {
        "house": house, "rooms": rooms, "tenancies": tenancies, "overdue_ids": overdue_ids,
        "current": [t for t in tenancies if t.is_active], "past": [t for t in tenancies if not t.is_active],
        "room_form": RoomForm(), "merge_form": MergeForm(house=house),
        "house_form": HouseForm(auto_id="house_%s", initial={
            "kind": house.kind, "capacity": house.capacity, "floor_area": house.floor_area}),
        "check_in_form": check_in_form or CheckInForm(house=house, initial={"token": uuid.uuid4().hex}),
        "plate": house.plates.filter(revoked_at__isnull=True).first(),
        "deadline": services.deadline_days(house.jurisdiction), "claims": claims,
        # the house's landlords change it; of the staff, only the roles that manage houses (others read)
        "can_change": not request.user.is_staff_role or request.user.may_manage_houses,
    })


@public_login_required
def landlord_house_view(request, pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    return _house_page(request, house, "houses/landlord_house.html")


def _house_template(request) -> str:
    return "houses/house_detail.html" if request.user.is_staff_role else "houses/landlord_house.html"


def _back(request, house):
    return redirect("houses:detail" if request.user.is_staff_role else "houses:landlord_house", pk=house.pk)


@login_required
@require_POST
def house_edit_view(request, pk):
    """The house's kind, capacity and floor area: its landlord, or police of its place."""
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    form = HouseForm(request.POST)
    if form.is_valid():
        try:
            services.house_update(actor=request.user, house=house, **form.cleaned_data)
            messages.success(request, _("House details saved"))
        except services.HouseError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
    return _back(request, house)


@login_required
@require_POST
def room_add_view(request, pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    form = RoomForm(request.POST)
    if form.is_valid():
        try:
            services.room_add(actor=request.user, house=house, **form.cleaned_data)
            messages.success(request, _("Room %(number)s added") % form.cleaned_data)
        except services.HouseError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Room number is required"))
    return _back(request, house)


@login_required
@require_POST
def rooms_merge_view(request, pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    form = MergeForm(request.POST, house=house)
    if form.is_valid():
        rooms = list(Room.objects.filter(house=house, pk__in=form.cleaned_data["rooms"]))
        try:
            services.rooms_merge(actor=request.user, house=house, rooms=rooms, number=form.cleaned_data["number"])
            messages.success(request, _("Rooms merged"))
        except services.HouseError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose at least two rooms of this house to merge"))
    return _back(request, house)


@login_required
@require_POST
def room_bind_view(request, pk, room_pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    room = get_object_or_404(Room, pk=room_pk, house=house)
    phone = request.POST.get("phone", "").strip()
    try:
        landlord = services.landlord_for_phone(phone=phone, actor=request.user) if phone else None
        services.room_bind(actor=request.user, room=room, landlord=landlord)
    except (services.HouseError, ValueError) as exc:
        messages.error(request, str(exc))
    return _back(request, house)


@login_required
@require_POST
def check_in_view(request, pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    if "ocr" in request.POST:
        # The tenant's ID card photographed: the form comes back filled for the landlord to check, nothing filed
        from anju.registrations.idcard import read_id_card

        kept = {k: v for k, v in request.POST.items() if k in ("phone", "move_in", "room", "token") and v}
        fields = {k: v for k, v in read_id_card(request).items() if k in ("name", "id_number")}
        form = CheckInForm(house=house, initial={"token": uuid.uuid4().hex, **kept, **fields})
        return _house_page(request, house, _house_template(request), check_in_form=form)
    form = CheckInForm(request.POST, house=house, reader=request.user)
    if form.is_valid():
        data = form.cleaned_data
        room = Room.objects.filter(house=house, pk=data["room"]).first() if data["room"] else None
        try:
            tenancy = services.tenant_check_in(
                actor=request.user, house=house, room=room, name=data["name"], id_number=data["id_number"],
                move_in=data["move_in"], phone=data["phone"],
                idempotency_key=f"checkin:{request.user.pk}:{data['token']}" if data["token"] else None)
        except (services.HouseError, ValueError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s is checked in; the residence declaration has been filed") %
                             {"name": tenancy.name})
            return _back(request, house)
    # the form comes back as it was typed, with what is wrong beside it (nothing was filed)
    return _house_page(request, house, _house_template(request), check_in_form=form)


@login_required
@require_POST
def check_out_view(request, pk, tenancy_pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    tenancy = get_object_or_404(Tenancy, pk=tenancy_pk, house=house)
    try:
        proposal = services.tenant_check_out(actor=request.user, tenancy=tenancy)
        messages.success(request, (_("%(name)s is checked out; deregistration has been proposed") if proposal else
                                   _("%(name)s is checked out and has no active registration here; nothing to "
                                     "deregister")) % {"name": tenancy.name})
    except services.HouseError as exc:
        messages.error(request, str(exc))
    return _back(request, house)


# Staff ----------------------------------------------------------------------------------------------

@staff_required
def house_list_view(request):
    q, node_code = request.GET.get("q", ""), request.GET.get("node", "")
    page = Paginator(selectors.house_list(user=request.user, q=q, node_code=node_code), 50).get_page(request.GET.get("page"))
    overdue = {}
    for tenancy in selectors.overdue_tenancies(Tenancy.objects.filter(house__in=list(page.object_list))):
        overdue[tenancy.house_id] = overdue.get(tenancy.house_id, 0) + 1
    for house in page.object_list:
        house.overdue_count = overdue.get(house.pk, 0)
    nodes = selectors.node_list(user=request.user).filter(level__in=["station", "community"])
    return render(request, "houses/house_list.html", {"page": page, "q": q, "node_code": node_code, "nodes": nodes,
                                                      "claims_waiting": selectors.claims_pending(user=request.user).count()
                                                      if request.user.may_manage_houses else 0})


@staff_required
def housing_stock_view(request):
    """The housing stock (accounts/choices.Area.HOUSING): each house's use, size and occupant counts, no one's
    record; what the housing department reads, audited page by page."""
    q, node_code = request.GET.get("q", ""), request.GET.get("node", "")
    page = Paginator(selectors.housing_stock(user=request.user, q=q, node_code=node_code), 50) \
        .get_page(request.GET.get("page"))
    selectors.housing_stock_audit(user=request.user, ids=[house.pk for house in page.object_list], request=request)
    nodes = selectors.node_list(user=request.user).filter(level__in=["station", "community"])
    return render(request, "houses/housing_stock.html", {"page": page, "q": q, "node_code": node_code, "nodes": nodes})


@staff_required
def house_detail_view(request, pk):
    house = selectors.house_get(user=request.user, pk=pk)
    claims = (_claims_read(request, selectors.claims_pending(user=request.user, house=house))
              if request.user.may_manage_houses else ())
    return _house_page(request, house, "houses/house_detail.html", claims=claims)


@staff_required
def claims_view(request):
    """Landlords' claims to houses already in the system, waiting for the police of their places: for the roles
    that decide them, as the claimants' phone numbers are shown."""
    require_right(request.user, HOUSE_ROLES)
    page = Paginator(selectors.claims_pending(user=request.user), 50).get_page(request.GET.get("page"))
    page.object_list = _claims_read(request, page.object_list)
    return render(request, "houses/claims.html", {"page": page})


@staff_required
@require_POST
def claim_decide_view(request, pk):
    claim = selectors.claim_get(user=request.user, pk=pk)
    try:
        services.house_claim_decide(actor=request.user, claim=claim, approve=request.POST.get("approve") == "1",
                                    note=request.POST.get("note", ""))
        messages.success(request, _("Done"))
    except services.HouseError as exc:
        messages.error(request, str(exc))
    return redirect("houses:detail", pk=claim.house_id) if request.POST.get("back") == "house" else redirect(
        "houses:claims")


@staff_required
def house_new_view(request):
    """Police register a house on a landlord's behalf."""
    require_right(request.user, HOUSE_ROLES)  # refused before the form is filled in, not after
    form = StaffHouseForm(request.POST or None, initial={"address_code": request.GET.get("address", "")})
    q = request.GET.get("q", "").strip()
    results = address_search(user=request.user, q=q) if q else []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            address = address_get(user=request.user, code=data["address_code"])
            landlord = (services.landlord_for_phone(phone=data["landlord_phone"], name=data["landlord_name"],
                                                    actor=request.user) if data["landlord_phone"] else None)
            house = services.house_register(actor=request.user, standard_address=address, kind=data["kind"],
                                            capacity=data["capacity"], floor_area=data["floor_area"], landlord=landlord)
        except (services.HouseError, ValueError) as exc:
            form.add_error(None, str(exc))
        except Http404:  # unknown, or outside the jurisdiction: the same answer for both
            form.add_error("address_code", _("No such standard address in your jurisdiction"))
        else:
            return redirect("houses:detail", pk=house.pk)
    return render(request, "houses/house_new.html", {"form": form, "q": q, "results": results})


@staff_required
@require_POST
def plate_reissue_view(request, pk):
    house = selectors.house_get(user=request.user, pk=pk)
    services.plate_reissue(actor=request.user, house=house, reason=request.POST.get("reason", ""))
    messages.success(request, _("A new plate was issued; the old one no longer works"))
    return redirect("houses:detail", pk=house.pk)


@staff_required
@require_POST
def plate_revoke_view(request, pk):
    house = selectors.house_get(user=request.user, pk=pk)
    plate = house.plates.filter(revoked_at__isnull=True).first()
    reason = request.POST.get("reason", "").strip()
    if plate and not reason:
        messages.error(request, _("Say why the plate is revoked"))
    elif plate:
        services.plate_revoke(actor=request.user, plate=plate, reason=reason)
        messages.success(request, _("The plate was revoked"))
    return redirect("houses:detail", pk=house.pk)


def _pdf_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def plate_pdf_view(request, pk):
    house = selectors.house_for_actor(actor=request.user, pk=pk)
    plate = house.plates.filter(revoked_at__isnull=True).first()
    items = [exports.plate_item(house, plate)] if plate else []
    if items:  # the plate's code proves a claim to the house (services.house_claim): its print is audited, as a batch's
        audit_log(actor=request.user, action="plate.print", object_type="house", object_ids=[house.pk], request=request)
    return _pdf_response(plates.plates_pdf(items), f"plate-{house.pk}.pdf")


@staff_required
def plates_pdf_view(request):
    """A whole community's (or any node's) plates in one PDF, for printing in batch."""
    houses = selectors.house_list(user=request.user, node_code=request.GET.get("node", ""))
    items = exports.plate_items(houses)
    audit_log(actor=request.user, action="plate.print", object_type="house", object_ids=[i["house"] for i in items],
              request=request)
    return _pdf_response(plates.plates_pdf(items), f"plates-{request.GET.get('node', 'all')}.pdf")


@staff_required
def overdue_view(request):
    tenancies = list(selectors.overdue_for_staff(user=request.user))
    _audit_tenants(request, tenancies)
    for tenancy in tenancies:
        tenancy.state = selectors.declaration_state(tenancy)
    return render(request, "houses/overdue.html", {
        "tenancies": tenancies, "landlords": selectors.noncompliant_landlords(user=request.user),
        "today": timezone.localdate(),
    })


@staff_required
def houses_export_view(request):
    if not request.user.can_export:
        raise PermissionDenied
    houses = list(selectors.house_list(user=request.user, node_code=request.GET.get("node", "")))
    audit_log(actor=request.user, action="house.export", object_type="house", object_ids=[h.pk for h in houses],
              request=request)
    buffer = io.BytesIO()
    exports.houses_workbook(houses).save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="houses-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@staff_required
def houses_import_view(request):
    require_right(request.user, HOUSE_ROLES)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = exports.houses_import(actor=request.user, upload=form.cleaned_data["file"])
    return render(request, "houses/import.html", {"form": form, "report": report})
