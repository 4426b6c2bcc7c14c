"""Facility names found by a fixed anchor: saints, devotional names, known names, chains, abbreviations.

Each reader takes the anchor's match (groups named as in the facility recognizer's
pattern) and returns the name's span and score, or None when the context says it is
something else (a street, a town, a chemotherapy regimen, a religious symbol).
"""

from __future__ import annotations

import re

from deid.text.recognizers._facility_reading import (
    CUE_WINDOW,
    FACILITY_CUE,
    cue,
    is_saint_place,
    next_word,
    previous_word,
)
from deid.text.recognizers._facility_words import (
    CLINICAL_ACRONYMS,
    CUE_ONLY_ACRONYMS,
    FUNCTION_WORDS,
    GENERIC_WORDS,
    KNOWN_ACRONYMS,
    LEADING_NOISE,
    NOT_DEVOTIONS,
    SAINT_FOLLOWERS,
)
from deid.text.recognizers._scored_spans import ScoredSpan

__all__ = [
    "CUED",
    "LOWER",
    "STRONG",
    "UNCUED",
    "acronym_span",
    "chain_span",
    "devotional_span",
    "known_span",
    "saint_span",
]

STRONG = 0.85
"""A capitalised head word, a possessive saint's name, a known name or abbreviation, a cued name."""
CUED = 0.8
"""A devotional name, an ambiguous abbreviation or a chain, after its cue."""
LOWER = 0.75
"""A name in lower case, after a cue."""
UNCUED = 0.6
"""A weak head word with no cue, an abbreviation with no cue, a bare name after a care cue."""

_DEVOTIONS_OF = {"good": frozenset({"samaritan", "shepherd"}), "sacred": frozenset({"heart"})}
_NOT_A_NAME = re.compile(r"[ \t]*(?:\d|OD\b|OS\b|OU\b|cc\b|sc\b)")
_VOWELS = re.compile(r"[AEIOY]")


def saint_span(text: str, match: re.Match[str]) -> ScoredSpan | None:
    """``St. Vincent's``, ``Mt. Sinai``: a saint's or mountain's name, not a street or a town."""
    name = match.group("saint_name")
    start, end = match.span("saint")
    if name.lower() in FUNCTION_WORDS or name.lower() in GENERIC_WORDS:
        return None
    if next_word(text, end) in SAINT_FOLLOWERS:
        return None
    previous = previous_word(text, start)
    if previous is not None:
        word = previous[2]
        if any(character.isdigit() for character in word):
            return None  # "12 St. Paul St", a street
        if word[:1].isupper() and word.lower() not in FUNCTION_WORDS | LEADING_NOISE:
            return None  # "Main St. Apt 4"
    cued, strongly = cue(text, start)
    possessive = match.group("possessive") is not None
    if name.islower():
        return (start, end, LOWER) if strongly or (cued and possessive) else None
    if not possessive and (name.isupper() or is_saint_place(name)):
        facility_cue = FACILITY_CUE.search(text[max(0, start - CUE_WINDOW) : start].lower()) is not None
        return (start, end, LOWER) if facility_cue else None  # "St. Louis" is the city recognizer's
    return start, end, STRONG if possessive or cued else UNCUED


def devotional_span(text: str, match: re.Match[str]) -> ScoredSpan | None:
    """``Holy Cross``, ``Sacred Heart``, ``Good Samaritan``, ``Our Lady of Lourdes``, after a cue.

    In lower case ``holy`` and ``our lady of`` need a cue as in capitals (``appt at holy
    cross``); ``good`` and ``sacred``, which open everyday phrases, need a strong one.
    """
    start, end = match.span("devotional")
    opener = match.group("devotional").split()[0].lower()
    devotion = match.group("devotion").lower()
    allowed = _DEVOTIONS_OF.get(opener)
    if (allowed is not None and devotion not in allowed) or devotion in NOT_DEVOTIONS:
        return None
    if devotion in FUNCTION_WORDS or next_word(text, end) in SAINT_FOLLOWERS:
        return None
    cued, strongly = cue(text, start)
    if match.group("devotional").islower():
        return (start, end, LOWER) if strongly or (cued and allowed is None) else None
    return (start, end, CUED) if cued else None


def acronym_span(text: str, match: re.Match[str], never: frozenset[str]) -> ScoredSpan | None:
    """``MGH``, ``UMMC``, ``BWH``, ``the VA``: facility abbreviations, not clinical ones."""
    start, end = match.span("acronym")
    acronym = match.group("acronym")
    lower = acronym.lower()
    cued, strongly = cue(text, start)
    if lower in CUE_ONLY_ACRONYMS:
        after_comma = text[max(0, start - 3) : start].rstrip(" \t").endswith(",")
        if not acronym.isupper() or after_comma or _NOT_A_NAME.match(text, end):
            return None  # "Richmond, VA 23220", "VA 20/40"
        after_the = text[max(0, start - 4) : start].lower() == "the "
        after_to = text[max(0, start - 3) : start].lower() == "to "
        wanted = after_the or cued if lower == "va" else strongly or (cued and not after_to)
        return (start, end, CUED) if wanted else None  # "switched to CHOP" is the chemo regimen
    if lower in KNOWN_ACRONYMS:
        if acronym.isupper():
            return start, end, STRONG
        return (start, end, LOWER) if acronym.islower() and cued else None
    letters = acronym[:-2] if acronym.endswith("MC") else acronym[:-1]
    if lower in CLINICAL_ACRONYMS or lower in never or _VOWELS.search(letters.removeprefix("U")):
        return None
    return start, end, STRONG if cued else UNCUED


def known_span(text: str, match: re.Match[str]) -> ScoredSpan | None:
    """``Johns Hopkins``, ``Cedars-Sinai``: known in any case but lower, which needs a cue."""
    start, end = match.span("known")
    if match.group("known").islower():
        return (start, end, LOWER) if cue(text, start)[0] else None
    return start, end, STRONG


def chain_span(text: str, match: re.Match[str]) -> ScoredSpan | None:
    """``at the CVS``, ``discharged to Kindred``: a chain named as the place of care, after a cue.

    In lower case a chain needs a care cue ("discharged to encompass") or "at" or "the"
    right before it ("at the cvs"): "to encompass" is the verb.
    """
    start, end = match.span("chain")
    cued, strongly = cue(text, start)
    if match.group("chain").islower():
        placed = text[max(0, start - 4) : start].lower().endswith(("at ", "the "))
        return (start, end, LOWER) if strongly or (cued and placed) else None
    return (start, end, CUED) if cued else None
