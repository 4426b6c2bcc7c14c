"""Numbers the backstop replaces: long numbers, long digit chains and codes that mix letters and digits.

A run of five or more digits, or digit groups joined by hyphens, dots or spaces with
seven or more digits in all, is ``OTHER`` unless a unit follows (``100000 units``), a
terminology label precedes it (``CPT 99213``) or it is a shift (``0700-1900``); shorter
numbers (doses, vitals, lab values) stay. A token mixing letters and three or more digits
(``ABC1234``) is ``OTHER`` unless it is a number with its unit (``1200ml``), and so is a
code of such tokens and numbers joined by hyphens with five digits or more (``H04-118-223``;
not a range of vitals in decades, ``100S-120S``). A word spelt
out letter by letter (``w-o-j-c-i-k``, ``S.M.I.T.H``: four letters or more with one kind
of separator) is ``OTHER``: callers spell names and codes that way.
"""

from __future__ import annotations

import re

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan
from deid.text.backstop._span import backstop_span

__all__ = ["number_spans"]

_ALNUM = re.compile(r"(?<![\w])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,}(?![\w])")
_DIGIT_CHAIN = re.compile(r"(?<![\w./-])(?<!\d,)\d+(?:(?:[-.]| (?=\d{3,}))\d+)*(?![\w/])")
_UNIT_AFTER = re.compile(
    r"\s?(?:mg|mcg|g|kg|ml|l|cc|units?|u|iu|meq|mmol|cells|copies|k|/ul|/mm3|/mcl|ng|pg|mm|cm|steps|kcal|cal)\b",
    re.IGNORECASE,
)
_CODE_BEFORE = re.compile(
    r"\b(?:cpt|icd(?:-?1[01](?:-?cm)?)?|ndc|hcpcs|loinc|snomed|drg|code|codes)\s*[:#]?\s*$", re.IGNORECASE
)
"""A five-digit number after one of these is a billing or terminology code, not an identifier."""
_TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d(?:-(?:[01]\d|2[0-3])[0-5]\d)+")
_LONG_NUMBER_DIGITS = 5
_CHAIN_DIGITS = 7
_ALNUM_DIGITS = 3
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:\.\d+)?[A-Za-z]{1,5}")
_CODE_CHAIN = re.compile(
    r"(?<![\w./-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w/-])"
)
_CODE_CHAIN_DIGITS = 5
_CODE_GROUP = re.compile(r"\d+|[A-Z0-9]*\d[A-Za-z0-9]*|[A-Z]+")
"""A group of a code: digits, letters with a digit, or capitals (``TC``); not a word (``Fax``)."""
_PLURAL_NUMBERS = re.compile(r"\d+[sS]?(?:-\d+[sS]?)+")
"""A range of vitals in decades (``100S-120S``, ``90s-110s``), not a code."""
_SPELT_OUT = re.compile(
    r"(?<![\w.-])[A-Za-z](?P<separator>[-.])[A-Za-z](?:(?P=separator)[A-Za-z]){2,}\.?(?![\w-])"
)


def number_spans(text: str, mask: bytearray) -> list[TextSpan]:
    """The long numbers and letter-digit codes of ``text`` outside the ``mask``."""
    found: list[TextSpan] = []
    for match in _DIGIT_CHAIN.finditer(text):
        start, end = match.span()
        if mask.find(1, start, end) >= 0:
            continue
        digits = sum(char.isdigit() for char in match.group())
        single = match.group().isdigit()
        if (single and digits >= _LONG_NUMBER_DIGITS) or (not single and digits >= _CHAIN_DIGITS):
            if single and (
                _UNIT_AFTER.match(text, end) or _CODE_BEFORE.search(text, max(0, start - 20), start)
            ):
                continue
            if not single and "." in match.group() and match.group().count(".") == 1:
                continue  # a decimal number
            if _TIME_RANGE.fullmatch(match.group()):
                continue  # a shift, 0700-1900
            found.append(backstop_span(start, end, EntityType.OTHER))
    for match in _ALNUM.finditer(text):
        start, end = match.span()
        token = match.group()
        if mask.find(1, start, end) >= 0 or sum(char.isdigit() for char in token) < _ALNUM_DIGITS:
            continue
        if _NUMBER_WITH_UNIT.fullmatch(token) is not None:
            continue  # a number with its unit (1200ml, 40mg)
        found.append(backstop_span(start, end, EntityType.OTHER))
    found.extend(
        backstop_span(match.start(), match.end(), EntityType.OTHER)
        for match in _SPELT_OUT.finditer(text)
        if mask.find(1, match.start(), match.end()) < 0
    )
    found.extend(
        backstop_span(match.start(), match.end(), EntityType.OTHER)
        for match in _CODE_CHAIN.finditer(text)
        if mask.find(1, match.start(), match.end()) < 0
        and sum(char.isdigit() for char in match.group()) >= _CODE_CHAIN_DIGITS
        and not _PLURAL_NUMBERS.fullmatch(match.group())
        and all(_CODE_GROUP.fullmatch(group) for group in match.group().split("-"))
    )
    return found
