from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.scoping import ScopedManager
from anju.core import crypto
from anju.core.codes import code_choices
from anju.registrations.choices import (
    Channel, DeclarationKind, DeclarationStatus, DelegationScope, Flag, OrganisationKind, RegistrationStatus,
    TaskResult, TaskStatus,
)


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
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)
    # Whom the declaration is for, when someone else files it (agent, employer, landlord).
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    delegation = models.ForeignKey("Delegation", models.PROTECT, null=True, blank=True, related_name="declarations")
    organisation = models.ForeignKey("Organisation", models.PROTECT, null=True, blank=True, related_name="declarations")
    guardian = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children",
                                 help_text="A child under 16 is declared with a parent's declaration.")
    registration = models.ForeignKey("Registration", models.SET_NULL, null=True, blank=True, related_name="+")
    # The data items of seed 003; only name, ID number, address and move-in date are required.
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=code_choices("ethnicity"), blank=True)
    hukou_address = models.CharField(_("household registration address"), max_length=200, blank=True)
    education = models.CharField(_("education"), max_length=2, choices=code_choices("education"), blank=True)
    marital_status = models.CharField(_("marital status"), max_length=2, choices=code_choices("marital_status"), blank=True)
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)
    social_insurance = models.BooleanField(_("has social insurance"), null=True, blank=True)
    # The identity check against the registry, and what keeps a declaration out of bulk approval.
    identity_status = models.CharField(max_length=12, default="no_registry")
    identity_detail = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)

    @property
    def flag_labels(self) -> list[str]:
        """The flags in words, in the current language."""
        labels = dict(Flag.choices)
        return [str(labels.get(flag, flag)) for flag in self.flags]

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher)

    @property
    def withdrawable(self) -> bool:
        """Its declarant may still withdraw (撤回) or correct (修改) it: waiting for police, and not a tenant's check-in
        (the landlord withdraws that by checking the tenant out) nor a child's (it goes with its parent's)."""
        return self.status == DeclarationStatus.PENDING and self.tenancy_id is None and self.guardian_id is None

    @property
    def correctable(self) -> bool:
        """Its declarant may file it again corrected (修改; withdrawn ones: again), from the declaration form filled
        from it: withdrawable, or withdrawn, and not filed with a workplace (a worker is registered again there)."""
        return (self.withdrawable or self.status == DeclarationStatus.WITHDRAWN and self.tenancy_id is None
                and self.guardian_id is None) and self.organisation_id is None


class Registration(models.Model):
    """A residence registration (居住登记): someone registered as living at an address from a date.

    A move closes the old registration and opens a new one (`previous`), so the
    history is kept; deregistration cancels it, always with a reason.
    """

    scope_field = "jurisdiction"

    number = models.CharField(_("registration number"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.ACTIVE, db_index=True)
    name = models.CharField(_("name"), max_length=60)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    house = models.ForeignKey("houses.House", models.PROTECT, null=True, blank=True, related_name="registrations")
    standard_address = models.ForeignKey("addresses.StandardAddress", models.PROTECT, null=True, blank=True,
                                         related_name="registrations")
    address = models.CharField(_("address"), max_length=255)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="registrations")
    starts_on = models.DateField(_("registered from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    previous = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="next")
    declaration = models.ForeignKey(Declaration, models.SET_NULL, null=True, blank=True, related_name="+")
    guardian = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="children")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="registrations", help_text="The resident's own account, when known.")
    source = models.CharField(max_length=12, default="declaration")  # declaration | import
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["id_hash", "status"]), models.Index(fields=["starts_on"]),
                   models.Index(fields=["ended_on"])]

    def __str__(self):
        return f"{self.number} {self.name}"

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher)


class VerificationTask(models.Model):
    """An on-site check (实地核录) of a declaration: who goes where by when, and what they found."""

    scope_field = "declaration__jurisdiction"

    declaration = models.ForeignKey(Declaration, models.CASCADE, related_name="tasks")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="verification_tasks")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    instructions = models.CharField(_("instructions"), max_length=200, blank=True)
    status = models.CharField(max_length=9, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True)
    result = models.CharField(_("result"), max_length=16, choices=TaskResult.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["status", "due_on"]


class Delegation(models.Model):
    """委托代办: a resident lets an agent declare (and perhaps deregister) for them, until a date."""

    grantor = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegations_granted")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegations_received")
    scope = models.CharField(_("scope"), max_length=8, choices=DelegationScope.choices, default=DelegationScope.DECLARE)
    expires_on = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class Organisation(models.Model):
    """An actual organisation (实有单位): a workplace whose QR code (业态码) registers its workers."""

    scope_field = "jurisdiction"

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=255)
    standard_address = models.ForeignKey("addresses.StandardAddress", models.PROTECT, null=True, blank=True,
                                         related_name="organisations")
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="organisations")
    operators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="organisations", blank=True)
    managed_by = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="managed",
                                   help_text="A market, property company or village committee responsible for it.")
    qr_serial = models.CharField(max_length=24, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Employment(models.Model):
    """A worker of an organisation, as registered by its operator or by the worker through its QR code."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="employments")
    declaration = models.ForeignKey(Declaration, models.CASCADE, related_name="employments")
    position = models.CharField(_("position"), max_length=60, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
