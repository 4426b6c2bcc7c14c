"""Fax numbers: a phone-shaped number right after a fax label (without one it is a phone)."""

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
)
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["FaxRecognizer"]

_FAX_LABEL = r"(?<![A-Za-z])(?:fax(?:ed|ing)?|(?-i:F))(?![A-Za-z])"
_GAP = r"[^\d\n]{0,20}?"
_NUMBER = (
    rf"(?P<value>{NANP_PHONE}|(?<![\w+.-])(?:\+?1)?[2-9]\d{{2}}[2-9]\d{{6}}(?![\w-]|\.\d)"
    rf"|(?<![\w./+-])\d{{3}}-\d{{4}}{PHONE_EXTENSION}?(?![\w/-]|[.,]\d))"
)
"""A North American number, ten bare digits, or a seven-digit local number (``F: 444-2222``)."""
_ANY_LAYOUT_NAME = "number of any layout after a fax label"
_ANY_LAYOUT = (
    rf"(?P<value>{INTERNATIONAL_PHONE}|(?<![\w+.-]){PHONE_DIGIT_GROUPS}|(?<![\w+.-])\d{{7,15}})"
    r"(?![\w-]|[.,]\d)"
)
_MIN_DIGITS, _MAX_DIGITS = 7, 15


class FaxRecognizer(RegexRecognizer):
    """A phone-shaped number within a few words after ``fax``, ``faxed to`` or ``F:``.

    After the word ``fax`` a number of any national layout counts too (``Fax: +46 (0)157
    548 89``): the phone recognizer yields every number after a fax label to this one.

    Examples
    --------
    >>> text = "Records faxed to 402.555.0100 today"
    >>> [(r.start, r.end) for r in FaxRecognizer().analyze(text, [])]
    [(17, 29)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.FAX
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("number after a fax label", _FAX_LABEL + _GAP + _NUMBER, 0.9),
        Pattern(
            _ANY_LAYOUT_NAME, r"(?<![A-Za-z])fax(?:ed|ing)?(?![A-Za-z])[^\d\n]{0,12}?" + _ANY_LAYOUT, 0.7
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("fax",)
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"fax|F\W", re.IGNORECASE)

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """A number of any layout counts with 7 to 15 digits (the phone recognizer leaves it here)."""
        if pattern.name == _ANY_LAYOUT_NAME:
            digits = sum(char.isdigit() for char in text[start:end])
            return pattern.score if _MIN_DIGITS <= digits <= _MAX_DIGITS else 0.0
        return pattern.score
