from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render

from anju.core.waiting import waiting_for
from anju.houses.choices import HouseKind
from anju.houses.selectors import house_list
from anju.jurisdictions.selectors import node_list
from anju.people.selectors import LIVING, person_queryset


@login_required
def home(request):
    user = request.user
    if not user.is_staff_role:
        return redirect("people:me")
    node = user.scope_node
    if node is None:
        return render(request, "core/no_jurisdiction.html", status=403)
    if user.role == "commander":
        return redirect("cockpit:cockpit")  # the first page a commander sees
    children = node_list(user=user).filter(parent=node).order_by("code")
    people = person_queryset(user=user, residence=LIVING)  # the people living here, not those who left
    counts_by_child = {}
    for child in children:
        counts_by_child[child.pk] = people.filter(jurisdiction__path__startswith=child.path).count()
    context = {
        "node": node,
        "waiting": waiting_for(user=user),  # counts of the work waiting for the reader, from the apps above core
        "people_count": people.count(),
        "house_count": house_list(user=user).count(),
        "children": [(c, counts_by_child[c.pk]) for c in children],
        "by_kind": [{"kind": HouseKind(row["kind"]).label if row["kind"] in HouseKind.values else row["kind"],
                     "n": row["n"]}
                    for row in house_list(user=user).values("kind").annotate(n=Count("pk")).order_by("kind")],
    }
    return render(request, "core/home.html", context)


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
