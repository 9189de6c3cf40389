"""Staff views: alerts, the watchlist, key persons. Watchlist and alerts are for police roles only."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.audit.services import audit_log
from anju.jurisdictions.selectors import node_list
from anju.watchlist import keypersons, selectors, services
from anju.watchlist.forms import CloseForm, DecideForm, EntryForm, RuleForm
from anju.watchlist.models import Alert, KeyPerson, ScoringRule, WatchEntry


def _police(request):
    if not services.can_see_watchlist(request.user):
        raise PermissionDenied


@login_required
def alerts_view(request):
    _police(request)
    status = request.GET.get("status", "")
    page = Paginator(selectors.alert_list(user=request.user, status=status), 50).get_page(request.GET.get("page"))
    audit_log(actor=request.user, action="alert.list", object_type="alert", object_ids=[a.pk for a in page.object_list],
              request=request)
    return render(request, "watchlist/alerts.html", {"page": page, "status": status, "not_closed": selectors.NOT_CLOSED})


@login_required
def alert_view(request, pk):
    _police(request)
    alert = get_object_or_404(Alert.objects.restrict(request.user).select_related("entry", "jurisdiction"), pk=pk)
    audit_log(actor=request.user, action="alert.read", object_type="alert", object_ids=[alert.pk], request=request)
    close_form = CloseForm(request.POST if request.POST.get("action") == "close" else None)
    staff = User.objects.filter(jurisdiction__in=node_list(user=request.user), role__in=services.WATCHLIST_ROLES)
    try:
        action = request.POST.get("action")
        if action == "ack":
            services.alert_acknowledge(actor=request.user, alert=alert)
        elif action == "assign":
            services.alert_assign(actor=request.user, alert=alert, assignee=get_object_or_404(staff, pk=request.POST["assignee"]))
        elif action == "close" and close_form.is_valid():
            services.alert_close(actor=request.user, alert=alert, **close_form.cleaned_data)
        if action:
            return redirect("watchlist:alert", pk=alert.pk)
    except services.WatchlistError as exc:
        messages.error(request, str(exc))
    return render(request, "watchlist/alert.html", {"alert": alert, "close_form": close_form, "staff": staff})


@login_required
def watchlist_view(request):
    _police(request)
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.watch_entry_save(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved"))
            return redirect("watchlist:watchlist")
        except services.WatchlistError as exc:
            form.add_error(None, str(exc))
    q = request.GET.get("q", "").strip()
    entries = WatchEntry.objects.all()
    if q:
        entries = entries.filter(name__contains=q) | entries.filter(watch_id=q)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    audit_log(actor=request.user, action="watchlist.list", object_type="watch_entry",
              object_ids=[e.pk for e in page.object_list], request=request)
    return render(request, "watchlist/watchlist.html", {"page": page, "form": form, "q": q})


@login_required
def photo_view(request, pk):
    _police(request)
    entry = get_object_or_404(WatchEntry, pk=pk)
    response = HttpResponse(services.watch_photo(actor=request.user, entry=entry, request=request),
                            content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def keypersons_view(request):
    _police(request)
    people = KeyPerson.objects.restrict(request.user).select_related("jurisdiction", "decided_by")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    audit_log(actor=request.user, action="keyperson.list", object_type="keyperson",
              object_ids=[p.pk for p in page.object_list], request=request)
    return render(request, "watchlist/keypersons.html", {"page": page, "features": keypersons.FEATURES})


@login_required
def keyperson_view(request, pk):
    _police(request)
    person = get_object_or_404(KeyPerson.objects.restrict(request.user), pk=pk)
    audit_log(actor=request.user, action="keyperson.read", object_type="keyperson", object_ids=[person.pk], request=request)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            keypersons.keyperson_decide(actor=request.user, person=person, confirm=form.cleaned_data["confirm"] == "yes",
                                        reason=form.cleaned_data["reason"])
            return redirect("watchlist:keypersons")
        except keypersons.RuleError as exc:
            form.add_error(None, str(exc))
    return render(request, "watchlist/keyperson.html", {"person": person, "form": form, "features": keypersons.FEATURES})


@login_required
def rules_view(request):
    if request.user.role != "admin":
        raise PermissionDenied
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            keypersons.rule_save(actor=request.user, **form.cleaned_data)
            return redirect("watchlist:rules")
        except keypersons.RuleError as exc:
            form.add_error("feature", str(exc))
    return render(request, "watchlist/rules.html", {"rules": ScoringRule.objects.all(), "form": form,
                                                    "features": keypersons.FEATURES})
