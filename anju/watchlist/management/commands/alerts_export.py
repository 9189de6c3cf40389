from django.core.management.base import BaseCommand

from anju.watchlist.services import alerts_export


class Command(BaseCommand):
    help = "Write alerts.csv: every watchlist hit raised so far / 导出比中预警"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)

    def handle(self, *args, out, **options):
        self.stdout.write(f"已写出 wrote {alerts_export(out_dir=out)}")
