"""Fax numbers: a phone-shaped number right after a fax label (without one it is a phone)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import NANP_PHONE
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["FaxRecognizer"]

_FAX_LABEL = r"(?<![A-Za-z])(?:fax(?:ed|ing)?|(?-i:F))(?![A-Za-z])"
_GAP = r"[^\d\n]{0,20}?"
_NUMBER = rf"(?P<value>{NANP_PHONE}|(?<![\w+.-])(?:\+?1)?[2-9]\d{{2}}[2-9]\d{{6}}(?![\w-]|\.\d))"


class FaxRecognizer(RegexRecognizer):
    """A phone-shaped number within a few words after ``fax``, ``faxed to`` or ``F:``.

    Examples
    --------
    >>> text = "Records faxed to 402.555.0100 today"
    >>> [(r.start, r.end) for r in FaxRecognizer().analyze(text, [])]
    [(17, 29)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.FAX
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("number after a fax label", _FAX_LABEL + _GAP + _NUMBER, 0.9),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("fax",)
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"fax|F\W", re.IGNORECASE)
