"""Month and holiday names: date elements under Safe Harbor (``in March``, ``Thanksgiving``)."""

from __future__ import annotations

import re

from deid.text._calendar import HOLIDAYS, MONTH_ABBREVIATIONS, MONTHS, SPANISH_MONTHS

__all__ = ["DATE_WORDS", "is_date_word"]

DATE_WORDS = MONTHS | MONTH_ABBREVIATIONS | HOLIDAYS | SPANISH_MONTHS
"""Month and holiday names: date elements (weekdays are not)."""
_ABBREVIATED = MONTH_ABBREVIATIONS
_DATE_CUE_BEFORE = re.compile(
    r"\b(?:in|on|since|until|till|by|from|of|early|late|mid|last|next|this|before|after|around|during|"
    r"through|thru|at|over|for|every)\s*$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"[\s,.'\u2019]*(?:\d|of\b)")


def is_date_word(text: str, start: int, end: int, word: str, *, mixed: bool) -> bool:
    """Whether a month or holiday name is a date element here (``in March``, ``Thanksgiving``).

    Full month and holiday names always are; an abbreviation (``Mar``) or ``may`` needs a
    date cue before it or a number after it, and ``may`` in mixed-case text a capital.
    """
    if word not in _ABBREVIATED and word not in {"may", "mayo", "marzo"}:
        return True
    if word == "may" and mixed and not text[start].isupper():
        return False
    cue = _DATE_CUE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    return cue or _DATE_AFTER.match(text, end) is not None
