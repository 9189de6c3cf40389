"""Thin views over addresses.services and addresses.selectors: the library searched, and addresses added by hand."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from anju.addresses import services
from anju.addresses.forms import AddressForm
from anju.addresses.models import COMPONENTS, StandardAddress
from anju.addresses.selectors import address_get, address_search
from anju.core.decorators import staff_required
from anju.jurisdictions.selectors import node_list


@staff_required
def address_list_view(request):
    q = request.GET.get("q", "").strip()
    results = address_search(user=request.user, q=q, limit=50) if q else []
    # the house already at an address is linked instead of offered again (one query, through the reverse relation)
    houses = dict(StandardAddress.objects.filter(pk__in=[a.pk for a in results], houses__isnull=False)
                  .values_list("pk", "houses"))
    for address in results:
        address.house_id = houses.get(address.pk)
    return render(request, "addresses/address_list.html", {
        "q": q, "results": results, "can_add": request.user.may_manage_houses})


@staff_required
def address_new_view(request):
    """An address the library lacks; `?like=CODE` fills the form from an address of the same building."""
    if not request.user.may_manage_houses:
        raise PermissionDenied
    nodes = list(node_list(user=request.user).filter(level__in=["station", "community", "grid"]))
    initial = {}
    like = request.GET.get("like", "").strip()
    if like:
        try:
            template = address_get(user=request.user, code=like)
        except Http404:
            template = None
        if template is not None:
            initial = {c: getattr(template, c) for c in COMPONENTS if c not in ("unit", "room")}
            initial["jurisdiction"] = template.jurisdiction.code
    form = AddressForm(request.POST or None, initial=initial, nodes=nodes)
    offer_confirm = bool(request.POST.get("different_place"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("jurisdiction")
        node = next(n for n in nodes if n.code == code)
        try:
            address = services.address_add(actor=request.user, jurisdiction=node, **data)
        except services.AddressLikelyDuplicate as exc:
            form.add_error(None, str(exc))
            offer_confirm = True
        except services.AddressError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Added to the standard address library: %(address)s, code %(code)s")
                             % {"address": address.full_address, "code": address.code})
            return redirect(f"{reverse('addresses:list')}?q={address.code}")
    return render(request, "addresses/address_new.html", {"form": form, "offer_confirm": offer_confirm})
