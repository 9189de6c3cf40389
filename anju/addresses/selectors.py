"""Reads of the standard address library, scoped to the user's jurisdiction."""
from django.db.models import Q
from django.http import Http404

from anju.addresses.models import StandardAddress


def address_search(*, user=None, q: str = "", limit: int = 20, public: bool = False):
    """Addresses containing every space-separated fragment of `q`.

    Public users (landlords claiming a house) search the whole library: an
    address is not personal data, and they have no jurisdiction.
    """
    qs = StandardAddress.objects.all() if public else StandardAddress.objects.restrict(user)
    for fragment in (q or "").split():
        qs = qs.filter(Q(full_address__contains=fragment) | Q(community__contains=fragment) | Q(code=fragment))
    return qs.select_related("jurisdiction")[:limit]


def address_get(*, code: str, user=None, public: bool = False) -> StandardAddress:
    qs = StandardAddress.objects.all() if public else StandardAddress.objects.restrict(user)
    address = qs.select_related("jurisdiction").filter(code=code).first()
    if address is None:
        raise Http404(code)
    return address
