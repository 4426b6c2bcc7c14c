"""Dates in clinical formats: numeric, ISO, month names, ordinals, holidays; never bare years or times."""

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
_SUFFIX = r"(?:st|nd|rd|th)"
_ORDINAL_DAY = rf"{_DD}{_SUFFIX}?"
_YEAR4 = r"(?:1[89]\d{2}|20\d{2})"
_YEAR = rf"(?:{_YEAR4}|\d{{2}})"
_SHORT_YEAR = r"['\u2019]\d{2}"
"""An abbreviated year: ``'23``."""
_NAMED_YEAR = rf"(?:,?[ \t]{{1,2}}{_YEAR4}|,?[ \t]{{0,2}}{_SHORT_YEAR})"
_CLOCK = r"(?:(?:T|[ \t])\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_START = r"(?=\d)(?:(?<![\w/.:-])|(?<=/\d-)|(?<=/\d\d-)|(?<=/\d{4}-))"
"""Not inside a token, except as the second date of a range (``3/4-3/8``).

Each pattern starts with a lookahead for its first character, so that a scan rejects
most positions at once instead of trying every lookbehind there.
"""
_NAME_START = r"(?=[adfjmnos])(?<![A-Za-z])"
"""Where a month name may start."""
_END = r"(?![\w/]|-(?!\d{1,2}/\d)|[.,:]\d)"
"""Not inside a token, except before the second date of a range."""
_AFTER_NAMED = r"(?!\w|[.,:]\d)"
_PAIR = rf"{_MM}/(?:{_DD}|3[2-9]|[4-9]\d|00|{_YEAR4})"
"""``m/d``, ``m/yy`` (``8/87``) or ``m/yyyy``."""
_HOLIDAY = (
    r"(?:thanksgiving|christmas|xmas|easter|halloween|new[ \t]year['\u2019]?s|independence[ \t]day|"
    r"memorial[ \t]day|labou?r[ \t]day|veterans?['\u2019]?[ \t]day|valentine['\u2019]?s|juneteenth|"
    r"mother['\u2019]?s[ \t]day|father['\u2019]?s[ \t]day|hanukk?ah|chanukah|passover|kwanzaa|"
    r"mlk[ \t]day|presidents?['\u2019]?[ \t]day|columbus[ \t]day|good[ \t]friday)"
    r"(?:[ \t]{1,2}(?:day|eve))?"
)

_NUMERIC_WITH_YEAR = rf"{_START}{_MM}(?P<sep>[/-]){_DD}(?P=sep){_YEAR}{_END}"
_DOTTED = rf"{_START}{_MM}\.{_DD}\.{_YEAR}{_END}"
_ISO = rf"{_START}{_YEAR4}(?P<sep>[/-]){_MM}(?P=sep){_DD}{_CLOCK}{_END}"
_MONTH_DAY = rf"{_NAME_START}{_MONTH}[ \t]{{0,2}}{_ORDINAL_DAY}{_NAMED_YEAR}?{_AFTER_NAMED}"
_MONTH_THE_DAY = rf"{_NAME_START}{_MONTH},?[ \t]{{1,2}}the[ \t]{{1,2}}{_DD}{_SUFFIX}(?![\w-])"
_DAY_MONTH = (
    rf"(?=\d)(?<![\w/.-]){_ORDINAL_DAY}[ \t]{{1,2}}(?:of[ \t]{{1,2}})?{_MONTH}{_NAMED_YEAR}?(?![\w:])"
)
_COMPACT = rf"{_START}{_DD}(?P<sep>[-/ ]?){_MONTH}(?P=sep){_YEAR}{_END}"
_MONTH_FIRST_COMPACT = rf"{_NAME_START}{_MONTH}[-/]{_DD}[-/]{_YEAR4}{_END}"
_MONTH_YEAR = rf"{_NAME_START}{_MONTH},?[ \t]{{1,2}}(?:of[ \t]{{1,2}})?(?:{_YEAR4}|{_SHORT_YEAR})(?![\w:])"
_HOLIDAY_YEAR = (
    rf"(?=[cefghijklmnptvx])(?<![A-Za-z]){_HOLIDAY},?[ \t]{{1,2}}(?:of[ \t]{{1,2}})?"
    rf"(?:{_YEAR4}|{_SHORT_YEAR})(?![\w:])"
)
_SLASH_PAIR = rf"{_START}{_PAIR}{_END}"
_FIRST_OF_TWO = rf"{_START}(?P<value>{_MM}/{_DD})(?=/{_MM}/{_DD}{_END})"
_SECOND_OF_TWO = rf"{_START}{_MM}/{_DD}/(?P<value>{_MM}/{_DD}){_END}"
_DASHED_PAIR = rf"{_START}{_MM}-{_DD}(?![\w/-]|[.,:]\d)"
_THE_ORDINAL = (
    r"(?=t)(?<![A-Za-z])the[ \t]{1,2}(?P<value>(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th))(?![\w-])"
    r"(?![ \t]{1,2}(?:percentile|grade|time|times|day|week|month|year|dose|cycle|floor|rib|digit|finger|"
    r"toe|intercostal|ics|metatarsal|metacarpal|cranial|nerve|decade|trimester|degree|generation|line|"
    r"round|attempt|visit|session|tier|stage|place|century|ventricle|lumbar|cervical|thoracic|"
    r"vertebra|postoperative|post-op|hospital|of\s{1,2}(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))))"
)

_MONTH_PIECES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""What every month name holds (its first three letters)."""
_HOLIDAY_PIECES = (
    *("thanksgiving", "christmas", "xmas", "easter", "halloween", "new", "independence", "memorial"),
    *("labo", "veteran", "valentine", "juneteenth", "mother", "father", "hanuk", "chanukah", "passover"),
    *("kwanzaa", "mlk", "president", "columbus", "good"),
)
"""What every holiday of :data:`_HOLIDAY` holds."""
_MONTH_DAY_NAME = "month and day"
_SLASH_PAIR_NAME = "month/day without year"
_FIRST_NAME, _SECOND_NAME = "first of two dates run together", "second of two dates run together"
_DASHED_PAIR_NAME = "month-day without year"
_CUED_SCORE = 0.85
_FALLING_SCORE = 0.6
_FRACTION_BEFORE = re.compile(
    r"(?:\b(?:bp|b/p|pain|score[ds]?|apgars?|strength|power|motor|grade[ds]?|rated|ratio|gcs|murmur|reflex(?:es)?"
    r"|dtrs?|vision|acuity|va|nyha|ecog|tanner|fev1?|ef|take|took|give|gave|x|of|ppd|pulses?|sats?|o2|tabs?"
    r"|tablets?|mg|mmhg|dose|page|pg|cycle|step|part|bpp|bipap|cpap|ipap|epap|peep|ps|vent|settings|ac|simv)"
    r"\W{0,3}|[\d.]\s{0,2})$",
    re.IGNORECASE,
)
"""A dose, strength, score, vital or setting word right before ``5/5``, ``1/2``, ``10/5``."""
_FRACTION_AFTER = re.compile(
    r"(?:\s{0,2}(?:pain|mmhg|strength|murmur|sem|hsm|systolic|holosystolic|diastolic|tabs?|tablets?|caps?"
    r"|capsules?|pills?|doses?|puffs?|sprays?|drops?|of|inch(?:es)?|cups?|mg|mcg|ml|cc|units?|bilat"
    r"|bilaterally|b/l|power|reflex(?:es)?|pulses?|dtrs?|score|scale|days|weeks|wks|months|mos|hours|hrs"
    r"|years|yrs)\b|\s{0,2}[+/])",
    re.IGNORECASE,
)
"""A dose, score, murmur or duration word right after ``1/2``, ``2/6``, ``3/7``."""
_WEAK_AFTER = re.compile(r"\s{0,2}(?:on|in|l)\b", re.IGNORECASE)
"""``2/4 on the right``, ``1/2 in``: a fraction unless a date word comes just before."""
_DATE_WORDS = (
    r"on|since|from|until|till|thru|through|dated?|dos|seen|visit|admit(?:ted)?|adm|d/c|discharged?"
    r"|f/u|follow[- ]?up|rtc|dob|born|appt|appointment|scheduled|due|lmp|surgery|as[ \t]of|mon|tue|tues"
    r"|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_STRONG_DATE_WORD_BEFORE = re.compile(rf"\b(?!from\b)(?:{_DATE_WORDS})\W{{0,3}}$", re.IGNORECASE)
"""A date word that outweighs a score nearby (``pain since 10/6``; not ``pain from 5/10``)."""
_DATE_WORD_BEFORE = re.compile(
    rf"(?:\b(?:{_DATE_WORDS}|by|last|next|before|after|starting|started|stopped|effective|received"
    r"|collected|drawn|of)\W{0,3})$",
    re.IGNORECASE,
)
_AS_OF_BEFORE = re.compile(r"\bas[ \t]of\W{0,3}$", re.IGNORECASE)
_DATE_WORD_NEAR = re.compile(
    r"\b(?:since|until|dated?|dos|seen|visit|admit(?:ted)?|admission|discharged?|f/u|follow[- ]?up|rtc|dob"
    r"|born|appt|appointment|scheduled|due|lmp|surgery|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\b",
    re.IGNORECASE,
)
"""A date word a few words before ``1/3`` (``seen in clinic 1/3``); not ``on``: ``on aspirin 1/2``."""
_SCORE_NEAR = re.compile(
    r"\b(?:pain|score|scale|strength|motor|power|reflex(?:es)?|pulses?|grade|murmur|rated|apgar|gcs|nyha"
    r"|ecog|vision|acuity)\b",
    re.IGNORECASE,
)
_SCALE_DENOMINATORS = frozenset({4, 5, 6, 10, 15})
"""The denominators of clinical scales (reflexes, strength, murmurs, pain, GCS)."""
_SMALLEST_DAY = 6
"""``1/2`` to ``5/5`` read as fractions or scores unless a date word is near."""
_DASH_FOLLOWERS = re.compile(
    r"\s{0,2}(?:$|[;,.:)\]]|\n|(?:at|and|or|to|for|with|by|re|regarding|per|when|then|was|were|is|pt"
    r"|patient|the|he|she|visit|appt)\b)",
    re.IGNORECASE,
)
"""What ends the clause after ``10-6``; ``2-3 days`` and ``on 2-3 L`` go on with a unit or noun."""
_RANGE_AFTER = re.compile(
    r"\s{0,2}(?:%|(?:am|pm|l|lpm|times|x|episodes|points|lbs?|kg|cm|mm)\b)", re.IGNORECASE
)
_WINDOW = 24
_LOWER_MONTH_WORDS = frozenset({"may", "mar", "march", "jan", "sept", "dec"})
"""Month names that are also ordinary words when written in lower case."""
_HAS_ORDINAL = re.compile(rf"\d{_SUFFIX}", re.IGNORECASE)
_CHAIN_HEAD = re.compile(r"\d{1,2}/\d{1,2}/$")
_RANGE_HEAD = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?-$")
"""The first date of a range, whose context is the second's too (``admitted 3/4-3/8``)."""
_EARLIEST_YEAR = 1800
_CHAIN_TAIL = re.compile(r"/\d{1,2}/\d{1,2}")


def _slash_pair_score(text: str, start: int, end: int, numbers: str, score: float) -> float:
    """The score of ``m/d`` (``numbers``) between ``start`` and ``end``, its context around them."""
    first, second = (int(part) for part in numbers.split("/"))
    if second >= _EARLIEST_YEAR:
        return 0.0 if _FRACTION_AFTER.match(text, end) else score  # 8/2019: a month and year
    head = _RANGE_HEAD.search(text, max(0, start - 11), start)
    context_start = head.start() if head is not None else start
    before = text[max(0, context_start - _WINDOW) : context_start]
    if not _AS_OF_BEFORE.search(before) and (
        _FRACTION_BEFORE.search(before) or _FRACTION_AFTER.match(text, end)
    ):
        return 0.0
    if second in _SCALE_DENOMINATORS and _SCORE_NEAR.search(before):
        return _CUED_SCORE if _STRONG_DATE_WORD_BEFORE.search(before) else 0.0
    if _DATE_WORD_BEFORE.search(before):
        return _CUED_SCORE
    if _WEAK_AFTER.match(text, end):
        return 0.0
    if max(first, second) < _SMALLEST_DAY and not _DATE_WORD_NEAR.search(before):
        return 0.0
    return score


def _dashed_pair_score(text: str, start: int, end: int, score: float) -> float:
    """``10-6`` after a date word, or falling (a range rises: ``2-3``), and not before a unit.

    A rising pair must also end its clause (``on 2-3 occasions`` is a range); a falling
    one after a date word need not (``called on 10-6 about refills``).
    """
    before = text[max(0, start - _WINDOW) : start]
    if _FRACTION_BEFORE.search(before) or _FRACTION_AFTER.match(text, end) or _RANGE_AFTER.match(text, end):
        return 0.0
    first, second = (int(part) for part in text[start:end].split("-"))
    cued = _DATE_WORD_BEFORE.search(before) is not None
    if _DASH_FOLLOWERS.match(text, end):
        return score if cued else (_FALLING_SCORE if first > second else 0.0)
    return score if cued and first > second else 0.0


class ClinicalDateRecognizer(RegexRecognizer):
    """A calendar date, as clinicians and patients write them.

    Numeric (``7/22/21``, ``03-14-21``, ``10.6.22``), ISO with an optional time
    (``2021-03-14T10:00``), month names either side of the day (``Jan 5th``, ``Aug 10,
    '23``, ``5th of January``, ``March the 14th``), compact (``14MAR2021``,
    ``22-Jul-2021``), month and year, a holiday with its year (``Thanksgiving 2019``),
    ``the 3rd``, and a date without its year: ``7/22``, ``8/87`` or ``10/03/10/04`` unless
    it reads as a score, fraction, vital or setting (``7/10 pain``, ``5/5 strength``,
    ``1/2 tab``, ``BiPAP 10/5``), and ``10-6`` after a date word or falling (not a
    range). A bare year, or a time alone, is not a date here.

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
        Pattern("month and the ordinal day", _MONTH_THE_DAY, 0.85),
        Pattern("day and month", _DAY_MONTH, 0.85),
        Pattern("compact day month year", _COMPACT, 0.85),
        Pattern("month first compact", _MONTH_FIRST_COMPACT, 0.85),
        Pattern("month and year", _MONTH_YEAR, 0.7),
        Pattern("holiday and year", _HOLIDAY_YEAR, 0.7),
        Pattern(_SLASH_PAIR_NAME, _SLASH_PAIR, 0.6),
        Pattern(_FIRST_NAME, _FIRST_OF_TWO, 0.6),
        Pattern(_SECOND_NAME, _SECOND_OF_TWO, 0.6),
        Pattern(_DASHED_PAIR_NAME, _DASHED_PAIR, 0.85),
        Pattern("the ordinal day", _THE_ORDINAL, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("date", "dob", "born", "admitted", "discharged", "seen")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "numeric with year": ("/", "-"),
        "dotted with year": (".",),
        "ISO date": ("/", "-"),
        _MONTH_DAY_NAME: _MONTH_PIECES,
        "month and the ordinal day": _MONTH_PIECES,
        "day and month": _MONTH_PIECES,
        "compact day month year": _MONTH_PIECES,
        "month first compact": _MONTH_PIECES,
        "month and year": _MONTH_PIECES,
        "holiday and year": _HOLIDAY_PIECES,
        _SLASH_PAIR_NAME: ("/",),
        _FIRST_NAME: ("/",),
        _SECOND_NAME: ("/",),
        _DASHED_PAIR_NAME: ("-",),
        "the ordinal day": ("the",),
    }

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Reject fractions, scores and ranges read as dates, and lower-case ``may 2`` and the like."""
        if pattern.name == _MONTH_DAY_NAME:
            return self._month_day_score(text, start, end, pattern.score)
        if pattern.name == _SLASH_PAIR_NAME:
            return _slash_pair_score(text, start, end, text[start:end], pattern.score)
        if pattern.name == _FIRST_NAME:
            tail = _CHAIN_TAIL.match(text, end)
            chain_end = tail.end() if tail is not None else end
            return _slash_pair_score(text, start, chain_end, text[start:end], pattern.score)
        if pattern.name == _SECOND_NAME:
            head = _CHAIN_HEAD.search(text, max(0, start - 6), start)
            chain_start = head.start() if head is not None else start
            return _slash_pair_score(text, chain_start, end, text[start:end], pattern.score)
        if pattern.name == _DASHED_PAIR_NAME:
            return _dashed_pair_score(text, start, end, pattern.score)
        return pattern.score

    @staticmethod
    def _month_day_score(text: str, start: int, end: int, score: float) -> float:
        """``may 5`` in lower case needs a date word before it or an ordinal (``may 5th``)."""
        month_word = re.match(r"[A-Za-z]+", text[start:end])
        if month_word is None or month_word.group() not in _LOWER_MONTH_WORDS:
            return score
        if _HAS_ORDINAL.search(text, start, end):
            return score
        return score if _DATE_WORD_BEFORE.search(text, max(0, start - _WINDOW), start) else 0.0
