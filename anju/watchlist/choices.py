from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class AlertStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alert", "Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    CLOSED = "closed", _("Closed")


class AlertOutcome(models.TextChoices):
    ARRESTED = "arrested", _("Person apprehended")
    NOT_THE_PERSON = "not_the_person", _("Not the wanted person")
    NOT_FOUND = "not_found", _("Not found at the place")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    ATTENTION = "attention", _("Attention")
    REVIEW = "review", _("Review")
    CONTROL = "control", _("Control")


class Decision(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for an officer")
    CONFIRMED = "confirmed", _("Confirmed by an officer")
    REJECTED = "rejected", _("Rejected by an officer")
