"""`anju simulate city --residents N --seed S --out DIR [--as-of DATE] [--params FILE.json]`."""
import datetime
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anju.simulation.city import generate
from anju.simulation.output import write_city
from anju.simulation.params import DEFAULT_AS_OF, Params


class Command(BaseCommand):
    help = ("Write a synthetic district in the interchange formats, with its ground truth under DIR/truth/ "
            "/ 生成模拟城区（交换格式文件与真值）")

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, required=True, help="people living in the district")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="output directory")
        parser.add_argument("--as-of", dest="as_of", default=DEFAULT_AS_OF.isoformat(),
                            help=f"reference date YYYY-MM-DD (default {DEFAULT_AS_OF.isoformat()}, fixed)")
        parser.add_argument("--params", help="JSON file overriding parameters, e.g. "
                                             '{"sources": {"door": {"id_missing": 0.2}}}')

    def handle(self, *args, residents, seed, out, as_of, params, **options):
        try:
            as_of_date = datetime.date.fromisoformat(as_of)
        except ValueError as exc:
            raise CommandError(f"--as-of must be YYYY-MM-DD: {as_of}") from exc
        if residents < 10:
            raise CommandError("--residents must be at least 10")
        overrides = None
        if params:
            try:
                overrides = json.loads(Path(params).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read {params}: {exc}") from exc
        try:
            effective = Params.from_overrides(overrides)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        started = time.perf_counter()
        city = generate(residents=residents, seed=seed, as_of=as_of_date, params=effective)
        summary = write_city(city, out)
        elapsed = time.perf_counter() - started
        rows = summary["rows"]
        self.stdout.write(
            f"{residents:,} residents (seed {seed}, as of {as_of_date}) → {out} in {elapsed:.1f} s: "
            f"{rows['addresses.csv']:,} addresses, {rows['population.csv']:,} registry persons, "
            f"{rows['registrations.csv']:,} registrations, {rows['observations.csv']:,} observations, "
            f"{rows['watchlist.csv']:,} wanted; targets {summary['targets']['total']:,} "
            f"({summary['targets']['revealable']:,} revealable), stale {summary['stale']['total']:,} "
            f"({summary['stale']['revealable']:,} revealable)")
