"""Thin views over people.selectors: every read is scoped and audited there."""
import io
import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.core.decorators import public_login_required, staff_required
from anju.audit.selectors import record_access_history
from anju.jurisdictions.selectors import node_list
from anju.people import exports
from anju.people.models import Person
from anju.people.related import person_sections
from anju.people.selectors import RESIDENCE_CHOICES
from anju.people.selectors import (
    PersonSearchError, own_records, person_details, person_fields, person_get, person_id_number_reveal,
    person_list_audit, person_own, person_search, person_unmask_check,
)


def _residence(request) -> str:
    """Whom the list shows: those living here (the default), those who left (left), or both (all)."""
    residence = request.GET.get("residence", "")
    return residence if residence in RESIDENCE_CHOICES else RESIDENCE_CHOICES[0]


@staff_required
def person_list_view(request):
    q, node_code = request.GET.get("q", ""), request.GET.get("node", "")
    residence = _residence(request)
    try:
        found = person_search(user=request.user, q=q, node_code=node_code, residence=residence)
    except PersonSearchError as exc:
        messages.error(request, str(exc))
        found = Person.objects.none()
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    page.object_list = person_details(user=request.user, people=page.object_list)
    person_list_audit(user=request.user, ids=[p.pk for p in page.object_list], request=request)
    nodes = node_list(user=request.user).exclude(level="grid")
    return render(request, "people/person_list.html", {"page": page, "q": q, "node_code": node_code, "nodes": nodes,
                                                       "residence": residence,
                                                       "fields": person_fields(user=request.user)})


# Unmasking is POST/redirect/GET: the form's POST only files the request (with its reason) in the session and
# sends the browser to the person's page; that GET reveals the number, audited, and uses the request up. Reloading
# the page therefore neither re-posts the form nor audits a second reveal: it shows the mask again.
_REVEAL = "people.reveal"
_REVEAL_SECONDS = 60  # a request the browser never came back for is not honoured on a later visit


@staff_required
def person_detail_view(request, pk):
    person = person_get(user=request.user, pk=pk, purpose=request.GET.get("purpose", ""), request=request)
    [person] = person_details(user=request.user, people=[person])  # what the reader's duty derives: employer, alone
    purpose = _reveal_requested(request, person.pk)
    number = person_id_number_reveal(user=request.user, person=person, purpose=purpose, request=request) \
        if purpose else ""
    response = render(request, "people/person_detail.html", {
        "person": person, "id_number": number, "fields": person_fields(user=request.user),
        # the person's registrations, declarations, door cards and findings, each where the reader's role reads it
        "sections": person_sections(user=request.user, person=person, request=request)})
    if number:
        response["Cache-Control"] = "no-store"  # the full number is not kept in the browser's cache
    return response


@staff_required
@require_POST
def person_unmask_view(request, pk):
    person_unmask_check(user=request.user, pk=pk)
    purpose = request.POST.get("purpose", "").strip()
    if not purpose:  # the page asks for it; a request without one is refused, not given a default reason
        messages.error(request, _("Say why you need the full number"))
    else:
        request.session[_REVEAL] = {str(pk): [purpose, time.time()]}
    return redirect("people:detail", pk=pk)


def _reveal_requested(request, pk) -> str:
    """The reason given for unmasking this person's number just now, taken out of the session (once)."""
    pending = request.session.get(_REVEAL)
    if not pending or str(pk) not in pending:
        return ""
    purpose, asked_at = pending.pop(str(pk))
    request.session[_REVEAL] = pending
    return purpose if time.time() - asked_at <= _REVEAL_SECONDS else ""


@staff_required
def person_export_view(request):
    if not request.user.can_export:
        raise PermissionDenied
    try:
        people = person_details(user=request.user, people=person_search(
            user=request.user, q=request.GET.get("q", ""), node_code=request.GET.get("node", ""),
            residence=_residence(request)))
    except PersonSearchError:  # back to the list page, whose same search says what is wrong (once)
        return redirect(f"{reverse('people:list')}?{request.GET.urlencode()}")
    person_list_audit(user=request.user, ids=[p.pk for p in people], request=request, action="person.export")
    buffer = io.BytesIO()
    exports.people_workbook(people, person_fields(user=request.user)).save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="people-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


MINE_PER_PAGE = 20  # a phone's screenful or two of one's own registrations, or of declarations


@public_login_required
def me_view(request):
    """A public user's own record, and who has read or changed any of their information (people.own_records)."""
    from anju.registrations.selectors import own_declarations, own_registrations

    person = person_own(user=request.user, request=request)
    history = record_access_history(records=own_records(user=request.user, person=person), except_actor=request.user)
    # each list paged on its own (a landlord files for many tenants), as the staff lists are: core/_pager.html
    return render(request, "people/me.html", {
        "person": person, "history": history,
        "registrations": Paginator(own_registrations(user=request.user), MINE_PER_PAGE).get_page(
            request.GET.get("registrations_page")),
        "declarations": Paginator(own_declarations(user=request.user), MINE_PER_PAGE).get_page(
            request.GET.get("declarations_page")),
    })
