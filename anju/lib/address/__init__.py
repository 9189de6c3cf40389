"""Address normaliser (标准地址匹配): free-text Chinese addresses -> the standard address library.

Pure Python, no Django. ``normalise_text`` and ``parse_address`` work on one
string; ``AddressIndex`` holds a library in memory and matches against it.
"""

from .normalise import ParsedAddress, normalise_text, parse_address

__all__ = ["ParsedAddress", "normalise_text", "parse_address"]
