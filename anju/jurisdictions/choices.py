from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    STATION = "station", _("Police station")
    COMMUNITY = "community", _("Community")
    GRID = "grid", _("Grid")


# The tree is strict: each level sits directly under the one before it.
LEVEL_ORDER = [Level.PROVINCE, Level.CITY, Level.DISTRICT, Level.STATION, Level.COMMUNITY, Level.GRID]
PARENT_LEVEL = {LEVEL_ORDER[i]: LEVEL_ORDER[i - 1] for i in range(1, len(LEVEL_ORDER))}
