"""What the watchlist shows on the home page (core.waiting; registered in WatchlistConfig.ready): the alerts no one has
acknowledged yet, for the roles that read the watchlist, through watchlist.selectors."""
from django.urls import reverse
from django.utils.translation import gettext as _

from anju.accounts.choices import Area
from anju.core.waiting import Waiting
from anju.watchlist import selectors


def alerts_waiting(*, user):
    if not user.may_read(Area.WATCHLIST):
        return None
    return Waiting(key="waiting-alerts", label=_("Watchlist alerts not yet acknowledged"),
                   count=selectors.alerts_open_count(user=user), url=f"{reverse('watchlist:alerts')}?status=open")
