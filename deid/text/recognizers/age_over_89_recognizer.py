"""Ages over 89 (``92 yo``, ``94-year-old``, ``aged 97``, ``age: 101``); younger ages are not PHI."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["AgeOver89Recognizer"]

_AGE = r"(?P<value>9\d|1[0-2]\d)"
"""90 to 129: the ages Safe Harbor pools into "90 or older"."""

_AFTER = (
    rf"(?<![\w.,/-]){_AGE}(?:\s{{0,2}}|-)(?:yo|y/o|y\.o\.?|yr?s?\.?(?:\s{{0,2}}|-)old|years?(?:\s{{0,2}}|-)old"
    r"|years?\s{1,2}of\s{1,2}age|year-old|yr-old|yoa)(?![A-Za-z])"
)
_BEFORE = (
    r"(?<![A-Za-z])(?:aged?|age\s{0,2}:|age\s{1,2}of|at\s{1,2}the\s{1,2}age\s{1,2}of)\s{0,2}"
    rf"{_AGE}(?![\d.,]\d|\w)"
)
_DECADE = (
    r"(?<![A-Za-z])in\s{1,2}(?:his|her|their|the)\s{1,2}(?:late\s{1,2}|mid\s{1,2}|early\s{1,2})?"
    r"(?P<value>(?:9|1[0-2])0'?s)(?![A-Za-z])"
)


class AgeOver89Recognizer(RegexRecognizer):
    """An age of 90 or more written with an age word; ages under 90 never match.

    Examples
    --------
    >>> text = "a 92 yo F and her 64-year-old son"
    >>> [(r.start, r.end) for r in AgeOver89Recognizer().analyze(text, [])]
    [(2, 4)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.AGE_OVER_89
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("age then age word", _AFTER, 0.9),
        Pattern("age word then age", _BEFORE, 0.85),
        Pattern("decade of life", _DECADE, 0.8),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("age", "aged", "old", "yo")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"(?<!\d)(?:9\d|1[0-2]\d)(?!\d)")
