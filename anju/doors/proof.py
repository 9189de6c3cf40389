"""Residence proof (居住证明) from door swipes: a PDF whose QR carries the signed content, like the registration
certificate, issued on the resident's own request."""
import io

from django.utils import timezone
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from anju.core.documents import sign_document
from anju.doors.selectors import months_present
from anju.houses.plates import FONT, _draw_qr
from anju.registrations.certificates import verify_url


def proof_payload(registration, *, months: int = 12, today=None) -> dict:
    """Months with at least one day present at the address, out of the last `months`; the masked ID only."""
    today = today or timezone.localdate()
    return _payload(registration, months_present(registration=registration, months=months, today=today), today)


def _payload(registration, per_month, today) -> dict:
    return {"t": "居住证明", "v": 1, "no": registration.number, "name": registration.name,
            "id": registration.id_masked, "addr": registration.address, "from": registration.starts_on.isoformat(),
            "months": len(per_month), "present": sum(1 for _m, days in per_month if days),
            "days": [days for _m, days in per_month], "to": today.isoformat()}


def proof_pdf(registration, *, months: int = 12) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    today = timezone.localdate()
    per_month = months_present(registration=registration, months=months, today=today)
    payload = _payload(registration, per_month, today)
    token = sign_document(payload)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A5)
    c.setTitle(f"居住证明 {registration.number}")
    width, height = A5
    c.setLineWidth(2)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setFont(FONT, 22)
    c.drawCentredString(width / 2, height - 30 * mm, "居住证明")
    c.setFont(FONT, 10)
    c.drawCentredString(width / 2, height - 37 * mm, "Proof of residence (from door access records)")
    rows = [("姓名", payload["name"]), ("公民身份号码", payload["id"]), ("居住地址", payload["addr"]),
            ("登记日期", payload["from"]),
            ("统计期间", f"{per_month[0][0]:%Y年%-m月1日} 至 {today:%Y年%-m月%-d日}"),
            ("有出入记录的月份", f"{payload['present']} / {months}")]
    y = height - 52 * mm
    for label, value in rows:
        c.setFont(FONT, 10)
        c.drawString(18 * mm, y, label)
        c.setFont(FONT, 11)
        text = str(value)
        for start in range(0, max(len(text), 1), 24):
            c.drawString(50 * mm, y, text[start:start + 24])
            y -= 6 * mm
        y -= 2 * mm
    _draw_month_table(c, per_month, left=18 * mm, top=y, width=width - 36 * mm)
    qr = 44 * mm
    _draw_qr(c, verify_url(token), (width - qr) / 2, 20 * mm, qr)
    c.setFont(FONT, 8)
    c.drawCentredString(width / 2, 15 * mm, "扫码验证真伪：二维码含签名内容，无需联网亦可用平台公钥校验")
    c.save()
    return buffer.getvalue()


def _draw_month_table(c, per_month, *, left, top, width, per_row=6):
    """Days with a door entry in each month, under the month they belong to (a bare row of numbers could not be
    read: which number is which month?)."""
    c.setFont(FONT, 10)
    c.drawString(left, top, "每月有出入记录的天数")
    cell_w, cell_h = width / per_row, 11 * mm
    c.setLineWidth(0.5)
    y = top - 3 * mm
    for start in range(0, len(per_month), per_row):
        for i, (month, days) in enumerate(per_month[start:start + per_row]):
            x = left + i * cell_w
            c.rect(x, y - cell_h, cell_w, cell_h)
            c.setFont(FONT, 8)
            c.drawCentredString(x + cell_w / 2, y - 4 * mm, f"{month:%Y年%-m月}")
            c.setFont(FONT, 11)
            c.drawCentredString(x + cell_w / 2, y - 9 * mm, f"{days} 天")
        y -= cell_h

