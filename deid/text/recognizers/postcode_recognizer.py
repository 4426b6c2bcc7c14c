"""Postcodes of other countries (``9100``, ``211 19``, ``4000-322``, ``31-154``) right after a known town."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer
from deid.text.recognizers.zip_recognizer import after_place

__all__ = ["PostcodeRecognizer"]

_POSTCODE = r"(?<![\w.,/$#+-])(?:\d{4}|\d{6}|\d{3}[ ]\d{2}|\d{4}-\d{3}|\d{2}-\d{3})(?![\w%/-]|[.,:]\d)"
"""Four or six digits, or the Swedish, Portuguese and Polish layouts (five digits: see ZipRecognizer)."""
_YEAR = re.compile(r"(?:19|20)\d\d")


class PostcodeRecognizer(RegexRecognizer):
    """A postcode of another country right after a town of the gazetteer, never a year.

    Examples
    --------
    >>> text = "Vesterbro 5, Aalborg 9000; seen in 2019"
    >>> [text[r.start : r.end] for r in PostcodeRecognizer().analyze(text, [])]
    ['9000']
    """

    ENTITY: ClassVar[EntityType] = EntityType.ZIP
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("postcode after a town", _POSTCODE, 0.7),)
    CONTEXT: ClassVar[tuple[str, ...]] = ("postcode", "postal", "address")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(
        r"[^\W\d_][ \t]{1,2}\d{2,6}(?:[ -]\d{2,3})?(?![\w%/-])"
    )
    """A code right after a word: the shape every match has."""

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep a code that is no year and follows a known town as written."""
        if _YEAR.fullmatch(text, start, end):
            return 0.0
        return pattern.score if after_place(text, start, as_written=True) else 0.0
