from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anju.core.scoping import ScopedManager
from anju.doors.choices import (
    LIVE_ALARM, LIVE_STATUSES, AlarmKind, AlarmStatus, CareStatus, CredentialAction, CredentialKind, CredentialStatus,
    EVENT_LABELS, DeviceKind, DeviceStatus, DoorState, RequestStatus,
)


class Device(models.Model):
    """A door controller (门禁设备) at a building entrance or a house door.

    Its secret is never stored: it is derived from ANJU_DATA_KEY, the device id and `secret_version`
    (services.device_secret), so the server can check every message and a rotation is one increment.
    """

    scope_field = "jurisdiction"

    device_id = models.CharField(_("device id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DeviceKind.choices)
    house = models.ForeignKey("houses.House", models.PROTECT, null=True, blank=True, related_name="door_devices",
                              verbose_name=_("house"))
    standard_address = models.ForeignKey("addresses.StandardAddress", models.PROTECT, related_name="door_devices",
                                         verbose_name=_("standard address"))
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="door_devices",
                                     verbose_name=_("jurisdiction"))
    secret_version = models.PositiveIntegerField(default=1)
    status = models.CharField(_("status"), max_length=8, choices=DeviceStatus.choices, default=DeviceStatus.UNKNOWN,
                              db_index=True)
    door_state = models.CharField(_("door"), max_length=8, choices=DoorState.choices, default=DoorState.UNKNOWN)
    door_state_at = models.DateTimeField(null=True, blank=True)  # the time the door state was reported for
    door_open_since = models.DateTimeField(null=True, blank=True)
    tamper = models.BooleanField(default=False)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    last_event_at = models.DateTimeField(_("last event"), null=True, blank=True)
    last_seq = models.BigIntegerField(_("last sequence"), null=True, blank=True)
    allowlist_published = models.BigIntegerField(default=0)  # the allow-list version last published over MQTT
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["jurisdiction__path", "device_id"]
        verbose_name = _("door device")
        verbose_name_plural = _("door devices")

    def __str__(self):
        return self.device_id


class Credential(models.Model):
    """A card (IC/CPU card UID) or phone credential, issued only against an active registration at its house."""

    scope_field = "house__jurisdiction"

    kind = models.CharField(_("kind"), max_length=6, choices=CredentialKind.choices, default=CredentialKind.CARD)
    uid = models.CharField(_("card number"), max_length=64, db_index=True)
    house = models.ForeignKey("houses.House", models.PROTECT, related_name="door_credentials", verbose_name=_("house"))
    registration = models.ForeignKey("registrations.Registration", models.PROTECT, related_name="door_credentials",
                                     verbose_name=_("registration"))
    holder_name = models.CharField(_("holder"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=CredentialStatus.choices,
                              default=CredentialStatus.ACTIVE, db_index=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    replaces = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="replaced_by")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    checked_on = models.DateField(null=True, blank=True)  # last day the holder's swipe went through the checkers
    checked_watchlist = models.CharField(max_length=32, blank=True, default="")  # watchlist version at that check
    # The status the card had when the end of its registration cancelled it ("": not cancelled that way). An import
    # that lists the registration as active again gives those cards, and only those, that status back.
    status_before_registration_end = models.CharField(max_length=10, choices=CredentialStatus.choices, blank=True,
                                                      default="")

    objects = ScopedManager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("door credential")
        verbose_name_plural = _("door credentials")
        constraints = [models.UniqueConstraint(fields=["uid"], condition=Q(status__in=[s.value for s in LIVE_STATUSES]),
                                               name="one_live_credential_per_uid")]

    def __str__(self):
        return f"{self.uid} {self.holder_name}"


class CredentialChange(models.Model):
    """The history of a credential: every lifecycle step, by whom, why."""

    credential = models.ForeignKey(Credential, models.CASCADE, related_name="changes")
    action = models.CharField(max_length=12, choices=CredentialAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class SuspensionRequest(models.Model):
    """A landlord asks for a card to be suspended (e.g. rent arrears); staff approve or refuse, with reasons."""

    scope_field = "credential__house__jurisdiction"

    credential = models.ForeignKey(Credential, models.CASCADE, related_name="suspension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=RequestStatus.choices, default=RequestStatus.PENDING,
                              db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]


class AllowListChange(models.Model):
    """One change to the allow-lists of a house's devices; its id is the allow-list version devices track."""

    house = models.ForeignKey("houses.House", models.CASCADE, related_name="+")
    uid = models.CharField(max_length=64)
    op = models.CharField(max_length=6)  # add | remove
    valid_until = models.DateField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["house", "id"])]


class DoorEvent(models.Model):
    """One swipe or door event as the device reported it. Unique by (device, seq): a redelivery is ignored.

    On PostgreSQL the table is partitioned by month of `occurred_at` (migration 0002) and old months are dropped
    after ANJU_DOOR_EVENT_RETENTION_MONTHS; the primary key and the dedup key then include `occurred_at`,
    as PostgreSQL requires of a partitioned table (a redelivered event carries the same time).
    """

    scope_field = "device__jurisdiction"

    device = models.ForeignKey(Device, models.DO_NOTHING, db_constraint=False, related_name="events")
    seq = models.BigIntegerField()
    occurred_at = models.DateTimeField(db_index=True)
    received_at = models.DateTimeField()
    kind = models.CharField(max_length=8)
    method = models.CharField(max_length=8, blank=True)
    credential_uid = models.CharField(max_length=64, blank=True)
    credential = models.ForeignKey(Credential, models.DO_NOTHING, db_constraint=False, null=True, blank=True,
                                   related_name="events")
    credential_status = models.CharField(max_length=10, blank=True)  # the credential's status when it was used
    direction = models.CharField(max_length=3, blank=True)
    result = models.CharField(max_length=8, blank=True)
    door = models.CharField(max_length=8, blank=True)

    objects = ScopedManager()

    @property
    def kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))

    @property
    def result_label(self) -> str:
        return str(EVENT_LABELS.get(self.result, self.result))

    @property
    def door_label(self) -> str:
        return str(EVENT_LABELS.get(self.door, self.door)) if self.door != "open" else str(DoorState.OPEN.label)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [models.UniqueConstraint(fields=["device", "seq"], name="one_event_per_device_seq")]
        indexes = [models.Index(fields=["credential", "occurred_at"]), models.Index(fields=["device", "occurred_at"])]


class DeadLetter(models.Model):
    """A message that was refused, kept with the reason: nothing a device sends is dropped silently."""

    source = models.CharField(max_length=6)  # mqtt | http
    topic = models.CharField(max_length=200, blank=True)
    device_id = models.CharField(max_length=64, blank=True, db_index=True)
    reason = models.CharField(max_length=20, db_index=True)
    detail = models.CharField(max_length=300, blank=True)
    raw = models.TextField()
    # SHA-256 of topic and payload: a refused message redelivered after a crash is kept once.
    digest = models.CharField(max_length=64, unique=True, null=True)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-received_at"]


class Alarm(models.Model):
    """A door alarm for the station of the device's address. It clears itself when its condition ends."""

    scope_field = "jurisdiction"

    device = models.ForeignKey(Device, models.CASCADE, related_name="alarms")
    kind = models.CharField(_("kind"), max_length=10, choices=AlarmKind.choices)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="door_alarms")
    station = models.ForeignKey("jurisdictions.Node", models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=AlarmStatus.choices, default=AlarmStatus.OPEN,
                              db_index=True)
    raised_at = models.DateTimeField(_("raised"))
    condition_at = models.DateTimeField(null=True, blank=True)  # when the condition began (event time)
    detail = models.JSONField(default=dict, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("door alarm")
        verbose_name_plural = _("door alarms")
        constraints = [models.UniqueConstraint(fields=["device", "kind"],
                                               condition=Q(status__in=[s.value for s in LIVE_ALARM]),
                                               name="one_live_alarm_per_device_and_kind")]


class CareEnrolment(models.Model):
    """Care check (关爱): an elderly person living alone, enrolled with consent; no swipe for N days → a visit."""

    scope_field = "registration__jurisdiction"

    registration = models.ForeignKey("registrations.Registration", models.PROTECT, related_name="care_enrolments")
    grid_worker = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="care_enrolments")
    consent_note = models.CharField(_("consent"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days without a swipe"), default=3)
    status = models.CharField(max_length=6, choices=CareStatus.choices, default=CareStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()


class CareTask(models.Model):
    """A visit the grid worker should make because the enrolled person has not been seen at the door."""

    scope_field = "enrolment__registration__jurisdiction"

    enrolment = models.ForeignKey(CareEnrolment, models.CASCADE, related_name="tasks")
    last_seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedManager()
