"""The cockpit's tables as Excel, and the whole view as a one-page PDF for a meeting, in the user's language."""
import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from anju.houses.plates import FONT, NUMBER_WITH_UNIT

# the same titles as the page's charts; the columns' words where a chart has none
TABLES = {
    "ranking": (gettext_lazy("Registered population of the areas below"),
                [gettext_lazy("Area"), pgettext_lazy("cockpit table", "Code"), gettext_lazy("Registered population")]),
    "age": (gettext_lazy("Age"), [gettext_lazy("Age group"), gettext_lazy("People")]),
    "sex": (gettext_lazy("Sex"), [gettext_lazy("Sex"), gettext_lazy("People")]),
    "housing": (gettext_lazy("Housing"), [gettext_lazy("Kind"), gettext_lazy("People")]),
    "origin": (gettext_lazy("Where from (top ten)"), [gettext_lazy("Province of origin"), gettext_lazy("People")]),
    "education": (gettext_lazy("Education"), [gettext_lazy("Education"), gettext_lazy("People")]),
    "periods": (gettext_lazy("New and deregistered (against last year)"),
                [gettext_lazy("Period"), gettext_lazy("New"), gettext_lazy("New, same period last year"),
                 gettext_lazy("Deregistered"), gettext_lazy("Deregistered, same period last year")]),
}
PERIOD_NAMES = {"today": gettext_lazy("Today"), "week": gettext_lazy("This week"),
                "month": gettext_lazy("This month")}


def suppress(value, *, protect: bool):
    """Department users get no cell small enough to single out a person."""
    if protect and isinstance(value, int) and 0 < value < settings.ANJU_COCKPIT_MIN_CELL:
        return f"<{settings.ANJU_COCKPIT_MIN_CELL}"
    return value


def table_rows(data: dict, table: str, *, protect: bool) -> list[list]:
    if table == "ranking":
        return [[r["name"], r["code"], suppress(r["value"], protect=protect)] for r in data["ranking"]]
    if table == "periods":
        return [[str(PERIOD_NAMES[k]), *(suppress(p[f], protect=protect) for f in ("new", "new_last_year", "cancelled",
                                                                                  "cancelled_last_year"))]
                for k, p in data["periods"].items()]
    return [[r["name"], suppress(r["value"], protect=protect)] for r in data["composition"][table]]


def table_workbook(data: dict, table: str, *, protect: bool) -> Workbook:
    title, header = TABLES[table]
    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:30]
    sheet.append([f"{data['node']['full_name']} · {title}"])
    sheet.append([f"{_('Figures as of')} {_when(data['as_of'])}"])
    sheet.append([str(h) for h in header])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table_rows(data, table, protect=protect):
        sheet.append(row)
    sheet.column_dimensions["A"].width = 24
    return book


def _when(as_of) -> str:
    """The statistics' time as people write it (2026-11-24 13:42), not as ISO 8601 with microseconds."""
    text = str(as_of or "")
    return text.replace("T", " ")[:16] if text else "—"


def _figure(value, *, protect: bool, pct: bool = False) -> str:
    """A figure as the page shows it: 1,234, 76.3%, 2.5, or — when there is none."""
    if value is None:
        return "—"
    if pct:
        return f"{value * 100:.1f}%"
    value = suppress(value, protect=protect)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    return str(value)


def accuracy_range(figures: dict) -> str:
    """The accuracy as the page shows it: from the share confirmed to the share not contradicted (47.2%–91.2%)."""
    if figures["accuracy"] is None:
        return "—"
    low, high = (_figure(figures[k], protect=False, pct=True) for k in ("confirmed", "accuracy"))
    return f"{low}–{high}"


def _cards(data: dict, *, protect: bool) -> list[tuple[str, str, str]]:
    """The page's figure cards, in its order: (figure, label, the line under it)."""
    f, p = data["figures"], data["periods"]
    n = lambda value: _figure(value, protect=protect)  # noqa: E731
    newest = (f.get("newest_alert") or "").replace("T", " ")[5:16] or "—"
    cards = [
        (n(f["registered"]), _("Registered floating population"), ""),
        (n(p["month"]["new"]), _("New this month"),
         f"{_('same month last year')} {n(p['month']['new_last_year'])} · {_('today')} {n(p['today']['new'])}"),
        (n(p["month"]["cancelled"]), _("Deregistered this month"),
         f"{_('same month last year')} {n(p['month']['cancelled_last_year'])}"),
        (n(f["rental_houses"]), _("Rental houses"),
         f"{n(f['occupants'])} {_('living in them (registered or checked in)')} · {n(f['rooms'])} {_('rooms entered')}"),
        (n(f["overdue"]), _("Overdue declarations"), f"{n(f['noncompliant_landlords'])} {_('non-compliant landlords')}"),
        (n(f["pending_declarations"]), _("Waiting for verification"), f"{_('oldest')} {n(f['oldest_pending_hours'])} h"),
        # the watchlist's readers alone have the figure (selectors.shows_alerts)
        (n(f["open_alerts"]), _("Alerts not yet closed"), f"{_('newest')} {newest}") if "open_alerts" in f else None,
        (n(f["door_alarms"]), _("Open door alarms"),
         f"{_('devices online')} {n(f['devices_online'])} · {_('offline')} {n(f['devices_offline'])}"),
        (_figure(f["registration_rate"], protect=protect, pct=True), _("Registration rate"), ""),
        (accuracy_range(f), _("Accuracy"), _("confirmed to not contradicted")),
    ]
    return [card for card in cards if card]


_TOKENS = re.compile(NUMBER_WITH_UNIT + r"\s*|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+|.")


def _lines(text: str, size: float, width: float) -> list[str]:
    """Text broken into lines that fit a width: between any two Chinese characters, between words elsewhere
    (ReportLab's simpleSplit breaks at spaces only, so a Chinese sentence would overflow or be cut), never inside a
    number with its unit (16号, 104室), as the door plates keep them."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if line.strip() and pdfmetrics.stringWidth((line + token).rstrip(), FONT, size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


def report_pdf(data: dict, *, protect: bool) -> bytes:
    """One landscape A4 page with what the cockpit's page shows: its figure cards in two rows, the shares and how
    the registration rate and accuracy are estimated, then each chart's table with its header row."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=landscape(A4))
    width, height = landscape(A4)
    margin = 15 * mm
    c.setTitle(f"{_('Cockpit')} {data['node']['name']}")
    c.setFont(FONT, 18)
    c.drawString(margin, height - 18 * mm, _("%(area)s: population overview") % {"area": data["node"]["full_name"]})
    c.setFont(FONT, 8)
    c.drawString(margin, height - 24 * mm, f"{_('Figures as of')} {_when(data['as_of'])}")

    cards, per_row, gap, tall = _cards(data, protect=protect), 5, 2 * mm, 18 * mm
    box = (width - 2 * margin - gap * (per_row - 1)) / per_row
    y = height - 27 * mm
    for i, (value, label, sub) in enumerate(cards):
        if i % per_row == 0:
            y -= tall + (gap if i else 0)
        x = margin + (i % per_row) * (box + gap)
        c.roundRect(x, y, box, tall, 2 * mm)
        c.setFont(FONT, 15)
        c.drawString(x + 3 * mm, y + tall - 7 * mm, value)
        c.setFont(FONT, 8)
        c.drawString(x + 3 * mm, y + tall - 10.5 * mm, _lines(label, 8, box - 4 * mm)[0])
        c.setFont(FONT, 7)
        for line, text in enumerate(_lines(sub, 7, box - 5 * mm)[:2]):
            c.drawString(x + 3 * mm, y + tall - (13.6 + 2.8 * line) * mm, text)

    f = data["figures"]
    pct = lambda value: _figure(value, protect=protect, pct=True)  # noqa: E731
    shares = (f"{_('Out of province')} {pct(f['out_of_province_share'])} · {_('under 16')} {pct(f['under16_share'])}"
              f" · {_('60 and over')} {pct(f['over60_share'])} · {_('living in rentals')} {pct(f['rental_share'])}")
    method = f["rate_method"] if f["registration_rate"] is not None else (
        _("The registration rate and accuracy will be estimated by data fusion: ") + f["rate_method"])
    y -= 5 * mm
    c.setFont(FONT, 8)
    for line in [shares, *_lines(method, 8, width - 2 * margin)[:4]]:
        c.drawString(margin, y, line)
        y -= 3.6 * mm

    top = y - 5 * mm
    # (table, left edge, its columns' widths in mm, how far down the page it starts)
    layout = [("ranking", 15, (40, 30, 18), 0), ("periods", 108, (15, 13, 22, 20, 22), 0),
              ("age", 205, (26, 14), 0), ("housing", 205, (26, 14), 27), ("sex", 205, (26, 14), 58),
              ("origin", 248, (24, 10), 0), ("education", 248, (24, 10), 58)]
    for table, left, widths, down in layout:
        title, header = TABLES[table]
        ty = top - down * mm
        c.setFont(FONT, 10)
        c.drawString(left * mm, ty, str(title))
        ty -= 5 * mm
        c.setFont(FONT, 8)
        # a header too wide for its column takes a second line rather than being cut
        heads = [_lines(str(h), 8, w * mm - 1 * mm)[:2] for h, w in zip(header, widths)]
        for line in range(max(len(h) for h in heads)):
            cx = left * mm
            for head, w in zip(heads, widths):
                c.drawString(cx, ty, head[line] if line < len(head) else "")
                cx += w * mm
            ty -= 3.4 * mm
        c.line(left * mm, ty + 2.2 * mm, cx, ty + 2.2 * mm)
        ty -= 0.8 * mm
        for row in table_rows(data, table, protect=protect)[:14]:
            cx = left * mm
            for value, w in zip(row, widths):
                text = f"{value:,}" if isinstance(value, int) else str(value)
                if isinstance(value, int):
                    c.drawRightString(cx + w * mm - 2 * mm, ty, text)
                else:
                    c.drawString(cx, ty, _lines(text, 8, w * mm - 1 * mm)[0] if text else "")
                cx += w * mm
            ty -= 4.2 * mm
    c.save()
    return buffer.getvalue()
