"""Pluggable SMS backends, chosen by settings.ANJU_SMS_BACKEND (like Django's e-mail backends).

A real gateway is one more subclass with `send(phone, text)`.
"""
import datetime
import sys
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

# MemoryBackend's outbox, like django.core.mail.outbox: list of (phone, text).
outbox: list[tuple[str, str]] = []


class BaseBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, phone, text):
        sys.stdout.write(f"[SMS → {phone}] {text}\n")
        sys.stdout.flush()


class FileBackend(BaseBackend):
    """Appends each message to one file per day under ANJU_SMS_FILE_PATH."""

    def send(self, phone, text):
        folder = Path(settings.ANJU_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        with open(folder / f"{datetime.date.today():%Y%m%d}.log", "a", encoding="utf-8") as fh:
            fh.write(f"{stamp}\t{phone}\t{text}\n")


class MemoryBackend(BaseBackend):
    def send(self, phone, text):
        outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    import_string(settings.ANJU_SMS_BACKEND)().send(phone, text)
