from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.scoping import ScopedManager
from anju.registrations.choices import Channel, DeclarationKind, DeclarationStatus


class Declaration(models.Model):
    """A residence declaration (居住登记申报) or a proposed deregistration, from any channel.

    The houses issue creates these from landlord check-in and check-out; the
    registration issue adds the other channels, the verification queue and the
    registration records they become.
    """

    scope_field = "jurisdiction"

    kind = models.CharField(_("kind"), max_length=12, choices=DeclarationKind.choices, default=DeclarationKind.REGISTER)
    status = models.CharField(_("status"), max_length=12, choices=DeclarationStatus.choices,
                              default=DeclarationStatus.PENDING, db_index=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    name = models.CharField(_("name"), max_length=60)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    house = models.ForeignKey("houses.House", models.PROTECT, related_name="declarations", verbose_name=_("house"))
    room = models.ForeignKey("houses.Room", models.SET_NULL, null=True, blank=True, related_name="declarations")
    tenancy = models.ForeignKey("houses.Tenancy", models.SET_NULL, null=True, blank=True, related_name="declarations")
    move_in = models.DateField(_("moved in on"), null=True, blank=True)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="declarations")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="declarations_submitted")
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
