from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class DeviceKind(models.TextChoices):
    ENTRANCE = "entrance", _("Building entrance")
    HOUSE = "house", _("House door")


class DeviceStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Never seen")
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class DoorState(models.TextChoices):
    OPEN = "open", pgettext_lazy("door state", "Open")
    CLOSED = "closed", pgettext_lazy("door state", "Closed")
    UNKNOWN = "unknown", _("Unknown")


class CredentialKind(models.TextChoices):
    CARD = "card", _("Card")
    PHONE = "phone", _("Phone credential")


class CredentialStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LOST = "lost", _("Reported lost")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# A credential in one of these states still holds its card number (a lost card can be unlocked).
LIVE_STATUSES = (CredentialStatus.ACTIVE, CredentialStatus.LOST, CredentialStatus.SUSPENDED)


class CredentialAction(models.TextChoices):
    ISSUE = "issue", _("Issued")
    REPORT_LOSS = "report_loss", _("Reported lost")
    UNLOCK = "unlock", _("Unlocked")
    CANCEL = "cancel", _("Cancelled")
    REISSUE = "reissue", _("Reissued")
    RENEW = "renew", _("Renewed")
    EXPIRE = "expire", _("Expired")
    SUSPEND = "suspend", _("Suspended")
    RESUME = "resume", _("Resumed")
    RESTORE = "restore", _("Restored with its registration")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class AlarmKind(models.TextChoices):
    HELD_OPEN = "held_open", _("Door held open")
    OFFLINE = "offline", _("Device offline")
    FORCED = "forced", _("Door forced")
    REFUSALS = "refusals", _("Repeated refused credentials")
    TAMPER = "tamper", _("Device tampered with")


class AlarmStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alarm", "Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLEARED = "cleared", _("Cleared by itself")
    CLOSED = "closed", _("Closed")


LIVE_ALARM = (AlarmStatus.OPEN, AlarmStatus.ACKNOWLEDGED)


class CareStatus(models.TextChoices):
    ACTIVE = "active", _("Enrolled")
    ENDED = "ended", _("Ended")


# What a device's event says, as the protocol writes it (lib/doors/protocol.py), in words for the pages.
EVENT_LABELS = {
    "swipe": _("Credential used"), "open": pgettext_lazy("door event", "Door opened"),
    "close": pgettext_lazy("door event", "Door closed"), "forced": _("Door forced"), "tamper": _("Device tampered with"),
    "button": _("Exit button"), "held": _("Door held open"),
    "granted": _("Granted"), "refused": _("Refused"),
    "closed": pgettext_lazy("door state", "Closed"), "unknown": _("Unknown"),
}
