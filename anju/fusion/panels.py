"""What fusion shows on pages of the apps below it (registered in FusionConfig.ready): the findings about a person on
the staff person page (people.related) and the open findings on the home page (core.waiting), through
fusion.selectors."""
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from anju.accounts.choices import Area
from anju.core.waiting import Waiting
from anju.fusion import selectors
from anju.people.related import Item, Section


def person_findings(*, user, person, request, limit):
    if not user.may_read(Area.FINDINGS):
        return None
    shown, total = selectors.person_findings(user=user, id_hash=person.id_hash, limit=limit, request=request)
    return Section(key="person-findings", title=_("Findings"), total=total, items=[
        Item(label=f.get_kind_display(), url=reverse("fusion:finding", args=[f.pk]), status=f.get_status_display(),
             detail=f.address, on=f.created_at) for f in shown],
        more_url=f"{reverse('fusion:findings')}?{urlencode({'person': person.pk, 'status': ''})}")


def findings_waiting(*, user):
    if not user.may_read(Area.FINDINGS):
        return None
    return Waiting(key="waiting-findings", label=_("Findings open"), count=selectors.findings_open_count(user=user),
                   url=reverse("fusion:findings"))
