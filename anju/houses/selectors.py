from django.http import Http404

from anju.houses.models import House


def house_list(*, user, q: str = ""):
    qs = House.objects.restrict(user).select_related("jurisdiction", "landlord")
    if q:
        qs = qs.filter(address__icontains=q.strip())
    return qs


def house_get(*, user, pk) -> House:
    try:
        house = house_list(user=user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        house = None
    if house is None:
        raise Http404("not found")
    return house
