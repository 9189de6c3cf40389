from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.audit.models import AuditHead
from anju.audit.services import audit_verify


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first broken link / 校验审计日志哈希链"

    def handle(self, *args, **options):
        head = AuditHead.objects.filter(pk=1).first()
        with tqdm(total=head.seq if head else 0, unit="条", disable=None, file=self.stderr._out) as bar:
            result = audit_verify(progress=bar.update)
        if not result.ok:
            raise CommandError(f"审计链断裂 / audit chain broken at entry {result.broken_seq}: {result.reason}")
        self.stdout.write(f"审计链完好 / audit chain intact: {result.checked} 条 entries")
        if result.pending:
            self.stdout.write(f"待入链 / waiting to be sealed into the chain: {result.pending} 条 (anju audit seal)")
