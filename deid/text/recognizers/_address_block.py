"""The rest of an address after its street line: units, place, region code, postcode, country.

An address is written on one line with commas (``12 Oak St, Apt 4, Springfield, IL
62704``) or on several lines (street, unit, town, region, country and postcode). After a
street line, :func:`address_tail` takes the parts that follow for as long as each
looks like one: a unit, a run of capitalised words of any script, a two-letter code, a
postcode. It stops at a lower-case word, a sentence end, a label (``Phone:``), a
clinical term or a word that starts a sentence (``The``, ``Please``).
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._fragments import STREET_SUFFIX

__all__ = ["address_tail", "with_tails"]

_UPPER = r"(?-i:[^\W\d_a-z])"
_LETTERS = r"[^\W\d_]"
_SAME_LINE = r"(?:[ \t]{0,2},[ \t]{0,3}|[ \t]{1,3})"
_NEW_LINE = r"[ \t]{0,3},?[ \t]{0,3}\r?\n(?:[ \t]*\r?\n)?[ \t>?\u00a0]{0,6},?[ \t]{0,3}"
_SEPARATOR = re.compile(rf"{_NEW_LINE}|{_SAME_LINE}")
_BREAK = re.compile(r"[,\n]")
_UNIT = re.compile(
    r"(?i:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building|box)(?![A-Za-z])"
    r"\.?[ \t]{0,2}#?[ \t]{0,2}"
    r"(?:[A-Za-z]?\d[A-Za-z0-9-]{0,5}|[A-Za-z])(?![\w-])|#[ \t]?\d{1,5}[A-Za-z]?(?![\w-])"
)
_POSTCODE = re.compile(
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"  # Canada
    r"|\d{4}[ ]?[A-Z]{2}"  # Netherlands
    r"|\d{3}[ ]\d{2}"  # Sweden, Czechia, Slovakia, Greece
    r"|\d{2,6}(?:-\d{3,4})?)"
    r"(?![\w-]|[.,]\d|[ \t]*(?i:mg|mcg|ml|units?|tabs?|%|x\b|weeks?|days?|months?|years?|hours?|h\b|hrs?))"
)
_CONNECTOR = (
    r"(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|l'|d'|van|von|der|den|am|an|im|upon|on|sur|en|y|u"
    r"|na|nad|pod)"
)
_NAME_WORD = rf"{_UPPER}(?:{_LETTERS}|['\u2019-](?={_LETTERS}))*"
_PLACE = re.compile(
    rf"{_NAME_WORD}(?:[ \t](?!(?-i:[A-Z]{{2,3}})(?!\w))(?:{_CONNECTOR}[ \t]?)?{_NAME_WORD}){{0,4}}"
    r"(?:[ \t]\((?-i:[^\W\d_a-z])[^()\n]{0,30}\))?"
    r"(?![\w'\u2019-]|[ \t]*:)"
)
_SENTENCE_WORD_LIST = (
    "the this that these those there then he she it i we they you his her its our their my your "
    "please thanks thank call contact mobile phone tel fax email desk office website web name "
    "date when where what who how if but and or so for to from at in on by with as is was will "
    "would can could should may might also not no yes dear regards sincerely tomorrow today "
    "yesterday monday tuesday wednesday thursday friday saturday sunday"
)
_SENTENCE_WORDS = frozenset(_SENTENCE_WORD_LIST.split())
"""Words that start a sentence or label a line, never a place in an address."""
_WORDS = re.compile(r"[^\W\d_]+")
_STREET_WORD = re.compile(rf"{STREET_SUFFIX}\.?", re.IGNORECASE)
_MAX_PARTS = 8
_MAX_REACH = 160


def _acceptable_place(words: str) -> bool:
    if _STREET_WORD.fullmatch(words):
        return False  # "St." repeated after the street line is no town
    never = never_name_words()
    return not any(word.lower() in _SENTENCE_WORDS or word.lower() in never for word in _WORDS.findall(words))


def address_tail(text: str, end: int, *, after_break: bool = False) -> list[tuple[int, int, EntityType]]:
    r"""The parts of the address whose street line ends at ``end``, with the type of each.

    Units belong to the street address; capitalised words are a place (``CITY``, which
    the allow lists drop again when it names a state or a country); codes of digits are
    postcodes (``ZIP``).

    Parameters
    ----------
    text
        The whole text.
    end
        The end of the street line (or unit) already found.
    after_break
        Whether the first part must follow a comma or a line break (after a weak street
        line, words on the same line are more likely the sentence going on).

    Returns
    -------
    list of (start, end, EntityType)
        The parts in order; empty when none follows.

    Examples
    --------
    >>> text = "sent to 12 Oak St\n Suite 4\n Springfield\n, IL\n United States 62704? Thanks"
    >>> for start, end, kind in address_tail(text, 17):
    ...     print(repr(text[start:end]), kind.value)
    'Suite 4' STREET_ADDRESS
    'Springfield' CITY
    'IL' CITY
    'United States' CITY
    '62704' ZIP
    >>> address_tail("at 5 Main St The patient left", 12)
    []
    """
    limit = min(len(text), end + _MAX_REACH)
    position = end
    parts: list[tuple[int, int, EntityType]] = []
    for _ in range(_MAX_PARTS):
        separator = _SEPARATOR.match(text, position, limit)
        if separator is None or (after_break and not parts and not _BREAK.search(separator.group())):
            break
        start = separator.end()
        if part := _UNIT.match(text, start, limit):
            kind = EntityType.STREET_ADDRESS
        elif part := _POSTCODE.match(text, start, limit):
            kind = EntityType.ZIP
        elif (part := _PLACE.match(text, start, limit)) and _acceptable_place(part.group()):
            kind = EntityType.CITY
        else:
            break
        parts.append((part.start(), part.end(), kind))
        position = part.end()
    return parts


TAIL_SCORE = 0.6
"""The highest score of a part found after a street line."""


def with_tails(
    text: str, results: list[RecognizerResult], *, tail_after_break: frozenset[str] = frozenset()
) -> list[RecognizerResult]:
    """``results`` (street lines) followed by the address parts written after each of them.

    Parameters
    ----------
    text
        The whole text.
    results
        Street lines found in it.
    tail_after_break
        Names of weak patterns whose match takes later parts only after a comma or a
        line break.

    Returns
    -------
    list of RecognizerResult
        The street lines, then one result per distinct later part (its score at most
        :data:`TAIL_SCORE`, its type that of the part).
    """
    tails: dict[tuple[int, int], RecognizerResult] = {}
    for result in results:
        explanation = result.analysis_explanation
        weak = explanation is not None and explanation.pattern_name in tail_after_break
        for start, end, kind in address_tail(text, result.end, after_break=weak):
            if (start, end) not in tails:
                score = min(result.score, TAIL_SCORE)
                tails[start, end] = RecognizerResult(kind.value, start, end, score, explanation)
    return results + list(tails.values())
