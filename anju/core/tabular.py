"""Reading the interchange files: UTF-8 CSV with a header row, or .xlsx with the same columns.

Columns may come in any order; header names are matched case-insensitively and
trimmed; cells are trimmed; an empty cell is "". Files in GBK/GB18030 (what
Excel on a Chinese Windows writes) are detected and read, and the report says so. An Excel number cell with 16 or
more digits (an ID number or a code typed as a number: Excel keeps 15 significant digits) is read as it stands, and
the report says which column holds one. Messages give both languages outside a web request (core.bilingual).
"""
import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from anju.core.bilingual import both


class TabularError(ValueError):
    """The file as a whole cannot be read (missing, wrong columns, empty, unreadable)."""


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: object  # iterator of (line number, {column: value})
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """A CSV file's text and its encoding (utf-8, with or without a byte-order mark, or gb18030)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise TabularError(both(_("%(name)s is neither UTF-8 nor GBK text (byte %(pos)d); save it as UTF-8 CSV"),
                                name=name, pos=utf8_error.start)) from None


def csv_rows(text: str):
    """(header, reader over the rest) of a CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    return header, reader


def _cell(value) -> str:
    """An Excel cell as the CSV would hold it: dates as YYYY-MM-DD, times as ISO 8601 (a time of day is kept),
    whole numbers without ".0" (a phone typed into a number cell)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Excel keeps 15 significant digits of a number: an ID number or a code of 16 or more digits typed into a number cell
# has lost its last ones before the file reached us
_EXACT_DIGITS = 10 ** 15


def _xlsx_rows(path: Path, notes: list):
    """(header, rows of cells) of the first sheet. While the rows are read, a column found holding a number of 16 or
    more digits is said once in ``notes``."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TabularError(both(_("%(name)s is not a readable Excel file: %(error)s"), name=path.name, error=exc)) from exc
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)

    names = [("" if h is None else str(h).strip()) for h in header] if header else None
    said = set()

    def cells():
        for row in values:
            for i, v in enumerate(row):
                if v.__class__ in (int, float) and abs(v) >= _EXACT_DIGITS and i not in said:
                    said.add(i)
                    notes.append(both(_("%(name)s: column %(column)s holds numbers of 16 or more digits; Excel "
                                        "keeps only 15, so their last digits may be wrong: store ID numbers and codes "
                                        "as text"), name=path.name,
                                      column=names[i] if i < len(names) and names[i] else i + 1))
            yield [_cell(v) for v in row]

    return names, cells()


def read_rows(path, *, required=()) -> Table:
    path = Path(path)
    if not path.exists():
        raise TabularError(both(_("File %(name)s does not exist"), name=path))
    notes = []
    encoding = "utf-8"
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        header, body = _xlsx_rows(path, notes)
        encoding = "xlsx"
    else:
        text, encoding = decode(path.read_bytes(), path.name)
        if encoding != "utf-8":
            notes.append(both(_("%(name)s was read as GBK/GB18030, not UTF-8"), name=path.name))
        header, body = csv_rows(text)
    if not header or not any(h.strip() for h in header):
        raise TabularError(both(_("%(name)s is empty: a header row is needed"), name=path.name))
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise TabularError(both(_("%(name)s lacks the columns %(missing)s (found: %(found)s)"),
                                name=path.name, missing=", ".join(missing), found=", ".join(columns)))

    def rows():
        for line, cells in enumerate(body, start=2):
            if not any(c.strip() for c in cells):
                continue
            yield line, {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}

    return Table(path.name, columns, rows(), encoding, notes)
