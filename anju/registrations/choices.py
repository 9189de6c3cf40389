from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class DeclarationKind(models.TextChoices):
    REGISTER = "register", _("Registration")
    DEREGISTER = "deregister", _("Deregistration")


class DeclarationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("declaration", "Rejected")  # 已退回, as the page's 退回 button says
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Channel(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    LANDLORD = "landlord", _("Landlord check-in")
    # a tenant checked in or out by police or an auxiliary, for the landlord (HOUSE_ROLES)
    STAFF = "staff", _("Tenant entered by staff")
    EMPLOYER = "employer", _("Employer")
    AGENT = "agent", _("Delegated agent")
    POLICE = "police", _("Police")


class Flag(models.TextChoices):
    """What keeps a declaration out of bulk approval (Declaration.flags): each needs an officer's note to approve."""
    IDENTITY_MISMATCH = "identity_mismatch", _("identity mismatch")
    UNKNOWN_ID = "unknown_id", _("not in the registry")
    # the number is actively registered to someone of another name: approving would end that registration as a move
    REGISTERED_OTHER_NAME = "registered_other_name", _("registered under another name")
    # another declaration of the number waited for police when this one was filed, at another house or at this one under
    # another name: two places at once, or one number used by two people (both are flagged)
    DECLARED_TWICE = "declared_twice", _("declared twice at once")


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", _("Registered")
    CLOSED = "closed", _("Closed by a move")
    CANCELLED = "cancelled", _("Deregistered")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    # the declaration it was to check was withdrawn before the visit: nobody goes
    CANCELLED = "cancelled", _("Cancelled: the declaration was withdrawn")


class TaskResult(models.TextChoices):
    CONFIRMED = "confirmed", _("Lives there: confirmed")
    NOT_FOUND = "not_found", _("Not found at the address")
    WRONG_IDENTITY = "wrong_identity", _("Identity does not match")
    OTHER = "other", _("Other")


class OrganisationKind(models.TextChoices):
    FACTORY = "factory", _("Factory")
    SHOP = "shop", _("Shop")
    MARKET = "market", _("Market")
    MARKET_STALL = "stall", _("Market stall")
    CONSTRUCTION = "construction", _("Construction site")
    RESTAURANT = "restaurant", _("Restaurant")
    LOGISTICS = "logistics", _("Logistics")
    PROPERTY = "property", _("Property management company")
    VILLAGE = "village", _("Village committee")
    OTHER = "other", _("Other")


# Seed 002's second level of responsibility: these register the fixed staff of the places they manage.
MANAGING_KINDS = frozenset({OrganisationKind.PROPERTY, OrganisationKind.MARKET, OrganisationKind.VILLAGE})


class DelegationScope(models.TextChoices):
    DECLARE = "declare", _("Declare residence for me")
    DECLARE_AND_DEREGISTER = "all", _("Declare and deregister for me")
