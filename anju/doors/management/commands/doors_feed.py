"""`anju doors feed [--days N]`: door swipes into data fusion as observations (run daily, before `anju fusion run`)."""
from django.core.management.base import BaseCommand

from anju.doors.feed import SOURCE, door_feed


class Command(BaseCommand):
    help = "Door swipes as fusion observations (门禁刷卡记录进入数据比对)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="days back (默认 90 天)")

    def handle(self, *args, days, **options):
        report = door_feed(days=days)
        if report is None:
            self.stdout.write("没有刷卡记录 / no swipes in that period")
            return
        self.stdout.write(f"{SOURCE}: 新增 created {report.created}, 更新 updated {report.updated}, "
                          f"未变 unchanged {report.unchanged}, 错误 errors {len(report.errors)}")
