"""One registry of checkers that every event naming a person passes through.

Declarations, landlord check-ins, employer registrations and registration
changes call `run_checkers`; later issues plug in (watchlist, key persons) with
`register_checker`. A checker may raise alerts for the police; it never changes
what the declarant, landlord or employer sees (no tipping off), and its failure
never fails the event: it is logged and the event goes on.
"""
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonEvent:
    kind: str                     # "declaration.submitted", "tenancy.check_in", "registration.created", …
    name: str
    id_number: str | None         # normalised 18-character number, or None when unknown
    sex: str = ""
    birth_date: date | None = None
    node: object = None           # the jurisdiction node where the person is (for routing alerts)
    address: str = ""
    actor: object = None
    object_type: str = ""
    object_id: str = ""
    occurred_at: datetime | None = None
    extra: dict = field(default_factory=dict)


Checker = Callable[[PersonEvent], None]
_checkers: list[Checker] = []


def register_checker(checker: Checker) -> Checker:
    """Adds a checker (usable as a decorator); registering twice has no effect."""
    if checker not in _checkers:
        _checkers.append(checker)
    return checker


def unregister_checker(checker: Checker) -> None:
    if checker in _checkers:
        _checkers.remove(checker)


@contextlib.contextmanager
def checker_registered(checker: Checker):
    register_checker(checker)
    try:
        yield checker
    finally:
        unregister_checker(checker)


def _run(event: PersonEvent) -> None:
    for checker in list(_checkers):
        try:
            checker(event)
        except Exception:  # a broken checker must not lose the declaration
            logger.exception("checker %r failed on %s", checker, event.kind)


def run_checkers(event: PersonEvent) -> None:
    """Runs every checker once the surrounding transaction has committed."""
    transaction.on_commit(lambda: _run(event))
