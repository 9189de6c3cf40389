from django.core.management.base import BaseCommand

from anju.accounts import sms
from anju.houses.services import overdue_remind


class Command(BaseCommand):
    help = "Text landlords whose tenants are past the declaration deadline (run daily) / 短信提醒逾期未申报的房东"

    def handle(self, *args, **options):
        with sms.batch() as texts:
            sent = overdue_remind()
        self.stdout.write(f"已发送提醒 reminders sent: {sent}")
        if texts.summary():
            self.stdout.write(texts.summary())
