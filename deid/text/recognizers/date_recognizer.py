"""Dates in clinical formats: numeric, ISO with time, month names, ordinals; never bare years or times."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["ClinicalDateRecognizer"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z])\.?"
)
_MM = r"(?:0?[1-9]|1[0-2])"
_DD = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL_DAY = rf"{_DD}(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[89]\d{2}|20\d{2})"
_YEAR = rf"(?:{_YEAR4}|\d{{2}})"
_CLOCK = r"(?:(?:T|[ \t])\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_START = r"(?<![\w/.:-])"
_END = r"(?![\w/-]|[.,:]\d)"

_NUMERIC_WITH_YEAR = rf"{_START}{_MM}(?P<sep>[/-]){_DD}(?P=sep){_YEAR}{_END}"
_DOTTED = rf"{_START}{_MM}\.{_DD}\.{_YEAR4}{_END}"
_ISO = rf"{_START}{_YEAR4}(?P<sep>[/-]){_MM}(?P=sep){_DD}{_CLOCK}{_END}"
_MONTH_DAY = rf"(?<![A-Za-z]){_MONTH}[ \t]{{0,2}}{_ORDINAL_DAY}(?:,?[ \t]{{1,2}}{_YEAR4})?(?!\w|[.,:]\d)"
_DAY_MONTH = (
    rf"(?<![\w/.-]){_ORDINAL_DAY}[ \t]{{1,2}}(?:of[ \t]{{1,2}})?{_MONTH}(?:,?[ \t]{{1,2}}{_YEAR4})?(?![\w:])"
)
_COMPACT = rf"{_START}{_DD}(?P<sep>[-/ ]?){_MONTH}(?P=sep){_YEAR}{_END}"
_MONTH_FIRST_COMPACT = rf"(?<![A-Za-z]){_MONTH}[-/]{_DD}[-/]{_YEAR4}{_END}"
_MONTH_YEAR = rf"(?<![A-Za-z]){_MONTH}[ \t]{{1,2}}(?:of[ \t]{{1,2}})?{_YEAR4}(?![\w:])"
_MONTH_DAY_NUMERIC = rf"{_START}{_MM}/{_DD}{_END}"
_THE_ORDINAL = (
    r"(?<![A-Za-z])the[ \t]{1,2}(?P<value>(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th))(?![\w-])"
    r"(?![ \t]{1,2}(?:percentile|grade|time|times|day|week|month|year|dose|cycle|floor|rib|digit|finger|"
    r"toe|intercostal|ics|metatarsal|metacarpal|cranial|nerve|decade|trimester|degree|generation|line|"
    r"round|attempt|visit|session|tier|stage|place|century|ventricle|lumbar|cervical|thoracic|"
    r"vertebra|postoperative|post-op|hospital|of\s{1,2}(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))))"
)

_MONTH_DAY_NAME = "month and day"
_SLASH_PAIR_NAME = "month/day without year"
_FRACTION_BEFORE = re.compile(
    r"(?:\b(?:bp|b/p|pain|score[ds]?|apgar|strength|power|motor|grade[ds]?|rated|ratio|gcs|murmur|reflex(?:es)?"
    r"|dtrs?|vision|acuity|va|nyha|tanner|fev1?|ef|take|took|give|gave|x|of|ppd|pulses?|sats?|o2)"
    r"\W{0,3}|[\d.]\s{0,2})$",
    re.IGNORECASE,
)
_FRACTION_AFTER = re.compile(
    r"(?:\s{0,2}(?:pain|mmhg|strength|murmur|tab|tabs|tablets?|caps?|pills?|doses?|of|inch|in|cup|"
    r"mg|ml|l|bilat|bilaterally|b/l|power|reflex|score|scale|on|\+|/)\b|/)",
    re.IGNORECASE,
)
_DATE_WORD_BEFORE = re.compile(
    r"(?:\b(?:on|since|from|until|till|thru|through|dated?|dos|seen|visit|admit(?:ted)?|adm|d/c|discharged?"
    r"|f/u|rtc|dob|by|appt|appointment|scheduled|due|last|next|before|after|starting|started|stopped"
    r"|effective|received|collected|drawn|of|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)\W{0,3})$",
    re.IGNORECASE,
)
_WINDOW = 24
_LOWER_MONTH_WORDS = frozenset({"may", "mar", "march", "jan", "sept", "dec"})
"""Month names that are also ordinary words when written in lower case."""


class ClinicalDateRecognizer(RegexRecognizer):
    """A calendar date, as clinicians and patients write them.

    Numeric (``7/22/21``, ``03-14-21``), ISO with an optional time (``2021-03-14T10:00``),
    month names either side of the day (``Jan 5th``, ``January 5, 2021``, ``5th of
    January``), compact (``14MAR2021``, ``22-Jul-2021``, ``Jan-05-2021``), month and year,
    ``the 3rd``, and ``7/22`` unless it reads as a score, fraction or vital (``7/10 pain``,
    ``5/5 strength``, ``1/2 tab``). A bare year, or a time alone, is not a date here.

    Examples
    --------
    >>> text = "Seen 2021-03-14T10:00, RTC Jan 5th; pain 7/10, BP 120/80, since 2019."
    >>> [(r.start, r.end) for r in ClinicalDateRecognizer().analyze(text, [])]
    [(5, 21), (27, 34)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.DATE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("numeric with year", _NUMERIC_WITH_YEAR, 0.85),
        Pattern("dotted with year", _DOTTED, 0.6),
        Pattern("ISO date", _ISO, 0.9),
        Pattern(_MONTH_DAY_NAME, _MONTH_DAY, 0.85),
        Pattern("day and month", _DAY_MONTH, 0.85),
        Pattern("compact day month year", _COMPACT, 0.85),
        Pattern("month first compact", _MONTH_FIRST_COMPACT, 0.85),
        Pattern("month and year", _MONTH_YEAR, 0.7),
        Pattern(_SLASH_PAIR_NAME, _MONTH_DAY_NUMERIC, 0.6),
        Pattern("the ordinal day", _THE_ORDINAL, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("date", "dob", "born", "admitted", "discharged", "seen")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Reject fractions and scores read as ``m/d``, and lower-case ``may 2`` and the like."""
        if pattern.name == _MONTH_DAY_NAME:
            month_word = re.match(r"[A-Za-z]+", text[start:end])
            if month_word is not None and month_word.group() in _LOWER_MONTH_WORDS:
                return 0.85 if _DATE_WORD_BEFORE.search(text, max(0, start - _WINDOW), start) else 0.0
        if pattern.name == _SLASH_PAIR_NAME:
            before = text[max(0, start - _WINDOW) : start]
            if _FRACTION_BEFORE.search(before) or _FRACTION_AFTER.match(text, end):
                return 0.0
            if _DATE_WORD_BEFORE.search(before):
                return 0.85
        return pattern.score
