"""`anju fusion sources [--set NAME --meaning M [--trust T] [--kind K]]`: the feeds, and what their address means."""
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anju.fusion.imports import source_for
from anju.fusion.models import Source
from anju.fusion.services import FindingError, source_update
from anju.lib.fusion.sources import KINDS, MEANINGS


class Command(BaseCommand):
    help = ("List the data sources, or set what a feed is and what its address means (before or after its first "
            "import; takes effect at the next fusion run) / 数据源：列出，或设置其地址含义")

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="name", help="the feed's name as the files give it in `source`")
        parser.add_argument("--meaning", choices=MEANINGS, help="what its address means: home is where people live")
        parser.add_argument("--trust", type=float, help="0–1: how far its records are trusted")
        parser.add_argument("--kind", choices=KINDS, help="what the feed is (default: kept, or guessed from its name)")

    def handle(self, *args, name=None, meaning=None, trust=None, kind=None, **options):
        if name is not None:
            if meaning is None and trust is None and kind is None:
                raise CommandError("--set NAME needs --meaning, --trust or --kind / 请指定要设置的内容")
            if trust is not None and not 0 <= trust <= 1:
                raise CommandError(f"--trust {trust}: 可信度须在 0 与 1 之间 / must be between 0 and 1")
            with transaction.atomic():
                source = source_for(name)
                try:
                    source_update(actor=None, source=source, kind=kind or source.kind,
                                  meaning=meaning or source.meaning, trust=source.trust if trust is None else trust,
                                  description=source.description, meaning_fixed=True if meaning else None)
                except FindingError as exc:
                    raise CommandError(str(exc)) from exc
        self.stdout.write(f"{_pad('name 名称', 24)} {_pad('kind 类型', 12)} {_pad('meaning 地址含义', 18)} "
                          f"{'trust':>5} {'records':>10}")
        for s in Source.objects.order_by("name"):
            self.stdout.write(f"{_pad(s.name, 24)} {_pad(s.kind, 12)} {_pad(s.meaning, 18)} {s.trust:>5.2f} "
                              f"{s.records:>10,}")


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)
