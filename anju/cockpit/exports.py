"""The cockpit's tables as Excel, and the whole view as a one-page PDF for a meeting."""
import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from anju.houses.plates import FONT

TABLES = {
    "ranking": ("下级辖区登记人口排名", ["辖区", "代码", "登记人口"]),
    "age": ("年龄结构", ["年龄段", "人数"]),
    "sex": ("性别", ["性别", "人数"]),
    "housing": ("居住类型", ["类型", "人数"]),
    "origin": ("来源地（前十）", ["省份", "人数"]),
    "education": ("文化程度", ["文化程度", "人数"]),
    "periods": ("新增与注销（同比）", ["时段", "新增", "去年同期新增", "注销", "去年同期注销"]),
}
PERIOD_NAMES = {"today": "今日", "week": "本周", "month": "本月"}


def suppress(value, *, protect: bool):
    """Department users get no cell small enough to single out a person."""
    if protect and isinstance(value, int) and 0 < value < settings.ANJU_COCKPIT_MIN_CELL:
        return f"<{settings.ANJU_COCKPIT_MIN_CELL}"
    return value


def table_rows(data: dict, table: str, *, protect: bool) -> list[list]:
    if table == "ranking":
        return [[r["name"], r["code"], suppress(r["value"], protect=protect)] for r in data["ranking"]]
    if table == "periods":
        return [[PERIOD_NAMES[k], *(suppress(p[f], protect=protect) for f in ("new", "new_last_year", "cancelled",
                                                                             "cancelled_last_year"))]
                for k, p in data["periods"].items()]
    return [[r["name"], suppress(r["value"], protect=protect)] for r in data["composition"][table]]


def table_workbook(data: dict, table: str, *, protect: bool) -> Workbook:
    title, header = TABLES[table]
    book = Workbook()
    sheet = book.active
    sheet.title = title[:30]
    sheet.append([f"{data['node']['full_name']} · {title}"])
    sheet.append([f"统计时间 {data['as_of'] or ''}"])
    sheet.append(header)
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


def report_pdf(data: dict, *, protect: bool) -> bytes:
    """One landscape A4 page: the figures in boxes that fit the page, then each table with its header row."""
    from reportlab.lib.utils import simpleSplit

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=landscape(A4))
    width, height = landscape(A4)
    margin = 15 * mm
    c.setTitle(f"驾驶舱 {data['node']['name']}")
    c.setFont(FONT, 18)
    c.drawString(margin, height - 18 * mm, f"{data['node']['full_name']} 实有人口情况")
    c.setFont(FONT, 8)
    y = height - 24 * mm
    for line in simpleSplit(f"统计时间 {_when(data['as_of'])}；{data['figures']['rate_method']}", FONT, 8,
                            width - 2 * margin)[:3]:
        c.drawString(margin, y, line)
        y -= 3.6 * mm
    f = data["figures"]
    boxes = [("登记流动人口", f["registered"]), ("出租房屋", f["rental_houses"]), ("已录入房间", f["rooms"]),
             ("出租房在住人员", f["occupants"]), ("逾期未申报", f["overdue"]), ("待核录申报", f["pending_declarations"]),
             ("未处置预警", f["open_alerts"]), ("未履责房东", f["noncompliant_landlords"])]
    gap = 2 * mm
    box = (width - 2 * margin - gap * (len(boxes) - 1)) / len(boxes)
    x, y = margin, y - 20 * mm
    for label, value in boxes:
        c.roundRect(x, y, box, 18 * mm, 2 * mm)
        c.setFont(FONT, 15)
        c.drawCentredString(x + box / 2, y + 8 * mm, f"{suppress(value, protect=protect):,}"
                            if isinstance(suppress(value, protect=protect), int) else str(suppress(value, protect=protect)))
        c.setFont(FONT, 8)
        c.drawCentredString(x + box / 2, y + 3 * mm, label)
        x += box + gap
    top = y - 8 * mm
    # (table, left edge, its columns' widths in mm, how far down the page it starts)
    layout = [("ranking", 15, (40, 30, 18), 0), ("periods", 108, (14, 14, 22, 14, 22), 0),
              ("age", 205, (24, 16), 0), ("housing", 205, (24, 16), 38), ("origin", 250, (18, 16), 0),
              ("education", 250, (18, 16), 58)]
    for table, left, widths, down in layout:
        title, header = TABLES[table]
        ty = top - down * mm
        c.setFont(FONT, 10)
        c.drawString(left * mm, ty, title)
        ty -= 5 * mm
        for i, row in enumerate([header, *table_rows(data, table, protect=protect)[:14]]):
            c.setFont(FONT, 8)
            cx = left * mm
            for value, w in zip(row, widths):
                text = f"{value:,}" if isinstance(value, int) else str(value)
                if i and isinstance(value, int):
                    c.drawRightString(cx + w * mm - 2 * mm, ty, text)
                else:
                    c.drawString(cx, ty, simpleSplit(text, FONT, 8, w * mm - 1 * mm)[0] if text else "")
                cx += w * mm
            if i == 0:
                c.line(left * mm, ty - 1.2 * mm, cx, ty - 1.2 * mm)
            ty -= 4.2 * mm
    c.save()
    return buffer.getvalue()
