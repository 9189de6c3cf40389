from django.apps import AppConfig


class WatchlistConfig(AppConfig):
    name = "anju.watchlist"
    label = "watchlist"
    verbose_name = "网上逃犯比对与重点人员"

    def ready(self):
        from anju.registrations.checkers import register_checker
        from anju.watchlist.services import watchlist_checker

        register_checker(watchlist_checker)
