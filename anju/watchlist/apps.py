from django.apps import AppConfig


class WatchlistConfig(AppConfig):
    name = "anju.watchlist"
    label = "watchlist"
    verbose_name = "网上逃犯比对与重点人员"

    def ready(self):
        from anju.registrations.checkers import register_checker
        from anju.watchlist.services import watchlist_checker

        register_checker(watchlist_checker)

        from anju.core.waiting import waiting_counter
        from anju.watchlist.panels import alerts_waiting

        waiting_counter(alerts_waiting)  # the home page (core.waiting)

        from django.db.models.signals import post_delete

        from anju.watchlist.models import WatchEntry
        from anju.watchlist.services import _bump_version

        # a deleted entry must leave every process's index too (saves go through the services, which bump)
        post_delete.connect(lambda **kwargs: _bump_version(), sender=WatchEntry, weak=False,
                            dispatch_uid="watchlist-entry-deleted")
