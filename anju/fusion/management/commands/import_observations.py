"""`anju import observations FILE [--source NAME]`: department and sensor records (interchange observations.csv)."""
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.core.tabular import TabularError
from anju.fusion.imports import observations_import


class Command(BaseCommand):
    help = "Import department and sensor records (observations.csv or .xlsx) / 导入多源比对数据"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", help="the feed's name for rows without a source column (e.g. door, hotel)")
        parser.add_argument("--no-watchlist", action="store_true", help="do not check the records against the "
                                                                         "watchlist (benchmarks only)")

    def handle(self, *args, file, source=None, no_watchlist=False, **options):
        with tqdm(unit="行", desc="比对数据 observations", disable=None, file=self.stderr._out) as bar:
            try:
                report = observations_import(path=file, source=source, progress=bar.update,
                                             check_watchlist=not no_watchlist)
            except TabularError as exc:
                raise CommandError(str(exc)) from exc
        for note in report.notes:
            self.stderr.write(note)
        for name, line, reason in report.errors:
            self.stderr.write(f"{name}:{line}: {reason}")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 跳过 skipped {len(report.errors)}, "
                          f"预警 alerts {report.alerts}; {report.rate:,.0f} 行/秒 rows/s")
