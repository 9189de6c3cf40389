from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anju.jurisdictions.services import JurisdictionError, jurisdictions_import


class Command(BaseCommand):
    help = "Load the jurisdiction tree from a CSV file (code, name, level, parent_code) / 导入辖区树"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件 / cannot read {file}: {exc}") from exc
        try:
            report = jurisdictions_import(text=text)
        except JurisdictionError as exc:
            raise CommandError(str(exc)) from exc
        for line, reason in report.errors:
            self.stderr.write(f"{file}:{line}: {reason}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} 行有误，未写入任何数据 / {len(report.errors)} bad rows, nothing written")
        self.stdout.write(f"新增 created {report.created}, 更新 updated {report.updated}, 未变 unchanged {report.unchanged}")
