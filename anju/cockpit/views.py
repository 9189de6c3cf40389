import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from anju.audit.services import audit_log
from anju.cockpit import exports
from anju.cockpit.selectors import cockpit_data, cockpit_live, cockpit_node, shows_alerts
from anju.core.decorators import staff_required


def _protect(user) -> bool:
    return user.role == "department"


@staff_required
def cockpit_view(request):
    node = cockpit_node(user=request.user, code=request.GET.get("node", ""))
    return render(request, "cockpit/cockpit.html", {"node": node, "shows_alerts": shows_alerts(request.user)})


@staff_required
def cockpit_data_view(request):
    return JsonResponse(cockpit_data(user=request.user, code=request.GET.get("node", "")),
                        json_dumps_params={"ensure_ascii": False})


@staff_required
def cockpit_live_view(request):
    return JsonResponse(cockpit_live(user=request.user, code=request.GET.get("node", "")),
                        json_dumps_params={"ensure_ascii": False})


@staff_required
def cockpit_export_view(request):
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


@staff_required
def cockpit_report_view(request):
    data = cockpit_data(user=request.user, code=request.GET.get("node", ""))
    audit_log(actor=request.user, action="cockpit.report", detail={"node": data["node"]["code"]}, request=request)
    response = HttpResponse(exports.report_pdf(data, protect=_protect(request.user)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cockpit-{data["node"]["code"]}.pdf"'
    return response
