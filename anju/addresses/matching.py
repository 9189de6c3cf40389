"""Free-text addresses matched to the standard address library with the normaliser (anju.lib.address).

Each process keeps one in-memory index. When the library's version moves, the index takes the rows added since it
was built (an address entered by hand: ``AddressIndex.add``, a fraction of a millisecond); when a row already in it
changed (an import that updates rows), it is built again.
"""
import threading

from anju.addresses.models import COMPONENTS, StandardAddress
from anju.core.models import DataVersion
from anju.lib.address import AddressIndex, Match
from anju.lib.address import StandardAddress as LibraryAddress

_lock = threading.Lock()
_cache: dict = {"version": None, "rebuild": None, "index": None, "last": (0, "")}

ADDED, CHANGED = "addresses", "addresses-changed"  # DataVersion names: any change; a change to rows already there


def _rows(after_pk: int = 0):
    rows = StandardAddress.objects.filter(pk__gt=after_pk).order_by("pk").values_list("pk", "code", "full_address",
                                                                                       *COMPONENTS)
    return rows.iterator(chunk_size=5000)


def _still_a_prefix(index: AddressIndex, last: tuple[int, str]) -> bool:
    """Whether the rows up to the newest one indexed are still the rows indexed: none changed (no CHANGED bump), and
    as many as indexed, the newest with the same code. Not so after a database is restored or reset, or where two
    addresses entered at once committed in the other order than their ids were given (PostgreSQL): built again. The
    CHANGED row is made with the library's first rows (``DataVersion.ensure``), so a library written again from
    nothing (a reset database, a rolled-back import) has another token even where its ids and newest code repeat."""
    pk, code = last
    return (StandardAddress.objects.filter(pk__lte=pk).count() == len(index)
            and (not pk or StandardAddress.objects.filter(pk=pk, code=code).exists()))


def address_index() -> AddressIndex:
    version = DataVersion.current(ADDED)
    if _cache["version"] != version or _cache["index"] is None:
        with _lock:
            if _cache["version"] != version or _cache["index"] is None:
                rebuild = DataVersion.current(CHANGED)
                index = _cache["index"]
                incremental = index is not None and rebuild == _cache["rebuild"] and _still_a_prefix(index,
                                                                                                     _cache["last"])
                last = [_cache["last"] if incremental else (0, "")]

                def library(rows):
                    for pk, *row in rows:
                        last[0] = (pk, row[0])
                        yield LibraryAddress(*row)

                if incremental:
                    index.add(library(_rows(last[0][0])))
                else:
                    _cache["index"] = AddressIndex(library(_rows()))
                _cache.update(version=version, rebuild=rebuild, last=last[0])
    return _cache["index"]


def match_addresses(raw: str, *, limit: int = 5, index: AddressIndex | None = None) -> list[Match]:
    """``index``: one taken from ``address_index()`` for many texts (each call without asks the database whether the
    library moved)."""
    return (index or address_index()).match(raw, limit=limit) if raw and raw.strip() else []


def match_address(raw: str, *, min_confidence: float = 0.75, index: AddressIndex | None = None) -> Match | None:
    """The one standard address a text means, when the normaliser is confident enough."""
    found = match_addresses(raw, limit=1, index=index)
    return found[0] if found and found[0].confidence >= min_confidence else None
