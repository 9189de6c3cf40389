"""Alarm rules for door devices, as plain functions of state and time (the app applies them to the database)."""
from __future__ import annotations

from dataclasses import dataclass

# Alarm kinds: stable codes stored with each alarm.
HELD_OPEN, OFFLINE, FORCED, TAMPER, REFUSALS = "held_open", "offline", "forced", "tamper", "refusals"


@dataclass(frozen=True)
class Thresholds:
    held_open_seconds: int = 120
    offline_minutes: int = 10
    refusals: int = 5
    refusal_window_minutes: int = 5


def held_open(*, door_open_since: float | None, now: float, limit: int) -> bool:
    return door_open_since is not None and now - door_open_since > limit


def offline(*, last_seen: float | None, now: float, limit_minutes: int) -> bool:
    return last_seen is None or now - last_seen > limit_minutes * 60


def too_many_refusals(*, refused_in_window: int, limit: int) -> bool:
    return refused_in_window >= limit


def days_present(swipe_days: set, *, year: int, month: int) -> int:
    """Days of one month on which the person was seen at the door (residence evidence)."""
    return sum(1 for d in swipe_days if d.year == year and d.month == month)
