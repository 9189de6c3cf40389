"""Regenerate the two character tables the address normaliser ships.

Development tool only: nothing in ``anju`` imports it, and the packages it uses
(pypinyin, opencc) are not runtime dependencies. Run it when a table must
change, after installing the pinned versions somewhere on ``sys.path``::

    pip install --target /tmp/addrtools pypinyin==0.55.0 opencc==1.4.2
    PYTHONPATH=/tmp/addrtools .venv/bin/python anju/lib/address/make_tables.py

Writes, next to the other data tables in ``anju/lib/data``:

``address_t2s.tsv``
    traditional -> simplified, one character per line: every CJK Unified
    Ideograph (U+4E00..U+9FFF) that OpenCC's ``t2s`` conversion changes when
    converted on its own (context-free, which is what address characters need).
``address_pinyin.tsv``
    toneless pinyin readings of the 6,763 GB 2312 hanzi (the characters that
    Chinese addresses are written in), most common reading first; used to cost
    a homophone typo (古敦路 for 古墩路) less than any other substitution.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def make_t2s() -> list[tuple[str, str]]:
    import opencc

    conv = opencc.OpenCC("t2s")
    rows = []
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        out = conv.convert(ch)
        if out != ch and len(out) == 1:
            rows.append((ch, out))
    return rows


def gb2312_hanzi() -> list[str]:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append(ch)
    return chars


def make_pinyin() -> list[tuple[str, str]]:
    from pypinyin import Style, pinyin

    rows = []
    for ch in gb2312_hanzi():
        readings = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
        seen: list[str] = []
        for r in readings:
            r = r.replace("ü", "v")
            if r.isascii() and r.isalpha() and r not in seen:
                seen.append(r)
        if seen:
            rows.append((ch, " ".join(seen)))
    return rows


def write(path: Path, header: list[str], rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(f"# {line}\n")
        for a, b in rows:
            f.write(f"{a}\t{b}\n")


def main() -> int:
    import pypinyin

    write(
        DATA / "address_t2s.tsv",
        ["traditional -> simplified for single CJK characters, from OpenCC t2s (opencc==1.4.2).",
         "Regenerate with anju/lib/address/make_tables.py. Columns: traditional, simplified."],
        make_t2s(),
    )
    write(
        DATA / "address_pinyin.tsv",
        [f"toneless pinyin of the GB 2312 hanzi, from pypinyin=={pypinyin.__version__}, most common reading first.",
         "Regenerate with anju/lib/address/make_tables.py. Columns: character, readings (space-separated)."],
        make_pinyin(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
