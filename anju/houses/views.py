from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from anju.houses.selectors import house_list


@login_required
def house_list_view(request):
    if request.user.scope_node is None:
        raise PermissionDenied
    q = request.GET.get("q", "")
    page = Paginator(house_list(user=request.user, q=q), 50).get_page(request.GET.get("page"))
    return render(request, "houses/house_list.html", {"page": page, "q": q})
