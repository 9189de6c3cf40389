"""The registration certificate (居住登记凭证): a PDF whose QR carries the signed content."""
import io

from django.conf import settings
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from anju.core.documents import sign_document
from anju.houses.plates import FONT, _draw_qr


def certificate_payload(registration) -> dict:
    """What the QR proves. Masked ID number: a lost certificate must not leak the full number."""
    station = next((n for n in registration.jurisdiction.ancestors() if n.level == "station"), None)
    return {"t": "居住登记凭证", "v": 1, "no": registration.number, "name": registration.name,
            "id": registration.id_masked, "addr": registration.address,
            "from": registration.starts_on.isoformat(),
            "until": registration.valid_until.isoformat() if registration.valid_until else "",
            "by": station.name if station else registration.jurisdiction.name}


def verify_url(token: str) -> str:
    return f"{settings.ANJU_PUBLIC_BASE_URL.rstrip('/')}/v/{token}"


def certificate_pdf(registration) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    payload = certificate_payload(registration)
    token = sign_document(payload)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A5)
    c.setTitle(f"居住登记凭证 {registration.number}")
    width, height = A5
    c.setLineWidth(2)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setFont(FONT, 22)
    c.drawCentredString(width / 2, height - 30 * mm, "居住登记凭证")
    c.setFont(FONT, 10)
    c.drawCentredString(width / 2, height - 37 * mm, "Residence Registration Certificate")
    rows = [("登记编号", payload["no"]), ("姓名", payload["name"]), ("公民身份号码", payload["id"]),
            ("居住地址", payload["addr"]), ("登记日期", payload["from"]), ("有效期至", payload["until"]),
            ("登记机关", payload["by"])]
    y = height - 52 * mm
    for label, value in rows:
        c.setFont(FONT, 10)
        c.drawString(18 * mm, y, label)
        c.setFont(FONT, 11)
        text = str(value)
        for start in range(0, max(len(text), 1), 26):
            c.drawString(45 * mm, y, text[start:start + 26])
            y -= 6 * mm
        y -= 2 * mm
    qr = 48 * mm
    _draw_qr(c, verify_url(token), (width - qr) / 2, 22 * mm, qr)
    c.setFont(FONT, 8)
    c.drawCentredString(width / 2, 17 * mm, "扫码验证真伪：二维码含签名内容，无需联网亦可用平台公钥校验")
    c.save()
    return buffer.getvalue()
