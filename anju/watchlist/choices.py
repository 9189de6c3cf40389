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


# What an alert matched on and where it came from, in words (lib/watchmatch.py and the checkers write codes).
MATCH_LABELS = {
    "id_number:exact": _("ID number the same"), "id_number:one_digit": _("ID number one digit apart"),
    "id_number:transposition": _("ID number with two digits swapped"), "name:same": _("Name the same"),
    "name:homophone": _("Name sounding the same"), "birth_date": _("Birth date the same"), "sex": _("Sex the same"),
    # an entry listed without number or sex, or a record without either: matched on name and birth date alone
    "sex:unknown": _("Sex not known on one side, not compared"),
}
SOURCE_LABELS = {
    "declaration.submitted": _("Residence declaration"), "registration.created": _("Registration"),
    "registration.ended": _("Deregistration"), "tenancy.check_in": _("Tenant check-in"),
    "door.card_issued": _("Door card issued"), "fusion": _("Data fusion link"), "observation": _("Department record"),
    "registration.on_file": _("Registration on file"),
}


def match_label(code: str) -> str:
    return str(MATCH_LABELS.get(code, code))


def source_label(code: str) -> str:
    """``observation:hotel`` → 部门数据（hotel）: the feed's own name is kept."""
    head, _sep, feed = (code or "").partition(":")
    label = SOURCE_LABELS.get(code) or SOURCE_LABELS.get(head)
    return f"{label}（{feed}）" if label and feed else str(label or code)
