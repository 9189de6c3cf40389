"""Door plates (一户一牌): signed tokens, their QR codes, and printable PDF sheets.

A token is `serial.signature`: the serial is 72 random bits, the signature a
keyed MAC over it, so a forged or mistyped token is refused before any lookup
and a database id never appears in a QR code.
"""
import io
import re
import secrets

import segno
from django.conf import settings
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from anju.core import crypto
from anju.lib.bilingual import bilingual

SIGNATURE_LENGTH = 10
FONT = "STSong-Light"  # ReportLab's built-in CID font: Chinese text with no font file to ship


class PlateTokenError(ValueError):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def new_serial() -> str:
    return secrets.token_urlsafe(9)


def sign(serial: str) -> str:
    return f"{serial}.{crypto.mac(serial.encode(), purpose='door-plate')[:SIGNATURE_LENGTH]}"


def verify(token: str) -> str:
    """The serial inside a genuine token; PlateTokenError("malformed" | "forged") otherwise."""
    serial, dot, signature = (token or "").strip().partition(".")
    if not dot or not serial or len(signature) != SIGNATURE_LENGTH:
        raise PlateTokenError("malformed", bilingual("门牌码格式不正确", "the plate code is malformed"))
    if not secrets.compare_digest(sign(serial), f"{serial}.{signature}"):
        raise PlateTokenError("forged", bilingual("门牌码校验失败，可能被篡改或输错",
                                                  "the plate code failed its check: forged or mistyped"))
    return serial


def plate_url(token: str) -> str:
    return f"{settings.ANJU_PUBLIC_BASE_URL.rstrip('/')}/p/{token}/"


def qr_svg_for(path: str) -> str:
    """An inline SVG QR code for a path on this site (e.g. a workplace's /o/<token>/)."""
    buffer = io.BytesIO()
    url = f"{settings.ANJU_PUBLIC_BASE_URL.rstrip('/')}{path}"
    segno.make(url, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def _draw_qr(c: canvas.Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draws the QR as vector runs (one rectangle per dark run in a row): crisp at any print size."""
    qr = segno.make(data, error="m")
    matrix = [list(row) for row in qr.matrix]
    n = len(matrix)
    quiet = 2
    module = size / (n + 2 * quiet)
    path = c.beginPath()
    for r, row in enumerate(matrix):
        start = None
        for col in range(n + 1):
            dark = col < n and row[col]
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + (quiet + start) * module, y + size - (quiet + r + 1) * module, (col - start) * module, module)
                start = None
    c.drawPath(path, stroke=0, fill=1)


# What a line of a plate never breaks inside: a number with its unit (103室, 16号, 3单元, B座), so a room number stays
# with its 室 as it does in print (a non-breaking run); a run longer than a line is cut as it has to be.
NUMBER_WITH_UNIT = r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\-－]+(?:单元|室|号|幢|栋|楼|层|座|弄|区)"  # also kept whole by cockpit PDFs
_UNBREAKABLE = re.compile(NUMBER_WITH_UNIT + r"?|.", re.S)


def _wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for run in _UNBREAKABLE.findall(text):
        if len(lines[-1]) + len(run) > width and lines[-1]:
            lines.append("")
        while len(run) > width:
            lines[-1], run = run[:width], run[width:]
            lines.append("")
        lines[-1] += run
    return lines


def plates_pdf(plates: list[dict]) -> bytes:
    """A4 sheets, four plates a page. Each item: token, address, community, station."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setTitle("居住登记门牌二维码 door plates")
    page_w, page_h = A4
    card_w, card_h = (page_w - 30 * mm) / 2, (page_h - 30 * mm) / 2
    for index, plate in enumerate(plates):
        slot = index % 4
        if index and slot == 0:
            c.showPage()
        x = 10 * mm + (slot % 2) * (card_w + 10 * mm)
        y = page_h - 10 * mm - (slot // 2 + 1) * card_h - (slot // 2) * 10 * mm
        c.setLineWidth(1.2)
        c.roundRect(x, y, card_w, card_h, 4 * mm)
        c.setFont(FONT, 18)
        c.drawCentredString(x + card_w / 2, y + card_h - 14 * mm, "居住登记 · 扫码申报")
        c.setFont(FONT, 9)
        c.drawCentredString(x + card_w / 2, y + card_h - 20 * mm, "一户一牌  请租住人员扫码申报居住登记")
        qr_size = 58 * mm
        _draw_qr(c, plate_url(plate["token"]), x + (card_w - qr_size) / 2, y + card_h - 24 * mm - qr_size, qr_size)
        c.setFont(FONT, 10)
        text_y = y + card_h - 30 * mm - qr_size
        for line in _wrap(plate["address"], 22)[:3]:
            c.drawCentredString(x + card_w / 2, text_y, line)
            text_y -= 5 * mm
        c.setFont(FONT, 8)
        c.drawCentredString(x + card_w / 2, y + 9 * mm, f"{plate.get('station', '')} {plate.get('community', '')}")
        c.drawCentredString(x + card_w / 2, y + 5 * mm, f"门牌编号 {plate['token'].split('.')[0]}")
    if not plates:
        c.setFont(FONT, 14)
        c.drawString(20 * mm, page_h - 30 * mm, "没有可打印的门牌 / no plates to print")
    c.save()
    return buffer.getvalue()
