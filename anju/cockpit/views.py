import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from anju.audit.services import audit_log
from anju.cockpit import exports
from anju.cockpit.selectors import cockpit_data, cockpit_live, cockpit_node


def _staff(request):
    if request.user.scope_node is None:
        raise PermissionDenied


def _protect(user) -> bool:
    return user.role == "department"


@login_required
def cockpit_view(request):
    _staff(request)
    node = cockpit_node(user=request.user, code=request.GET.get("node", ""))
    return render(request, "cockpit/cockpit.html", {"node": node})


@login_required
def cockpit_data_view(request):
    _staff(request)
    return JsonResponse(cockpit_data(user=request.user, code=request.GET.get("node", "")),
                        json_dumps_params={"ensure_ascii": False})


@login_required
def cockpit_live_view(request):
    _staff(request)
    return JsonResponse(cockpit_live(user=request.user, code=request.GET.get("node", "")),
                        json_dumps_params={"ensure_ascii": False})


@login_required
def cockpit_export_view(request):
    _staff(request)
    table = request.GET.get("table", "ranking")
    if table not in exports.TABLES:
        raise Http404(table)
    data = cockpit_data(user=request.user, code=request.GET.get("node", ""))
    audit_log(actor=request.user, action="cockpit.export", detail={"node": data["node"]["code"], "table": table},
              request=request)
    buffer = io.BytesIO()
    exports.table_workbook(data, table, protect=_protect(request.user)).save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="cockpit-{data["node"]["code"]}-{table}.xlsx"'
    return response


@login_required
def cockpit_report_view(request):
    _staff(request)
    data = cockpit_data(user=request.user, code=request.GET.get("node", ""))
    audit_log(actor=request.user, action="cockpit.report", detail={"node": data["node"]["code"]}, request=request)
    response = HttpResponse(exports.report_pdf(data, protect=_protect(request.user)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cockpit-{data["node"]["code"]}.pdf"'
    return response
