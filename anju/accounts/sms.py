"""Pluggable SMS backends, chosen by settings.ANJU_SMS_BACKEND (like Django's e-mail backends).

A real gateway is one more subclass with `send(phone, text)`.

``batch()`` is for commands that may text many people at once (`anju fusion run`, `anju houses remind`): inside it the
console backend, which otherwise prints each message for the person trying the demo, writes them to the file
backend's day file instead and counts them, so that a batch run's output is its report, not hundreds of lines each
with a phone number. Other backends send as always.
"""
import contextvars
import datetime
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

# MemoryBackend's outbox, like django.core.mail.outbox: list of (phone, text).
outbox: list[tuple[str, str]] = []


class BaseBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


@dataclass
class Batch:
    """What ``batch()`` diverted from the console: how many messages, written to which file."""
    diverted: int = 0
    path: Path | None = None

    def summary(self) -> str:
        """One line for the command's output (both languages, as every command line here), or "" if none diverted."""
        if not self.diverted:
            return ""
        return (f"控制台短信后端：{self.diverted:,} 条短信未在此显示，已写入 {self.path} / console SMS backend: "
                f"{self.diverted:,} SMS not shown here, written to {self.path}")


_batch: contextvars.ContextVar[Batch | None] = contextvars.ContextVar("anju_sms_batch", default=None)


@contextmanager
def batch():
    """Within it, the console backend's messages go to ANJU_SMS_FILE_PATH's day file and are counted (``Batch``)."""
    token = _batch.set(Batch())
    try:
        yield _batch.get()
    finally:
        _batch.reset(token)


class ConsoleBackend(BaseBackend):
    def send(self, phone, text):
        diverted = _batch.get()
        if diverted is not None:
            diverted.path = FileBackend().send(phone, text)
            diverted.diverted += 1
            return
        sys.stdout.write(f"[SMS → {phone}] {text}\n")
        sys.stdout.flush()


class FileBackend(BaseBackend):
    """Appends each message to one file per day under ANJU_SMS_FILE_PATH."""

    def send(self, phone, text):
        folder = Path(settings.ANJU_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        path = folder / f"{datetime.date.today():%Y%m%d}.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{stamp}\t{phone}\t{text}\n")
        return path


class MemoryBackend(BaseBackend):
    def send(self, phone, text):
        outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    import_string(settings.ANJU_SMS_BACKEND)().send(phone, text)
