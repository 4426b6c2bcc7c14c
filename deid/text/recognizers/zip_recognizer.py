"""ZIP codes (5 digits or ZIP+4) with context: a label, a state, or a place or street just before."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import STATE, STREET_SUFFIX, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer
from deid.text.recognizers._us_places import us_place_names

__all__ = ["ZipRecognizer"]

_ZIP_VALUE = r"(?P<value>\d{5}(?:-\d{4})?)(?![\d-])"
_POSTCODE_VALUE = (
    r"(?P<value>(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{2,8}(?:[ -](?=[A-Za-z]?\d)[A-Za-z0-9]{2,4})?)(?![\w-])"
)
"""After a ZIP or postcode label, a code of any country (``394 13``, ``SW1A 1AA``, ``3610-114``)."""
_PLACE_NAME = "five digits after a place"
_PLACE_BEFORE = re.compile(
    r"(?:^|[^A-Za-z'.-])((?:[A-Za-z][A-Za-z'.-]*[ \t]){0,2}[A-Za-z][A-Za-z'.-]*),?[ \t]{1,2}$"
)
_STREET_BEFORE = re.compile(rf"\b{STREET_SUFFIX}\b\.?(?:[^,\n]{{0,12}})?,[^,\n]{{1,32}}$", re.IGNORECASE)
_WINDOW = 60


class ZipRecognizer(RegexRecognizer):
    """A ZIP code after ``zip``, after a state, or after a known US place or a street line.

    After a ``zip`` or ``postcode`` label, a postcode of any country counts (a geographic
    subdivision smaller than a state).

    A five-digit number with none of these before it is not reported: doses, counts and
    codes are five digits too.

    Examples
    --------
    >>> text = "Omaha, NE 68102; lab 12345"
    >>> [(r.start, r.end) for r in ZipRecognizer().analyze(text, [])]
    [(10, 15)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.ZIP
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled ZIP",
            labelled(r"zip(?:[ \t]{0,2}code)?|zipcode|postal[ \t]{0,2}code|post[ \t]?code", _POSTCODE_VALUE),
            0.9,
        ),
        Pattern("ZIP after state", rf"(?<![A-Za-z]){STATE}\.?,?[ \t]{{1,2}}{_ZIP_VALUE}", 0.85),
        Pattern("ZIP+4", r"(?<![\w.-])\d{5}-\d{4}(?![\w-])", 0.5),
        Pattern(_PLACE_NAME, r"(?<![\w.,/$#-])\d{5}(?![\w%/-]|[.,]\d)", 0.75),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("zip", "postal", "address", "mail")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{5}|(?i:zip|post)")

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep a bare five-digit number only after a known place or a street line."""
        if pattern.name != _PLACE_NAME:
            return pattern.score
        window_start = max(0, start - _WINDOW)
        if _STREET_BEFORE.search(text, window_start, start):
            return pattern.score
        place = _PLACE_BEFORE.search(text, window_start, start)
        if place is None:
            return 0.0
        words = place.group(1).split()
        places = us_place_names()
        for first in range(len(words)):
            if " ".join(words[first:]).title() in places:
                return pattern.score
        return 0.0
