"""Facility names with no head word, read right after a care cue.

"transferred to Methodist", "seen at Bryan West", "hospice at Pathways", "had her knee
replaced at Midlands", "go to Midlands or Bergan ER": a run of capitalised words (or one
word in capitals) right after a facility verb and its preposition, a care word and "at",
or before "ER" after "go to". One word alone must be no everyday English word,
department, generic word, weekday, month or clinical abbreviation
(:func:`~deid.text.recognizers._facility_reading.is_bare_name`); a run after "to" or
"from" must be no town ("transferred to Omaha").
"""

from __future__ import annotations

import re

from deid.text.recognizers._everyday_words import is_clinical_shorthand, is_everyday
from deid.text.recognizers._facility_reading import (
    CARE_AT,
    FACILITY_VERBS,
    is_bare_name,
    is_town,
    naming_words,
)
from deid.text.recognizers._facility_spans import UNCUED
from deid.text.recognizers._facility_words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    LEADING_NOISE,
    head_length,
)
from deid.text.recognizers._scored_spans import ScoredSpan

__all__ = ["CUE_WORDS", "cued_spans_at"]

_CARE_TRIGGER_LIST = (
    "transfer xfer admitted readmitted discharged d/c dc hospitali seen treated rehab delivered born "
    "presented care hospice dialysis surgery procedure replaced repaired removed done performed operated "
    "followed chemo radiation infusion treatment therapy patient inpatient outpatient"
)
_GO_VERB_LIST = (
    "go goes going went gone come came drive drove head headed rushed take took taken bring brought"
)
CUE_WORDS = frozenset(_CARE_TRIGGER_LIST.split()) | frozenset(_GO_VERB_LIST.split())
"""The first letters of each cue, in lower case: where :func:`cued_spans_at` is worth calling."""
_RUN_WORD = r"(?:[A-Z][A-Za-z'\u2019-]*|(?i:st|mt)\.)"
_RUN = rf"{_RUN_WORD}(?:[ \t]{{1,2}}{_RUN_WORD}){{0,3}}"
_SHORT_RUN = rf"{_RUN_WORD}(?:[ \t]{{1,2}}{_RUN_WORD}){{0,2}}"
_CUED_RUN = re.compile(
    rf"(?i:(?<![\w/])(?:(?:{FACILITY_VERBS})(?:[ \t]{{1,2}}(?:back|over|out))?[ \t]{{1,2}}(?P<moved>to|from)"
    rf"|(?:{FACILITY_VERBS})(?:[ \t]{{1,2}}(?:back|over|out))?[ \t]{{1,2}}at|(?:{CARE_AT})[ \t]{{1,2}}at)"
    rf"[ \t]{{1,2}}(?:the[ \t]{{1,2}})?)(?P<run>{_RUN})(?![\w'\u2019-])"
)
"""A capitalised run after a facility verb or a care word ("transferred to Methodist", "care at Bryan")."""
_EMERGENCY_RUN = re.compile(
    rf"(?i:(?<![\w/])(?:{_GO_VERB_LIST.replace(' ', '|')})(?:[ \t]{{1,2}}(?:straight|directly|right))?"
    r"[ \t]{1,2}to[ \t]{1,2}(?:the[ \t]{1,2})?)"
    rf"(?P<run>{_SHORT_RUN})"
    rf"(?:[ \t]{{1,2}}(?i:or|and)[ \t]{{1,2}}(?:(?i:the)[ \t]{{1,2}})?(?P<other>{_SHORT_RUN}))?"
    r"[ \t]{1,2}(?:ER|ED|E\.R\.|(?i:emergency[ \t]{1,2}(?:room|department)))(?![\w])"
)
"""One or two names before "ER" after "go to" ("go to Midlands or Bergan ER")."""
_RUN_TOKEN = re.compile(r"\S+")
_ENDS_A_RUN = FUNCTION_WORDS | LEADING_NOISE | CALENDAR_WORDS


def _run_span(text: str, span: tuple[int, int], never: frozenset[str], *, moved: bool) -> ScoredSpan | None:
    """The facility name at the start of the run ``span``, or None when it names no facility."""
    words = list(_RUN_TOKEN.finditer(text, *span))
    for index, word in enumerate(words):
        if word.group().lower() in _ENDS_A_RUN:
            words = words[:index]
            break
    if not words or any(head_length([word.group().lower()], 0) for word in words):
        return None  # nothing left, or a head word: read from the head
    start, end = words[0].start(), words[-1].end()
    names = naming_words([word.group() for word in words], never)
    if not names or (moved and is_town(text[start:end])):
        return None  # "transferred to Omaha": a town
    if len(words) == 1:
        return (start, end, UNCUED) if is_bare_name(words[0].group(), never) else None
    rare = [name for name in names if not is_everyday(name) and not is_clinical_shorthand(name)]
    return (start, end, UNCUED) if rare or len(names) > 1 else None


def cued_spans_at(text: str, position: int, never: frozenset[str]) -> list[ScoredSpan]:
    """The facility names right after a care cue starting at ``position`` of ``text``.

    Examples
    --------
    >>> text = "go to Suburban or Bergan ER; admitted to Telemetry"
    >>> [text[start:end] for start, end, _ in cued_spans_at(text, 0, frozenset())]
    ['Suburban', 'Bergan']
    >>> cued_spans_at(text, text.index("admitted"), frozenset())
    []
    """
    match = _CUED_RUN.match(text, position)
    if match is not None:
        span = _run_span(text, match.span("run"), never, moved=match.group("moved") is not None)
        return [span] if span is not None else []
    match = _EMERGENCY_RUN.match(text, position)
    if match is None:
        return []
    spans = [
        _run_span(text, match.span(group), never, moved=True)
        for group in ("run", "other")
        if match.group(group) is not None
    ]
    return [span for span in spans if span is not None]
