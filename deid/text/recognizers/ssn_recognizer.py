"""US social security numbers, by their shape alone, with or without separators.

Real extracts hold test, placeholder and mistyped numbers (``123-45-6789``,
``000-12-3456``), and each must be removed like a real one, so no candidate is judged
on its digits: the shape and the words around it decide.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["SsnRecognizer"]

_SSN_VALUE = r"(?P<value>\d{3}[- .]?\d{2}[- .]?\d{4})(?![\w-]|[.,]\d)"
_SSN_LABEL = r"ssn|ss\s?(?:#|no|number)|soc(?:ial)?\.?(?:\s{0,2}sec(?:urity)?\.?)?"
_SSN_CUE = r"ssn|ss\s?(?:#|no|number)|soc(?:ial)?\.?\s{0,2}sec(?:urity)?"
"""The labels that make a number nearby an SSN (not ``social`` alone: ``social worker``)."""
_CUED_NAMES = frozenset({"spaced or dotted SSN", "bare nine digits"})
_CUED_SCORE = 0.85
_CUE_WINDOW = 40
_CUE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_SSN_CUE})(?![A-Za-z])\D*$", re.IGNORECASE)
"""An SSN label a few words before a number, no other number between (``SSN on file: 219 09 9999``)."""
_CUE_AFTER = re.compile(rf"[ \t]{{0,2}}[(\[-]?[ \t]{{0,2}}(?:{_SSN_CUE})(?![A-Za-z])", re.IGNORECASE)
"""An SSN label right after the number (``219 09 9999 (SSN)``)."""


class SsnRecognizer(RegexRecognizer):
    """An SSN: ``3-2-4`` with dashes whatever its digits, other layouts when cued.

    A dashed ``ddd-dd-dddd`` is an SSN on its shape alone. Space or dot layouts and bare
    nine-digit runs are as often other ids: they count after an SSN label, or with one
    a few words before them, and score low otherwise.

    Examples
    --------
    >>> text = "SS# 219099999 on file, test id 123-45-6789"
    >>> [text[r.start : r.end] for r in SsnRecognizer().analyze(text, [])]
    ['219099999', '123-45-6789']
    """

    ENTITY: ClassVar[EntityType] = EntityType.SSN
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("labelled SSN", labelled(_SSN_LABEL, _SSN_VALUE), 0.9),
        Pattern("dashed SSN", r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])", 0.75),
        Pattern("spaced or dotted SSN", r"(?<![\w.-])\d{3}([ .])\d{2}\1\d{4}(?![\w.-])", 0.3),
        Pattern("bare nine digits", r"(?<![\w.-])\d{9}(?![\w.-])", 0.1),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("ssn", "social", "security")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{4}")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"labelled SSN": ("ss", "soc"), "dashed SSN": ("-",)}

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Raise a spaced, dotted or bare number with an SSN label a few words before or right after it."""
        if pattern.name in _CUED_NAMES and (
            _CUE_BEFORE.search(text, max(0, start - _CUE_WINDOW), start) or _CUE_AFTER.match(text, end)
        ):
            return _CUED_SCORE
        return pattern.score
