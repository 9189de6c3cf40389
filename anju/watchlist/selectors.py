"""Reads of watchlist alerts: scoped to the reader's jurisdiction (alerts go to the station of the place)."""
from anju.watchlist.choices import AlertStatus
from anju.watchlist.models import Alert


def alerts_open_count(*, user) -> int:
    """The alerts no one has acknowledged yet in the reader's jurisdiction (the list's 'Open'), counted."""
    return Alert.objects.restrict(user).filter(status=AlertStatus.OPEN).count()

