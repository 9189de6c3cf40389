from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class SourceKind(models.TextChoices):
    DOOR = "door", _("Smart door")
    LOCK = "lock", _("Smart lock")
    FACE = "face", _("Face capture")
    EMPLOYMENT = "employment", _("Employment and social insurance")
    HOTEL = "hotel", _("Hotel")
    SCHOOL = "school", _("School")
    UTILITY = "utility", _("Utility account")
    RENTAL = "rental", _("Rental filing")
    VISIT = "visit", _("Household visit")
    OTHER = "other", _("Other")


class Meaning(models.TextChoices):
    # with a context: a plain "Home" would also translate the Django admin's breadcrumb (首页) as 住所
    HOME = "home", pgettext_lazy("feed meaning", "Home")
    WORKPLACE = "workplace", _("Workplace")
    STAY = "stay", _("Stay")
    SCHOOL = "school", _("School")
    PROPERTY = "property", _("Account holder's property")
    OTHER = "other", _("Other")


class FindingKind(models.TextChoices):
    UNREGISTERED = "unregistered", _("Living here unregistered")
    MOVED = "moved", _("Registered elsewhere, living here")
    STALE = "stale", _("Registration out of date")


class FindingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("finding", "Open")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("No longer supported by the data")
    # the registration it was about ended by another decision (a move confirmed, a deregistration): nothing to decide
    RESOLVED = "resolved", _("Resolved by another decision")


# The scoring rules (lib/fusion/findings.py) by name, for the finding's page: what each one means, in words. The
# detail beside it (days, counts, dates) is the rule's own line.
RULE_LABELS = {
    "home_records": _("Seen at home here"),
    "home_feeds_agree": _("Two home feeds agree"),
    "over_time": _("Over a month or more"),
    "recent": _("Seen lately"),
    "still_around": _("Other traces go on"),
    "not_recent": _("Not seen at home lately"),
    "quiet_lately": _("Silent lately: may have left"),
    "known_identity": _("Identity known"),
    "valid_id_number": _("Valid ID number"),
    "moved_within_building": _("Moved to another room of the building"),
    "room_known": _("The room is known"),
    "home_records_elsewhere": _("Also seen at home elsewhere"),
    "registration_elsewhere_stale": _("The registration elsewhere is found stale on these records"),
    "registered_unplaced": _("A registration whose address could not be placed"),
    "back_after_deregistration": _("Back after the registration here ended"),
    "seen_elsewhere": _("Seen living elsewhere"),
    "never_at_registered_address": _("Never seen at the registered address"),
    "left_registered_address": _("Moved out of the registered address"),
    "traces_stopped": _("Traces stopped"),
}
