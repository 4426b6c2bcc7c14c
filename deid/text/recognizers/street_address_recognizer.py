"""Street addresses: US and international street lines, units, address blocks, corners, PO boxes."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._address_block import with_tails
from deid.text.recognizers._fragments import (
    STATE,
    STREET_SUFFIX,
    UNIT,
    UPPER_ANY_SCRIPT,
    WORD_OF_ANY_SCRIPT,
)
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

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
_MILITARY_POST = r"(?i:APO|FPO|DPO)[ \t]{1,2}(?i:AA|AE|AP)(?:[ \t]{1,2}\d{5}(?:-\d{4})?)?"
_POST_LINE_AFTER = rf"(?=,?[ \t]*(?:\r?\n[ \t]*)?{_MILITARY_POST})"
_MILITARY = (
    r"(?-i:(?<![\w-])(?:(?:(?:PSC|CMR|Unit)[ \t]{1,2}\d{1,5},?[ \t]{1,2}Box[ \t]{1,2}\d{1,5}"
    rf"|(?i:psc|cmr|unit)[ \t]{{1,2}}\d{{1,5}},?[ \t]{{1,2}}(?i:box)[ \t]{{1,2}}\d{{1,5}}{_POST_LINE_AFTER}"
    r"|(?:US[NS]S?|USCGC)[ \t]{1,2}[A-Z][\w'.-]*(?:[ \t][A-Z][\w'.-]*){0,3}"
    rf"|(?i:us[ns]s?|uscgc)[ \t]{{1,2}}[^\W\d_][\w'.-]*(?:[ \t][^\W\d_][\w'.-]*)?{_POST_LINE_AFTER})"
    rf"(?:,?[ \t]*(?:\r?\n[ \t]*)?{_MILITARY_POST})?"
    rf"|{_MILITARY_POST}(?<=\d)))"
)
"""US military mail in any letter case: ``PSC 1234, Box 5678, APO AA 34001``, ``USNS Comfort,
FPO AE 09501``, ``unit 1009 box 0219 dpo ap 51065``; a ship's name in lower case only with its
APO/FPO line, and so a unit and box."""

_UPPER = UPPER_ANY_SCRIPT
_WORD_OF_ANY_SCRIPT = WORD_OF_ANY_SCRIPT
_NUMBER_WORDS_NUMBER = (
    rf"(?<![\w./:-])\d{{3,6}}[ \t]{{1,2}}(?:{_UPPER}{_WORD_OF_ANY_SCRIPT}?[ \t]{{1,2}}){{1,4}}"
    rf"\d{{1,4}}[A-Za-z]?\.?(?![\w/-]|[.,]\d|[ \t]*(?:mg|mcg|ml|units?|tabs?|%))"
)
_NUMBER_WORDS_NUMBER_NAME = "number, street name, number"
_LETTERS = re.compile(r"[^\W\d_]+")
_UNIT_ALONE = r"(?<![\w.])(?:apt|apartment|suite|ste|flat)\.?[ \t]{0,2}#?[ \t]{0,2}\d{1,5}[A-Za-z]?(?![\w-])"
_PLACE_LINE = (
    rf"[ \t>]*{_UPPER}[^\n\d:;@]{{0,40}}?(?:[ \t]\d{{3,6}}(?:-\d{{3,4}})?)?[ \t]*[?.!]?[ \t]*(?=\r?\n|$)"
)
_UNIT_PIECES = ("apt", "apartment", "suite", "ste", "flat")
"""What every unit line starts with."""
_BLOCK_AFTER_UNIT = rf"{_UNIT_ALONE}[ \t]*(?:\r?\n(?:[ \t]*\r?\n)?{_PLACE_LINE}){{1,3}}"
_CORNER = (
    rf"(?i:the[ \t]corner[ \t]of)[ \t]+[^\n]{{1,60}}?[ \t]+and[ \t]+{_UPPER}[\w'-]*"
    rf"(?:[ \t]+{_UPPER}[\w'-]*){{0,3}}"
)


class StreetAddressRecognizer(RegexRecognizer):
    """A street address line (``1234 N Oak Ridge Rd Apt 4B``) or a PO box.

    The street name must be written in title or upper case, unless a city and a ZIP
    code follow it (``12 elm st, omaha 68102``); words such as "weeks" or "with" never
    count as a street name, so "2 weeks with Dr" is not an address. International
    layouts (``ul. Jesionowa 127``, ``Villacher Strasse 89``) are left to
    :class:`InternationalStreetRecognizer`; a unit line takes the city and country lines below it, and
    "the corner of A and B" is a place. US military mail (``PSC 1234, Box 5678, APO AA
    34001``, ``USNS Comfort, FPO AE 09501``) is an address too. The town, region,
    country and postcode written after a street line are reported as city and ZIP code
    (see :mod:`deid.text.recognizers._address_block`).

    Examples
    --------
    >>> text = "Pt lives at 1234 Oak Ridge Rd Apt 4B, Omaha NE 68102"
    >>> [(text[r.start : r.end], r.entity_type) for r in StreetAddressRecognizer().analyze(text, [])]
    [('1234 Oak Ridge Rd Apt 4B', 'STREET_ADDRESS'), ('Omaha', 'CITY'), ('NE', 'CITY'), ('68102', 'ZIP')]
    """

    ENTITY: ClassVar[EntityType] = EntityType.STREET_ADDRESS
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("titled street", _TITLED, 0.8),
        Pattern("street line before city and ZIP", _ANY_CASE, 0.85),
        Pattern("street of any suffix before city and ZIP", _ANY_LAST_WORD, 0.7),
        Pattern("PO box", _PO_BOX, 0.85),
        Pattern("military mail", _MILITARY, 0.8),
        Pattern(_NUMBER_WORDS_NUMBER_NAME, _NUMBER_WORDS_NUMBER, 0.6),
        Pattern("unit", _UNIT_ALONE, 0.6),
        Pattern("unit and place lines", _BLOCK_AFTER_UNIT, 0.6),
        Pattern("street corner", _CORNER, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("address", "lives", "street", "mailing")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d|corner")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "PO box": ("box",),
        "unit": _UNIT_PIECES,
        "unit and place lines": _UNIT_PIECES,
        "street corner": ("corner",),
    }

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find street lines, then the units, places and postcodes written after each."""
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return with_tails(text, found, tail_after_break=frozenset({_NUMBER_WORDS_NUMBER_NAME}))

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Drop a number-name-number run whose words are clinical (``120 Systolic 80``)."""
        if pattern.name == _NUMBER_WORDS_NUMBER_NAME:
            never = never_name_words()
            if any(word.lower() in never for word in _LETTERS.findall(text, start, end)):
                return 0.0
        return pattern.score
