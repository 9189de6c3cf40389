from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseKind(models.TextChoices):
    OWNER_OCCUPIED = "owner", _("Owner-occupied")
    WHOLE_RENTAL = "rental", _("Whole rental")
    GROUP_RENTAL = "group", _("Group rental")
    SHORT_TERM = "short_term", _("Short-term / online-booked")
    DORMITORY = "dormitory", _("Employee dormitory")


# Group and short-term rentals are managed hotel-style (旅馆式管理): every occupant must be checked in.
HOTEL_STYLE_KINDS = frozenset({HouseKind.GROUP_RENTAL, HouseKind.SHORT_TERM})


class HouseStatus(models.TextChoices):
    ACTIVE = "active", _("In use")
    VACANT = "vacant", _("Vacant")
    CLOSED = "closed", _("Closed")


class RoomStatus(models.TextChoices):
    ACTIVE = "active", _("In use")
    MERGED = "merged", _("Merged into another room")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for police verification")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ClaimProof(models.TextChoices):
    PLATE = "plate", _("door-plate code")
    POLICE = "police", _("verified by the police")
