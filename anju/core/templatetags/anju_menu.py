"""``{% staff_menu as entries %}``: the staff pages' top menu, the entries the signed-in user reads (``read_areas``), in
the order they have always had.

Each entry is written once here and drawn twice by core/base.html: every entry in the menu's line, and those used less
often (``less``) again under 更多 / More. anju.css shows one of the two: below 1280 px the line with every entry, in
this order; at 1280 px and wider (a laptop, a projector) the line without them and the More button. Two copies rather
than one moved by CSS, so that the order a keyboard or a screen reader follows is the order shown on every screen."""
from typing import NamedTuple

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anju.accounts.choices import Area

register = template.Library()


class Entry(NamedTuple):
    url: str
    label: str
    less: bool  # used less often: under 更多 / More at 1280 px and wider


# (url name, label, the area the user must read — None: every staff user —, used less often: always, never, or by a
# reader of the area named)
ENTRIES = (
    ("cockpit:cockpit", _("Cockpit"), Area.OVERVIEW, False),
    ("core:home", _("Overview"), Area.OVERVIEW, False),
    ("people:list", _("Population"), Area.PEOPLE, False),
    ("registrations:queue", _("Verification"), Area.DECLARATIONS, False),
    ("registrations:registrations", _("Registrations"), Area.REGISTRATIONS, False),
    ("houses:list", _("Houses"), Area.HOUSES, False),
    ("addresses:list", _("Standard addresses"), Area.ADDRESSES, True),
    # the housing department's one page; under More for the police, who have the houses
    ("houses:stock", _("Housing stock"), Area.HOUSING, Area.HOUSES),
    ("doors:devices", _("Door access"), Area.DOORS, False),
    ("registrations:organisations", _("Organisations"), Area.ORGANISATIONS, True),
    ("registrations:tasks", _("On-site checks"), Area.TASKS, False),
    ("fusion:findings", _("Findings"), Area.FINDINGS, False),
    ("doors:care", _("Care check"), Area.CARE, False),
    ("watchlist:alerts", _("Alerts"), Area.WATCHLIST, False),
    ("watchlist:watchlist", _("Watchlist"), Area.WATCHLIST, True),
    ("watchlist:keypersons", _("Key persons"), Area.WATCHLIST, True),
    ("audit:list", _("Audit log"), Area.AUDIT, True),
    ("admin:index", _("Administration"), Area.AUDIT, True),
    ("api-docs", _("API"), None, True),
)


@register.simple_tag(takes_context=True)
def staff_menu(context) -> list[Entry]:
    reads = context["user"].read_areas
    return [Entry(reverse(name), label, less if isinstance(less, bool) else less in reads)
            for name, label, area, less in ENTRIES if area is None or area in reads]
