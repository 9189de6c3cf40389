from django.db import models
from django.utils.translation import gettext_lazy as _


class DeclarationKind(models.TextChoices):
    REGISTER = "register", _("Registration")
    DEREGISTER = "deregister", _("Deregistration")


class DeclarationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Channel(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    LANDLORD = "landlord", _("Landlord check-in")
    EMPLOYER = "employer", _("Employer")
    AGENT = "agent", _("Delegated agent")
    POLICE = "police", _("Police")
