"""`anju fusion run [--as-of YYYY-MM-DD]`: resolve persons across the feeds and raise scored findings, then ask the
persons of those at `pending_score` by SMS (`services.findings_ask_persons`)."""
import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from anju.accounts import sms
from anju.fusion.pipeline import FusionError, fusion_run
from anju.fusion.services import findings_ask_persons

STEPS = ("loading", "linking", "training", "scoring pairs", "grouping", "persons", "findings", "saving")


class Command(BaseCommand):
    help = "Data fusion: link records to persons, find unregistered, moved and stale / 数据比对精准补缺"

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the day the findings are for (default: the newest record's day)")
        parser.add_argument("--full", action="store_true", help="retrain and relink everything (default: link only "
                                                                "new records when nothing else changed)")
        parser.add_argument("--count-blocks", action="store_true", help="count the pairs each blocking rule adds")

    def handle(self, *args, as_of=None, full=False, count_blocks=False, **options):
        day = None
        if as_of:
            try:
                day = datetime.date.fromisoformat(as_of)
            except ValueError as exc:
                raise CommandError(f"--as-of {as_of}: YYYY-MM-DD") from exc
        with tqdm(total=len(STEPS), desc="比对 fusion", disable=None, file=self.stderr._out) as bar:
            def step(name):
                bar.set_postfix_str(name)
                if name in STEPS:
                    bar.update(1)
            try:
                run = fusion_run(as_of=day, progress=step, incremental=False if full else None,
                                 count_blocks=count_blocks)
            except FusionError as exc:
                raise CommandError(str(exc)) from exc
        s = run.stats
        f = s.get("findings", {})
        self.stdout.write(f"截至 as of {run.as_of}: {s.get('entities', 0):,} 人 persons from "
                          f"{s.get('profiles', 0):,} profiles, {s.get('registry', 0):,} registry, "
                          f"{s.get('registrations', 0):,} registrations; 疑似未登记 unregistered "
                          f"{f.get('unregistered', 0):,}, 人户分离 moved {f.get('moved', 0):,}, 疑似失效 stale "
                          f"{f.get('stale', 0):,}; {'incremental' if run.incremental else 'full'} run in "
                          f"{s.get('timings', {}).get('total', 0):.0f} s")
        with sms.batch() as texts:
            asked = findings_ask_persons()
        self.stdout.write(f"短信征询本人 asked by SMS: {asked:,}")
        if texts.summary():
            self.stdout.write(texts.summary())
