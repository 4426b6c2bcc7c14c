"""US telephone numbers in the layouts people type, unless a fax label claims them."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import INTERNATIONAL_PHONE, NANP_PHONE, PHONE_DIGIT_GROUPS, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["PhoneNumberRecognizer"]

_BARE_DIGITS = r"(?<![\w+.-])(?:\+?1)?[2-9]\d{2}[2-9]\d{6}(?![\w-]|[./]\d)"
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
_LABELLED_ANY = labelled(
    r"phone|ph|tel(?:ephone)?|mobile|cell|desk|office|whatsapp|"
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
    r"reach(?:ed)?|number|home|work|voicemail|vm|pager|cb|callback|confirmed|verified|c|h|w|m|p|t)\b",
    re.IGNORECASE,
)
_FAX_LABELS = frozenset({"fax", "faxed", "f"})
_GENERIC_LABELS = frozenset({"number", "contact"})
_OWN_LABEL = re.compile(r"[ \t]*-?[ \t]*(?i:fax|office|mobile|cell|home|work|desk|tel|phone)(?![\w-])")
"""A label written right after the number, which belongs to it ("+44 7700 900123 mobile")."""
_LOCAL = labelled(
    r"phone|ph|tel(?:ephone)?|cell|mobile|call|text|home|work|ext(?:ension)?",
    r"(?P<value>[2-9]\d{2}-\d{4})(?![\d-])",
)


class PhoneNumberRecognizer(RegexRecognizer):
    """A phone number: NANP layouts, international ones, bare ten digits, labelled digit groups.

    International numbers start with ``+`` or ``00``; digit groups of any national layout
    count next to a phone label (``Mobile: 723 813 266``, ``call me on 9472 7916``,
    ``781 1704 office``).

    A national number written with its trunk zero (``0688 872 49 99``) counts with 9 to
    12 digits. A bare ten-digit number needs a phone word just before it to score high.
    A number followed by its own label is reported whatever the label; otherwise one
    whose nearest label on its left is ``fax`` is left to the fax recognizer.

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
        Pattern("labelled seven-digit local number", _LOCAL, 0.6),
        Pattern("labelled number of any layout", _LABELLED_ANY, 0.6),
        Pattern(_LABEL_AFTER_NAME, _LABEL_AFTER, 0.6),
        Pattern("international dialling prefix", _DIAL_PREFIX, 0.6),
        Pattern("international number with trunk zero", _INTERNATIONAL_TRUNK, 0.6),
        Pattern(_TRUNK_NAME, _TRUNK_NUMBER, 0.5),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("phone", "telephone", "cell", "mobile", "call", "contact")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{3}|\d\d[\s.-]\d\d")

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Yield to a fax label; raise a bare number that follows a phone word; 7 to 15 digits."""
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
        if pattern.name == _BARE_NAME and labels:
            return 0.75
        return pattern.score
