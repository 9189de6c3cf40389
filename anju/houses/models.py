from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.scoping import ScopedManager
from anju.houses.choices import HouseKind


class House(models.Model):
    """An actual house (实有房屋) at a standard address. The houses issue grows this into
    addresses, rooms, plates and tenancies; the foundation needs it for scoping and the demo."""

    scope_field = "jurisdiction"

    address = models.CharField(_("address"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=HouseKind.choices, default=HouseKind.WHOLE_RENTAL)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="houses",
                                     verbose_name=_("jurisdiction"))
    landlord = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                 related_name="houses", verbose_name=_("landlord"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["jurisdiction__path", "address"]
        verbose_name = _("house")
        verbose_name_plural = _("houses")

    def __str__(self):
        return self.address
