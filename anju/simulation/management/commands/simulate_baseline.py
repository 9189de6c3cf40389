"""`anju simulate baseline --data DIR --out EXPORT_DIR`: the naive exact-ID export, the floor for fusion."""
from django.core.management.base import BaseCommand

from anju.simulation.baseline import DEFAULT_HOME_SOURCES, naive_export


class Command(BaseCommand):
    help = "Write the naive baseline's export (exact ID-number matching only) for a simulated city / 朴素基线"

    def add_arguments(self, parser):
        parser.add_argument("--data", required=True, help="the city directory (addresses.csv, observations.csv …)")
        parser.add_argument("--out", required=True, help="where to write suspects.csv, stale.csv, links.csv")
        parser.add_argument("--home-sources", default=",".join(DEFAULT_HOME_SOURCES),
                            help="sources whose address is the home (comma-separated)")

    def handle(self, *args, data, out, home_sources, **options):
        counts = naive_export(data, out, home_sources=tuple(s for s in home_sources.split(",") if s))
        self.stdout.write(f"{counts['suspects']:,} suspects, {counts['stale']:,} stale → {out}")
