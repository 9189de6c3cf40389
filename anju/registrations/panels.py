"""What registrations shows on pages of the apps below it (registered in RegistrationsConfig.ready): a person's
registrations and declarations on the staff person page (people.related), and the declarations and on-site checks
waiting for the reader on the home page (core.waiting). Reads through registrations.selectors."""
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from anju.accounts.choices import Area
from anju.core.waiting import Waiting
from anju.people.related import Item, Section
from anju.registrations import selectors


def person_registrations(*, user, person, request, limit):
    if not user.may_read(Area.REGISTRATIONS):
        return None
    shown, total = selectors.person_registrations(user=user, id_hash=person.id_hash, limit=limit, request=request)
    return Section(key="person-registrations", title=_("Registrations"), total=total, items=[
        Item(label=r.number, url=reverse("registrations:registration", args=[r.pk]), status=r.get_status_display(),
             detail=r.address, on=r.starts_on) for r in shown],
        more_url=f"{reverse('registrations:registrations')}?{urlencode({'person': person.pk, 'status': ''})}")


def person_declarations(*, user, person, request, limit):
    if not user.may_read(Area.DECLARATIONS):
        return None
    shown, total = selectors.person_declarations(user=user, id_hash=person.id_hash, limit=limit, request=request)
    return Section(key="person-declarations", title=_("Declarations"), total=total, items=[
        Item(label=d.get_kind_display(), url=reverse("registrations:declaration", args=[d.pk]),
             status=d.get_status_display(), detail=d.house.address, on=d.created_at) for d in shown])


def declarations_waiting(*, user):
    if not user.may_read(Area.DECLARATIONS):
        return None
    return Waiting(key="waiting-declarations", label=_("Declarations waiting for verification"),
                   count=selectors.declarations_pending_count(user=user), url=reverse("registrations:queue"))


def tasks_waiting(*, user):
    if not user.may_read(Area.TASKS):
        return None
    return Waiting(key="waiting-tasks", label=_("On-site checks open"), count=selectors.tasks_open_count(user=user),
                   url=reverse("registrations:tasks"))
