"""Thin views over registrations.services and registrations.selectors."""
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext, pgettext
from django.views.decorators.http import require_POST

from anju.core.decorators import public_login_required, staff_required
from anju.accounts.models import User
from anju.addresses.selectors import address_get, address_search
from anju.audit.services import audit_log
from anju.core.documents import DocumentError, public_key_pem, verify_document
from anju.houses import plates
from anju.houses.models import Room
from anju.houses.services import house_at_address, plate_house
from anju.jurisdictions.selectors import node_list
from anju.registrations import selectors, services
from anju.registrations.certificates import certificate_pdf
from anju.registrations.idcard import read_id_card as _read_id_card
from anju.registrations.choices import Channel, DeclarationKind
from anju.registrations.forms import (
    DeclareForm, DelegationForm, OrganisationForm, RejectForm, TaskForm, TaskResultForm, WorkerForm,
)
from anju.registrations.models import Delegation, Organisation


def _public(request):
    if request.user.is_staff_role:
        raise PermissionDenied


def _declare(request, house, *, template="registrations/declare.html", extra=None, replaces=None, prefill=None):
    """The declaration form at ``house``; ``replaces``: the declarant's declaration it corrects (withdrawn when the
    corrected one is filed), ``prefill`` the form's values from it."""
    delegations = list(selectors.delegations_received(user=request.user))
    initial = {"token": uuid.uuid4().hex, "phone": request.user.phone or "", **(prefill or {})}
    if request.method == "POST" and "ocr" in request.POST:
        fields = _read_id_card(request)
        kept = {k: v for k, v in request.POST.items() if k in ("phone", "move_in", "room", "token", "on_behalf") and v}
        form = DeclareForm(house=house, delegations=delegations, initial={**initial, **kept, **fields})
        return render(request, template, {"form": form, "house": house, **(extra or {})})
    form = DeclareForm(request.POST or None, house=house, delegations=delegations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        room = Room.objects.filter(house=house, pk=data["room"]).first() if data["room"] else None
        channel, on_behalf_of, delegation = Channel.RESIDENT, None, None
        try:
            if data["on_behalf"]:
                delegation = get_object_or_404(Delegation, pk=data["on_behalf"])
                services.delegation_usable(delegation=delegation, agent=request.user)
                channel, on_behalf_of = Channel.AGENT, delegation.grantor
            values = dict(
                actor=request.user, channel=channel, house=house, room=room, name=data["name"],
                id_number=data["id_number"], move_in=data["move_in"], phone=data["phone"], children=form.children(),
                idempotency_key=f"declare:{request.user.pk}:{data['token']}", on_behalf_of=on_behalf_of,
                delegation=delegation, **form.items())
            if replaces is not None:
                declaration = services.declaration_correct(declaration=replaces, **values)
            else:
                declaration = services.declare(**values)
        except (services.RegistrationError, ValueError) as exc:
            form.add_error(None, str(exc))
        else:
            if replaces is not None:
                messages.success(request, _("Corrected: the earlier declaration is withdrawn and this one waits for "
                                            "the community police"))
            else:
                messages.success(request, _("Your declaration has been received; the community police will verify it"))
            return redirect("registrations:my_declaration", pk=declaration.pk)
    return render(request, template, {"form": form, "house": house, **(extra or {})})


@public_login_required
def declare_from_plate_view(request, token):
    _public(request)
    try:
        house = plate_house(token=token)
    except plates.PlateTokenError as exc:
        return render(request, "houses/plate_error.html", {"error": str(exc), "kind": exc.kind}, status=404)
    return _declare(request, house)


@public_login_required
def declare_by_address_view(request):
    _public(request)
    code = request.GET.get("address", "")
    if code:
        try:
            house = house_at_address(actor=request.user, standard_address=address_get(code=code, public=True))
        except Http404:
            messages.error(request, _("Choose your address from the search results"))
            return redirect("registrations:declare")
        return _declare(request, house)
    q = request.GET.get("q", "").strip()
    return render(request, "registrations/declare_search.html",
                  {"q": q, "results": address_search(q=q, public=True) if q else []})


@public_login_required
def my_declaration_view(request, pk):
    declaration = get_object_or_404(selectors.own_declarations(user=request.user), pk=pk)
    return render(request, "registrations/my_declaration.html", {"declaration": declaration})


@public_login_required
@require_POST
def my_declaration_withdraw_view(request, pk):
    declaration = get_object_or_404(selectors.own_declarations(user=request.user), pk=pk)
    try:
        services.declaration_withdraw(actor=request.user, declaration=declaration)
        messages.success(request, _("Declaration withdrawn: it no longer waits for the community police"))
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    return redirect("registrations:my_declaration", pk=declaration.pk)


@public_login_required
def my_declaration_correct_view(request, pk):
    """The declaration form at the same house, filled from the declarant's declaration; filing it withdraws that one."""
    _public(request)
    declaration = get_object_or_404(selectors.own_declarations(user=request.user), pk=pk)
    if not declaration.correctable:
        messages.error(request, _("This declaration can no longer be corrected: it is %(status)s")
                       % {"status": declaration.get_status_display()})
        return redirect("registrations:my_declaration", pk=declaration.pk)
    return _declare(request, declaration.house, replaces=declaration,
                    prefill=selectors.own_declaration_values(user=request.user, declaration=declaration),
                    extra={"replaces": declaration})


@public_login_required
def my_certificate_view(request, pk):
    registration = selectors.own_registration(user=request.user, pk=pk)
    audit_log(actor=request.user, action="registration.certificate", object_type="registration",
              object_ids=[registration.pk], request=request)
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{registration.number}.pdf"'
    return response


@public_login_required
@require_POST
def my_registration_end_view(request, pk):
    registration = selectors.own_registration(user=request.user, pk=pk)
    try:
        services.registration_end(actor=request.user, registration=registration,
                                  reason=request.POST.get("reason", "") or _("the resident moved away"))
        messages.success(request, _("Your registration has ended"))
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    return redirect("people:me")


@public_login_required
def delegations_view(request):
    _public(request)
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegation_grant(grantor=request.user, **form.cleaned_data)
            messages.success(request, _("Delegation granted"))
            return redirect("registrations:delegations")
        except (services.RegistrationError, ValueError) as exc:
            form.add_error(None, str(exc))
    return render(request, "registrations/delegations.html", {
        "form": form, "granted": Delegation.objects.filter(grantor=request.user).select_related("agent"),
        "received": selectors.delegations_received(user=request.user)})


@public_login_required
@require_POST
def delegation_revoke_view(request, pk):
    delegation = get_object_or_404(Delegation, pk=pk, grantor=request.user)
    services.delegation_revoke(grantor=request.user, delegation=delegation)
    messages.success(request, _("Delegation revoked"))
    return redirect("registrations:delegations")


def verify_view(request, token):
    """Checks a certificate's QR: the signature over its content, with no database lookup."""
    try:
        payload = verify_document(token)
    except DocumentError as exc:
        return render(request, "registrations/verify.html", {"error": str(exc)}, status=400)
    return render(request, "registrations/verify.html", {"payload": payload})


def public_key_view(request):
    return HttpResponse(public_key_pem(), content_type="text/plain; charset=utf-8")


# Workplaces (业态码) -------------------------------------------------------------------------------

def workplace_view(request, token):
    """What a workplace QR opens: a worker declares where they live, with the employment attached."""
    try:
        organisation = selectors.organisation_by_token(token=token)
    except plates.PlateTokenError as exc:
        return render(request, "houses/plate_error.html", {"error": str(exc), "kind": exc.kind}, status=404)
    if not request.user.is_authenticated:
        return render(request, "registrations/workplace.html", {"organisation": organisation, "token": token})
    _public(request)
    return _worker_form(request, organisation, self_declared=True, template="registrations/workplace.html",
                        extra={"token": token})


def _worker_form(request, organisation, *, self_declared, template, extra=None):
    q = request.GET.get("q", "").strip()
    form = WorkerForm(request.POST or None, initial={"token": uuid.uuid4().hex, "address_code": request.GET.get("address", ""),
                                                     "phone": request.user.phone if self_declared else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            house = house_at_address(actor=request.user,
                                     standard_address=address_get(code=data["address_code"], public=True))
            declaration = services.worker_register(
                actor=request.user, organisation=organisation, house=house, name=data["name"],
                id_number=data["id_number"], move_in=data["move_in"], phone=data["phone"],
                position=data["position"], self_declared=self_declared,
                idempotency_key=f"worker:{request.user.pk}:{data['token']}",
                **{k: v for k, v in form.items().items() if k not in ("employer", "occupation")})
        except Http404:
            form.add_error("address_code", _("Choose your address from the search results"))
        except (services.RegistrationError, ValueError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s is registered; the community police will verify it")
                             % {"name": declaration.name})
            if self_declared:
                return redirect("registrations:my_declaration", pk=declaration.pk)
            return redirect("registrations:organisation", pk=organisation.pk)
    code = form["address_code"].value() or ""
    try:
        chosen = address_get(code=code, public=True) if code else None
    except Http404:
        chosen = None
    return render(request, template, {"organisation": organisation, "form": form, "q": q, "chosen": chosen,
                                      "results": address_search(q=q, public=True) if q else [], **(extra or {})})


@public_login_required
def organisations_mine_view(request):
    return render(request, "registrations/organisations_mine.html",
                  {"organisations": selectors.organisations_operated(user=request.user)})


@public_login_required
def organisation_view(request, pk):
    organisation = get_object_or_404(selectors.organisations_operated(user=request.user), pk=pk)
    employments = organisation.employments.select_related("declaration").order_by("-started_on")
    audit_log(actor=request.user, action="employment.list", object_type="declaration",
              object_ids=[e.declaration_id for e in employments], request=request)
    return _worker_form(request, organisation, self_declared=False, template="registrations/organisation.html",
                        extra={"employments": employments, "qr": plates.qr_svg_for(
                            f"/o/{plates.sign(organisation.qr_serial)}/")})


# Staff ----------------------------------------------------------------------------------------------

@staff_required
def queue_view(request):
    flagged = request.GET.get("f", "")
    if request.method == "POST":
        ids = request.POST.getlist("ids")
        if not ids:
            messages.warning(request, _("Tick the declarations to approve first"))
            return redirect(request.get_full_path())
        chosen = list(selectors.declaration_queue(user=request.user).filter(pk__in=ids))
        approved, skipped = services.declarations_approve_clean(actor=request.user, declarations=chosen)
        if len(chosen) < len(set(ids)):  # withdrawn by the declarant, or decided by a colleague, since the page showed
            gone = len(set(ids)) - len(chosen)
            messages.warning(request, ngettext(
                "%(n)d ticked declaration no longer waits for a decision (withdrawn or decided meanwhile)",
                "%(n)d ticked declarations no longer wait for a decision (withdrawn or decided meanwhile)", gone)
                % {"n": gone})
        messages.success(request, ngettext("%(n)d declaration approved", "%(n)d declarations approved", approved)
                         % {"n": approved})
        if skipped:
            messages.warning(request, _("Left for one-by-one review: %(names)s") % {"names": "、".join(skipped)})
        return redirect(request.get_full_path())
    page = Paginator(selectors.declaration_queue(user=request.user, flagged=flagged), 50).get_page(request.GET.get("page"))
    audit_log(actor=request.user, action="declaration.list", object_type="declaration",
              object_ids=[d.pk for d in page.object_list], request=request, purpose=selectors.PURPOSE)
    return render(request, "registrations/queue.html", {"page": page, "f": flagged})


def _assignable_staff(user, declaration):
    nodes = [n.pk for n in node_list(user=user)]
    return User.objects.filter(jurisdiction__in=nodes, role__in=["officer", "auxiliary", "grid_worker"],
                               is_active=True).order_by("role", "username")


@staff_required
def declaration_view(request, pk):
    declaration = selectors.declaration_get(user=request.user, pk=pk, request=request)
    action = request.POST.get("action")
    reject_form = RejectForm(request.POST if action == "reject" else None)
    task_form = TaskForm(request.POST if action == "task" else None, staff=_assignable_staff(request.user, declaration))
    try:
        if action == "approve":
            registration = services.declaration_approve(actor=request.user, declaration=declaration,
                                                        note=request.POST.get("note", ""),
                                                        same_person=request.POST.get("same_person") == "1")
            if declaration.kind == DeclarationKind.REGISTER:
                messages.success(request, _("Approved: the registration is in force"))
            elif registration is not None:
                messages.success(request, _("Approved: the registration has ended"))
            else:
                messages.success(request, _("Approved: no registration here was in force, nothing to end"))
            return redirect("registrations:queue")
        if action == "reject" and reject_form.is_valid():
            services.declaration_reject(actor=request.user, declaration=declaration, **reject_form.cleaned_data)
            messages.success(request, pgettext("declaration", "Rejected"))
            return redirect("registrations:queue")
        if action == "task" and task_form.is_valid():
            data = task_form.cleaned_data
            services.task_create(actor=request.user, declaration=declaration,
                                 assignee=User.objects.get(pk=data["assignee"]), due_on=data["due_on"],
                                 instructions=data["instructions"])
            messages.success(request, _("On-site verification task created"))
            return redirect("registrations:declaration", pk=declaration.pk)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    return render(request, "registrations/declaration.html", {
        "d": declaration, "reject_form": reject_form, "task_form": task_form,
        "registry": declaration.identity_detail.get("registry"), "hint": declaration.identity_detail.get("name_hint"),
        "others": selectors.registered_under_other_names(user=request.user, declaration=declaration, request=request),
        "twins": selectors.declared_twice(user=request.user, declaration=declaration, request=request),
    })


@staff_required
def tasks_view(request):
    done = request.GET.get("done") == "1"
    return render(request, "registrations/tasks.html",
                  {"tasks": selectors.task_list(user=request.user, done=done, request=request), "done": done})


@staff_required
def task_view(request, pk):
    task = selectors.task_get(user=request.user, pk=pk, request=request)
    form = TaskResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(actor=request.user, task=task, **form.cleaned_data)
            messages.success(request, _("Result recorded"))
            return redirect("registrations:tasks")
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
    return render(request, "registrations/task.html", {"task": task, "form": form})


@staff_required
def registrations_view(request):
    q, status = request.GET.get("q", ""), request.GET.get("status", "active")
    person = request.GET.get("person") or None  # the person page's "more": this person's registrations
    page = Paginator(selectors.registration_search(user=request.user, q=q, status=status, person=person), 50).get_page(
        request.GET.get("page"))
    audit_log(actor=request.user, action="registration.list", object_type="registration",
              object_ids=[r.pk for r in page.object_list], request=request, purpose=selectors.PURPOSE)
    return render(request, "registrations/registrations.html", {"page": page, "q": q, "status": status,
                                                                "person": person})


@staff_required
def registration_view(request, pk):
    registration = selectors.registration_get(user=request.user, pk=pk, request=request)
    if request.method == "POST":
        try:
            services.registration_end(actor=request.user, registration=registration,
                                      reason=request.POST.get("reason", ""))
            messages.success(request, _("Deregistered"))
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        return redirect("registrations:registration", pk=registration.pk)
    history = selectors.registration_history(user=request.user, registration=registration, request=request)
    return render(request, "registrations/registration.html", {"r": registration, "history": history})


@staff_required
def registration_certificate_view(request, pk):
    registration = selectors.registration_get(user=request.user, pk=pk, request=request)
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{registration.number}.pdf"'
    return response


@staff_required
def organisations_view(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = services.organisation_create(
                actor=request.user, name=data["name"], kind=data["kind"],
                standard_address=address_get(user=request.user, code=data["address_code"]),
                operator_phone=data["operator_phone"], operator_name=data["operator_name"],
                credit_code=data["credit_code"])
        except Http404:
            form.add_error("address_code", _("No such standard address in your jurisdiction"))
        except (services.RegistrationError, ValueError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s registered") % {"name": organisation.name})
            return redirect("registrations:organisations")
    organisations = Organisation.objects.restrict(request.user).select_related("jurisdiction").prefetch_related("operators")
    return render(request, "registrations/organisations.html", {"form": form, "organisations": organisations})
