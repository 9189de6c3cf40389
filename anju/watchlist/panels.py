"""What the watchlist shows on the home page (core.waiting; registered in WatchlistConfig.ready): the alerts not yet
closed (watchlist.selectors.alerts_not_closed, as the cockpit counts them), for the roles that read the watchlist."""
from django.urls import reverse
from django.utils.translation import gettext as _

from anju.accounts.choices import Area
from anju.core.waiting import Waiting
from anju.watchlist import selectors


def alerts_waiting(*, user):
    if not user.may_read(Area.WATCHLIST):
        return None
    return Waiting(key="waiting-alerts", label=_("Alerts not yet closed"),
                   count=selectors.alerts_not_closed(user=user).count(),
                   url=f"{reverse('watchlist:alerts')}?status={selectors.NOT_CLOSED}")
