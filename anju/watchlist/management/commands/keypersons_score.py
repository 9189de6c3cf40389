from django.core.management.base import BaseCommand

from anju.watchlist.keypersons import candidates, keypersons_score


class Command(BaseCommand):
    help = "Score key persons with the active rules (proposals only; officers decide) / 重点人员评分"

    def handle(self, *args, **options):
        self.stdout.write(f"已评分 scored: {keypersons_score(people=candidates())}")
