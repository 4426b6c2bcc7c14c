"""US telephone numbers in the layouts people type, unless a fax label claims them."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import (
    INTERNATIONAL_PHONE,
    NANP_PHONE,
    PHONE_DIGIT_GROUPS,
    PHONE_EXTENSION,
    labelled,
)
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["PhoneNumberRecognizer"]

_BARE_DIGITS = r"(?<![\w+.-])(?:\+?1)?\d{10}(?![\w-]|[./]\d)"
_NANP_DIGITS = re.compile(r"(?:\+?1)?[2-9]\d{2}[2-9]\d{6}")
"""A bare number that is a valid North American one, reported even without a phone word."""
_INTERNATIONAL = INTERNATIONAL_PHONE
_INTERNATIONAL_TRUNK = (
    r"(?<![\w+])\+[2-9]\d{0,2}[\s.-]?\(0\)[\s.-]?\d{1,4}(?:[\s.-]?\d{2,4}){1,5}(?![\w.]|-\d|/\d)"
    r"|(?<![\w+])\+[2-9]\d{0,2}(?:[\s.-]?\d{2,4}){2,5}(?=-[A-Za-z])"
)
"""``+46 (0)8 928 571 38`` (a one-digit area code after the trunk zero), ``+447700 208 815-Fax``."""
_DIGIT_GROUPS = PHONE_DIGIT_GROUPS
_LONG_DIGIT_GROUPS = r"(?:\+|00)?\d{2,5}[ .-]\d{6,8}"
"""A labelled national number in two groups: ``0393 1144137``."""
_TRUNK_NUMBER = r"(?<![\w+.-])0\d{1,4}(?:(?:[ -]\d{2,4}){2,4}|[ -]\d{6,8})(?![\w-]|[.,/]\d)"
"""A national number written with its trunk zero: ``0688 872 49 99``, ``079 0442 1744``, ``0961-7596216``."""
_TRUNK_NAME = "national number with its trunk zero"
_TRUNK_DIGITS = (9, 12)
_LABELLED_SCORE = 0.6
_CUED_SCORE = 0.75
_LABELLED_ANY = labelled(
    r"phone|ph|tel(?:ephone)?|mobile|cell|desk|office|whatsapp|cb|call\s?back|pager|pgr|beeper|"
    r"(?:call|reach|text)(?:\s{1,2}me)?\s{1,2}(?:on|at)|answering\s{1,2}at",
    rf"(?P<value>{_LONG_DIGIT_GROUPS}|{_DIGIT_GROUPS}|\d{{7,15}})(?![\w-]|[.,]\d)",
)
_LABEL_AFTER = (
    rf"(?<![\w+.-])(?P<value>{_DIGIT_GROUPS})[ \t]*-?[ \t]*"
    r"(?i:office|mobile|cell|home|work|desk|fax)(?![\w-])"
)
_DIAL_PREFIX = r"(?<![\w+.-])(?:00|011)[\s.-]?\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?![\w-]|[.,]\d)"
_LABEL_AFTER_NAME = "number before its label"
_ANY_LAYOUT = frozenset({"labelled number of any layout", _LABEL_AFTER_NAME})
_MIN_DIGITS, _MAX_DIGITS = 7, 15
_BARE_NAME = "bare ten digits"
_LABEL_WINDOW = 40
_LABEL = re.compile(
    r"\b(?:fax(?:ed)?|f|phone|ph|tel(?:ephone)?|cell|mobile|mob|call(?:ed|ing)?|text|sms|contact|"
    r"reach(?:ed)?|number|home|work|voicemail|vm|pager|pgr|beeper|bpr|cb|callback|confirmed|verified|"
    r"c|h|w|m|p|t)\b",
    re.IGNORECASE,
)
_FAX_LABELS = frozenset({"fax", "faxed", "f"})
_GENERIC_LABELS = frozenset({"number", "contact"})
_OWN_LABEL = re.compile(r"[ \t]*-?[ \t]*(?i:fax|office|mobile|cell|home|work|desk|tel|phone)(?![\w-])")
"""A label written right after the number, which belongs to it ("+44 7700 900123 mobile")."""
_HASH_BEFORE = re.compile(r"#[ \t]{0,2}$")
"""A ``#`` right before a number, a phone cue (``cb #2404441243``)."""
_LOCAL_NAMES = frozenset({"seven-digit local number", "spaced seven-digit local number"})
_LOCAL_DASHED = rf"(?=\d)(?<![\w./+$-])\d{{3}}-\d{{4}}{PHONE_EXTENSION}?(?![\w/-]|[.,]\d)"
_LOCAL_SPACED = (
    rf"(?=\d)(?<![\w./+$-])(?<!\d[ \t])\d{{3}} \d{{4}}(?![ \t]?\d){PHONE_EXTENSION}?"
    r"(?![\w/-]|[.,]\d)"
)
_UNIT_AFTER = re.compile(
    r"[ \t]{0,2}(?:%|(?:mg|mcg|ug|g|gm|grams?|kg|lbs?|pounds?|oz|ml|cc|l|liters?|units?|iu|meq|mmol|"
    r"mosm|k?cal|calories|hz|mm|cm|km|ft|feet|inch(?:es)?|miles?|meters?|msec|sec|seconds?|"
    r"mins?|minutes?|hrs?|hours?|days?|wks?|weeks?|months?|mos?|years?|yrs?|am|pm|steps|cells|"
    r"copies|pts|patients|people|cases|beds|times)(?![A-Za-z]))",
    re.IGNORECASE,
)
"""A unit after ``100-1200``: an amount or a range, not a phone number."""
_MEASURE_BEFORE = re.compile(
    r"\b(?:i/o|in/out|intake|output|uop|ebl|wt|weight|ht|height|plts?|platelets?|wbc|hgb|bp|hr|rr|"
    r"range|between|ref|normal|nl|total|dose|volume|vol|tv|vt|peep|fio2|glucose|bg|fsbs|k?cal|score|"
    r"count|level|approx(?:imately)?|about)\W{0,3}$",
    re.IGNORECASE,
)
"""A measurement or range word right before ``100-1200``."""
_TIME_BEFORE = re.compile(
    r"(?:\b(?:from|hours|hrs|time|shift|until|till|open|closed)|@)\W{0,3}$", re.IGNORECASE
)
_CLOCK_RANGE = re.compile(r"\d[0-5]\d[- ](?:[01]\d|2[0-4])[0-5]\d")
"""``830-1230`` after ``from`` or ``hours``: a range of clock times, not a number to call."""
_YEAR_LIKE = re.compile(r"\d{3} (?:19|20)\d{2}")
"""``312 2019``: a number then a year, too often to read a spaced number as a phone."""


def _not_local_number(text: str, start: int, end: int, *, cued: bool) -> bool:
    """Whether a seven-digit ``100-1200`` reads as an amount, a range or clock times."""
    number = text[start:end]
    before = text[max(0, start - _LABEL_WINDOW) : start]
    if _UNIT_AFTER.match(text, end) or _MEASURE_BEFORE.search(before):
        return True
    if cued:
        return False
    return bool(_YEAR_LIKE.match(number) or (_CLOCK_RANGE.match(number) and _TIME_BEFORE.search(before)))


class PhoneNumberRecognizer(RegexRecognizer):
    """A phone number: NANP layouts, local and pager numbers, international ones, digit groups.

    The shape decides, never the digits: ``555-123-4567`` and ``123-456-7890`` are
    phones like any other, extensions included (``x204``, ``ext. 3``). A seven-digit
    ``444-1243`` or ``444 1243`` is a local number unless a unit, a measurement word or
    clock times say it is an amount or a range (``120-1243 mL``, ``EBL 150-2000``,
    ``hours 930-1100``); four or five digits after ``pager``, ``pgr`` or ``beeper`` are a
    pager number. International numbers start with ``+`` or ``00``; digit groups of any
    national layout count next to a phone label (``Mobile: 723 813 266``, ``call me on
    9472 7916``, ``781 1704 office``).

    A national number written with its trunk zero (``0688 872 49 99``) counts with 9 to
    12 digits. Ten bare digits count alone when they form a valid North American number,
    and whatever they are after a phone word or ``#``. A number followed by its own label
    is reported whatever the label; otherwise one whose nearest label on its left is
    ``fax`` is left to the fax recognizer.

    Examples
    --------
    >>> text = "call (402) 555-0199 or fax 402-555-0100"
    >>> [(r.start, r.end) for r in PhoneNumberRecognizer().analyze(text, [])]
    [(5, 19)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.PHONE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("formatted NANP number", NANP_PHONE, 0.75),
        Pattern("international number", _INTERNATIONAL, 0.6),
        Pattern(_BARE_NAME, _BARE_DIGITS, 0.5),
        Pattern("seven-digit local number", _LOCAL_DASHED, 0.6),
        Pattern("spaced seven-digit local number", _LOCAL_SPACED, 0.5),
        Pattern(
            "pager number", labelled(r"pager|pgr|beeper|bpr", r"(?P<value>\d{4,5})(?![\w-]|[.,/]\d)"), 0.75
        ),
        Pattern("labelled number of any layout", _LABELLED_ANY, 0.6),
        Pattern(_LABEL_AFTER_NAME, _LABEL_AFTER, 0.6),
        Pattern("international dialling prefix", _DIAL_PREFIX, 0.6),
        Pattern("international number with trunk zero", _INTERNATIONAL_TRUNK, 0.6),
        Pattern(_TRUNK_NAME, _TRUNK_NUMBER, 0.5),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("phone", "telephone", "cell", "mobile", "call", "contact")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{3}|\d\d[\s.-]\d\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "international number": ("+",),
        "seven-digit local number": ("-",),
        "pager number": ("pager", "pgr", "beeper", "bpr"),
        "labelled number of any layout": (
            *("ph", "tel", "mobile", "cell", "desk", "office", "whatsapp", "cb", "call", "pager", "pgr"),
            *("beeper", "reach", "text", "answering"),
        ),
        _LABEL_AFTER_NAME: ("office", "mobile", "cell", "home", "work", "desk", "fax"),
        "international dialling prefix": ("00", "011"),
        "international number with trunk zero": ("+",),
    }

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Yield to a fax label; raise a number that follows a phone word; 7 to 15 digits."""
        digits = sum(char.isdigit() for char in text[start:end])
        if pattern.name in _ANY_LAYOUT and not _MIN_DIGITS <= digits <= _MAX_DIGITS:
            return 0.0
        if pattern.name == _LABEL_AFTER_NAME:
            return pattern.score  # its own label follows it
        if pattern.name == _TRUNK_NAME and not _TRUNK_DIGITS[0] <= digits <= _TRUNK_DIGITS[1]:
            return 0.0
        if _OWN_LABEL.match(text, end):
            return max(pattern.score, _LABELLED_SCORE)  # a fax number is reported too, as a phone
        labels = _LABEL.findall(text, max(0, start - _LABEL_WINDOW), start)
        specific = [label.lower() for label in labels if label.lower() not in _GENERIC_LABELS]
        if specific and specific[-1] in _FAX_LABELS:
            return 0.0
        cued = bool(labels) or _HASH_BEFORE.search(text, max(0, start - 3), start) is not None
        if pattern.name in _LOCAL_NAMES:
            if _not_local_number(text, start, end, cued=cued):
                return 0.0
            return _CUED_SCORE if cued else pattern.score
        if pattern.name == _BARE_NAME:
            if cued:
                return _CUED_SCORE
            return pattern.score if _NANP_DIGITS.fullmatch(text, start, end) else 0.0
        return pattern.score
