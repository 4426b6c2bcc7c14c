"""Identifiers the backstop finds by their label or cue, whatever their shape.

Numbers and codes after an id word, streets after a street word, extensions and pagers,
the last four of an SSN, date ranges and holidays.

The recognizers find identifiers by their shape; these rules catch what a shape misses
because any shape is possible after a label (``member id W219 884 301``, ``Case #
TC-24-118204``, ``pgr 4-7712``, ``last 4 of social 4471``) or because the words are
everyday words (``on Dodge St``, ``xmas eve``). Each rule is a regex applied to the whole
text; the backstop keeps the spans that do not overlap a detection.
"""

from __future__ import annotations

import re

from data_contracts.entities import EntityType

__all__ = ["cued_spans"]

_ID_LABEL = (
    r"(?:id|ids|#|no\.?|num|number|mbr|member|policy|pol|group|grp|plate|tag|case|accession|acc|acct|"
    r"account|claim|ref|reference|confirmation|conf|dl|license|licence|lic|serial|sn|s/n|order|ticket|"
    r"auth|authorization|badge|voucher|rx|invoice|inv)"
)
_LABELLED_ID = re.compile(
    rf"\b{_ID_LABEL}[ \t]*(?:#|no\.?|number)?[ \t]*(?:[:=]|is)?[ \t]*"
    r"(?P<value>(?=[A-Z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*"
    r"(?:[ \t](?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*){0,3})",
    re.IGNORECASE,
)
"""A run of up to four tokens, each with a digit, after an id label (``mbr 9823 5510 07``)."""
_MIN_ID_DIGITS = 4

_STREET_SUFFIX = (
    r"(?:st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|pl|place|way|pkwy|"
    r"parkway|hwy|highway|ter|terrace|cir|circle|trl|trail|sq|square)"
)
_FUNCTION_WORD = (
    r"(?!(?:on|at|off|to|from|in|near|the|a|an|my|your|his|her|our|their|this|that|by|with|and|or|of|"
    r"is|was|saw|seen|see|per|for|call|called|dear|hi)\b)"
)
_STREET_WORD = rf"{_FUNCTION_WORD}(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'\-]*)"
_STREET = re.compile(
    rf"(?<![\w./-])(?P<value>(?:\d{{1,6}}[ \t]+)?(?:[NSEWnsew]\.?[ \t]+)?{_STREET_WORD}"
    rf"(?:[ \t]+{_STREET_WORD})?"
    rf"[ \t]+{_STREET_SUFFIX}\.?(?:[ \t]+(?:apt|unit|suite|ste|#)\.?[ \t]*\w+)?)(?!\w)",
    re.IGNORECASE,
)
_STREET_CUE = re.compile(
    r"\b(?:on|at|off|to|from|address|addr|lives|live|moved|near|corner of)[ \t]*:?[ \t]*$", re.I
)

_SUFFIX_WORD = re.compile(rf"\b{_STREET_SUFFIX}\b")
"""A quick case-sensitive check on the lower-cased text before the full street pattern."""
_DIGITS = re.compile(r"\d{4}|\d[ -]?\d{3}")

_PHONE_CUE = re.compile(
    r"\b(?P<cue>pgr|pager|paged|page me(?: at)?|page|beeper|(?P<ext>ext|extension|x)|@)\.?[ \t]*"
    r"(?:@|at)?[ \t]*#?[ \t]*(?P<value>\d{1,2}-\d{4}|\d{4,5})(?![\w-])",
    re.IGNORECASE,
)
"""In-house numbers after a pager or extension cue (``pgr 4-7712``, ``ext 6-2817``, ``page me 2186``)."""
_LAST_FOUR = re.compile(
    r"\b(?:last[ \t]*(?:4|four)(?:[ \t]+digits)?(?:[ \t]+of)?(?:[ \t]+(?:my|the|his|her|pt'?s))?[ \t]*"
    r"(?:ssn|social(?:[ \t]+security)?|ss#?|soc)?|(?:ssn|social|ss#?)[ \t]+(?:ending|ends)(?:[ \t]+in)?)"
    r"[ \t]*(?:#|is|:|=)?[ \t]*(?P<value>\d{4})(?!\d)",
    re.IGNORECASE,
)
_LAST_FOUR_PIECES = ("last", "ssn", "social", "ss")
"""What every :data:`_LAST_FOUR` match holds."""
_MONTH_DAY = r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])"
_DATE_RANGE = re.compile(
    rf"(?<![\w/.-])(?P<first>{_MONTH_DAY})[ \t]*(?:-|\u2013|thru|through|to|until|till)[ \t]*"
    rf"(?P<second>{_MONTH_DAY})(?![\w/])",
    re.IGNORECASE,
)
_LATE_DAY = re.compile(
    r"(?<![\w/.:])(?P<value>(?:1[0-2]|0?[1-9])/(?:3[01]|2\d|1[3-9]))(?![\w/%.])",
)
"""``m/d`` with a day of 13 or more: not a fraction, score or ratio (those stay small)."""
_NOT_DATE_BEFORE = re.compile(
    r"\b(?:pain|score|strength|motor|grade|bp|ratio|scale|apgars?|gcs|tab|tabs|out of|x)[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_SPANISH_MONTHS = (
    *("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre"),
    *("octubre", "noviembre", "diciembre"),
)
_SPANISH_DATE = re.compile(
    rf"\b(?P<value>\d{{1,2}}[ \t]+de[ \t]+(?:{'|'.join(_SPANISH_MONTHS)})(?:[ \t]+de[ \t]+\d{{4}})?)\b",
    re.IGNORECASE,
)
"""A Spanish date (``15 de agosto``, ``9 de octubre de 2025``)."""
_HOLIDAY = re.compile(
    r"\b(?P<value>(?:christmas|xmas|new[ \t]+year'?s?|halloween|hanukkah|easter)(?:[ \t]+(?:eve|day))?|"
    r"thanksgiving(?:[ \t]+day)?|(?:memorial|labor|labour|independence|veterans|mlk|valentine'?s|mother'?s|"
    r"father'?s|presidents'?)[ \t]+day|july[ \t]+4(?:th)?|4th[ \t]+of[ \t]+july|fourth[ \t]+of[ \t]+july)\b",
    re.IGNORECASE,
)
_HOLIDAY_PIECES = (
    *("christmas", "xmas", "new", "halloween", "hanukkah", "easter", "thanksgiving", "memorial", "labo"),
    *("independence", "veterans", "mlk", "valentine", "mother", "father", "president", "july", "fourth"),
)
"""What every holiday :data:`_HOLIDAY` finds holds: the pattern runs only on texts with one."""


def _labelled_ids(text: str) -> list[tuple[int, int, EntityType]]:
    found: list[tuple[int, int, EntityType]] = []
    if _DIGITS.search(text) is None:
        return found
    for match in _LABELLED_ID.finditer(text):
        value = match.group("value")
        if sum(char.isdigit() for char in value) >= _MIN_ID_DIGITS:
            found.append((match.start("value"), match.end("value"), EntityType.OTHER))
    return found


def _streets(text: str) -> list[tuple[int, int, EntityType]]:
    found: list[tuple[int, int, EntityType]] = []
    if _SUFFIX_WORD.search(text.lower()) is None:
        return found
    for match in _STREET.finditer(text):
        value = match.group("value")
        numbered = value[0].isdigit()
        cued = _STREET_CUE.search(text, max(0, match.start() - 20), match.start()) is not None
        if value.split()[-1].lower().rstrip(".") in {"dr", "st"} and not (numbered or cued):
            continue  # "Dr." and "St." are also titles
        if numbered or cued:
            found.append((match.start("value"), match.end("value"), EntityType.STREET_ADDRESS))
    return found


def cued_spans(text: str) -> list[tuple[int, int, EntityType]]:
    """``(start, end, type)`` of every identifier found by its label or cue in ``text``.

    Examples
    --------
    >>> text = "UHC mbr 9823 5510 07; pgr 4-7712; last 4 of social 4471; at the Walgreens on Dodge St"
    >>> [text[start:end] for start, end, _ in cued_spans(text)]
    ['9823 5510 07', '4-7712', '4471', 'Dodge St']
    """
    found = _labelled_ids(text) + _streets(text)
    found += [
        (m.start("ext") if m.group("ext") else m.start("value"), m.end("value"), EntityType.PHONE)
        for m in _PHONE_CUE.finditer(text)
    ]
    lowered = text.lower()
    if any(piece in lowered for piece in _LAST_FOUR_PIECES):
        found += [(m.start("value"), m.end("value"), EntityType.SSN) for m in _LAST_FOUR.finditer(text)]
    if "/" in text:
        found += _slash_dates(text)
    if any(piece in lowered for piece in _HOLIDAY_PIECES):
        found += [(m.start("value"), m.end("value"), EntityType.DATE) for m in _HOLIDAY.finditer(text)]
    if any(piece in lowered for piece in _SPANISH_MONTHS):
        found += [(m.start("value"), m.end("value"), EntityType.DATE) for m in _SPANISH_DATE.finditer(text)]
    return sorted(found)


def _slash_dates(text: str) -> list[tuple[int, int, EntityType]]:
    """Date ranges (``3/4-3/8``) and ``m/d`` with a late day (``4/22``)."""
    found = []
    for match in _DATE_RANGE.finditer(text):
        found += [(match.start(group), match.end(group), EntityType.DATE) for group in ("first", "second")]
    found += [
        (m.start("value"), m.end("value"), EntityType.DATE)
        for m in _LATE_DAY.finditer(text)
        if not _NOT_DATE_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]
    return found
