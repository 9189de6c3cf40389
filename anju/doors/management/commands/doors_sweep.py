"""`anju doors sweep`: the periodic door jobs — offline and held-open alarms, card expiry, care checks, event
partitions ahead and retention. Run it every minute from cron (the ingest worker also sweeps alarms every second)."""
from django.core.management.base import BaseCommand

from anju.doors import alarms, partitions, services


class Command(BaseCommand):
    help = "Door alarms, card expiry, care checks, event partitions and retention (门禁定时任务)"

    def handle(self, *args, **options):
        report = alarms.sweep()
        expired = services.credentials_expire()
        care = services.care_sweep()
        created = partitions.ensure()
        retained = partitions.retain()
        self.stdout.write(f"离线 offline {report['offline']}, 常开 held open {report['held_open']}, "
                          f"解除 cleared {report['cleared']}, 过期卡 expired cards {expired}, 关爱走访 care visits {care}, "
                          f"新分区 partitions {len(created)}, 清理 retention {retained}")
