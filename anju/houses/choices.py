from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseKind(models.TextChoices):
    OWNER_OCCUPIED = "owner", _("Owner-occupied")
    WHOLE_RENTAL = "rental", _("Whole rental")
    GROUP_RENTAL = "group", _("Group rental")
    SHORT_TERM = "short_term", _("Short-term / online-booked")
    DORMITORY = "dormitory", _("Employee dormitory")
