"""US social security numbers, with or without separators."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["SsnRecognizer", "ssn_plausible"]

_SSN_VALUE = r"(?P<value>\d{3}([- .]?)\d{2}\2\d{4})(?![\d-])"
_PLACEHOLDERS = ("000", "666", "123456789", "98765432", "078051120")


def ssn_plausible(candidate: str) -> bool:
    """Whether a nine-digit candidate passes Presidio's SSN sanity checks.

    Rejected: mixed separators, one digit repeated, a zero group or serial, and the
    prefixes Presidio rejects (area ``000`` and ``666``, well-known sample numbers).
    Areas from 900 are accepted, as Presidio does.

    Parameters
    ----------
    candidate
        The matched text, separators included.

    Returns
    -------
    bool
        True when the candidate may be a real SSN.

    Examples
    --------
    >>> ssn_plausible("219-09-9999"), ssn_plausible("666-12-3456"), ssn_plausible("123 45-6789")
    (True, False, False)
    """
    if len({character for character in candidate if not character.isdigit()}) > 1:
        return False
    digits = "".join(character for character in candidate if character.isdigit())
    if len(set(digits)) == 1 or digits[3:5] == "00" or digits[5:] == "0000":
        return False
    return not digits.startswith(_PLACEHOLDERS)


class SsnRecognizer(RegexRecognizer):
    """An SSN: after a label (any layout), or unlabelled as ``3-2-4`` with dashes.

    Unlabelled nine-digit runs and space or dot layouts score low: they are as often
    other ids.

    Examples
    --------
    >>> [(r.start, r.end) for r in SsnRecognizer().analyze("SS# 219099999 on file", [])]
    [(4, 13)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.SSN
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled SSN",
            labelled(r"ssn|ss\s?#|ss\s?no|soc(?:ial)?(?:\s{1,2}sec(?:urity)?)?", _SSN_VALUE),
            0.9,
        ),
        Pattern("dashed SSN", r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])", 0.6),
        Pattern("spaced or dotted SSN", r"(?<![\w.-])\d{3}([ .])\d{2}\1\d{4}(?![\w.-])", 0.3),
        Pattern("bare nine digits", r"(?<![\w.-])\d{9}(?![\w.-])", 0.1),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("ssn", "social", "security")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d{4}")

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Drop candidates that fail the sanity checks."""
        return pattern.score if ssn_plausible(text[start:end]) else 0.0
