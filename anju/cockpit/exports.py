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


def report_pdf(data: dict, *, protect: bool) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=landscape(A4))
    width, height = landscape(A4)
    c.setTitle(f"驾驶舱 {data['node']['name']}")
    c.setFont(FONT, 18)
    c.drawString(15 * mm, height - 18 * mm, f"{data['node']['full_name']} 实有人口情况")
    c.setFont(FONT, 9)
    c.drawString(15 * mm, height - 24 * mm, f"统计时间 {data['as_of'] or '—'}；{data['figures']['rate_method']}")
    f = data["figures"]
    boxes = [("登记流动人口", f["registered"]), ("出租房屋", f["rental_houses"]), ("房间", f["rooms"]),
             ("在住人员", f["occupants"]), ("逾期未申报", f["overdue"]), ("待核录申报", f["pending_declarations"]),
             ("未处置预警", f["open_alerts"]), ("未履责房东", f["noncompliant_landlords"])]
    x, y = 15 * mm, height - 48 * mm
    for label, value in boxes:
        c.roundRect(x, y, 38 * mm, 18 * mm, 2 * mm)
        c.setFont(FONT, 15)
        c.drawCentredString(x + 19 * mm, y + 8 * mm, str(suppress(value, protect=protect)))
        c.setFont(FONT, 8)
        c.drawCentredString(x + 19 * mm, y + 3 * mm, label)
        x += 40 * mm
    columns = [("ranking", 15), ("periods", 95), ("age", 185), ("housing", 185), ("origin", 235), ("education", 235)]
    tops = {"ranking": 60, "periods": 60, "age": 60, "housing": 100, "origin": 60, "education": 120}
    for table, left in columns:
        title, header = TABLES[table]
        ty = height - tops[table] * mm
        c.setFont(FONT, 10)
        c.drawString(left * mm, ty, title)
        c.setFont(FONT, 8)
        ty -= 5 * mm
        for row in table_rows(data, table, protect=protect)[:14]:
            c.drawString(left * mm, ty, "  ".join(str(v) for v in row))
            ty -= 4.2 * mm
    c.save()
    return buffer.getvalue()
