import uuid

from django.db import models
from django.db.models import F


class DataVersion(models.Model):
    """A counter per data set (e.g. "addresses"), bumped on every change, so that each process knows when an
    in-memory index built from that data is out of date — one indexed read instead of rebuilding."""

    name = models.CharField(max_length=40, unique=True)
    version = models.BigIntegerField(default=0)
    # A fresh random token with every bump: a counter alone would repeat after a database is reset or restored,
    # and a process would keep an index built from other data.
    token = models.CharField(max_length=32, default="")

    @classmethod
    def bump(cls, name: str) -> None:
        token = uuid.uuid4().hex
        if not cls.objects.filter(name=name).update(version=F("version") + 1, token=token):
            cls.objects.get_or_create(name=name, defaults={"version": 1, "token": token})

    @classmethod
    def ensure(cls, name: str) -> None:
        """The data set's row exists with a token of its own: a version an index can be built against that no other
        database (a reset, a restore, a rolled-back transaction's) will have had. Bumps nothing that exists."""
        cls.objects.get_or_create(name=name, defaults={"version": 1, "token": uuid.uuid4().hex})

    @classmethod
    def current(cls, name: str) -> str:
        return cls.objects.filter(name=name).values_list("token", flat=True).first() or ""
