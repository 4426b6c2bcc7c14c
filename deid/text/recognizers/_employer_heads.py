"""Employers and schools named by a head word, with no cue: ``Creighton University``, ``Sarpy County Fire``.

A run of capitalised words (or words in capitals) ending in an organisation head word
(``Bank``, ``Airlines``, ``High School``, ``Inc``) names an organisation when a word of
the run can name one: no function, generic, clinical or calendar word. Head words
that are everyday nouns too (``Food Bank``, ``Kitchen Fire``, ``Support Group``) need
a word that is no everyday English word, initials, a possessive or a town. A second
head joined by ``&`` (``Kessler Roofing & Siding``), a tail with "of" (``Bank of
America``) and words such as ``Department`` or ``Inc.`` after the head belong to the
name. A run that names a health-care facility (``Creighton University Medical
Center``) is the facility recognizer's.
"""

from __future__ import annotations

import re

from deid.text.recognizers._cue_scan import phrase_alternation
from deid.text.recognizers._employer_words import AMBIGUOUS_HEADS, EXTENSIONS, NOT_NAMES, STRONG_HEADS
from deid.text.recognizers._everyday_words import is_distinctive
from deid.text.recognizers._facility_reading import OF_TAIL, is_town, name_before, previous_word
from deid.text.recognizers._facility_words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    GENERIC_WORDS,
    LEADING_NOISE,
    head_length,
    names_facility,
)
from deid.text.recognizers._scored_spans import ScoredSpan

__all__ = ["HEAD_SCORE", "HEAD_STARTS", "head_span_at"]

HEAD_SCORE = 0.75
"""The score of an organisation found by its head word, with no cue."""

_HEADS = STRONG_HEADS | AMBIGUOUS_HEADS
_ABBREVIATIONS = frozenset({"inc", "llc", "ltd", "corp", "co"})
HEAD_STARTS = frozenset(head.split()[0] for head in _HEADS)
"""The first word of every head word, in lower case: where :func:`head_span_at` is worth calling."""
_END = r"(?![\w'\u2019&-])"
_HEAD = re.compile(rf"(?<![\w'\u2019.&/-])(?P<head>(?i:{phrase_alternation(_HEADS)}))(?P<dot>\.)?{_END}")
_JOINED = re.compile(rf"[ \t]+(?:&|(?i:and))[ \t]+(?P<joined>(?i:{phrase_alternation(_HEADS)})){_END}")
_EXTENSION = re.compile(rf"[ \t]+(?P<word>(?i:{phrase_alternation(EXTENSIONS)}))(?P<dot>\.)?{_END}")
_NEXT_WORDS = re.compile(r"(?:[ \t]+[A-Za-z]+){1,2}")
_NOT_NAMES = FUNCTION_WORDS | LEADING_NOISE | CALENDAR_WORDS | GENERIC_WORDS | NOT_NAMES | _HEADS


def _can_name(word: str, never: frozenset[str]) -> bool:
    """Whether ``word`` can be the naming part of an organisation's name."""
    bare = word.lower().removesuffix("'s").removesuffix("\u2019s")
    return len(bare) > 1 and bare not in _NOT_NAMES and bare not in never and bare not in {"st", "st."}


def _case(text: str, start: int, head: str) -> str | None:
    """``"upper"`` or ``"title"``, how the run before the head word is written; None in lower case."""
    if head.islower() or not head[:1].isupper():
        return None
    previous = previous_word(text, start)
    if head.isupper() and (previous is None or previous[2].isupper()):
        return "upper"
    if head.isupper() and head.lower() not in _ABBREVIATIONS:
        return None  # "Mercy FIRE": mixed
    return "title"


def _extended(text: str, end: int, *, upper: bool) -> int:
    """``end`` past a second head joined by ``&`` and past ``Department`` or ``Inc.``."""
    joined = _JOINED.match(text, end)
    second = joined.group("joined") if joined is not None else ""
    if joined is not None and second[0].isupper() and (second.isupper() or not upper):
        end = joined.end()
    for _ in range(2):
        extension = _EXTENSION.match(text, end)
        if extension is None or not extension.group("word")[0].isupper():
            break
        word_end = extension.end("word")
        abbreviation = extension.group("word").lower() in _ABBREVIATIONS
        end = extension.end() if abbreviation else word_end
    return end


def _names_someone(names: list[str], runs: list[list[str]], *, upper: bool) -> bool:
    """Whether a name before an everyday head word has a word no everyday one, or is a town (``Omaha``)."""
    if any(is_distinctive(name, upper_case_text=upper) for name in names):
        return True
    places = [" ".join(run) for run in runs if run]
    return any(is_town(place.title() if upper else place) for place in places)


def _head_span(text: str, match: re.Match[str], never: frozenset[str]) -> ScoredSpan | None:
    head_start = match.start("head")
    head = match.group("head")
    head_lower = " ".join(head.lower().split())
    mode = _case(text, head_start, head)
    if mode is None or (head_lower == "co" and match.group("dot") is None and head != "Co"):
        return None  # "CO 5.2": cardiac output
    end = match.end() if head_lower in _ABBREVIATIONS else match.end("head")
    end = _extended(text, end, upper=mode == "upper")
    before = name_before(text, head_start, mode)
    words = [word for _, _, word in before]
    tail = OF_TAIL.match(text, end) if head_lower not in _ABBREVIATIONS else None
    tail_words = tail.group().split()[1:] if tail is not None else []
    names = [word for word in [*words, *tail_words] if _can_name(word, never)]
    if not names:
        return None
    following = _NEXT_WORDS.match(text, tail.end() if tail is not None else end)
    after = following.group().lower().split() if following is not None else []
    run = [word.lower() for word in [*words, *head.split(), *tail_words]]
    if names_facility([*run, *after], never=never) or head_length(after, 0):
        return None  # "Creighton University Medical Center": a facility
    upper = mode == "upper"
    if head_lower in AMBIGUOUS_HEADS and not _names_someone(names, [words, tail_words], upper=upper):
        return None  # "Food Bank", "Support Group"
    start = before[0][0] if before else head_start
    return start, tail.end() if tail is not None else end, HEAD_SCORE


def head_span_at(text: str, position: int, never: frozenset[str]) -> ScoredSpan | None:
    """The organisation whose head word starts at ``position`` of ``text``, or None.

    Examples
    --------
    >>> text = "Paramedic, Sarpy County Fire; food bank"
    >>> start, end, _ = head_span_at(text, text.index("Fire"), frozenset())
    >>> text[start:end], head_span_at(text, text.index("bank"), frozenset())
    ('Sarpy County Fire', None)
    """
    match = _HEAD.match(text, position)
    return _head_span(text, match, never) if match is not None else None
