"""What doors shows on pages of the apps below it (registered in DoorsConfig.ready): a person's door cards on the
staff person page (people.related) and the live door alarms on the home page (core.waiting), through doors.selectors.
A card has no page of its own: its link is its row on its house's cards page."""
from django.urls import reverse
from django.utils.translation import gettext as _

from anju.accounts.choices import Area
from anju.core.waiting import Waiting
from anju.doors import selectors
from anju.people.related import Item, Section


def person_credentials(*, user, person, request, limit):
    if not user.may_read(Area.DOORS):
        return None
    shown, total = selectors.person_credentials(user=user, id_hash=person.id_hash, limit=limit, request=request)
    return Section(key="person-cards", title=_("Door cards"), total=total, items=[
        Item(label=f"{c.get_kind_display()} {c.uid}", url=f"{reverse('doors:house_cards', args=[c.house_id])}#card-{c.pk}",
             status=c.get_status_display(), detail=c.house.address, on=c.issued_at) for c in shown])


def alarms_waiting(*, user):
    if not user.may_read(Area.DOORS):
        return None
    return Waiting(key="waiting-alarms", label=_("Door alarms open"), count=selectors.alarms_open_count(user=user),
                   url=reverse("doors:alarms"))
