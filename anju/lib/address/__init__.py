"""Address normaliser (标准地址匹配): free-text Chinese addresses -> the standard address library.

Pure Python, no Django. ``normalise_text`` and ``parse_address`` work on one
string; ``AddressIndex`` holds a library in memory and matches against it::

    index = AddressIndex(StandardAddress.from_row(row) for row in csv.DictReader(f))
    index.match_one("古敦路88号3-2-502")  # Match(code=…, confidence=0.9, level="room", reasons=(…))

See ``normalise.py`` for the text rules and ``index.py`` for matching, confidence and levels.
"""

from .index import AddressIndex, Match, StandardAddress
from .normalise import ParsedAddress, normalise_text, parse_address

__all__ = ["AddressIndex", "Match", "ParsedAddress", "StandardAddress", "normalise_text", "parse_address"]
