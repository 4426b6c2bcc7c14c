"""ZIP codes (5 digits or ZIP+4) with context: a label, a state, or a place or street just before."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import STATE, STREET_SUFFIX, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer
from deid.text.recognizers._world_places import place_names

__all__ = ["ZipRecognizer", "after_place"]

_ZIP_VALUE = r"(?P<value>\d{5}(?:-\d{4})?)(?![\d-])"
_POSTCODE_VALUE = (
    r"(?P<value>(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{2,8}(?:[ -](?=[A-Za-z]?\d)[A-Za-z0-9]{2,4})?)(?![\w-])"
)
"""After a ZIP or postcode label, a code of any country (``394 13``, ``SW1A 1AA``, ``3610-114``)."""
_PLACE_NAME = "five digits after a place"
_PLACE_BEFORE = re.compile(
    r"(?:^|[^\w'.-])((?:[^\W\d_][\w'.-]*[ \t]){0,2}[^\W\d_][\w'.-]*),?[ \t]{1,2}"
    r"(?:(?-i:[A-Z]{1,2})[ \t]{1,2})?$"
)
_CODE_LETTERS = 2
_STREET_BEFORE = re.compile(rf"\b{STREET_SUFFIX}\b\.?(?:[^,\n]{{0,12}})?,[^,\n]{{1,32}}$", re.IGNORECASE)
_WINDOW = 60


class ZipRecognizer(RegexRecognizer):
    """A ZIP code after ``zip``, after a state, or after a known place or a street line.

    Postcodes of other countries after a town are left to :class:`PostcodeRecognizer`.

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
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"labelled ZIP": ("zip", "post"), "ZIP+4": ("-",)}

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep a bare five-digit number only after a known place or a street line."""
        if pattern.name != _PLACE_NAME:
            return pattern.score
        window_start = max(0, start - _WINDOW)
        if _STREET_BEFORE.search(text, window_start, start):
            return pattern.score
        return pattern.score if after_place(text, start) else 0.0


def after_place(text: str, start: int, *, as_written: bool = False) -> bool:
    """Whether a gazetteer town ends just before ``start``, perhaps with a code between.

    Parameters
    ----------
    text
        The whole text.
    start
        Where the code starts.
    as_written
        Match the town only in its own case or in capitals (not ``hope`` for Hope).

    Returns
    -------
    bool
        True after ``Omaha``, ``Aalborg NO`` or ``TROMSØ``.
    """
    place = _PLACE_BEFORE.search(text, max(0, start - _WINDOW), start)
    if place is None:
        return False
    words = place.group(1).split()
    if len(words) > 1 and len(words[-1]) <= _CODE_LETTERS and words[-1].isupper():
        words.pop()  # a district or country code between town and postcode: "Aalborg NO 9100"
    places = place_names()
    for first in range(len(words)):
        name = " ".join(words[first:])
        if name in places or ((name.isupper() or not as_written) and name.title() in places):
            return True
    return False
