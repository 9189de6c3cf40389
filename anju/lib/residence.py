"""Where the population register has a person live, decided from their residence registrations. Pure Python, no
Django.

The register (people.Person) follows the registrations. The registration services change one person at a time as a
registration opens or ends (people/services.person_residence_set, person_residence_end); `anju import registrations`
changes the people of a whole batch at once (people/services.people_follow_registrations). Both decide here, so a
person moved by an officer's approval and one moved by a department's file end up alike.

A person and a place are read by attribute, as a people.Person has them: ``jurisdiction_id``, ``house_id``,
``address``, and the person's ``left_on``, ``left_address`` and ``phone``. Changes are given as {attribute: value}.
"""
from dataclasses import dataclass
from datetime import date

MOVE, UPDATE, LEAVE = "move", "update", "leave"


@dataclass(frozen=True)
class Place:
    """Where a registration says someone lives."""

    jurisdiction_id: int | None
    house_id: int | None
    address: str


def in_force(registrations):
    """Of a person's registrations in force (objects with ``starts_on`` and ``pk``), the one the register has them
    live at: the newest, by the day it starts and then the last filed; None when there is none. The services close
    the one in force when they open another, so there it is the only one; a department's file may hold several."""
    return max(registrations, key=lambda r: (r.starts_on, r.pk), default=None)


def moved(person, place: Place) -> dict:
    """What changes when ``person`` lives at ``place``: house, address and jurisdiction, no longer marked as having
    left; empty when they live there already."""
    target = {"jurisdiction_id": place.jurisdiction_id, "house_id": place.house_id, "address": place.address,
              "left_on": None, "left_address": ""}
    return {name: value for name, value in target.items() if getattr(person, name) != value}


def after_set(person, place: Place, *, phone: str = "") -> tuple[str | None, dict]:
    """A registration in force at ``place`` (an approval; the newest a file leaves in force): the person lives there
    (MOVE), and a phone it gives replaces the one on record (UPDATE when that is all); (None, {}) when nothing
    changes. The name on record is kept."""
    changes = moved(person, place)
    action = MOVE if changes else None
    if phone and person.phone != phone:
        changes["phone"] = phone
        action = action or UPDATE
    return action, changes


def lives_at(person, *, house_id, address: str) -> bool:
    """Whether the register has ``person`` living at a registration's place: its house, or its address where it has
    none. Someone who has left lives nowhere here."""
    if person.left_on is not None:
        return False
    return bool(house_id and person.house_id == house_id) or bool(address and person.address == address)


def after_end(person, *, house_id, address: str, ended_on: date, instead: Place | None = None) -> tuple[str | None,
                                                                                                       dict]:
    """A registration at (``house_id``, ``address``) ended. Only a person the register has living there changes
    (otherwise (None, {}): they live elsewhere since, or have left): with another registration in force
    (``instead``) they live there (MOVE); with none their residence here ends (LEAVE): house and address emptied,
    the address kept as the last one with the day it ended; the jurisdiction stays."""
    if not lives_at(person, house_id=house_id, address=address):
        return None, {}
    if instead is not None:
        changes = moved(person, instead)
        return (MOVE if changes else None), changes
    return LEAVE, {"left_address": person.address, "left_on": ended_on, "house_id": None, "address": ""}
