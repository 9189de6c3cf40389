"""Matching people against a watchlist (网上逃犯比对), exact and fuzzy, in memory.

A hit needs evidence that it is the same person, not merely a similar record:
- the same ID number (15- and 18-digit forms are the same number);
- an ID number one digit off or with two adjacent digits swapped, AND a name that
  agrees (same, traditional form, homophone or pinyin spelling, its syllables run together or
  apart in any case: ZHANGSAN, Zhang-San, zhang san) — two real people
  born the same day in the same county differ only in the sequence digits;
- no usable number, or a different one: a name that agrees AND the same birth date
  AND the same sex. A namesake born on another day is never a hit. A sex one side does
  not know (an entry listed without number or sex, a record without either) is unknown,
  not a difference: name and birth date then hit, with less confidence, and the hit says
  the sex was not compared ("sex:unknown"). A name alone never hits.
Every hit carries a confidence and the fields that matched.
"""
import gc
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np  # vectorised pre-filter of match_many (already pinned for OCR)

from anju.lib.identity import InvalidIdNumber, convert_15_to_18, normalise_id_input, parse_id_number
from anju.lib.names import pinyin_key, simplified, spelling

DIGITS = "0123456789"
SEXES = ("1", "2")  # GB/T 2261.1 male, female; anything else (empty, 0 未知, 9 未说明) is a sex not known
# Confidence lost when the sex could not be compared: name and birth date alone (no sex on one side) are about half
# as rare as with the sex, as a homophone is rarer evidence than the same name (0.8 → 0.65).
SEX_UNKNOWN_PENALTY = 0.1


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
    simplified: str  # a name spelt in pinyin: its letters alone (names.spelling), however typed
    key: str         # the pinyin syllables, "zhang san"
    sound: str       # the key's letters, "zhangsan": what entries are filed under
    spelt: bool      # written in letters, whose syllables may be run together

    @classmethod
    def of(cls, name: str) -> "_Names":
        key, spelt = pinyin_key(name), spelling(name)
        return cls(spelt or simplified(name), key, key.replace(" ", ""), bool(spelt))


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
    """"same" (also a pinyin spelling written with other spaces, hyphens or case), "homophone" (characters of the
    same sound, or a pinyin spelling of their sound, letter for letter as names.relate compares one, since spellings
    run syllables together as they like) or None. Two names in characters must agree syllable for syllable: 李西安
    and 李先 share their letters, not their sound."""
    if a.simplified == b.simplified:
        return "same" if a.simplified else None
    if a.key and (a.sound == b.sound if a.spelt or b.spelt else a.key == b.key):
        return "homophone"
    return None


class WatchIndex:
    """Entries by number, by the six probe keys and by (birth date, sex, name sound); an entry whose sex is not known
    is filed under both sexes, so a record of either meets it by name and birth date at no extra look-up.

    Changes are applied in place: ``add`` of an entry whose key is known replaces it and ``remove`` drops it. A
    replaced or removed entry stays in the buckets (``stale`` counts them) but is never a hit: only the entry
    ``current`` holds for its key is. Rebuild when ``stale`` grows large.
    """

    def __init__(self, entries=()):
        self.by_number: dict[str, list[WatchEntry]] = defaultdict(list)
        self.by_probe: dict[int, WatchEntry | list[WatchEntry]] = {}  # _probe_keys -> entries
        # (birth, sex "1" or "2", the name's sound without spaces); an entry of unknown sex in both
        self.by_birth: dict[tuple, list[tuple[WatchEntry, _Names]]] = defaultdict(list)
        self.names: dict[str, _Names] = {}
        self.current: dict[str, WatchEntry] = {}
        self.stale = 0
        self._filter: _Prefilter | None = None  # built by the first match_many, then follows add()
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
            known = _Names.of(name)
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
        if self._filter is not None:
            self._filter.add(entry, self._names)
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
            for sex in (entry.sex,) if entry.sex in SEXES else SEXES:
                self.by_birth[(entry.birth_date, sex, names.sound)].append((entry, names))
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
        if sex not in SEXES:
            sex = ""  # not known: read from the number, else compared with nothing
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
            by_birth = self.by_birth
            sound = query_names.sound
            for entry, names in (by_birth.get((birth_date, sex, sound), ()) if sex else
                                 [*by_birth.get((birth_date, "1", sound), ()), *by_birth.get((birth_date, "2", sound), ())]):
                relation = name_relation(query_names, names)
                if relation and entry.key not in hits and live(entry):
                    confidence = 0.8 if relation == "same" else 0.65
                    if number and entry.id_number and len(number) == 18 and number != entry.id_number:
                        # Another person's number under a matching name and birthday: a false identity, or a
                        # namesake born the same day. Worth a look, with less confidence.
                        confidence -= 0.25
                    if sex and entry.sex in SEXES:
                        compared = "sex"
                    else:  # one side does not know the sex: weaker evidence, and the officer is told
                        compared = "sex:unknown"
                        confidence -= SEX_UNKNOWN_PENALTY
                    hits[entry.key] = Hit(entry, round(confidence, 2), (f"name:{relation}", "birth_date", compared))
        return sorted(hits.values(), key=lambda h: -h.confidence)

    def match_many(self, records, *, today: date | None = None) -> list[list[Hit]]:
        """``[match(**r) for r in records]``, for batches (imported feeds, fusion links): a vectorised pre-filter
        on the numbers, birth dates and name sounds turns down the records that can hit nothing, and only the rest
        are matched one by one. Each record is a dict of ``match``'s keyword arguments."""
        records = list(records)
        out: list[list[Hit]] = [[] for _ in records]
        if not self.current or not records:
            return out
        if self._filter is None:
            self._filter = _Prefilter(self.current.values(), self._names)
        today = today or date.today()
        for i in self._filter.candidates(records, self._names):
            out[i] = self.match(**records[i], today=today)
        return out


def settle() -> None:
    """Takes what the process holds now (a freshly built index: millions of small objects that live as long as the
    process) out of the cyclic garbage collector's sight. Scanning them at every full collection made checks about
    twice as slow; they are still freed by reference counting when a rebuilt index replaces them."""
    gc.collect()
    gc.freeze()


_SEX = {"1": 1, "2": 2}
_POW11 = 11 ** np.arange(17, -1, -1, dtype=np.int64)


def _digits(numbers: list[str]) -> np.ndarray:
    """(n, 18) int64 digits of clean 18-character numbers, X as 10."""
    raw = np.frombuffer("".join(numbers).encode("ascii"), dtype=np.uint8).reshape(-1, 18).astype(np.int64) - 48
    raw[raw == 40] = 10  # "X"
    return raw


def _pack(columns: np.ndarray) -> np.ndarray:
    """Digits (n, k <= 18) as one base-11 integer each: equal rows, equal codes, and nothing else."""
    return columns @ _POW11[18 - columns.shape[1]:]


def _probe_codes(d: np.ndarray) -> list[np.ndarray]:
    """The six probe keys of ``_probe_keys`` as integers (same parts, same sorted neighbour pairs)."""
    a, b, c = d[:, 0::3], d[:, 1::3], d[:, 2::3]

    def pairs(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        lo, hi = np.minimum(left, right), np.maximum(left, right)
        return np.stack([lo, hi], axis=2).reshape(len(d), 2 * left.shape[1])  # also with no numbers (0 rows)

    ab = pairs(a, b)
    bc = pairs(b, c)
    ca = pairs(c[:, :5], a[:, 1:])
    return [_pack(np.hstack([a, b])), _pack(np.hstack([a, c])), _pack(np.hstack([b, c])),
            _pack(np.hstack([c, ab])), _pack(np.hstack([a, bc])),
            _pack(np.hstack([b, a[:, :1], c[:, 5:], ca]))]


def _with_name(codes: np.ndarray, key_ids: np.ndarray) -> np.ndarray:
    """A probe code and a name sound as one integer (wrapping multiplication: equal pairs give equal codes, and a
    rare collision only lets a stranger through to the full match)."""
    with np.errstate(over="ignore"):
        return codes * np.int64(1_000_003) + key_ids


def _clean18(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")


class _Prefilter:
    """Sorted integer codes of what can make a hit: exact numbers, the six probe keys of named entries, and
    (birth date, sex, name sound). A record none of whose codes is present hits nothing; the rest are matched in
    full, so the pre-filter may let a stranger through but never turns a hit away. Entries added later go to
    small unsorted arrays until there are many."""

    def __init__(self, entries, names_of):
        self.key_ids: dict[str, int] = {}
        numbers, kids, births = [], [], []
        for e in entries:
            if e.id_number and _clean18(e.id_number):
                numbers.append(e.id_number)
                kids.append(self._key_id(names_of(e.name).sound) if e.name else -1)
            if e.birth_date and e.name:
                births += self._birth_codes(e, names_of)
        d = _digits(numbers) if numbers else np.zeros((0, 18), dtype=np.int64)
        kids = np.array(kids, dtype=np.int64)
        named = kids >= 0
        self.sorted = [np.unique(_pack(d))] + [np.unique(_with_name(code[named], kids[named]))
                                               for code in _probe_codes(d)] \
            + [np.unique(np.array(births, dtype=np.int64))]
        self.extra: list[list[int]] = [[] for _ in self.sorted]

    def _key_id(self, key: str) -> int:
        return self.key_ids.setdefault(key, len(self.key_ids))

    @staticmethod
    def _birth_code(yyyymmdd, sex, key_id):
        return (yyyymmdd * 3 + sex) * 4_000_000_000 + key_id

    def _birth_codes(self, entry: WatchEntry, names_of) -> list[int]:
        """(birth date, sex, name sound) of a named entry with a birth date; one of unknown sex under both sexes, as
        the index files it."""
        b, key_id = entry.birth_date, self._key_id(names_of(entry.name).sound)
        return [self._birth_code(b.year * 10000 + b.month * 100 + b.day, _SEX[sex], key_id)
                for sex in ((entry.sex,) if entry.sex in _SEX else SEXES)]

    def add(self, entry: WatchEntry, names_of) -> None:
        if entry.id_number and _clean18(entry.id_number):
            d = _digits([entry.id_number])
            self.extra[0].append(int(_pack(d)[0]))
            if entry.name:
                kid = np.array([self._key_id(names_of(entry.name).sound)], dtype=np.int64)
                for k, code in enumerate(_probe_codes(d), start=1):
                    self.extra[k].append(int(_with_name(code, kid)[0]))
        if entry.birth_date and entry.name:
            self.extra[7] += self._birth_codes(entry, names_of)
        if sum(map(len, self.extra)) > 10_000:
            for k, extra in enumerate(self.extra):
                self.sorted[k] = np.union1d(self.sorted[k], np.array(extra, dtype=np.int64))
            self.extra = [[] for _ in self.sorted]

    def _present(self, k: int, codes: np.ndarray) -> np.ndarray:
        known = self.sorted[k]
        found = np.zeros(len(codes), dtype=bool)
        if len(known):
            at = np.minimum(np.searchsorted(known, codes), len(known) - 1)
            found = known[at] == codes
        if self.extra[k]:
            found |= np.isin(codes, np.array(self.extra[k], dtype=np.int64))
        return found

    def candidates(self, records: list[dict], names_of) -> list[int]:
        """Positions of the records that may hit: every record without a clean 18-character number (matched in
        full), and those with one whose number, probe keys or (birth date, sex, name sound) are known."""
        slow, fast, numbers, births, sexes, keys = [], [], [], [], [], []
        key_ids = self.key_ids
        for i, r in enumerate(records):
            number = r.get("id_number") or ""
            if not _clean18(number):
                slow.append(i)
                continue
            fast.append(i)
            numbers.append(number)
            b = r.get("birth_date")
            births.append(b.year * 10000 + b.month * 100 + b.day if b else 0)
            sexes.append(_SEX.get(r.get("sex") or "", -1))  # not known: read from the number, as match does
            name = r.get("name") or ""
            names = names_of(name) if name.strip() else None
            keys.append(key_ids.get(names.sound, -1) if names is not None and names.simplified else -1)
        if not fast:
            return slow
        d = _digits(numbers)
        hit = self._present(0, _pack(d))
        key = np.array(keys, dtype=np.int64)
        usable = key >= 0  # a name whose sound no entry has can only hit by the exact number
        if usable.any():
            # a near number hits only under a name of the same sound: probe keys and name sound together
            probe = np.zeros(int(usable.sum()), dtype=bool)
            for k, code in enumerate(_probe_codes(d[usable]), start=1):
                probe |= self._present(k, _with_name(code, key[usable]))
            hit[usable] |= probe
            # as in match: the birth date and sex read from the number when the record does not give them
            birth = np.array(births, dtype=np.int64)
            sex = np.array(sexes, dtype=np.int64)
            birth = np.where(birth > 0, birth, d[:, 6:14] @ 10 ** np.arange(7, -1, -1, dtype=np.int64))
            sex = np.where(sex >= 0, sex, np.where(d[:, 16] % 2 == 1, 1, 2))
            hit[usable] |= self._present(7, self._birth_code(birth[usable], sex[usable], key[usable]))
        return sorted(slow + [fast[j] for j in np.flatnonzero(hit)])
