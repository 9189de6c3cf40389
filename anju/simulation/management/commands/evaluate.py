"""`anju evaluate --truth DIR/truth --found EXPORT_DIR [--json]`: score a fusion export against the truth."""
import json

from django.core.management.base import BaseCommand, CommandError

from anju.simulation.evaluate import evaluate, format_report


class Command(BaseCommand):
    help = "Score suspects.csv, stale.csv and links.csv against a simulated city's truth / 对照真值评估比对结果"

    def add_arguments(self, parser):
        parser.add_argument("--truth", required=True, help="the truth directory of `anju simulate city` (DIR/truth)")
        parser.add_argument("--found", required=True, help="the directory written by `anju fusion export`")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the figures as JSON")

    def handle(self, *args, truth, found, as_json: bool = False, **options):
        try:
            result = evaluate(truth, found)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"cannot evaluate: {exc}") from exc
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_report(result))

