from django.db import models
from django.db.models import F


class DataVersion(models.Model):
    """A counter per data set (e.g. "addresses"), bumped on every change, so that each process knows when an
    in-memory index built from that data is out of date — one indexed read instead of rebuilding."""

    name = models.CharField(max_length=40, unique=True)
    version = models.BigIntegerField(default=0)

    @classmethod
    def bump(cls, name: str) -> None:
        if not cls.objects.filter(name=name).update(version=F("version") + 1):
            cls.objects.get_or_create(name=name, defaults={"version": 1})

    @classmethod
    def current(cls, name: str) -> int:
        return cls.objects.filter(name=name).values_list("version", flat=True).first() or 0
