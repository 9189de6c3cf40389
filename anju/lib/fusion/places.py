"""Placing a free-text address: a room when the normaliser is sure of it, else a building when it is sure of that.

Pure Python, no Django. ``3-301`` in a compound whose buildings have two units
matches ``3幢1单元301室`` and ``3幢2单元301室`` equally (half the confidence
each): the room is unknown, the building is certain. Only the building matters
for where someone lives (a suspect in the right building is a correct visit),
so the candidates' confidences are added up by building.

``address_keys`` gives a standard address its house key (district|road|number) and its area key (the village or
community it lies in): a place known only to its village holds every house of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

RIVAL = 0.5  # another room of the building at half the best one's confidence or more: the room is not known


def place(matches: Sequence, building_of: Callable[[str], str | None], min_confidence: float, *,
          refuse_ties: bool = False) -> tuple[str, float, str] | None:
    """(code, confidence, level) of the best placement, or None. ``matches``: the normaliser's candidates, best
    first (objects with ``code``, ``confidence``, ``level``); ``building_of(code)``: a building key.
    ``refuse_ties``: None when another building is as likely as the best one (工业路56号 where two villages have
    one): a record placed there would be evidence at one of them at random. A registration keeps the best and names
    its rivals (``Registration.rivals``); a feed's record has no such second reading."""
    if not matches:
        return None
    best = matches[0]
    building = building_of(best.code)
    if refuse_ties and any(m.confidence >= best.confidence and building_of(m.code) != building for m in matches[1:]):
        return None
    if best.confidence >= min_confidence:
        # a bar below one half lets through a room with a rival as likely in the same building (``2-402`` where
        # three units have a 402): the building is known, the room is not
        rival = any(m.confidence >= RIVAL * best.confidence and m.code != best.code and building
                    and building_of(m.code) == building for m in matches[1:])
        return best.code, best.confidence, "building" if rival and best.level == "room" else best.level
    if not building:
        return None
    total = sum(m.confidence for m in matches if building_of(m.code) == building)
    if total >= min_confidence:
        return best.code, min(1.0, total), "building"
    return None


def address_keys(code: str, district: str, street: str, community: str, road: str, number: str) -> tuple[str, str]:
    """(house key, area key) of a standard address. The house is district|road|number; the area is the key of the
    village or community the address lies in, written as a house (district|@name|), which is also the house of an
    address that names no road or number (a village, 华舍村): such a place holds every address of its area
    (``findings.within``). Without it every such address of a district shared one house, district||."""
    area = f"{district}|@{community or street or code}|"
    return (f"{district}|{road}|{number}" if road or number else area), area
