"""Read the front of a PRC resident ID card (居民身份证人像面) from a photo.

``recognise(image_bytes) -> IdCardResult``: name, sex, ethnicity, birth date,
address and ID number, each with a confidence, cross-checked against the
number's own digits (GB 11643: birth date, sex parity, check digit), with
warnings in Chinese and English. The caller shows every field for the user to
confirm or correct; nothing here is a verdict.

Errors (all ``IdCardError``, a ``ValueError``, with ``code``, ``zh`` and ``en``;
``str()`` is "中文 (English)"):

* ``ImageTooLargeError``: more than ``max_bytes`` bytes (checked before decoding)
  or ``max_pixels`` pixels (checked from the header, before decoding);
* ``UnreadableImageError``: empty, not an image, a format we do not open (only
  JPEG/PNG/WebP/BMP/TIFF/GIF/MPO: no EPS or PDF through Ghostscript), corrupt;
* ``NotAnIdCardFrontError``: no text (``no_text``), no 15–20 character digit
  run (``no_number``), a number but none of the card's labels (``no_labels``),
  or the national-emblem side (``back_side``).

A front whose number is read with the wrong length or fails validation is not
an error: the result comes back with the number as read, ``cross_check``
saying what is wrong and a warning, for the user to correct.

Pipeline (about 0.5–0.6 s of one idle core for a 1280 × 960 photo):

1. decode with Pillow (JPEG decoded at reduced scale when the photo is large),
   apply the EXIF orientation, keep a working copy of at most ``WORK_SIDE`` px;
2. text detection (PP-OCRv4 DB) on a copy of at most ``DET_SIDE`` px; if the
   text covers only a small part of the photo, crop to it and detect again;
3. sideways photos are turned (most boxes taller than wide) and upside-down
   ones found with the direction classifier on the widest boxes;
4. recognition (PP-OCRv4 SVTR-LCNet) of every box from the working copy,
   keeping the per-frame probabilities;
5. layout: boxes are deskewed (mean angle of the wide boxes), grouped into
   rows; rows get roles from their labels (姓名 性别 民族 出生 住址 公民身份号码)
   or, where a label was not read, from their neighbours; labels glued to
   values ("姓名张三") and numbers split from their label or into pieces are
   handled; a value the detector missed (a lone 男 or 汉) is read again from
   where the layout puts it; the photo area is ignored;
6. knowledge: digit look-alikes in the number (O→0, l→1…); 男/女 only, else
   the number's sex with a warning; the ethnicity is decoded against the 56
   GB 3304 names with the recogniser's probabilities (CTC, a lexicon of 56);
   names are decoded "eagerly" so a rare character split between look-alikes
   is not dropped; the address's leading region name is corrected to a
   GB/T 2260 name when one character was misread (the number's county breaks
   ties); a number failing MOD 11-2 is repaired with ``repair_candidates``
   only when the printed birth date leaves one candidate, or the recogniser's
   probabilities favour one 20:1, or the printed sex or the address's county
   settles it;
7. cross-checks: printed birth date and sex against digits 7–14 and 17, the
   check digit and the whole number's validity (``anju.lib.identity``).

No Django here. Results and errors never contain the full number in ``repr``.
"""

from __future__ import annotations

import datetime
import difflib
import io
import math
import os
import re
import statistics
import threading
import unicodedata
import warnings as _warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from anju.lib.bilingual import bilingual
from anju.lib.codes import ETHNICITY
from anju.lib.identity import (
    InvalidIdNumber,
    id_number_errors,
    mask_id_number,
    parse_id_number,
    region_history,
    region_name,
    repair_candidates,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PIXELS",
    "CrossCheck",
    "IdCardError",
    "IdCardResult",
    "ImageTooLargeError",
    "NotAnIdCardFrontError",
    "UnreadableImageError",
    "TextBox",
    "get_engine",
    "ocr_lines",
    "parse_boxes",
    "recognise",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2–6 MB
DEFAULT_MAX_PIXELS = 40_000_000  # 40 megapixels: bigger than any phone camera's default
WORK_SIDE = 1600  # px: long side of the copy the recogniser crops text from
DET_SIDE = 736  # px: long side of the copy text detection runs on
SMALL_CARD = 0.55  # below this share of the photo's long side, crop to the text and detect again
MIN_REC_RATIO = 3.0  # recognition input at least 144 × 48 px: 15 % less CPU than the stock 320 × 48, same accuracy
# on 300 cards; 72 × 48 (1.5) dropped lone characters at line ends ("1室")
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "TIFF", "GIF", "MPO")  # what Pillow may open (no EPS/PDF)


# --------------------------------------------------------------------------- errors


class IdCardError(ValueError):
    """An ID-card photo we cannot use; ``str()`` is "中文 (English)", or the reader's language alone inside a web
    request (lib.bilingual), shown to the user as is."""

    code = "id_card"

    def __init__(self, code: str, zh: str, en: str):
        self.code, self.zh, self.en = code, zh, en
        super().__init__(f"{zh} ({en})")

    def __str__(self) -> str:
        return bilingual(self.zh, self.en, f"{self.zh} ({self.en})")


class ImageTooLargeError(IdCardError):
    pass


class UnreadableImageError(IdCardError):
    pass


class NotAnIdCardFrontError(IdCardError):
    pass


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CrossCheck:
    """What the printed fields and the number's digits say about each other.

    ``None`` means "could not be compared" (a side is missing or invalid).
    """

    number_valid: bool  # region, birth date and check digit all valid (anju.lib.identity)
    check_digit_ok: bool | None  # None when the read was not 17 digits + check character
    birth_date_matches: bool | None  # printed 出生 vs digits 7–14
    sex_matches: bool | None  # printed 性别 vs parity of digit 17
    number_repaired: bool = False  # one misread character corrected with the check digit
    number_errors: tuple[str, ...] = ()  # anju.lib.identity messages, "中文 (English)" (lib.bilingual)

    @property
    def ok(self) -> bool:
        return bool(self.number_valid and self.birth_date_matches and self.sex_matches)


@dataclass
class IdCardResult:
    """The fields read from the card. Any field may be None/"" when it could not be read."""

    name: str
    sex: str | None  # GB/T 2261.1 code: "1" male, "2" female
    sex_name: str | None  # "男" / "女"
    ethnicity: str | None  # GB 3304 code, "01"
    ethnicity_name: str | None  # GB 3304 name, "汉族"
    birth_date: datetime.date | None  # as printed (出生); see cross_check for the number's
    address: str
    id_number: str  # 18 characters as read (after repair, if any); "" when unreadable
    confidence: dict[str, float] = field(default_factory=dict)  # per field, 0–1
    warnings: list[str] = field(default_factory=list)  # "中文 (English)"
    cross_check: CrossCheck | None = None

    FIELDS = ("name", "sex", "ethnicity", "birth_date", "address", "id_number")

    def as_dict(self) -> dict:
        """Plain values for a form or JSON (dates as ISO strings)."""
        return {
            "name": self.name,
            "sex": self.sex,
            "sex_name": self.sex_name,
            "ethnicity": self.ethnicity,
            "ethnicity_name": self.ethnicity_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "address": self.address,
            "id_number": self.id_number,
            "confidence": dict(self.confidence),
            "warnings": list(self.warnings),
            "cross_check": None if self.cross_check is None else {
                "number_valid": self.cross_check.number_valid,
                "check_digit_ok": self.cross_check.check_digit_ok,
                "birth_date_matches": self.cross_check.birth_date_matches,
                "sex_matches": self.cross_check.sex_matches,
                "number_repaired": self.cross_check.number_repaired,
                "number_errors": list(self.cross_check.number_errors),
                "ok": self.cross_check.ok,
            },
        }

    def __repr__(self) -> str:  # personal data: mask the number, leave out name and address
        return (f"IdCardResult(id_number={mask_id_number(self.id_number)!r}, sex={self.sex!r}, "
                f"ethnicity={self.ethnicity!r}, warnings={len(self.warnings)})")


def _w(zh: str, en: str) -> str:
    return bilingual(zh, en, f"{zh} ({en})")


# --------------------------------------------------------------------------- the engine

_engine = None
_engine_lock = threading.Lock()


def get_engine():
    """The process's RapidOCR engine, created on first use (thread-safe)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _load_engine()
    return _engine


def _load_engine():
    threads = max(1, int(os.environ.get("ANJU_OCR_THREADS", "1") or 1))
    import cv2
    from rapidocr_onnxruntime import RapidOCR

    cv2.setNumThreads(threads)
    # limit_type "min" with a tiny side: the detector never rescales; we hand it a sized copy.
    return RapidOCR(
        intra_op_num_threads=threads,
        inter_op_num_threads=1,
        det_limit_type="min",
        det_limit_side_len=32,
        rec_batch_num=1,
    )


# --------------------------------------------------------------------------- decoding


def _decode(image_bytes: bytes, max_bytes: int, max_pixels: int) -> np.ndarray:
    """Bytes -> RGB array with the EXIF orientation applied, long side <= WORK_SIDE."""
    if not isinstance(image_bytes, (bytes, bytearray, memoryview)):
        raise UnreadableImageError("not_bytes", "上传内容不是图片文件", "the upload is not an image file")
    size = len(image_bytes)
    if size == 0:
        raise UnreadableImageError("empty", "图片为空", "the image is empty")
    if size > max_bytes:
        raise ImageTooLargeError(
            "too_many_bytes",
            f"图片过大：{size / 2**20:.1f} MB，上限 {max_bytes / 2**20:.0f} MB",
            f"the image is too large: {size / 2**20:.1f} MB, the limit is {max_bytes / 2**20:.0f} MB",
        )
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(bytes(image_bytes)), formats=FORMATS)
    except Image.DecompressionBombError:
        raise _too_many_pixels(None, max_pixels) from None
    except Exception:
        raise UnreadableImageError(
            "not_image",
            "无法识别的图片格式，请上传 JPEG 或 PNG 照片",
            "not an image we can read: upload a JPEG or PNG photo",
        ) from None
    pixels = img.width * img.height
    if pixels > max_pixels:
        raise _too_many_pixels(pixels, max_pixels)
    try:
        if img.format in ("JPEG", "MPO"):
            img.draft("RGB", (WORK_SIDE, WORK_SIDE))  # DCT scaling: decode big photos at 1/2, 1/4…
        img = ImageOps.exif_transpose(img)
        img = img.convert("RGB")
        if max(img.size) > WORK_SIDE:
            scale = WORK_SIDE / max(img.size)
            img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                             Image.BILINEAR, reducing_gap=2.0)
        arr = np.asarray(img)
    except Exception:
        raise UnreadableImageError(
            "corrupt", "图片已损坏或不完整，请重新拍摄", "the image is damaged or incomplete; take the photo again"
        ) from None
    if min(arr.shape[:2]) < 64:
        raise UnreadableImageError(
            "too_small", "图片太小，无法识别，请重新拍摄", "the image is too small to read; take the photo again"
        )
    return arr


def _too_many_pixels(pixels: int | None, max_pixels: int) -> ImageTooLargeError:
    got_zh = f"{pixels / 1e6:.0f} 百万像素，" if pixels else ""
    got_en = f"{pixels / 1e6:.0f} megapixels, " if pixels else ""
    return ImageTooLargeError(
        "too_many_pixels",
        f"图片像素过多：{got_zh}上限 {max_pixels / 1e6:.0f} 百万像素",
        f"the image has too many pixels: {got_en}the limit is {max_pixels / 1e6:.0f} megapixels",
    )


# --------------------------------------------------------------------------- OCR


@dataclass
class TextBox:
    """One recognised line of text. Tests build these by hand to drive ``parse_boxes``."""

    quad: np.ndarray  # 4 × 2, clockwise from top-left, working-image coordinates
    text: str = ""  # NFKC-normalised
    score: float = 0.0  # mean probability of the characters read
    raw: str = ""  # as decoded (the recogniser's own characters)
    probs: np.ndarray | None = field(default=None, repr=False)  # T × classes, for _ctc_logprob
    # deskewed geometry, filled by _layout
    cx: float = 0.0
    cy: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    h: float = 0.0


def _resize_long(arr: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    import cv2

    h, w = arr.shape[:2]
    scale = side / max(h, w)
    if abs(scale - 1.0) < 0.02:
        return arr, 1.0
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(arr, (max(32, round(w * scale)), max(32, round(h * scale))), interpolation=interp), scale


def _detect(engine, bgr: np.ndarray) -> list[np.ndarray]:
    """Text boxes (4 × 2 float32 quads) in ``bgr``'s coordinates."""
    small, scale = _resize_long(bgr, DET_SIDE)
    boxes, _elapsed = engine.text_det(small)
    if boxes is None or len(boxes) == 0:
        return []
    return [np.asarray(b, np.float32) / scale for b in boxes]


def _crop(bgr: np.ndarray, quad: np.ndarray) -> np.ndarray:
    import cv2

    w = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    h = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    w, h = max(w, 2), max(h, 2)
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    out = cv2.warpPerspective(bgr, m, (w, h), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if h >= 1.5 * w:
        out = np.rot90(out)
    return out


def _is_sideways(quads: list[np.ndarray]) -> bool:
    tall = sum(1 for q in quads if np.linalg.norm(q[0] - q[3]) > 1.5 * np.linalg.norm(q[0] - q[1]))
    return len(quads) >= 3 and tall > len(quads) / 2


def _upside_down(engine, bgr: np.ndarray, quads: list[np.ndarray]) -> bool:
    """The direction classifier's vote on the widest boxes."""
    widest = sorted(quads, key=lambda q: -np.linalg.norm(q[0] - q[1]))[:6]
    crops = [np.ascontiguousarray(_crop(bgr, q)) for q in widest]
    _imgs, results, _elapsed = engine.text_cls(crops)
    flipped = sum(1 for label, score in results if "180" in label and score > 0.8)
    return flipped > len(results) / 2


def _text_region(quads: list[np.ndarray], shape) -> tuple[int, int, int, int] | None:
    """A crop around the detected text when it covers a small part of the photo, else None."""
    if not quads:
        return None
    pts = np.concatenate(quads)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    h, w = shape[:2]
    if max(x1 - x0, y1 - y0) >= SMALL_CARD * max(w, h):
        return None
    margin = 0.12 * max(x1 - x0, y1 - y0)
    return (int(max(0, x0 - margin)), int(max(0, y0 - margin)), int(min(w, x1 + margin)), int(min(h, y1 + margin)))


class _Page:
    """The oriented photo and its recognised boxes; ``read(quad)`` recognises one more region."""

    def __init__(self, engine, bgr: np.ndarray, boxes: list[TextBox]):
        self.engine, self.bgr, self.boxes = engine, bgr, boxes

    def read(self, quad: np.ndarray) -> TextBox | None:
        h, w = self.bgr.shape[:2]
        quad = np.clip(np.asarray(quad, np.float32), 0, [w - 1, h - 1])
        crop = _crop(self.bgr, quad)
        if min(crop.shape[:2]) < 4:
            return None
        (raw, score, probs), = _recognise(self.engine, [crop])
        return TextBox(quad=quad, text=unicodedata.normalize("NFKC", raw).strip(), score=score, raw=raw, probs=probs)


def _recognise(engine, crops: list[np.ndarray]) -> list[tuple[str, float, np.ndarray]]:
    """(greedy CTC text, mean character probability, T × classes probabilities) per crop.

    The engine's TextRecognizer keeps only the text; we keep the probabilities so
    that candidates (the 56 ethnicity names, check-digit repairs) can be scored.
    """
    rec = engine.text_rec
    chars = rec.postprocess_op.character
    out = []
    for crop in crops:
        h, w = crop.shape[:2]
        norm = rec.resize_norm_img(np.ascontiguousarray(crop), max(MIN_REC_RATIO, w / max(h, 1)))
        probs = rec.session(norm[np.newaxis].astype(np.float32))[0][0]
        best = probs.argmax(axis=1)
        keep = best != 0
        keep[1:] &= best[1:] != best[:-1]
        text = "".join(chars[i] for i in best[keep])
        score = float(probs.max(axis=1)[keep].mean()) if keep.any() else 0.0
        out.append((text, score, probs))
    return out


def _decode_eager(probs: np.ndarray, chars) -> str:
    """Greedy CTC decoding that emits a character wherever blank has less than half the mass.

    Plain greedy decoding drops a rare character whose probability is split
    between look-alikes (blank 0.39, 琰 0.30, 毯 0.14); names have no lexicon to
    fall back on, so they are decoded this way.
    """
    best = probs.argmax(axis=1)
    nonblank = probs[:, 1:].argmax(axis=1) + 1
    blank = best == 0
    isolated = blank.copy()  # only inside a run of blanks: next to a read character it is that character's smear
    isolated[1:] &= blank[:-1]
    isolated[:-1] &= blank[1:]
    eager = np.where(isolated & (probs[:, 0] < 0.5), nonblank, best)
    keep = eager != 0
    keep[1:] &= eager[1:] != eager[:-1]
    return "".join(chars[i] for i in eager[keep])


@lru_cache(maxsize=4)
def _char_index(engine) -> dict[str, int]:
    return {ch: i for i, ch in enumerate(engine.text_rec.postprocess_op.character) if i}


def _ctc_logprob(probs: np.ndarray, text: str, index: dict[str, int]) -> float:
    """log P(text | probabilities) under CTC (forward algorithm, scaled); -inf for unknown characters."""
    try:
        labels = [index[ch] for ch in text]
    except KeyError:
        return float("-inf")
    ext = np.zeros(2 * len(labels) + 1, np.int64)
    ext[1::2] = labels
    p = np.maximum(probs[:, ext], 1e-30)
    skip = np.zeros(len(ext), bool)
    skip[2:] = (ext[2:] != 0) & (ext[2:] != ext[:-2])
    alpha = np.zeros(len(ext))
    alpha[0] = p[0, 0]
    if len(ext) > 1:
        alpha[1] = p[0, 1]
    log_total = 0.0
    for t in range(1, p.shape[0]):
        total = alpha.sum()
        if total <= 0:
            return float("-inf")
        alpha /= total
        log_total += math.log(total)
        new = alpha.copy()
        new[1:] += alpha[:-1]
        new[2:] += np.where(skip[2:], alpha[:-2], 0.0)
        alpha = new * p[t]
    end = alpha[-1] + (alpha[-2] if len(ext) > 1 else 0.0)
    return math.log(end) + log_total if end > 0 else float("-inf")


def ocr_lines(rgb: np.ndarray, engine=None) -> _Page:
    """Detected and recognised text boxes of an RGB image (orientation fixed)."""
    import cv2

    engine = engine or get_engine()
    bgr = np.ascontiguousarray(rgb[:, :, ::-1])
    quads = _detect(engine, bgr)
    if _is_sideways(quads):
        bgr = np.ascontiguousarray(cv2.rotate(bgr, cv2.ROTATE_90_CLOCKWISE))
        quads = _detect(engine, bgr)
    if quads and _upside_down(engine, bgr, quads):
        bgr = np.ascontiguousarray(cv2.rotate(bgr, cv2.ROTATE_180))
        quads = _detect(engine, bgr)
    region = _text_region(quads, bgr.shape)
    if region is not None:
        x0, y0, x1, y1 = region
        sub = np.ascontiguousarray(bgr[y0:y1, x0:x1])
        quads = [q + np.array([x0, y0], np.float32) for q in _detect(engine, sub)]
    if not quads:
        return _Page(engine, bgr, [])
    results = _recognise(engine, [_crop(bgr, q) for q in quads])
    boxes = []
    for quad, (raw, score, probs) in zip(quads, results):
        text = unicodedata.normalize("NFKC", raw).strip()
        if text and score >= 0.3:
            boxes.append(TextBox(quad=quad, text=text, score=score, raw=raw, probs=probs))
    return _Page(engine, bgr, boxes)


# --------------------------------------------------------------------------- layout


def _layout(boxes: list[TextBox]) -> tuple[list[list[TextBox]], float]:
    """Deskew by the mean box angle and group boxes into rows, top to bottom, left to right.

    Returns the rows and the angle (radians); ``_unskew`` maps deskewed points back.
    """
    angles, weights = [], []
    for b in boxes:
        q = b.quad
        top, bottom = q[1] - q[0], q[2] - q[3]
        width = np.linalg.norm(top)
        height = np.linalg.norm(q[3] - q[0])
        if width > 1.5 * height:
            angles.append(math.atan2(top[1] + bottom[1], top[0] + bottom[0]))
            weights.append(width)
    angle = float(np.average(angles, weights=weights)) if angles else 0.0
    cos, sin = math.cos(-angle), math.sin(-angle)
    for b in boxes:
        pts = b.quad @ np.array([[cos, sin], [-sin, cos]], np.float32)  # rotate by -angle
        b.x0, b.x1 = float(pts[:, 0].min()), float(pts[:, 0].max())
        y0, y1 = float(pts[:, 1].min()), float(pts[:, 1].max())
        b.cx, b.cy, b.h = (b.x0 + b.x1) / 2, (y0 + y1) / 2, y1 - y0
    rows: list[list[TextBox]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if rows:
            row = rows[-1]
            row_cy = statistics.fmean(r.cy for r in row)
            row_h = max(r.h for r in row)
            if abs(b.cy - row_cy) < 0.5 * max(row_h, b.h):
                row.append(b)
                continue
        rows.append([b])
    for row in rows:
        row.sort(key=lambda b: b.x0)
    return rows, angle


def _unskew(x0: float, y0: float, x1: float, y1: float, angle: float) -> np.ndarray:
    """The image quad (clockwise from top-left) of a deskewed rectangle."""
    cos, sin = math.cos(angle), math.sin(angle)
    pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return pts @ np.array([[cos, sin], [-sin, cos]], np.float32)


def _row_text(row: list[TextBox]) -> str:
    return "".join(b.text for b in row)


# --------------------------------------------------------------------------- the number

_DIGIT_LOOKALIKES = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0", "〇": "0", "○": "0",
    "I": "1", "l": "1", "|": "1", "i": "1", "L": "1", "!": "1", "丨": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6", "g": "9", "q": "9",
    "x": "X", "×": "X", "K": "X", "乂": "X",
})
_NUMBER_LABEL = re.compile(r"[公民身份号码證证]+")
_NUMBER_RUN = re.compile(r"[0-9][0-9X ]{13,22}[0-9X]")


@dataclass
class _NumberRead:
    text: str  # look-alikes mapped: "33010619900307123X"
    score: float
    spots: list[tuple[int, int]]  # (box index in the row, character index in box.raw) per character


def _number_from_row(row: list[TextBox]) -> _NumberRead | None:
    """The digit run closest to 18 characters in a row, label removed, look-alikes mapped.

    The number may be glued to its label ("公民身份号码3301…") or split over
    several boxes; ``spots`` says where each character came from so that
    candidates can be scored against the recogniser's probabilities.
    """
    chars, spots = [], []
    for bi, b in enumerate(row):
        for ci, ch in enumerate(b.raw or b.text):
            chars.append(unicodedata.normalize("NFKC", ch)[:1] or " ")
            spots.append((bi, ci))
        chars.append(" ")  # box boundary
        spots.append((bi, -1))
    text = _NUMBER_LABEL.sub(lambda m: " " * len(m.group(0)), "".join(chars)).translate(_DIGIT_LOOKALIKES)
    runs = [m for m in _NUMBER_RUN.finditer(text) if 15 <= len(m.group(0).replace(" ", "")) <= 20]
    if not runs:
        return None
    best = max(runs, key=lambda m: (len(m.group(0).replace(" ", "")) == 18,
                                    -abs(len(m.group(0).replace(" ", "")) - 18)))
    picked = [(i, text[i]) for i in range(best.start(), best.end()) if text[i] != " "]
    used = {spots[i][0] for i, _ch in picked}
    score = min(row[bi].score for bi in used)
    return _NumberRead("".join(ch for _i, ch in picked), score, [spots[i] for i, _ch in picked])


def _number_scorer(row: list[TextBox], read: _NumberRead, index: dict[str, int] | None):
    """candidate -> summed CTC log-probability of the boxes with the candidate's characters in place."""
    if not index or any(row[bi].probs is None for bi, _ci in read.spots):
        return None

    def score(candidate: str) -> float:
        texts = {}
        for (bi, ci), ch in zip(read.spots, candidate):
            texts.setdefault(bi, list(row[bi].raw))[ci] = ch
        return sum(_ctc_logprob(row[bi].probs, "".join(t), index) for bi, t in texts.items())

    return score


# --------------------------------------------------------------------------- fields

# each label with the misreads seen for it (妊名 for 姓名, 佳址 for 住址…)
_NAME_LABEL = r"(?:[姓娃妊始姑姐灶牲]\s*){1,2}[名各]"  # "姓妊 名": a smudged 姓 read twice
_SEX_LABEL = r"(?:[性生牲]\s*){1,2}[别別刷]"
_ETHNICITY_LABEL = r"[民R]\s*[族旅]"
_BIRTH_LABEL = r"[出山]\s*[生主]"
_ADDRESS_LABEL = r"[住佳往任柱]\s*[址趾扯]"
_LABELS = {
    "name": re.compile(rf"^{_NAME_LABEL}|^姓"),
    "sex": re.compile(rf"^{_SEX_LABEL}"),
    "ethnicity": re.compile(_ETHNICITY_LABEL),
    "birth": re.compile(rf"^{_BIRTH_LABEL}"),
    "address": re.compile(rf"^{_ADDRESS_LABEL}"),
}
_ETHNIC_NAMES = {zh[:-1] if zh.endswith("族") and len(zh) >= 2 else zh: code for code, zh in ETHNICITY.choices("zh")
                 if code not in ("97", "98")}
_NAME_DOTS = str.maketrans({c: "·" for c in ".•・‧∙⋅∘。．"})
_DASHES = "-–—―‐‑‒−ー一"  # OCR reads the character 一 as any of these
_DASH_AS_YI = re.compile(rf"[{_DASHES}](?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])[{_DASHES}]")
_ADDRESS_KEEP = re.compile(r"[^\u3400-\u9fff0-9A-Za-z\-()#·]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DATE = re.compile(r"(\d{4})\D{0,3}?(\d{1,2})\D{0,3}?(\d{1,2})")
_BACK_SIDE = ("签发机关", "有效期限", "居民身份证", "中华人民共和国")


def _strip_label(text: str, kind: str) -> str:
    m = _LABELS[kind].search(text) if kind == "ethnicity" else _LABELS[kind].match(text)
    return text[m.end():] if m else text


def _row_role(text: str) -> str | None:
    if _LABELS["name"].match(text):
        return "name"
    if _LABELS["sex"].match(text) or _LABELS["ethnicity"].search(text):
        return "sex"
    if _LABELS["birth"].match(text) or re.search(r"\d{4}\s*年", text):
        return "birth"
    if _LABELS["address"].match(text):
        return "address"
    return None


def _clean_name(text: str) -> str:
    text = _DASH_AS_YI.sub("一", _strip_label(text, "name")).translate(_NAME_DOTS)
    text = "".join(ch for ch in text if _CJK.match(ch) or ch == "·").strip("·")
    return re.sub("·+", "·", text)


def _ethnicity_from(text: str) -> tuple[str | None, bool]:
    """(GB 3304 code, guessed) for what was read after 民族."""
    text = "".join(_CJK.findall(text))
    if not text:
        return None, False
    code = ETHNICITY.code_for(text) or ETHNICITY.code_for(text.rstrip("族"))
    if code and code not in ("97", "98"):
        return code, False
    best, best_ratio = None, 0.0
    for name, code in _ETHNIC_NAMES.items():
        ratio = difflib.SequenceMatcher(None, text.rstrip("族"), name).ratio()
        if ratio > best_ratio or (ratio == best_ratio and code == "01"):
            best, best_ratio = code, ratio
    return (best, True) if best_ratio >= 0.5 else (None, False)


def _ethnicity_by_probability(row: list[TextBox], index: dict[str, int]) -> tuple[str, float] | None:
    """(code, posterior) of the GB 3304 name the recogniser's probabilities favour for the
    text after 民族, scoring all 56 names (lexicon-constrained CTC decoding)."""
    options: list[tuple[TextBox, str]] = []
    for k, b in enumerate(row):
        m = _LABELS["ethnicity"].search(b.raw or b.text)
        if m:
            options.append((b, (b.raw or b.text)[:m.end()]))  # the name may be in the label's box
            if k + 1 < len(row):
                options.append((row[k + 1], ""))  # or in the next one
            break
    for target, prefix in options:
        if target.probs is None:
            continue
        scores = {code: _ctc_logprob(target.probs, prefix + name, index) for name, code in _ETHNIC_NAMES.items()}
        top = max(scores.values())
        if top == float("-inf"):
            continue
        if prefix and not (target.raw or target.text)[len(prefix):].strip() \
                and _trailing_mass(target, len(prefix)) < 0.3 and _ctc_logprob(target.probs, prefix, index) > top:
            continue  # nothing read or half-read after the label, and "label alone" wins: no name in this box
        total = sum(math.exp(v - top) for v in scores.values())
        return max(scores, key=scores.get), 1.0 / total
    return None


def _trailing_mass(box: TextBox, label_chars: int) -> float:
    """Non-blank probability summed over the frames after the first ``label_chars`` characters
    greedy decoding emitted: well above 0 when the box holds a value it did not read out."""
    if box.probs is None:
        return 0.0
    best = box.probs.argmax(axis=1)
    emitted = [t for t in range(len(best)) if best[t] != 0 and (t == 0 or best[t] != best[t - 1])]
    if len(emitted) < label_chars:
        return 0.0
    start = emitted[label_chars - 1] + 2 if label_chars else 0
    return float((1.0 - box.probs[start:, 0]).sum())


def _date_from(text: str, today: datetime.date | None = None) -> datetime.date | None:
    """The date in 出生 text; None when there is none or it cannot be a birth date (a misread)."""
    text = _strip_label(text, "birth").translate(_DIGIT_LOOKALIKES)
    m = _DATE.search(text)
    if not m:
        return None
    try:
        born = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return born if datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today()) else None


def recognise(
    image_bytes: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    today: datetime.date | None = None,
) -> IdCardResult:
    """Read the front of an ID card from a photo (JPEG, PNG, WebP…).

    Raises ImageTooLargeError, UnreadableImageError or NotAnIdCardFrontError;
    otherwise returns every field it could read, with warnings for the user.
    """
    rgb = _decode(image_bytes, max_bytes, max_pixels)
    page = ocr_lines(rgb)
    return parse_boxes(page.boxes, reread=page.read, char_index=_char_index(page.engine), today=today)


def parse_boxes(
    boxes: list[TextBox],
    *,
    reread=None,
    char_index: dict[str, int] | None = None,
    today: datetime.date | None = None,
) -> IdCardResult:
    """Fields from recognised boxes.

    ``reread(quad) -> TextBox | None`` reads a region the detector missed (a lone
    男 or 汉), found from the labels' positions; ``char_index`` (character ->
    class) lets candidates be scored against the boxes' probabilities. Both are
    optional: tests feed hand-made boxes without them.
    """
    if not boxes:
        raise NotAnIdCardFrontError(
            "no_text",
            "照片中没有找到文字，请拍摄身份证人像面",
            "no text found in the photo: photograph the front of the ID card (the side with the portrait)",
        )
    rows, angle = _layout(boxes)
    texts = [_row_text(r) for r in rows]

    # 1. the number row: the lowest row holding an 18-ish character run
    number_idx, read = None, None
    for i, row in enumerate(rows):
        found = _number_from_row(row)
        if found and (read is None or len(found.text) == 18 or len(read.text) != 18):
            number_idx, read = i, found
    labels_seen = sum(1 for t in texts if _row_role(t)) + sum(1 for t in texts if "公民身份号码" in t)
    if read is None:
        alltext = "".join(texts)
        if any(k in alltext for k in _BACK_SIDE) and "公民身份号码" not in alltext:
            raise NotAnIdCardFrontError(
                "back_side",
                "这是身份证的国徽面，请拍摄带照片的人像面",
                "this is the back of the ID card (national emblem side): photograph the side with the portrait",
            )
        raise NotAnIdCardFrontError(
            "no_number",
            "未找到18位公民身份号码：这不是身份证人像面，或号码被遮挡、不清楚",
            "no 18-character citizen ID number found: this is not the front of an ID card, "
            "or the number is covered or unclear",
        )
    if labels_seen == 0:
        raise NotAnIdCardFrontError(
            "no_labels",
            "找到一串号码，但没有身份证的栏目（姓名、性别、出生、住址），这不是身份证人像面",
            "a number was found but none of the card's labels (name, sex, birth, address): "
            "this is not the front of an ID card",
        )

    # 2. the card's geometry: label column on the left, the photo on the right
    number_row = rows[number_idx]
    above = rows[:number_idx]
    label_left = min([b.x0 for b in number_row] + [r[0].x0 for r in above if _row_role(_row_text(r))] or [0.0])
    number_right = max(b.x1 for b in number_row)
    photo_left = label_left + 0.62 * (number_right - label_left)
    card_rows = [[b for b in r if b.x0 < photo_left] for r in above]
    card_rows = [r for r in card_rows if r]

    # 3. roles by label, then by order for the rows whose label was not read
    roles: dict[str, int] = {}
    for i, r in enumerate(card_rows):
        role = _row_role(_row_text(r))
        if role and role not in roles:
            roles[role] = i
    order = ("name", "sex", "birth", "address")
    if not roles:
        roles = {role: i for i, role in enumerate(order) if i < len(card_rows)}
    for _ in range(2):  # a label not read: the row next to a known neighbour, if free
        taken = set(roles.values())
        for k, role in enumerate(order):
            if role in roles:
                continue
            if k > 0 and order[k - 1] in roles and roles[order[k - 1]] + 1 not in taken \
                    and roles[order[k - 1]] + 1 < len(card_rows):
                roles[role] = roles[order[k - 1]] + 1
            elif k < 3 and order[k + 1] in roles and roles[order[k + 1]] - 1 >= 0 \
                    and roles[order[k + 1]] - 1 not in taken:
                roles[role] = roles[order[k + 1]] - 1
            taken = set(roles.values())

    warnings: list[str] = []
    confidence: dict[str, float] = {}

    def row_at(role: str) -> list[TextBox]:
        i = roles.get(role)
        return card_rows[i] if i is not None and 0 <= i < len(card_rows) else []

    def reread_after(label: TextBox | None, row: list[TextBox], width_h: float) -> TextBox | None:
        """Recognise the stretch right of a label box (the detector missed the value) and put
        the new box into ``row``; None when there is no room or nothing to read with."""
        if reread is None or label is None:
            return None
        h = max(b.h for b in row)
        cy = statistics.fmean(b.cy for b in row)
        following = [b.x0 for b in row if b.x0 > label.x1]
        right = min([label.x1 + width_h * h, photo_left] + following)
        if right - label.x1 < 0.8 * h:
            return None
        box = reread(_unskew(label.x1 + 0.1 * h, cy - 0.7 * h, right, cy + 0.7 * h, angle))
        if box is None:
            return None
        box.x0, box.x1, box.cy, box.h = label.x1 + 0.1 * h, right, cy, 1.4 * h
        box.cx = (box.x0 + box.x1) / 2
        if box.score < 0.5:
            box.text = ""
        row.append(box)
        row.sort(key=lambda b: b.x0)
        return box

    def label_box(row: list[TextBox], pattern: str) -> TextBox | None:
        return next((b for b in row if re.fullmatch(pattern, b.text)), None)

    # name
    name_row = row_at("name")
    if char_index and all(b.probs is not None for b in name_row):
        by_class = {i: ch for ch, i in char_index.items()}
        name = _clean_name("".join(unicodedata.normalize("NFKC", _decode_eager(b.probs, by_class)).strip()
                                   for b in name_row))
    else:
        name = _clean_name(_row_text(name_row))
    if not name and name_row:
        again = reread_after(label_box(name_row, _NAME_LABEL), name_row, 9)
        name = _clean_name(again.text) if again else ""
        if name:
            warnings.append(_w("姓名是按栏目位置补读的，请核对", "the name was read again from where the card puts it: please check"))
    confidence["name"] = min((b.score for b in name_row), default=0.0) if name else 0.0

    # sex and ethnicity share a row: 性别 男 民族 汉
    sex_row = row_at("sex")
    if sex_row and not re.search(r"[男女]", _row_text(sex_row)):
        reread_after(label_box(sex_row, _SEX_LABEL + ".?"), sex_row, 3)
    eth_label = label_box(sex_row, ".*" + _ETHNICITY_LABEL)
    if eth_label is not None and eth_label is sex_row[-1] and _trailing_mass(eth_label, len(eth_label.raw)) < 0.3:
        reread_after(eth_label, sex_row, 5)  # the detector missed the name after 民族
    sex_text = _row_text(sex_row)
    m = _LABELS["ethnicity"].search(sex_text)
    sex_part, eth_part = (sex_text[:m.start()], sex_text[m.end():]) if m else (sex_text, "")
    if not m and sex_row:  # 民族 label unread: the ethnicity is the text after the sex character
        mm = re.search(r"[男女]", sex_text)
        if mm:
            sex_part, eth_part = sex_text[:mm.end()], sex_text[mm.end():]
    sex_part = _strip_label(sex_part, "sex")
    sex_chars = set(re.findall(r"[男女]", sex_part))
    sex_name = sex_chars.pop() if len(sex_chars) == 1 else None
    sex = {"男": "1", "女": "2"}.get(sex_name) if sex_name else None
    confidence["sex"] = min((b.score for b in sex_row), default=0.0) if sex else 0.0
    ethnicity, guessed = _ethnicity_from(eth_part)
    confidence["ethnicity"] = min((b.score for b in sex_row), default=0.0) if ethnicity else 0.0
    if char_index and sex_row and (ethnicity is None or guessed or confidence["ethnicity"] < 0.9):
        chosen = _ethnicity_by_probability(sex_row, char_index)
        if chosen:  # the greedy read was not a clean GB 3304 name: guessed unless it was and agrees
            code, posterior = chosen
            guessed = guessed or ethnicity is None or code != ethnicity or posterior < 0.9
            ethnicity, confidence["ethnicity"] = code, posterior
    if guessed and ethnicity:
        confidence["ethnicity"] = min(confidence["ethnicity"], 0.5)
        seen = "".join(_CJK.findall(eth_part))
        warnings.append(_w(f"民族{f'“{seen}”' if seen else ''}未能读清，已按最接近的“{ETHNICITY.label(ethnicity)}”填写，请核对",
                           f"the ethnicity was not read clearly; the closest GB 3304 name, "
                           f"{ETHNICITY.label(ethnicity, 'en')}, was filled in: please check"))

    # birth date
    birth_row = row_at("birth")
    birth_date = _date_from(_row_text(birth_row), today)
    if birth_date is None and birth_row:
        again = reread_after(label_box(birth_row, _BIRTH_LABEL), birth_row, 9)
        birth_date = _date_from("出生" + again.text, today) if again else None
    confidence["birth_date"] = min((b.score for b in birth_row), default=0.0) if birth_date else 0.0

    # address: the 住址 row and the rows below it, up to the number
    address = ""
    if "address" in roles:
        lines = card_rows[roles["address"]:]
        parts = [_strip_label(_row_text(lines[0]), "address")] + [_row_text(r) for r in lines[1:]]
        address = _ADDRESS_KEEP.sub("", _DASH_AS_YI.sub("一", "".join(parts)))
        confidence["address"] = min((b.score for r in lines for b in r), default=0.0) if address else 0.0
    else:
        confidence["address"] = 0.0

    # 4. the number: look-alikes mapped already; check digit, repair, cross-checks
    number = read.text
    repaired = False
    confidence["id_number"] = read.score
    well_formed = bool(re.fullmatch(r"\d{17}[\dX]", number))
    if len(number) != 18:
        warnings.append(_w(f"公民身份号码读出 {len(number)} 位，应为18位，请核对或重新拍摄",
                           f"the ID number was read with {len(number)} characters instead of 18: "
                           "please check it or take the photo again"))
    elif well_formed and id_number_errors(number, today=today):
        candidates = repair_candidates(number, today=today)
        chosen = _choose_repair(candidates, birth_date, sex, address,
                                _number_scorer(rows[number_idx], read, char_index))
        if chosen:
            number, repaired = chosen, True
            confidence["id_number"] = read.score * 0.5
            warnings.append(_w("公民身份号码有一位未读清，已按校验码更正，请核对",
                               "one character of the ID number was unclear and was corrected using the check "
                               "digit: please check"))
    try:
        parsed = parse_id_number(number, today=today)
        number_errors: tuple[str, ...] = ()
    except InvalidIdNumber as exc:
        parsed = None
        number_errors = tuple(str(e) for e in exc.errors)
        confidence["id_number"] = min(confidence["id_number"], 0.3)
        if len(number) == 18:  # a wrong length was reported above
            # told to whoever took the photo, a resident too: never the check digit that would make it valid
            told = exc.without_hints().errors
            asks = any(e.code == "check_digit" for e in told)  # already says "please check the number"
            warnings.append(_w("公民身份号码无效：" + "；".join(e.zh for e in told) + ("" if asks else "，请核对"),
                               "the ID number is not valid: " + "; ".join(e.en for e in told)
                               + ("" if asks else "; please check")))
    if address:  # one misread character in the leading region name, the number's county breaking ties
        preferred = {name for name, _first, _last in region_history(number[:6])} if parsed else set()
        address = _fix_region_prefix(address, preferred)
    check_ok = None
    if well_formed:
        check_ok = not any(e.code == "check_digit" for e in id_number_errors(number, today=today))

    birth_matches = sex_matches = None
    if parsed is not None and parsed.birth_date is not None:
        if birth_date is None:
            birth_date = parsed.birth_date
            confidence["birth_date"] = 0.5 * confidence["id_number"]
            warnings.append(_w("出生日期未能读出，已按公民身份号码填写",
                               "the birth date could not be read and was taken from the ID number"))
        else:
            birth_matches = birth_date == parsed.birth_date
            if not birth_matches:
                warnings.append(_w(f"出生日期 {birth_date:%Y-%m-%d} 与公民身份号码中的 {parsed.birth_date:%Y-%m-%d} 不一致",
                                   f"the printed birth date {birth_date:%Y-%m-%d} differs from the ID number's "
                                   f"{parsed.birth_date:%Y-%m-%d}"))
        if sex is None:
            sex = parsed.sex
            sex_name = "男" if sex == "1" else "女"
            confidence["sex"] = 0.5 * confidence["id_number"]
            warnings.append(_w("性别未能读出，已按公民身份号码填写", "the sex could not be read and was taken from the ID number"))
        else:
            sex_matches = sex == parsed.sex
            if not sex_matches:
                warnings.append(_w(f"性别“{sex_name}”与公民身份号码（第17位）不一致",
                                   f"the printed sex ({'male' if sex == '1' else 'female'}) differs from the ID "
                                   "number (17th digit)"))
    for key, zh, en in (("name", "姓名", "name"), ("ethnicity", "民族", "ethnicity"), ("address", "住址", "address")):
        if not confidence.get(key):
            warnings.append(_w(f"{zh}未能读出，请手工填写", f"the {en} could not be read: please fill it in"))
    if "birth_date" in confidence and birth_date is None:
        warnings.append(_w("出生日期未能读出，请手工填写", "the birth date could not be read: please fill it in"))

    return IdCardResult(
        name=name,
        sex=sex,
        sex_name=sex_name,
        ethnicity=ethnicity,
        ethnicity_name=ETHNICITY.label(ethnicity) if ethnicity else None,
        birth_date=birth_date,
        address=address,
        id_number=number,
        confidence={k: round(float(v), 3) for k, v in confidence.items()},
        warnings=warnings,
        cross_check=CrossCheck(
            number_valid=parsed is not None,
            check_digit_ok=check_ok,
            birth_date_matches=birth_matches,
            sex_matches=sex_matches,
            number_repaired=repaired,
            number_errors=number_errors,
        ),
    )


@lru_cache(maxsize=1)
def _region_names() -> dict[str, tuple[str, ...]]:
    """GB/T 2260 full names ever used ("山东省枣庄市峄城区"), grouped by their first two characters."""
    path = Path(__file__).resolve().parents[1] / "data" / "gbt2260.tsv"
    groups: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            name = line.split("\t", 2)[1]
            if not name.endswith(("辖区", "市区")):  # 市辖区 codes never appear in an address
                groups.setdefault(name[:2], set()).add(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in groups.items()}


def _fix_region_prefix(address: str, preferred: set[str] = frozenset()) -> str:
    """Correct the address's leading region name where OCR misread it, using GB/T 2260 names.

    1. One substituted character (峰城区 -> 峄城区): the longest name the address
       starts with give or take one character wins; when several of that length
       fit (峄城区 and 薛城区), one of ``preferred`` (the ID number's county) breaks
       the tie, else nothing changes.
    2. One misread, dropped or extra character, two in names of 12 characters
       or more (怒江衡族自治州 -> 怒江傈僳族自治州), only towards a ``preferred`` name.
    Nothing changes when the address starts exactly with a name at least as long.
    """
    if len(address) < 2:
        return address
    names = _region_names()
    candidates = set(names.get(address[:2], ()))
    # the first character itself may be the misread one
    candidates |= {n for k, group in names.items() if k[1:2] == address[1:2] for n in group}
    exact = max((len(n) for n in candidates | set(preferred) if address.startswith(n)), default=0)
    best_len, best = 0, []
    for name in sorted(candidates, key=len, reverse=True):
        n = len(name)
        if n < best_len or n <= exact:
            break
        if n > len(address):
            continue
        if sum(1 for a, b in zip(address[:n], name) if a != b) == 1:
            best_len = n
            best.append(name)
    if len(best) > 1:
        best = [name for name in best if name in preferred]
    fits = set()
    for name in preferred:
        if len(name) <= exact:
            continue
        distance, end = _edit_prefix_distance(name, address)
        if 0 < distance <= (2 if len(name) >= 12 else 1):  # two edits only in long names: 杭州市湖滨路 is not 西湖区
            fits.add((name, end))
    if len(fits) == 1 and (not best or best[0] not in preferred):
        (name, end), = fits
        if len(best) != 1 or _edit_prefix_distance(name, address)[0] == 1:
            return name + address[end:]
    if len(best) == 1:
        return best[0] + address[best_len:]
    return address


def _edit_prefix_distance(name: str, text: str) -> tuple[int, int]:
    """(fewest substitutions, insertions and deletions turning some prefix of ``text`` into
    ``name``, that prefix's length); the longer prefix wins a tie."""
    limit = min(len(text), len(name) + 3)
    previous = list(range(limit + 1))  # distance from name[:0] to text[:j]
    for i, ch in enumerate(name, 1):
        current = [i] + [0] * limit
        for j in range(1, limit + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (text[j - 1] != ch))
        previous = current
    best = min(range(limit + 1), key=lambda j: (previous[j], -j))
    return previous[best], best


def _choose_repair(candidates: list[str], birth_date, sex, address: str, scorer=None) -> str | None:
    """The one candidate the card itself singles out, or None.

    Candidates (valid numbers one substitution or swap away) must agree with the
    printed birth date; if several do, the recogniser's own probabilities decide
    when one is at least 20 times likelier than the next, else the printed sex,
    then the address's county.
    """
    if not candidates:
        return None
    if birth_date is not None:
        ymd = f"{birth_date:%Y%m%d}"
        pool = [c for c in candidates if c[6:14] == ymd]
        margin = math.log(20)
    else:  # no printed date to agree with: only a clear winner on the probabilities
        pool, margin = list(candidates), math.log(1000)
    if len(pool) == 1 and birth_date is not None:
        return pool[0]
    if len(pool) > 1 and scorer is not None:
        ranked = sorted(((scorer(c), c) for c in pool), reverse=True)
        if ranked[0][0] > float("-inf") and ranked[0][0] - ranked[1][0] >= margin:
            return ranked[0][1]
    if birth_date is None:
        return None
    if len(pool) > 1 and sex:
        pool = [c for c in pool if (c[16] in "13579") == (sex == "1")]
    if len(pool) > 1 and address:
        pool = [c for c in pool if _region_in_address(c[:6], address)]
    return pool[0] if len(pool) == 1 else None


def _region_in_address(code: str, address: str) -> bool:
    name = region_name(code) or ""
    parts = [p for p in re.split(r"(?<=[省市州盟])", name) if p]
    return bool(parts) and parts[-1] in address
