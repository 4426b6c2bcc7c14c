"""Street addresses: house number, street name and suffix, optional unit; PO boxes."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import STATE, STREET_SUFFIX, UNIT
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["StreetAddressRecognizer"]

_HOUSE = r"(?<![\w./:-])\d{1,6}(?:-\d{1,4})?[A-Za-z]?"
_DIRECTION = r"(?:(?:[NSEW]|NE|NW|SE|SW|north|south|east|west)\.?[ \t]{1,2})?"
_NOT_NAME = (
    r"(?!(?:weeks?|days?|months?|years?|hours?|hrs?|mins?|times|with|and|to|of|for|in|at|by|per|on|the|mg|ml"
    r"|tabs?|x|or|from|units?|puffs?|drops?|doses?|patients?|pts?)\b)"
)
_NAME_WORD = rf"{_NOT_NAME}(?-i:[A-Z0-9][A-Za-z0-9'.-]{{0,24}})"
_ANY_CASE_WORD = rf"{_NOT_NAME}[A-Za-z0-9][A-Za-z0-9'.-]{{0,24}}"
_TITLED = (
    rf"{_HOUSE}[ \t]{{1,2}}{_DIRECTION}(?:{_NAME_WORD}[ \t]{{1,2}}){{1,4}}?(?-i:(?=[A-Z])){STREET_SUFFIX}"
    rf"(?![A-Za-z])\.?{UNIT}?"
)
_BEFORE_CITY_AND_ZIP = (
    rf"(?=,?[ \t]{{1,2}}[A-Za-z][A-Za-z .'-]{{1,30}}?,?[ \t]{{1,2}}(?:{STATE}[ \t]{{1,2}})?\d{{5}}(?!\d))"
)
_ANY_CASE = (
    rf"{_HOUSE}[ \t]{{1,2}}{_DIRECTION}(?:{_ANY_CASE_WORD}[ \t]{{1,2}}){{1,4}}?"
    rf"{STREET_SUFFIX}(?![A-Za-z])\.?{UNIT}?"
    rf"{_BEFORE_CITY_AND_ZIP}"
)
_ANY_LAST_WORD = (
    rf"{_HOUSE}[ \t]{{1,2}}{_DIRECTION}(?:{_ANY_CASE_WORD}[ \t]{{1,2}}){{1,3}}?{_ANY_CASE_WORD}{UNIT}?"
    rf"(?=,){_BEFORE_CITY_AND_ZIP}"
)
_PO_BOX = (
    r"(?<![A-Za-z])(?:p\.?[ \t]?o\.?[ \t]{0,2}box|post[ \t]office[ \t]box)[ \t]{0,2}#?[ \t]{0,2}\d{1,6}(?!\d)"
)


class StreetAddressRecognizer(RegexRecognizer):
    """A street address line (``1234 N Oak Ridge Rd Apt 4B``) or a PO box.

    The street name must be written in title or upper case, unless a city and a ZIP
    code follow it (``12 elm st, omaha 68102``); words such as "weeks" or "with" never
    count as a street name, so "2 weeks with Dr" is not an address.

    Examples
    --------
    >>> text = "Pt lives at 1234 Oak Ridge Rd Apt 4B, Omaha NE 68102"
    >>> [(r.start, r.end) for r in StreetAddressRecognizer().analyze(text, [])]
    [(12, 36)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.STREET_ADDRESS
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("titled street", _TITLED, 0.8),
        Pattern("street line before city and ZIP", _ANY_CASE, 0.85),
        Pattern("street of any suffix before city and ZIP", _ANY_LAST_WORD, 0.7),
        Pattern("PO box", _PO_BOX, 0.85),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("address", "lives", "street", "mailing")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
