"""Thin views over doors.services and doors.selectors: staff pages (scoped) and the landlord's card page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.accounts.choices import HOUSE_ROLES, Area, Role
from anju.accounts.permissions import has_right
from anju.audit.services import audit_log
from anju.core.decorators import public_login_required, staff_required
from anju.doors import selectors, services
from anju.doors.choices import DeviceStatus, RequestStatus
from anju.doors.models import Credential, SuspensionRequest
from anju.houses.selectors import house_for_actor, house_get
from anju.registrations.choices import RegistrationStatus


@staff_required
def device_list_view(request):
    status = request.GET.get("status", "")
    page = Paginator(selectors.device_list(user=request.user, status=status), 50).get_page(request.GET.get("page"))
    return render(request, "doors/device_list.html", {"page": page, "status": status,
                                                      "statuses": DeviceStatus.choices})


@staff_required
def device_detail_view(request, pk):
    device = selectors.device_get(user=request.user, pk=pk)
    events = list(selectors.device_events(device=device))
    holders = {e.credential.registration_id for e in events if e.credential_id}
    if holders:
        audit_log(actor=request.user, action="door.event.list", object_type="registration", object_ids=sorted(holders),
                  request=request, purpose="门禁管理 door access")
    return render(request, "doors/device_detail.html", {
        "device": device, "events": events, "alarms": device.alarms.order_by("-raised_at")[:20],
        "may_rotate_key": request.user.role in KEY_ROLES})


KEY_ROLES = frozenset({Role.ADMIN, Role.OFFICER})


@staff_required
@require_POST
def device_key_view(request, pk):
    """A new key for the device, shown once for the installer to load (services.device_rotate_secret)."""
    if request.user.role not in KEY_ROLES:
        raise PermissionDenied
    device = selectors.device_get(user=request.user, pk=pk)
    try:
        device, key = services.device_rotate_secret(actor=request.user, device=device)
    except services.DoorError as exc:
        messages.error(request, str(exc))
        return redirect("doors:device", pk=device.pk)
    response = render(request, "doors/device_key.html", {"device": device, "key": key})
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def alarm_list_view(request):
    live = request.GET.get("all", "") != "1"
    page = Paginator(selectors.alarm_list(user=request.user, live_only=live), 50).get_page(request.GET.get("page"))
    return render(request, "doors/alarm_list.html", {"page": page, "live": live})


@staff_required
@require_POST
def alarm_action_view(request, pk, action):
    alarm = selectors.alarm_get(user=request.user, pk=pk)
    try:
        if action == "acknowledge":
            services.alarm_acknowledge(actor=request.user, alarm=alarm, note=request.POST.get("note", ""))
        else:
            services.alarm_close(actor=request.user, alarm=alarm, note=request.POST.get("note", ""))
        messages.success(request, _("Alarm acknowledged: someone is on it") if action == "acknowledge"
                         else _("Alarm closed"))
    except services.DoorError as exc:
        messages.error(request, str(exc))
    return redirect("doors:alarms")


def _cards_page(request, house, template):
    credentials = list(selectors.credentials_of_house(house=house))
    registrations = house.registrations.filter(status=RegistrationStatus.ACTIVE).order_by("name")
    audit_log(actor=request.user, action="door.credential.list", object_type="registration",
              object_ids=sorted({c.registration_id for c in credentials} | {r.pk for r in registrations}),
              request=request, purpose="门禁卡管理 card management")
    return render(request, template, {
        "house": house, "credentials": credentials, "registrations": registrations,
        "pending": [r for c in credentials for r in c.suspension_requests.all() if r.status == RequestStatus.PENDING],
        # the cards' services let staff whose role manages houses and the house's landlords (public users) act;
        # a reading role (commander, grid worker) sees the cards and no button that would be refused
        "may_change_cards": has_right(request.user, HOUSE_ROLES),
    })


@staff_required
def house_cards_view(request, pk):
    return _cards_page(request, house_get(user=request.user, pk=pk), "doors/house_cards.html")


@public_login_required
def landlord_cards_view(request, pk):
    house = house_for_actor(actor=request.user, pk=pk, areas=(Area.HOUSES, Area.DOORS))  # the cards' holders
    return _cards_page(request, house, "doors/landlord_cards.html")


def _back(request, house):
    return redirect("doors:house_cards" if request.user.is_staff_role else "doors:landlord_cards", pk=house.pk)


@login_required
@require_POST
def card_issue_view(request, pk):
    house = house_for_actor(actor=request.user, pk=pk)
    registration = house.registrations.filter(pk=request.POST.get("registration") or 0).first()
    try:
        card = services.credential_issue(actor=request.user, house=house, registration=registration,
                                         uid=request.POST.get("uid", ""), kind=request.POST.get("kind", "card"),
                                         valid_until=parse_date(request.POST.get("valid_until", "") or "") or None)
        messages.success(request, _("Card %(uid)s issued to %(name)s") % {"uid": card.uid, "name": card.holder_name})
    except (services.DoorError, ValueError) as exc:
        messages.error(request, str(exc))
    return _back(request, house)


ACTIONS = {
    "loss": lambda actor, card, post: services.credential_report_loss(actor=actor, credential=card,
                                                                      reason=post.get("reason", "")),
    "unlock": lambda actor, card, post: services.credential_unlock(actor=actor, credential=card),
    "cancel": lambda actor, card, post: services.credential_cancel(actor=actor, credential=card,
                                                                   reason=post.get("reason", "")),
    "reissue": lambda actor, card, post: services.credential_reissue(actor=actor, credential=card,
                                                                     uid=post.get("uid", ""),
                                                                     reason=post.get("reason", "")),
    "renew": lambda actor, card, post: services.credential_renew(actor=actor, credential=card),
    "resume": lambda actor, card, post: services.credential_resume(actor=actor, credential=card,
                                                                   reason=post.get("reason", "")),
    "suspend": lambda actor, card, post: services.suspension_request(actor=actor, credential=card,
                                                                     reason=post.get("reason", "")),
}


@login_required
@require_POST
def card_action_view(request, pk, card_pk, action):
    house = house_for_actor(actor=request.user, pk=pk)
    card = get_object_or_404(Credential, pk=card_pk, house=house)
    if action not in ACTIONS:
        raise PermissionDenied
    try:
        ACTIONS[action](request.user, card, request.POST)
        messages.success(request, _("Done"))
    except services.DoorError as exc:
        messages.error(request, str(exc))
    return _back(request, house)


@staff_required
@require_POST
def suspension_decide_view(request, pk, request_pk):
    house = house_get(user=request.user, pk=pk)
    suspension = get_object_or_404(SuspensionRequest, pk=request_pk, credential__house=house)
    try:
        services.suspension_decide(actor=request.user, request=suspension, approve=request.POST.get("approve") == "1",
                                   note=request.POST.get("note", ""))
        messages.success(request, _("Done"))
    except services.DoorError as exc:
        messages.error(request, str(exc))
    return redirect("doors:house_cards", pk=house.pk)


@public_login_required
def residence_proof_view(request, pk):
    """The resident's own residence proof: only for a registration linked to their account."""
    from django.http import Http404, HttpResponse

    from anju.doors.proof import proof_pdf
    from anju.registrations.models import Registration

    registration = Registration.objects.filter(pk=pk, account=request.user).first()
    if registration is None:
        raise Http404("not found")
    audit_log(actor=request.user, action="door.residence_proof", object_type="registration",
              object_ids=[registration.pk], request=request, purpose="本人申请居住证明 own request")
    response = HttpResponse(proof_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="residence-proof-{registration.number}.pdf"'
    return response




@staff_required
def care_view(request):
    """Care check (关爱): the enrolled elderly people living alone of one's jurisdiction, the visits due because
    nobody saw them at the door, enrolment with their consent, and the end of it."""
    if not request.user.may_read(Area.CARE):
        raise PermissionDenied
    from anju.doors.models import CareEnrolment, CareTask
    from anju.registrations.models import Registration

    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "enrol":
                number = request.POST.get("registration", "").strip()
                registration = Registration.objects.restrict(request.user).filter(number=number).first()
                if registration is None:
                    raise services.DoorError(_("No registration %(number)s in your jurisdiction")
                                             % {"number": number})
                services.care_enrol(actor=request.user, registration=registration,
                                    consent_note=request.POST.get("consent", ""), days=request.POST.get("days"))
                messages.success(request, _("Enrolled: a visit is due when nobody sees them at the door"))
            elif action == "visited":
                task = get_object_or_404(CareTask.objects.restrict(request.user), pk=request.POST.get("task"))
                services.care_task_done(actor=request.user, task=task, note=request.POST.get("note", ""))
                messages.success(request, _("Visit recorded"))
            elif action == "end":
                enrolment = get_object_or_404(CareEnrolment.objects.restrict(request.user),
                                              pk=request.POST.get("enrolment"))
                services.care_end(actor=request.user, enrolment=enrolment, reason=request.POST.get("reason", ""))
                messages.success(request, _("Care check ended"))
        except services.DoorError as exc:
            messages.error(request, str(exc))
        return redirect("doors:care")
    tasks, enrolments = selectors.care_overview(user=request.user, request=request)
    q = request.GET.get("q", "").strip()
    return render(request, "doors/care.html", {
        "tasks": tasks, "enrolments": enrolments, "q": q, "number": request.GET.get("registration", ""),
        "candidates": selectors.care_candidates(user=request.user, q=q, request=request)})
