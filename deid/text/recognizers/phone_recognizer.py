"""US telephone numbers in the layouts people type, unless a fax label claims them."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import NANP_PHONE, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["PhoneRecognizer"]

_BARE_DIGITS = r"(?<![\w+.-])(?:\+?1)?[2-9]\d{2}[2-9]\d{6}(?![\w-]|[./]\d)"
_INTERNATIONAL = (
    r"(?<![\w+])\+(?!1[\s.-]?\d{3}[\s.-]?\d{3}[\s.-]?\d{4})[2-9]\d{0,2}(?:[\s.-]?\d{2,4}){2,5}(?![\w.-]|/\d)"
)
_BARE_NAME = "bare ten digits"
_LABEL_WINDOW = 40
_LABEL = re.compile(
    r"\b(?:fax(?:ed)?|f|phone|ph|tel(?:ephone)?|cell|mobile|mob|call(?:ed|ing)?|text|sms|contact|"
    r"reach(?:ed)?|number|home|work|voicemail|vm|pager|cb|callback|confirmed|verified|c|h|w|m|p|t)\b",
    re.IGNORECASE,
)
_FAX_LABELS = frozenset({"fax", "faxed", "f"})
_GENERIC_LABELS = frozenset({"number", "contact"})
_LOCAL = labelled(
    r"phone|ph|tel(?:ephone)?|cell|mobile|call|text|home|work|ext(?:ension)?",
    r"(?P<value>[2-9]\d{2}-\d{4})(?![\d-])",
)


class PhoneRecognizer(RegexRecognizer):
    """A phone number: formatted NANP numbers, ``+`` international ones, bare ten digits.

    A bare ten-digit number needs a phone word just before it to score high. A number
    whose nearest label on its left is ``fax`` is left to the fax recognizer.

    Examples
    --------
    >>> text = "call (402) 555-0199 or fax 402-555-0100"
    >>> [(r.start, r.end) for r in PhoneRecognizer().analyze(text, [])]
    [(5, 19)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.PHONE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("formatted NANP number", NANP_PHONE, 0.75),
        Pattern("international number", _INTERNATIONAL, 0.6),
        Pattern(_BARE_NAME, _BARE_DIGITS, 0.5),
        Pattern("labelled seven-digit local number", _LOCAL, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("phone", "telephone", "cell", "mobile", "call", "contact")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{3}")

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Yield to a fax label; raise a bare number that follows a phone word."""
        labels = _LABEL.findall(text, max(0, start - _LABEL_WINDOW), start)
        specific = [label.lower() for label in labels if label.lower() not in _GENERIC_LABELS]
        if specific and specific[-1] in _FAX_LABELS:
            return 0.0
        if pattern.name == _BARE_NAME and labels:
            return 0.75
        return pattern.score
