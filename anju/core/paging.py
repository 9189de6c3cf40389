"""Reading a list a page at a time, whatever its length."""
from django.db.models import Count, Window


def first_and_total(qs, *, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of ``qs`` (already ordered) and how many rows it holds, in one query: the count is a
    window over the whole selection (COUNT(*) OVER ()), computed before the LIMIT, so a person page's sections read
    one query each however many records the person has (a separate COUNT was a second query once a section filled)."""
    shown = list(qs.annotate(_total=Window(Count("pk")))[:limit])
    return shown, shown[0]._total if shown else 0
