from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.addresses.services import addresses_import
from anju.core.tabular import TabularError


class Command(BaseCommand):
    help = "Import the standard address library (interchange addresses.csv or .xlsx) / 导入标准地址库"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with tqdm(unit="行", desc="地址 addresses", disable=None, file=self.stderr._out) as bar:
            try:
                report = addresses_import(path=file, progress=bar.update)
            except TabularError as exc:
                raise CommandError(str(exc)) from exc
        for name, line, reason in report.errors:
            self.stderr.write(f"{name}:{line}: {reason}")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 跳过 skipped {len(report.errors)}")
