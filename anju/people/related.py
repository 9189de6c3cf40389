"""What the other apps keep about a person, on the staff person page, without people importing them (ARCHITECTURE.md:
registrations, doors and fusion sit above people). Each of them registers one function here in its AppConfig.ready;
the function reads through its own selectors (scoped to the reader's jurisdiction, audited) and returns a `Section`,
or None where the reader's role does not read that area (`user.may_read`)."""
from dataclasses import dataclass, field

SHOWN = 5  # the newest few of each kind; the rest are behind the section's "more" link or counted


@dataclass(frozen=True)
class Item:
    label: str  # what the item is (a registration's number, a card's number, a finding's kind)
    url: str  # its own page
    status: str = ""
    detail: str = ""  # the address it is about
    on: object = None  # its date


@dataclass(frozen=True)
class Section:
    key: str  # the section's element id on the page
    title: str
    items: list = field(default_factory=list)
    total: int = 0  # all of them in the reader's jurisdiction (items shows the newest SHOWN)
    more_url: str = ""  # the list filtered to this person, where there is one


_providers: list = []


def person_related(provider):
    """Registers ``provider(*, user, person, request, limit) -> Section | None``; the page shows the sections in the
    order registered (INSTALLED_APPS)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def person_sections(*, user, person, request=None, limit: int = SHOWN) -> list[Section]:
    sections = (provider(user=user, person=person, request=request, limit=limit) for provider in _providers)
    return [section for section in sections if section is not None]
