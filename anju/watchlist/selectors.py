"""Reads of watchlist alerts: scoped to the reader's jurisdiction (alerts go to the station of the place)."""
from anju.watchlist.choices import AlertStatus
from anju.watchlist.models import Alert

# The alerts list's filter (?status=) for every alert not yet closed, beside the statuses themselves.
NOT_CLOSED = "not_closed"


def alerts_not_closed(*, user, node=None):
    """The alerts still to be dealt with: not closed (open, acknowledged or assigned), in the reader's jurisdiction
    or, given `node` (within it), in that node's subtree. A wanted person seen at a place stays the officers' work
    until someone closes the alert with its outcome, whoever has signed for it or been sent: so the home page's
    等你处理, the cockpit's figure and the alerts list's 未处置 all count these, and name them so."""
    alerts = Alert.objects.restrict(user).exclude(status=AlertStatus.CLOSED)
    return alerts.filter(jurisdiction__path__startswith=node.path) if node is not None else alerts


def alert_list(*, user, status: str = ""):
    """The alerts of the reader's jurisdiction, newest first (the model's order), those of one status or, for
    NOT_CLOSED, those not yet closed."""
    if status == NOT_CLOSED:
        alerts = alerts_not_closed(user=user)
    else:
        alerts = Alert.objects.restrict(user)
        alerts = alerts.filter(status=status) if status else alerts
    return alerts.select_related("entry", "jurisdiction", "assigned_to")
