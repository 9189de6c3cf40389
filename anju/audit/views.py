from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from anju.audit.models import ACTION_LABELS, OBJECT_TYPE_LABELS, AuditEntry
from anju.audit.selectors import AuditFilterError, audit_entry_list


@login_required
def audit_list_view(request):
    try:
        entries = audit_entry_list(user=request.user, action=request.GET.get("action", ""),
                                   object_type=request.GET.get("type", ""), object_id=request.GET.get("id", ""),
                                   actor=request.GET.get("actor", ""))
    except AuditFilterError as exc:
        messages.error(request, str(exc))
        entries = AuditEntry.objects.none()
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"page": page, "filters": request.GET,
                                                     "actions": ACTION_LABELS.items(),
                                                     "object_types": OBJECT_TYPE_LABELS.items()})
