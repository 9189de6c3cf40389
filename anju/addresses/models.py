from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.scoping import ScopedManager

COMPONENTS = ("province", "city", "district", "street", "community", "road", "house_number", "building", "unit", "room")


class StandardAddress(models.Model):
    """One entry of the standard address library (标准地址), down to building, unit and room.

    `code` is the library's own code, kept exactly as given. Each address hangs
    off the deepest jurisdiction node its row names (normally a grid).
    """

    scope_field = "jurisdiction"

    code = models.CharField(_("address code"), max_length=64, unique=True)
    full_address = models.CharField(_("full address"), max_length=255, db_index=True)
    province = models.CharField(max_length=40, blank=True)
    city = models.CharField(max_length=40, blank=True)
    district = models.CharField(max_length=40, blank=True)
    street = models.CharField(max_length=60, blank=True)
    community = models.CharField(max_length=60, blank=True)
    road = models.CharField(max_length=60, blank=True)
    house_number = models.CharField(max_length=20, blank=True)
    building = models.CharField(max_length=20, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    room = models.CharField(max_length=20, blank=True)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="addresses",
                                     verbose_name=_("jurisdiction"))
    extra = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["full_address"]
        verbose_name = _("standard address")
        verbose_name_plural = _("standard addresses")

    def __str__(self):
        return self.full_address
