"""Staff views: the findings (tasks) of one's jurisdiction, and one finding with its evidence and decision; and the
person's answer to a finding they were asked about by SMS (shown on their "my record" page)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.audit.services import audit_log
from anju.core.decorators import public_login_required
from anju.fusion import evidence, selectors, services
from anju.fusion.choices import FindingKind, FindingStatus
from anju.fusion.forms import ConfirmForm, RejectForm


def _allowed(request):
    if not selectors.can_see_findings(request.user):
        raise PermissionDenied


@login_required
def findings_view(request):
    _allowed(request)
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in FindingKind.values else ""
    status = request.GET.get("status", FindingStatus.OPEN)
    status = status if status in FindingStatus.values or status == "" else FindingStatus.OPEN
    mine = request.GET.get("mine") == "1"
    person = request.GET.get("person") or None  # the person page's "more": the findings about this person
    page = Paginator(selectors.finding_list(user=request.user, kind=kind, status=status, mine=mine, person=person),
                     50).get_page(request.GET.get("page"))
    audit_log(actor=request.user, action="fusion.finding.list", object_type="finding",
              object_ids=[f.pk for f in page.object_list], request=request)
    return render(request, "fusion/findings.html", {"page": page, "kind": kind, "status": status, "mine": mine,
                                                    "person": person,
                                                    "kinds": FindingKind.choices, "statuses": FindingStatus.choices,
                                                    "bands": selectors.decisions_by_score(user=request.user)})


@login_required
def finding_view(request, pk):
    _allowed(request)
    finding = selectors.finding_get(user=request.user, pk=pk, request=request)
    action = request.POST.get("action") if request.method == "POST" else None
    # two forms on one page, each with its note: their own element ids
    confirm_form = ConfirmForm(request.POST if action == "confirm" else None, auto_id="confirm_%s")
    reject_form = RejectForm(request.POST if action == "reject" else None, auto_id="reject_%s")
    ask_same_person = False
    try:
        if action == "confirm" and confirm_form.is_valid():
            services.finding_confirm(actor=request.user, finding=finding, **confirm_form.cleaned_data)
            messages.success(request, _("Confirmed"))
            return redirect("fusion:finding", pk=finding.pk)
        if action == "reject" and reject_form.is_valid():
            services.finding_reject(actor=request.user, finding=finding, **reject_form.cleaned_data)
            messages.success(request, _("Rejected: raised again only on new evidence"))
            return redirect("fusion:finding", pk=finding.pk)
    except services.FindingResolved as exc:  # resolved by another decision, maybe just now: shown as it is now
        messages.info(request, str(exc))
        return redirect("fusion:finding", pk=finding.pk)
    except services.FindingError as exc:
        messages.error(request, str(exc))
        ask_same_person = isinstance(exc, services.SamePersonUnconfirmed)
    feeds = selectors.feed_names(names=evidence.feeds_named(finding.rules))
    return render(request, "fusion/finding.html", {
        "finding": finding, "records": selectors.finding_records(finding=finding), "confirm_form": confirm_form,
        "reject_form": reject_form, "ask_same_person": ask_same_person,
        "can_decide": request.user.role in services.DECIDING_ROLES,
        "resolution": services.finding_resolution(finding) if finding.status == FindingStatus.RESOLVED else "",
        "rules": evidence.rules_in_words(finding.rules, feeds=lambda name: feeds.get(name, name)),
    })


@public_login_required
@require_POST
def person_answer_view(request, pk):
    finding = selectors.finding_to_confirm_get(user=request.user, pk=pk)
    answer = request.POST.get("answer", "")
    try:
        services.finding_person_answer(actor=request.user, finding=finding, answer=answer,
                                       id_number=request.POST.get("id_number", ""))
    except services.FindingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you: your declaration waits for verification by the community police")
                         if answer == "yes" else _("Thank you: the community police will check on site"))
    return redirect("people:me")
