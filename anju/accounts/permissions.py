"""The one check of what a staff role may change (the sets are in accounts/choices.py).

Services call ``require_right`` before they write: a forged request from a role that sees no button is refused
the same way (Django and DRF turn PermissionDenied into 403). Public users (landlords, residents, employers) pass
here; their own checks (their house, their record) are the services' own. ``actor=None`` is the system (batch
commands, signals)."""
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def has_right(actor, roles) -> bool:
    return actor is None or not getattr(actor, "is_staff_role", False) or actor.role in roles


def require_right(actor, roles) -> None:
    if not has_right(actor, roles):
        raise PermissionDenied(_("Your role (%(role)s) may not make this change") % {"role": actor.get_role_display()})
