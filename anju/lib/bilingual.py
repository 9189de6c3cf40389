"""Messages in both languages, and which one a reader gets.

The pure modules have no Django, so they cannot ask which language a reader wants: their errors carry both texts
(``zh``, ``en``). Read where no reader is known (the command line, import reports, logs), a message gives both, as it
always has: "校验码错误，应为 2 (wrong check digit, should be 2)". A web request names its reader's language for as
long as it runs (``reader_language``, entered by core.middleware.ReaderLanguageMiddleware with Django's
get_language), and a message read inside it gives that language only, on a page, in a form or in the API alike.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Bilingual", "bilingual", "reader_half", "reader_language"]

_reader_language: ContextVar[Callable[[], str | None] | None] = ContextVar("anju_reader_language", default=None)


def bilingual(zh: str, en: str, both: str | None = None) -> str:
    """The known reader's language (English for a language code starting with "en", Chinese for any other); with no
    reader known, both: ``both`` as the caller words it, or "zh / en"."""
    language = _reader_language.get()
    if language is None:
        return f"{zh} / {en}" if both is None else both
    return en if (language() or "").startswith("en") else zh


# A text written in both languages as the platform writes its own audit purposes: Chinese (no ASCII, no space), one
# space, then English in lower-case words ("居住登记核录 registration verification", "关爱 care check")
_BOTH = re.compile(r"([^\x00-\x7f]+) ([a-z]+(?: [a-z]+)*)")


def reader_half(text: str) -> str:
    """For a text in both languages, Chinese then English ("门禁卡管理 card management": the purpose the platform writes
    into the audit log, kept as it was written), the known reader's half; with no reader known, or for any other text
    (a purpose someone typed, in one language or with numbers: "协查通报", "case 2026-113"), the text as it is."""
    found = _BOTH.fullmatch(text or "")
    language = _reader_language.get()
    if found is None or language is None:
        return text
    return found.group(2) if (language() or "").startswith("en") else found.group(1)


class Bilingual:
    """A message in both languages that picks one each time it is read (``str()``): for a text made before any
    reader is known, such as a class attribute."""

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en

    def __str__(self) -> str:
        return bilingual(self.zh, self.en)

    def __repr__(self) -> str:
        return f"Bilingual({self.zh!r}, {self.en!r})"


@contextmanager
def reader_language(language: Callable[[], str | None]) -> Iterator[None]:
    """Messages read inside the block are in the language ``language()`` names when each is read."""
    token = _reader_language.set(language)
    try:
        yield
    finally:
        _reader_language.reset(token)
