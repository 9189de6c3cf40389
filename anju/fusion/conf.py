"""Fusion settings for this city: ``settings.ANJU_FUSION`` (a dict) over the defaults below.

Thresholds differ per city (seed 001: ≥ 80 → a pending registration confirmed by
the person or an officer). Set them from the environment as JSON (settings.py)::

    ANJU_FUSION='{"suspect_min_score": 60, "stale_quiet_days": 90}'

What each feed's address means is set per feed: ``anju fusion sources --set``.
"""
from django.conf import settings

from anju.lib.fusion.findings import DEFAULT_CONFIG
from anju.lib.fusion.link import DEFAULT_THRESHOLD

DEFAULTS = {
    **DEFAULT_CONFIG,
    "link_threshold": DEFAULT_THRESHOLD,   # match probability at which two records are one person
    "address_min_confidence": 0.5,         # an observation's address counts as placed at this normaliser confidence
    "registration_address_min_confidence": 0.3,  # a free-text registration address, building level
    "task_due_days": 7,                    # an officer's on-site check is due this many days after the finding
    "duckdb_threads": None,                # worker threads for the linking backend (None: all cores)
    "u_pairs": 1.5e6,                      # random pairs for the u probabilities
    "em_pairs": 2e6,                       # blocked pairs per EM session
    "ask_by_sms": True,                    # after a run, ask the person of a finding at pending_score by SMS
}


def fusion_config() -> dict:
    overrides = getattr(settings, "ANJU_FUSION", None) or {}
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"ANJU_FUSION: unknown keys {', '.join(sorted(unknown))}")
    return {**DEFAULTS, **overrides}
