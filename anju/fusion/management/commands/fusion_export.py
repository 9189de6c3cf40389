"""`anju fusion export --out DIR`: suspects.csv, stale.csv, links.csv (shared/spec/interchange.md)."""
from django.core.management.base import BaseCommand
from tqdm import tqdm

from anju.fusion.exports import fusion_export


class Command(BaseCommand):
    help = "Write suspects.csv, stale.csv and links.csv / 导出比对结果"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)

    def handle(self, *args, out, **options):
        with tqdm(unit="行", desc="导出 export", disable=None, file=self.stderr._out) as bar:
            counts = fusion_export(out_dir=out, progress=bar.update)
        self.stdout.write(f"{out}: suspects {counts['suspects']:,}, stale {counts['stale']:,}, "
                          f"links {counts['links']:,}")
