from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core import crypto
from anju.core.scoping import ScopedManager
from anju.watchlist.choices import AlertOutcome, AlertStatus, Decision, Level, match_label, source_label


class WatchEntry(models.Model):
    """A wanted person (网上逃犯). Visible only to the roles allowed; every view audited."""

    watch_id = models.CharField(_("watch ID"), max_length=64, unique=True)
    id_cipher = models.TextField(blank=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True)
    id_masked = models.CharField(_("ID number"), max_length=18, blank=True)
    name = models.CharField(_("name"), max_length=60, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    issuing_unit = models.CharField(_("issuing unit"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)  # the file's columns the contract does not name, as given
    photo = models.FileField(_("photo"), upload_to="watchlist/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist entries")

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher) if self.id_cipher else ""


class Alert(models.Model):
    """A watchlist hit, for the officers of the place where the person is. One per person and place per window."""

    scope_field = "jurisdiction"

    entry = models.ForeignKey(WatchEntry, models.PROTECT, related_name="alerts")
    raised_at = models.DateTimeField(db_index=True)
    last_seen_at = models.DateTimeField()
    source = models.CharField(_("source"), max_length=40)  # the event kind: declaration, check-in, observation…
    record_ids = models.JSONField(default=list)          # observation record_ids behind the hit, when imported
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    id_cipher = models.TextField(blank=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True)
    id_masked = models.CharField(max_length=18, blank=True)
    name = models.CharField(_("name"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="alerts")
    confidence = models.FloatField()
    matched = models.JSONField(default=list)
    events = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=14, choices=AlertStatus.choices, default=AlertStatus.OPEN, db_index=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=16, choices=AlertOutcome.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    @property
    def matched_labels(self) -> list[str]:
        return [match_label(code) for code in self.matched or []]

    @property
    def source_label(self) -> str:
        return source_label(self.source)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["entry", "jurisdiction", "raised_at"])]

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher) if self.id_cipher else ""


class PriorOffence(models.Model):
    """A prior offence on record (from the criminal records feed), by the person's blind index."""

    id_hash = models.CharField(max_length=64, db_index=True)
    offence_date = models.DateField()
    category = models.CharField(max_length=60, blank=True)
    source_id = models.CharField(max_length=64, unique=True)


class ScoringRule(models.Model):
    """A key-person scoring rule, defined by administrators in data (not code).

    `feature` names one of the features in keypersons.FEATURES; the engine refuses
    any rule on a protected attribute (ethnicity, religion, political status, origin…).
    """

    name = models.CharField(_("name"), max_length=100)
    feature = models.CharField(_("feature"), max_length=40)
    operator = models.CharField(_("operator"), max_length=3, choices=[(">=", "≥"), (">", ">"), ("<=", "≤"), ("==", "=")])
    threshold = models.FloatField(_("threshold"))
    points = models.IntegerField(_("points"))
    window_days = models.PositiveIntegerField(_("window (days)"), null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]


class KeyPerson(models.Model):
    """A person's score and proposed level. Nothing acts on it until an officer confirms, with a reason."""

    scope_field = "jurisdiction"

    id_hash = models.CharField(max_length=64, unique=True)
    id_masked = models.CharField(max_length=18)
    name = models.CharField(max_length=60)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="key_persons")
    score = models.IntegerField()
    explanation = models.JSONField(default=list)  # [{"rule", "feature", "value", "points"}, …]
    proposed_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    decision_reason = models.CharField(max_length=300, blank=True)
    review_due = models.DateField(null=True, blank=True)
    scored_at = models.DateTimeField()

    objects = ScopedManager()

    class Meta:
        ordering = ["-score"]
