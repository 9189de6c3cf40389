"""Free-text addresses matched to the standard address library with the normaliser (anju.lib.address).

Each process keeps one in-memory index, rebuilt when the library's version moves.
"""
import threading

from anju.addresses.models import COMPONENTS, StandardAddress
from anju.core.models import DataVersion
from anju.lib.address import AddressIndex, Match
from anju.lib.address import StandardAddress as LibraryAddress

_lock = threading.Lock()
_cache: dict = {"version": None, "index": None}


def address_index() -> AddressIndex:
    version = DataVersion.current("addresses")
    if _cache["version"] != version or _cache["index"] is None:
        with _lock:
            if _cache["version"] != version or _cache["index"] is None:
                rows = StandardAddress.objects.values_list("code", "full_address", *COMPONENTS)
                _cache["index"] = AddressIndex(LibraryAddress(*row) for row in rows.iterator(chunk_size=5000))
                _cache["version"] = version
    return _cache["index"]


def match_addresses(raw: str, *, limit: int = 5) -> list[Match]:
    return address_index().match(raw, limit=limit) if raw and raw.strip() else []


def match_address(raw: str, *, min_confidence: float = 0.75) -> Match | None:
    """The one standard address a text means, when the normaliser is confident enough."""
    found = match_addresses(raw, limit=1)
    return found[0] if found and found[0].confidence >= min_confidence else None
