import time

from django.core.management.base import BaseCommand

from anju.cockpit.aggregates import refresh


class Command(BaseCommand):
    help = "Rebuild the cockpit's aggregate figures; --every N keeps doing it / 刷新驾驶舱统计"

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="seconds between refreshes (0: once)")

    def handle(self, *args, every, **options):
        while True:
            stamp = refresh()
            self.stdout.write(f"已刷新 refreshed: {stamp.rows} rows in {stamp.seconds:.2f}s")
            if not every:
                break
            time.sleep(every)
