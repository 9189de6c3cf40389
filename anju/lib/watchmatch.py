"""Matching people against a watchlist (网上逃犯比对), exact and fuzzy, in memory.

A hit needs evidence that it is the same person, not merely a similar record:
- the same ID number (15- and 18-digit forms are the same number);
- an ID number one digit off or with two adjacent digits swapped, AND a name that
  agrees (same, traditional form, homophone or pinyin spelling) — two real people
  born the same day in the same county differ only in the sequence digits;
- no usable number, or a different one: a name that agrees AND the same birth date
  AND the same sex. A namesake born on another day is never a hit.
Every hit carries a confidence and the fields that matched.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from anju.lib.identity import InvalidIdNumber, convert_15_to_18, normalise_id_input, parse_id_number
from anju.lib.names import clean, pinyin_key, simplified

DIGITS = "0123456789"


@dataclass(frozen=True)
class WatchEntry:
    key: str                 # the watch_id
    id_number: str = ""      # normalised 18-character form when known
    name: str = ""
    sex: str = ""
    birth_date: date | None = None
    valid_until: date | None = None  # an expired entry is kept in the index but never hits


@dataclass(frozen=True)
class Hit:
    entry: WatchEntry
    confidence: float
    matched: tuple[str, ...]   # e.g. ("id_number:exact", "name:homophone", "birth_date")


@dataclass
class _Names:
    simplified: str
    key: str


def _normal_number(raw: str) -> str:
    text = normalise_id_input(raw or "")
    if len(text) == 15 and text.isdigit():
        try:
            return convert_15_to_18(text)
        except (ValueError, InvalidIdNumber):
            return text
    return text


def number_variants(number: str) -> list[tuple[str, str]]:
    """Numbers one keystroke away: each digit changed (check digit included) and adjacent pairs swapped."""
    out = []
    chars = list(number)
    for i, ch in enumerate(chars):
        for d in (DIGITS + "X" if i == len(chars) - 1 else DIGITS):
            if d != ch:
                out.append(("".join(chars[:i] + [d] + chars[i + 1:]), "one_digit"))
    for i in range(len(chars) - 1):
        if chars[i] != chars[i + 1]:
            swapped = chars[:]
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            out.append(("".join(swapped), "transposition"))
    return out


_SORTED_PAIR = {x + y: min(x, y) + max(x, y) for x in DIGITS + "X" for y in DIGITS + "X"}


def _probe_keys(number: str) -> tuple[int, ...]:
    """Six keys of an 18-character number; a number one keystroke away shares at least one of them.

    Split the positions by their remainder mod 3 into parts a, b, c (six characters each; interleaving puts
    birth-day and sequence digits in every key, which keeps buckets small):
    - keys 1-3 are two of the three parts each: one wrong character spoils one part, so one key still holds;
    - keys 4-6 hold one part whole and the other two as pairs sorted within themselves: (a_k, b_k), (b_k, c_k)
      or (c_k, a_k+1) are the neighbours at positions 3k+0/1, 3k+1/2 and 3k+2/3, so each of the 17 adjacent
      swaps leaves one of these keys unchanged.
    Keys are the strings' hashes: an int is smaller than a string in a dictionary of millions, and the index
    lives in one process. A collision only adds a candidate, which ``_edit_kind`` then turns down.
    """
    n = number
    a, b, c = n[0::3], n[1::3], n[2::3]
    sp = _SORTED_PAIR
    ab = sp[n[0:2]] + sp[n[3:5]] + sp[n[6:8]] + sp[n[9:11]] + sp[n[12:14]] + sp[n[15:17]]
    bc = sp[n[1:3]] + sp[n[4:6]] + sp[n[7:9]] + sp[n[10:12]] + sp[n[13:15]] + sp[n[16:18]]
    ca = sp[n[2:4]] + sp[n[5:7]] + sp[n[8:10]] + sp[n[11:13]] + sp[n[14:16]]
    return (hash("1" + a + b), hash("2" + a + c), hash("3" + b + c),
            hash("4" + c + ab), hash("5" + a + bc), hash("6" + b + a[0] + c[5] + ca))


def _edit_kind(query: str, candidate: str) -> str | None:
    """"one_digit" or "transposition" when two 18-character numbers are one keystroke apart."""
    diffs = [i for i in range(18) if query[i] != candidate[i]]
    if len(diffs) == 1:
        return "one_digit"
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and query[diffs[0]] == candidate[diffs[1]] \
            and query[diffs[1]] == candidate[diffs[0]]:
        return "transposition"
    return None


def name_relation(a: _Names, b: _Names) -> str | None:
    if a.simplified == b.simplified:
        return "same" if a.simplified else None
    if a.key and a.key == b.key:
        return "homophone"
    return None


class WatchIndex:
    """Entries by number, by the six probe keys and by (birth date, sex, name sound).

    Changes are applied in place: ``add`` of an entry whose key is known replaces it and ``remove`` drops it. A
    replaced or removed entry stays in the buckets (``stale`` counts them) but is never a hit: only the entry
    ``current`` holds for its key is. Rebuild when ``stale`` grows large.
    """

    def __init__(self, entries=()):
        self.by_number: dict[str, list[WatchEntry]] = defaultdict(list)
        self.by_probe: dict[int, WatchEntry | list[WatchEntry]] = {}  # _probe_keys -> entries
        self.by_birth: dict[tuple, list[tuple[WatchEntry, _Names]]] = defaultdict(list)  # (birth, sex, pinyin key)
        self.names: dict[str, _Names] = {}
        self.current: dict[str, WatchEntry] = {}
        self.stale = 0
        for entry in entries:
            self.add(entry)

    @property
    def size(self) -> int:
        return len(self.current)

    def remove(self, key: str) -> None:
        if self.current.pop(key, None) is not None:
            self.stale += 1

    MAX_CACHED_NAMES = 500_000  # distinct names seen; bounded so hostile input cannot grow it forever

    def _names(self, name: str) -> _Names:
        known = self.names.get(name)
        if known is None:
            known = _Names(simplified(name), pinyin_key(name))
            if len(self.names) < self.MAX_CACHED_NAMES:
                self.names[name] = known
        return known

    def add(self, entry: WatchEntry) -> bool:
        """Adds or replaces the entry with this key; False when the same entry is already indexed."""
        old = self.current.get(entry.key)
        if old is not None:
            if old == entry:
                return False
            self.stale += 1
        self.current[entry.key] = entry
        if entry.id_number:
            self.by_number[entry.id_number].append(entry)
            if len(entry.id_number) == 18 and entry.name:
                by_probe = self.by_probe
                for key in _probe_keys(entry.id_number):
                    bucket = by_probe.get(key)
                    if bucket is None:
                        by_probe[key] = entry  # most buckets hold one entry: no list for them
                    elif bucket.__class__ is list:
                        bucket.append(entry)
                    else:
                        by_probe[key] = [bucket, entry]
        if entry.birth_date and entry.name:
            names = self._names(entry.name)
            self.by_birth[(entry.birth_date, entry.sex, names.key)].append((entry, names))
        return True

    def match(self, *, id_number: str = "", name: str = "", sex: str = "", birth_date: date | None = None,
              today: date | None = None) -> list[Hit]:
        """Hits for one record, best first; entries expired before ``today`` (by default the system's date) are
        left out."""
        current = self.current

        def live(entry: WatchEntry) -> bool:
            if current.get(entry.key) is not entry:
                return False  # replaced or removed
            return entry.valid_until is None or entry.valid_until >= (today or date.today())

        hits: dict[str, Hit] = {}
        query_names = self._names(name) if name and name.strip() else None
        if query_names is not None and not query_names.simplified:
            query_names = None
        number = id_number if len(id_number) == 18 and id_number[:17].isdigit() else _normal_number(id_number)
        if number and (sex == "" or birth_date is None) and len(number) == 18 and number[:17].isdigit():
            # Read from the digits without full validation: a number with a bad check digit still says who.
            try:
                birth_date = birth_date or date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            except ValueError:
                pass
            sex = sex or ("1" if int(number[16]) % 2 else "2")
        if number:
            for entry in self.by_number.get(number, ()):
                if not live(entry):
                    continue
                relation = name_relation(query_names, self._names(entry.name)) if query_names and entry.name else None
                matched = ("id_number:exact",) + ((f"name:{relation}",) if relation else ())
                hits[entry.key] = Hit(entry, 1.0 if relation or not entry.name else 0.9, matched)
            if len(number) == 18 and query_names:
                candidates = []
                get = self.by_probe.get
                for key in _probe_keys(number):
                    bucket = get(key)
                    if bucket is not None:
                        if bucket.__class__ is list:
                            candidates += bucket
                        else:
                            candidates.append(bucket)
                for entry in candidates:
                    # the name first: most candidates are strangers whose names differ
                    relation = name_relation(query_names, self._names(entry.name))
                    if not relation or entry.key in hits or not live(entry):
                        continue
                    kind = _edit_kind(number, entry.id_number)
                    if kind:
                        confidence = 0.9 if relation == "same" else 0.8
                        hits[entry.key] = Hit(entry, confidence, (f"id_number:{kind}", f"name:{relation}"))
        if query_names and birth_date:
            for entry, names in self.by_birth.get((birth_date, sex, query_names.key), ()):
                relation = name_relation(query_names, names)
                if relation and entry.key not in hits and live(entry):
                    confidence = 0.8 if relation == "same" else 0.65
                    if number and entry.id_number and len(number) == 18 and number != entry.id_number:
                        # Another person's number under a matching name and birthday: a false identity, or a
                        # namesake born the same day. Worth a look, with less confidence.
                        confidence -= 0.25
                    hits[entry.key] = Hit(entry, confidence, (f"name:{relation}", "birth_date", "sex"))
        return sorted(hits.values(), key=lambda h: -h.confidence)
