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
    per_month = months_present(registration=registration, months=months, today=today)
    return {"t": "居住证明", "v": 1, "no": registration.number, "name": registration.name,
            "id": registration.id_masked, "addr": registration.address, "from": registration.starts_on.isoformat(),
            "months": months, "present": sum(1 for _m, days in per_month if days),
            "days": [days for _m, days in per_month], "to": today.isoformat()}


def proof_pdf(registration, *, months: int = 12) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    payload = proof_payload(registration, months=months)
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
            ("登记日期", payload["from"]), ("统计期间", f"截至 {payload['to']} 的 {months} 个月"),
            ("有出入记录的月份", f"{payload['present']} / {months}"),
            ("每月出入天数", " ".join(str(d) for d in payload["days"]))]
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
    qr = 44 * mm
    _draw_qr(c, verify_url(token), (width - qr) / 2, 20 * mm, qr)
    c.setFont(FONT, 8)
    c.drawCentredString(width / 2, 15 * mm, "扫码验证真伪：二维码含签名内容，无需联网亦可用平台公钥校验")
    c.save()
    return buffer.getvalue()
