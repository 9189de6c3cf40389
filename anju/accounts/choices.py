from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


# What each staff role may read ------------------------------------------------------------------------------------
# The one table of reading. A staff page (core/decorators.staff_required: PAGE_AREAS), an API endpoint
# (core/permissions: API_AREAS) and the menu (core/templates/core/base.html) each belong to an area; a role that does
# not read the area gets the no-access page (403), and whatever it reads is still scoped to its jurisdiction. Within
# PEOPLE a reading also says which people and which of their fields (people/selectors.py applies both).


class Department(models.TextChoices):
    """Which department a department user works for: its duty decides its slice of the data (MISSION: each
    department gets "the slice they need for their own duty")."""

    EDUCATION = "education", pgettext_lazy("department", "Education")
    HOUSING = "housing", pgettext_lazy("department", "Housing and urban-rural development")
    HEALTH = "health", pgettext_lazy("department", "Health")
    HUMAN_RESOURCES = "human_resources", pgettext_lazy("department", "Human resources and social security")
    CIVIL_AFFAIRS = "civil_affairs", pgettext_lazy("department", "Civil affairs")


class Area(models.TextChoices):
    OVERVIEW = "overview"  # counts and the cockpit's figures, the jurisdiction tree: no one's record
    PEOPLE = "people"  # the population register: list, record, Excel export, API
    REGISTRATIONS = "registrations"  # residence registrations with their history and certificates
    DECLARATIONS = "declarations"  # the verification queue: declarations, their flags, the identity-registry comparison
    TASKS = "tasks"  # on-site checks
    HOUSES = "houses"  # houses, rooms, tenants, landlords, plates, overdue lists
    HOUSING = "housing"  # the housing stock: houses and rooms with their use, size and occupant counts, no one's record
    ADDRESSES = "addresses"  # the standard address library
    ORGANISATIONS = "organisations"  # workplaces and their workers
    DOORS = "doors"  # door devices with their swipe logs, cards, door alarms
    CARE = "care"  # care check of elderly people living alone
    FINDINGS = "findings"  # data-fusion findings
    WATCHLIST = "watchlist"  # watchlist alerts, the watchlist, key persons
    AUDIT = "audit"  # the audit log


class PeopleSlice(models.TextChoices):
    ALL = "all"  # everyone in the jurisdiction
    SCHOOL_AGE = "school_age"  # grades 1–9 of this school year and next autumn's first grade (lib/schooling.py)
    HEALTH_SERVICE = "health_service"  # children under 7 and people 65 and over (lib/ages.py)
    WORKING_AGE = "working_age"  # 16 to 59 full years (lib/ages.py)
    ELDERLY = "elderly"  # 60 and over (lib/ages.py)
    NONE = "none"


# A person's fields as pages, exports and the API show them (Person's field names; id_masked is the masked number).
PERSON_FIELDS = frozenset({"name", "sex", "birth_date", "ethnicity", "id_masked", "hukou_address", "address",
                           "jurisdiction", "house", "phone"})
# Fields derived from other records (people/selectors.person_details), read only by the duties that need them:
# employment (the workplaces the person's declarations name and that have not ended: organisation, its credit code,
# since when) and lives_alone (nobody else recorded in the register or actively registered at the person's house).
DERIVED_FIELDS = frozenset({"employment", "lives_alone"})


@dataclass(frozen=True)
class Reads:
    areas: frozenset
    people: str = PeopleSlice.ALL
    person_fields: frozenset = PERSON_FIELDS


_WORK = frozenset({Area.OVERVIEW, Area.PEOPLE, Area.REGISTRATIONS, Area.DECLARATIONS, Area.TASKS, Area.HOUSES,
                   Area.HOUSING, Area.ADDRESSES, Area.ORGANISATIONS, Area.DOORS})
ROLE_READS = {
    Role.ADMIN: Reads(frozenset(Area)),
    Role.COMMANDER: Reads(_WORK | {Area.FINDINGS, Area.WATCHLIST}),
    Role.OFFICER: Reads(_WORK | {Area.CARE, Area.FINDINGS, Area.WATCHLIST}),
    Role.AUXILIARY: Reads(_WORK | {Area.CARE, Area.FINDINGS}),
    Role.GRID_WORKER: Reads(_WORK | {Area.CARE}),
}
# Department users read the figures and their duty's slice, nothing of the police's work (queue, flags, doors).
DEPARTMENT_READS = {
    # 义务教育入学资格审核: the school-age children of the jurisdiction, with what an enrolment check compares (who,
    # born when, where they live, where their household is registered); not their phone or ethnicity. Parents'
    # residence is proved by the family's own signed certificate and residence proof (verifiable at /v/), not by a
    # department's reading of adults' records.
    Department.EDUCATION: Reads(
        frozenset({Area.OVERVIEW, Area.PEOPLE}), people=PeopleSlice.SCHOOL_AGE,
        person_fields=frozenset({"name", "sex", "birth_date", "id_masked", "hukou_address", "address", "jurisdiction"})),
    # 住房租赁管理 and 群租整治: the housing bureau keeps the register of rental housing and enforces the floor area per
    # occupant that rented housing must give (住房租赁条例; local rules set the minimum per person). That needs each
    # house's use (whole, group or short-term rental, dormitory), its rooms, capacity and floor area, and how many
    # people live in it now (open tenancies, active registrations): counts, never who they are. No one's record.
    Department.HOUSING: Reads(frozenset({Area.OVERVIEW, Area.HOUSING}), people=PeopleSlice.NONE,
                              person_fields=frozenset()),
    # 国家基本公共卫生服务: vaccinating and following up children aged 0–6 and the yearly health check of people 65 and
    # over, given where they live whatever their household registration. The community health centre needs who they
    # are (name, sex, birth date: the vaccination schedule and the check follow age), where to find them and a phone
    # to call them in; not their household address, ethnicity or work.
    Department.HEALTH: Reads(
        frozenset({Area.OVERVIEW, Area.PEOPLE}), people=PeopleSlice.HEALTH_SERVICE,
        person_fields=frozenset({"name", "sex", "birth_date", "id_masked", "address", "jurisdiction", "phone"})),
    # 农民工就业服务和社会保险: employment services and social-insurance enrolment (参保扩面) of the working-age migrant
    # population: who works where (the workplaces their registrations name, with the employer's credit code, by which
    # the bureau checks the employer's contributions), and the household address (insurance transferred between the
    # household place and the place of work, 转移接续). The bureau deals with employers, so no phone.
    Department.HUMAN_RESOURCES: Reads(
        frozenset({Area.OVERVIEW, Area.PEOPLE}), people=PeopleSlice.WORKING_AGE,
        person_fields=frozenset({"name", "sex", "birth_date", "id_masked", "hukou_address", "address", "jurisdiction",
                                 "employment"})),
    # 特殊困难老年人探访关爱: civil affairs visits and calls the elderly (60 and over) who live alone first. It needs
    # where they live, a phone to call, and whether anyone else lives at their house (derived from the register and
    # the active registrations there, never who the others are); not their household address, ethnicity or work.
    Department.CIVIL_AFFAIRS: Reads(
        frozenset({Area.OVERVIEW, Area.PEOPLE}), people=PeopleSlice.ELDERLY,
        person_fields=frozenset({"name", "sex", "birth_date", "id_masked", "address", "jurisdiction", "phone",
                                 "lives_alone"})),
}
NO_READS = Reads(frozenset(), people=PeopleSlice.NONE)  # the public (their own data come through their own selectors)
DEPARTMENT_UNSET = Reads(frozenset({Area.OVERVIEW}), people=PeopleSlice.NONE)  # a department user whose department is not set


def reads_of(role: str, department: str = "") -> Reads:
    if role == Role.DEPARTMENT:
        return DEPARTMENT_READS.get(department, DEPARTMENT_UNSET)
    return ROLE_READS.get(role, NO_READS)


def readers_of(area) -> frozenset:
    """The staff roles (of ROLE_READS) that read `area`, where a role rather than a user is asked: whom an alert may
    be assigned to, say. What a user reads is `user.may_read(area)`."""
    return frozenset(role for role, reads in ROLE_READS.items() if area in reads.areas)
