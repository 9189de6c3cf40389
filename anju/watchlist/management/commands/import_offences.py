from datetime import date

from django.core.management.base import BaseCommand, CommandError

from anju.core import crypto
from anju.core.bulk import analyze_after_commit
from anju.core.tabular import TabularError, read_rows
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.watchlist.models import PriorOffence


class Command(BaseCommand):
    help = "Import prior offences for key-person scoring: record_id, id_number, offence_date, category / 导入前科记录"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            table = read_rows(file, required=("record_id", "id_number", "offence_date"))
        except TabularError as exc:
            raise CommandError(str(exc)) from exc
        rows, errors = {}, 0
        for line, row in table.rows:
            try:
                number = parse_id_number(row["id_number"]).number
                day = date.fromisoformat(row["offence_date"][:10])
            except (InvalidIdNumber, ValueError) as exc:
                self.stderr.write(f"{table.name}:{line}: {exc}")
                errors += 1
                continue
            rows[row["record_id"]] = PriorOffence(id_hash=crypto.blind_index(number), offence_date=day,
                                                  category=row.get("category", ""), source_id=row["record_id"])
        known = set(PriorOffence.objects.filter(source_id__in=list(rows)).values_list("source_id", flat=True))
        PriorOffence.objects.bulk_create([r for k, r in rows.items() if k not in known], batch_size=2000)
        analyze_after_commit(PriorOffence)
        self.stdout.write(f"新增 created {len(rows) - len(known)}, 未变 unchanged {len(known)}, 跳过 skipped {errors}")
