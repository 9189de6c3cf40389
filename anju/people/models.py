from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core import crypto
from anju.core.scoping import ScopedManager
from anju.core.codes import code_choices


class Person(models.Model):
    """A person of the actual population (实有人口) living in the jurisdiction.

    Approved registrations write it (services.person_residence_set, person_residence_end, called by the registration
    services): created by ID number on the first, moved by a move, their residence here cleared by a deregistration.

    The ID number is never stored in clear: `id_cipher` holds it encrypted,
    `id_hash` is a keyed hash for exact lookup, and `id_masked` is what lists show.
    """

    scope_field = "jurisdiction"

    name = models.CharField(_("name"), max_length=60, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=code_choices("sex"))
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=code_choices("ethnicity"), blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, unique=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    id_kind = models.CharField(max_length=20, editable=False, default="resident")
    hukou_address = models.CharField(_("household registration address"), max_length=200, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    education = models.CharField(_("education"), max_length=2, choices=code_choices("education"), blank=True)
    marital_status = models.CharField(_("marital status"), max_length=2, choices=code_choices("marital_status"), blank=True)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="people",
                                     verbose_name=_("jurisdiction"))
    house = models.ForeignKey("houses.House", models.SET_NULL, null=True, blank=True, related_name="occupants",
                              verbose_name=_("house"))
    address = models.CharField(_("residence address"), max_length=200, blank=True)
    # Where the person lived until their residence here ended (a deregistration with no other registration in
    # force): house and address are then empty, the jurisdiction the last one, and the person stays on record but is
    # not one of those living here (selectors.person_queryset). Both empty while they live here.
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_address = models.CharField(_("last residence address"), max_length=200, blank=True)
    account = models.OneToOneField(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="person", verbose_name=_("own account"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["jurisdiction__path", "name", "pk"]
        # the search by a masked number or part of one (selectors._shown_filter): `id_masked = %s` for a number
        # copied from a list, `id_masked LIKE '330106%'` for its start. PostgreSQL reads a LIKE prefix from a btree
        # index only with the pattern operator class (or the C collation), which serves the equality as well
        # and the birth date: a search by one (19900307, a number's start: region and birth year), and the departments'
        # age slices (selectors._slice: birth-date ranges, lib/ages.py, lib/schooling.py), which read the whole table
        # without it (EXPLAIN figures in the commit that added it)
        indexes = [models.Index(fields=["id_masked"], name="person_id_masked_idx", opclasses=["varchar_pattern_ops"]),
                   models.Index(fields=["birth_date"], name="person_birth_date_idx")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} {self.id_masked}"

    @property
    def id_number(self) -> str:
        """The full number. Read it only through selectors.person_id_number_reveal, which audits."""
        return crypto.decrypt(self.id_cipher)


class RegistryRecord(models.Model):
    """One person of the authoritative identity registry (常住人口/人口库), as loaded by `anju import population`.

    Declared identities are compared with it (人证不一). Read only through
    people.registry.registry_check, which reveals a verdict, and the record's name, sex and birth date for the
    officer's comparison (never to the person who declared).
    """

    id_hash = models.CharField(max_length=64, unique=True)
    id_cipher = models.TextField()
    name = models.CharField(max_length=60)
    sex = models.CharField(max_length=1, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=2, blank=True)
    hukou_address = models.CharField(max_length=255, blank=True)
    extra = models.JSONField(default=dict, blank=True)
