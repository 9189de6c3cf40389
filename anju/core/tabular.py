"""Reading the interchange files: UTF-8 CSV with a header row, or .xlsx with the same columns.

Columns may come in any order; header names are matched case-insensitively and
trimmed; the Chinese headings departments keep (姓名, 公民身份号码 …) and our own exports' "中文 (code)" are read as
the contract's names (lib/columns.py), and the report says which; a title above the header row (an Excel sheet's
"XX派出所实有人口登记表") is passed over when the header row is found within the first rows, and the report says so;
cells are trimmed; an empty cell is "". Files in GBK/GB18030 (what Excel on a Chinese Windows writes) are detected
and read, and the report says so; a UTF-8 file with some lines in GBK (one department's rows pasted into another's)
has those lines read as GBK, and the report names them. An Excel number cell with 16 or more digits (an ID number
or a code typed as a number: Excel keeps 15 significant digits) is read as it stands, and the report says which
column holds one. Messages give both languages outside a web request (core.bilingual).
"""
import csv
import datetime
import io
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from anju.core.bilingual import both
from anju.lib import columns as headings

# how far down a header row is looked for under a title
HEADER_SEARCH_ROWS = 10
# how many lines read as GBK in a UTF-8 file the report names one by one
GBK_LINES_NAMED = 10


class TabularError(ValueError):
    """The file as a whole cannot be read (missing, wrong columns, empty, unreadable)."""


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: object  # iterator of (line number, {column: value})
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    header_line: int = 1  # the header row's number (1 unless a title stands above it)
    required: tuple = ()


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """A CSV file's text and its encoding: utf-8 (with or without a byte-order mark), gb18030, or "utf-8+gb18030:N,M"
    for a UTF-8 file whose lines N, M … (1-based) are GBK."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    lines = raw.split(b"\n")
    texts, gbk, utf8 = [], [], 0
    for number, line in enumerate(lines, start=1):
        try:
            texts.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            try:
                texts.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                raise TabularError(both(_("%(name)s is neither UTF-8 nor GBK text (line %(line)d, byte %(pos)d); save "
                                          "it as UTF-8 CSV"), name=name, line=number,
                                        pos=utf8_error.start)) from None
            gbk.append(number)
    if not utf8:  # nothing but GBK beside plain ASCII: a GBK file
        return "\n".join(texts), "gb18030"
    return "\n".join(texts), "utf-8+gb18030:" + ",".join(map(str, gbk))


def _encoding_note(encoding: str, name: str) -> str:
    if encoding == "gb18030":
        return both(_("%(name)s was read as GBK/GB18030, not UTF-8"), name=name)
    lines = [int(n) for n in encoding.split(":", 1)[1].split(",")]
    shown = ", ".join(map(str, lines[:GBK_LINES_NAMED])) + (" …" if len(lines) > GBK_LINES_NAMED else "")
    return both(_("%(name)s is UTF-8 but %(count)d lines are GBK/GB18030 and were read as such (lines %(lines)s): "
                  "check them"), name=name, count=len(lines), lines=shown)


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


def _xlsx_rows(path: Path):
    """The raw rows (tuples of cell values) of the first sheet."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TabularError(both(_("%(name)s is not a readable Excel file: %(error)s"), name=path.name, error=exc)) from exc
    return book.worksheets[0].iter_rows(values_only=True)


def _xlsx_cells(rows, names: list[str], path: Path, notes: list):
    """Each raw row as the CSV would hold it. While the rows are read, a column found holding a number of 16 or more
    digits is said once in ``notes``."""
    said = set()
    for row in rows:
        for i, v in enumerate(row):
            if v.__class__ in (int, float) and abs(v) >= _EXACT_DIGITS and i not in said:
                said.add(i)
                notes.append(both(_("%(name)s: column %(column)s holds numbers of 16 or more digits; Excel "
                                    "keeps only 15, so their last digits may be wrong: store ID numbers and codes "
                                    "as text"), name=path.name,
                                  column=names[i] if i < len(names) and names[i] else i + 1))
        yield [_cell(v) for v in row]


def _find_header(first: list[list[str]], required) -> int:
    """Which of the first rows is the header: the first; or, when it lacks a required column, the first row below
    that has them all (the rows above it being a title), if any."""
    if not required or not first:
        return 0
    for i, cells in enumerate(first):
        if all(c in headings.header(cells)[0] for c in required):
            return i
    return 0


def read_rows(path, *, required=()) -> Table:
    path = Path(path)
    if not path.exists():
        raise TabularError(both(_("File %(name)s does not exist"), name=path))
    notes = []
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raw = _xlsx_rows(path)
        first_raw = [row for _, row in zip(range(HEADER_SEARCH_ROWS), raw)]
        first = [[_cell(v) for v in row] for row in first_raw]
        encoding = "xlsx"
    else:
        text, encoding = decode(path.read_bytes(), path.name)
        if encoding != "utf-8":
            notes.append(_encoding_note(encoding, path.name))
        reader = csv.reader(io.StringIO(text, newline=""))
        first = [cells for _, cells in zip(range(HEADER_SEARCH_ROWS), reader)]
    at = _find_header(first, required)
    header = first[at] if first else None
    if not header or not any(h.strip() for h in header):
        raise TabularError(both(_("%(name)s is empty: a header row is needed"), name=path.name))
    columns, renamed = headings.header(header)
    if encoding == "xlsx":
        body = _xlsx_cells(chain(first_raw[at + 1:], raw), columns, path, notes)
    else:
        body = chain(first[at + 1:], reader)
    missing = [c for c in required if c not in columns]
    if missing:
        raise TabularError(both(_("%(name)s lacks the columns %(missing)s (found: %(found)s)"),
                                name=path.name, missing=", ".join(missing), found=", ".join(columns)))
    if at:
        notes.append(both(_("%(name)s: the header row is row %(row)d; the rows above it were read as a title and "
                            "skipped"), name=path.name, row=at + 1))
    if renamed:
        notes.append(both(_("%(name)s: columns read by their Chinese headings: %(columns)s"), name=path.name,
                          columns=", ".join(f"{h} → {c}" for h, c in renamed)))

    def rows():
        for line, cells in enumerate(body, start=at + 2):
            if not any(c.strip() for c in cells):
                continue
            yield line, {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}

    return Table(path.name, columns, rows(), encoding, notes, header_line=at + 1, required=tuple(required))
