from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.jurisdictions.choices import Level


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COMMANDER = "commander", _("Commander")
    OFFICER = "officer", _("Police officer")
    AUXILIARY = "auxiliary", _("Auxiliary staff")
    GRID_WORKER = "grid_worker", _("Grid worker")
    DEPARTMENT = "department", _("Department user")
    LANDLORD = "landlord", _("Landlord")
    EMPLOYER = "employer", _("Employer")
    RESIDENT = "resident", _("Resident")


STAFF_ROLES = frozenset({Role.ADMIN, Role.COMMANDER, Role.OFFICER, Role.AUXILIARY, Role.GRID_WORKER, Role.DEPARTMENT})
PUBLIC_ROLES = frozenset({Role.LANDLORD, Role.EMPLOYER, Role.RESIDENT})

# Where in the tree each staff role may be bound.
ROLE_LEVELS = {
    Role.ADMIN: frozenset(Level.values),
    Role.COMMANDER: frozenset({Level.CITY, Level.DISTRICT, Level.STATION}),
    Role.OFFICER: frozenset({Level.STATION}),
    Role.AUXILIARY: frozenset({Level.COMMUNITY}),
    Role.GRID_WORKER: frozenset({Level.GRID}),
    Role.DEPARTMENT: frozenset({Level.PROVINCE, Level.CITY, Level.DISTRICT}),
}

# Roles whose duty needs the full ID number (each unmasking is audited).
UNMASK_ROLES = frozenset({Role.ADMIN, Role.OFFICER})
# Roles that may download lists of personal data.
EXPORT_ROLES = frozenset({Role.ADMIN, Role.COMMANDER, Role.OFFICER, Role.DEPARTMENT})
# Roles that may browse the audit log.
AUDIT_ROLES = frozenset({Role.ADMIN})

# What each staff role may change. Reads are scoped by jurisdiction for every role; commanders and department
# users read (departments for their stated purpose) and change nothing.
# Decide declarations (approve, return), send on-site checks, end registrations: the police and the community's
# auxiliaries (流动人口专管员), who do the 核录.
VERIFY_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.AUXILIARY})
# Houses, rooms, plates, tenants and door cards on a landlord's behalf, standard addresses, organisations.
HOUSE_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.AUXILIARY})
# Carry out on-site checks and care visits: the above and the grid workers who walk the streets.
FIELD_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.AUXILIARY, Role.GRID_WORKER})
# Handle door alarms: everyone on duty, the commander at the wall screen included; not department users.
ALARM_ROLES = frozenset({Role.ADMIN, Role.COMMANDER, Role.OFFICER, Role.AUXILIARY, Role.GRID_WORKER})
