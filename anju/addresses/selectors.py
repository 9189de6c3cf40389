"""Reads of the standard address library, scoped to the user's jurisdiction."""
from django.db.models import Q
from django.http import Http404

from anju.addresses.models import StandardAddress


def address_search(*, user=None, q: str = "", limit: int = 20, public: bool = False) -> list[StandardAddress]:
    """What a person typing an address means: the normaliser's best matches first (it reads 三单元, 3-502,
    typos and missing prefixes), then addresses containing every space-separated fragment of `q`.

    Public users (landlords claiming a house, residents declaring) search the whole library: an
    address is not personal data, and they have no jurisdiction.
    """
    from anju.addresses.matching import match_addresses

    qs = StandardAddress.objects.all() if public else StandardAddress.objects.restrict(user)
    qs = qs.select_related("jurisdiction")
    matched = [m.code for m in match_addresses(q, limit=5) if m.confidence >= 0.3]
    found = {a.code: a for a in qs.filter(code__in=matched)}
    results = [found[c] for c in matched if c in found]
    contains = qs
    for fragment in (q or "").split():
        contains = contains.filter(Q(full_address__contains=fragment) | Q(community__contains=fragment) | Q(code=fragment))
    if (q or "").strip():
        results += [a for a in contains.exclude(code__in=[r.code for r in results])[:max(0, limit - len(results))]]
    return results[:limit]


def address_get(*, code: str, user=None, public: bool = False) -> StandardAddress:
    qs = StandardAddress.objects.all() if public else StandardAddress.objects.restrict(user)
    address = qs.select_related("jurisdiction").filter(code=code).first()
    if address is None:
        raise Http404(code)
    return address
