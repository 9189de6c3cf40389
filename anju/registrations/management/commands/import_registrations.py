from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.core.tabular import TabularError
from anju.registrations.imports import registrations_import


class Command(BaseCommand):
    help = "Import residence registrations already on record (interchange registrations.csv or .xlsx) / 导入已有居住登记"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with tqdm(unit="行", desc="登记 registrations", disable=None, file=self.stderr._out) as bar:
            try:
                report = registrations_import(path=file, progress=bar.update)
            except TabularError as exc:
                raise CommandError(str(exc)) from exc
        for note in report.notes:
            self.stderr.write(note)
        for name, line, reason in report.errors:
            self.stderr.write(f"{name}:{line}: {reason}")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 跳过 skipped {len(report.errors)}")
