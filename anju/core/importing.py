"""The shape every `anju import KIND FILE` command shares: read, report bad rows by file and line, count."""
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.core.tabular import TabularError


class ImportCommand(BaseCommand):
    unit_label = "rows"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def run_import(self, path, progress):
        """Returns a report with created, updated, unchanged, errors [(file, line, reason)] and optional notes."""
        raise NotImplementedError

    def handle(self, *args, file, **options):
        with tqdm(unit="行", desc=self.unit_label, disable=None, file=self.stderr._out) as bar:
            try:
                report = self.run_import(file, bar.update)
            except TabularError as exc:
                raise CommandError(str(exc)) from exc
        for note in getattr(report, "notes", ()):
            self.stderr.write(note)
        for name, line, reason in report.errors:
            self.stderr.write(f"{name}:{line}: {reason}")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 跳过 skipped {len(report.errors)}")
        for line in report.lines() if hasattr(report, "lines") else ():  # what else the import changed
            self.stdout.write(line)
