from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.choices import (
    ALARM_ROLES, EXPORT_ROLES, HOUSE_ROLES, STAFF_ROLES, UNMASK_ROLES, VERIFY_ROLES, Area,
    Department, Reads, Role, reads_of,
)


class User(AbstractUser):
    """A staff member (password sign-in, bound to one jurisdiction node) or a
    public user (resident, landlord, employer: phone + SMS code, no jurisdiction)."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.RESIDENT)
    jurisdiction = models.ForeignKey(
        "jurisdictions.Node", models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("jurisdiction")
    )
    phone = models.CharField(_("mobile phone"), max_length=11, unique=True, null=True, blank=True)
    purpose = models.CharField(
        _("stated purpose"), max_length=200, blank=True, help_text=_("Department users: the duty their data access serves.")
    )
    department = models.CharField(
        _("department"), max_length=16, choices=Department.choices, blank=True,
        help_text=_("Department users: the department they work for, which decides what they may read."))
    failed_logins = models.PositiveIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def scope_node(self):
        """The subtree this user may see; None for public users and unbound staff."""
        if not self.is_active or self.role not in STAFF_ROLES:
            return None
        return self.jurisdiction

    # What a user may read (accounts/choices.py: ROLE_READS, DEPARTMENT_READS): the pages, exports and API areas,
    # and within the register which people and which of their fields.
    @property
    def reads(self) -> Reads:
        return reads_of(self.role, self.department) if self.scope_node is not None else reads_of("")

    @property
    def read_areas(self) -> frozenset:
        return self.reads.areas

    def may_read(self, area) -> bool:
        """Whether this user reads `area`; None (a page or endpoint no area was given for) only for a role that reads
        every area."""
        areas = self.reads.areas
        return area in areas if area is not None else areas >= frozenset(Area)

    @property
    def can_unmask(self) -> bool:
        return self.role in UNMASK_ROLES

    @property
    def can_export(self) -> bool:
        return self.role in EXPORT_ROLES

    @property
    def can_read_audit(self) -> bool:
        return self.may_read(Area.AUDIT)

    # What a staff user may change (accounts/permissions.py); the templates show the buttons by these.
    @property
    def may_verify(self) -> bool:
        return self.role in VERIFY_ROLES

    @property
    def may_manage_houses(self) -> bool:
        return self.role in HOUSE_ROLES

    @property
    def may_handle_alarms(self) -> bool:
        return self.role in ALARM_ROLES

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class SmsCode(models.Model):
    """A one-time sign-in code. Only its MAC is stored: a database dump reveals no live code."""

    phone = models.CharField(max_length=11, db_index=True)
    code_mac = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
