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
    HOME = "home", _("Home")
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
