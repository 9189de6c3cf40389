from django.core.management.base import BaseCommand, CommandError

from anju.core.tabular import TabularError
from anju.watchlist.services import watchlist_import


class Command(BaseCommand):
    help = "Import wanted persons (interchange watchlist.csv or .xlsx) / 导入网上逃犯库"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            report = watchlist_import(path=file)
        except TabularError as exc:
            raise CommandError(str(exc)) from exc
        for name, line, reason in report.errors:
            self.stderr.write(f"{name}:{line}: {reason}")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 跳过 skipped {len(report.errors)}")
