from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from anju.accounts.choices import Area
from anju.core.decorators import may_open
from anju.core.waiting import waiting_for
from anju.houses.choices import HouseKind
from anju.houses.selectors import house_queryset
from anju.jurisdictions.selectors import counts_by_child, node_list
from anju.people.selectors import LIVING, person_queryset

# The lists a home page's area opens, narrowed to that area (?node=): the first the reader may open (the police the
# people, the housing department the housing stock).
AREA_LISTS = ("people:list", "houses:list", "houses:stock")


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
    reads_people = user.may_read(Area.PEOPLE)
    people = person_queryset(user=user, residence=LIVING)  # the people living here, not those who left
    houses = house_queryset(user=user)
    children = list(node_list(user=user).filter(parent=node).order_by("code"))
    # each count by area in one grouped query, however many areas
    people_by_child = counts_by_child(children=children, queryset=people) if reads_people else {}
    houses_by_child = counts_by_child(children=children, queryset=houses)
    # an area's name opens the first of these lists the reader may open, narrowed to it; none: no link
    area_list = next((name for name in AREA_LISTS if may_open(user, name)), None)
    context = {
        "node": node,
        "waiting": waiting_for(user=user),  # counts of the work waiting for the reader, from the apps above core
        "reads_people": reads_people,
        "people_count": people.count() if reads_people else None,
        "house_count": houses.count(),
        "children": [{"node": child, "people": people_by_child.get(child.pk), "houses": houses_by_child[child.pk],
                      "url": f"{reverse(area_list)}?{urlencode({'node': child.code})}" if area_list else ""}
                     for child in children],
        "by_kind": [{"kind": HouseKind(row["kind"]).label if row["kind"] in HouseKind.values else row["kind"],
                     "n": row["n"]}
                    for row in houses.order_by("kind").values("kind").annotate(n=Count("pk"))],
    }
    return render(request, "core/home.html", context)


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
