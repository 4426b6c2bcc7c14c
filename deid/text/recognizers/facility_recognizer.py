"""Named health-care facilities: hospitals, clinics, nursing homes, hospices, pharmacies, practices."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._cue_scan import lowered, prefix_pattern, word_starts
from deid.text.recognizers._facility_reading import (
    CUE_WINDOW,
    FACILITY_CUE,
    FACILITY_VERBS,
    cue,
    is_saint_place,
    is_town,
    name_before,
    naming_words,
    next_word,
    opens_sentence,
    previous_word,
)
from deid.text.recognizers._facility_words import (
    CALENDAR_WORDS,
    CLINICAL_ACRONYMS,
    CUE_ONLY_ACRONYMS,
    FOLLOWERS,
    FUNCTION_WORDS,
    GENERIC_WORDS,
    KNOWN_ACRONYMS,
    KNOWN_NAMES,
    LEADING_NOISE,
    NOT_DEVOTIONS,
    SAINT_FOLLOWERS,
    STRONG_HEADS,
    WEAK_HEADS,
    head_length,
)
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["FacilityRecognizer"]


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first, any run of blanks between words."""
    return "|".join(
        re.escape(phrase).replace(r"\ ", r"[ \t]+").replace("'", "['\u2019]")
        for phrase in sorted(phrases, key=len, reverse=True)
    )


_BEFORE = r"(?<![\w'\u2019.&/-])"
_AFTER = r"(?![\w'\u2019&-])"
_ANCHOR = (
    rf"{_BEFORE}(?P<known>(?i:{_alternation(KNOWN_NAMES)})){_AFTER}"
    rf"|{_BEFORE}(?P<head>(?i:{_alternation(STRONG_HEADS | WEAK_HEADS)}))(?:(?=['\u2019]s\b)|{_AFTER})"
    rf"|{_BEFORE}(?P<saint>(?i:saint|mount|st|ste|mt)\.?[ \t]{{1,2}}(?P<saint_name>[A-Za-z][a-z]+|[A-Z]+)"
    rf"(?P<possessive>['\u2019][sS])?){_AFTER}"
    rf"|{_BEFORE}(?P<devotional>(?i:holy|sacred|good|our[ \t]{{1,2}}lady[ \t]{{1,2}}of(?:[ \t]{{1,2}}the)?)"
    rf"[ \t]{{1,2}}(?P<devotion>[A-Za-z]+)){_AFTER}"
    rf"|{_BEFORE}(?P<acronym>(?i:{_alternation(KNOWN_ACRONYMS | CUE_ONLY_ACRONYMS)})"
    rf"|[A-Z]{{2,4}}H|[A-Z]{{1,3}}MC){_AFTER}"
)
_SAINTS_AND_DEVOTIONS = ("saint", "mount", "st", "ste", "mt", "holy", "sacred", "good", "our")
_TRIGGERS = prefix_pattern(
    {phrase.split()[0].split("-")[0] for phrase in STRONG_HEADS | WEAK_HEADS | KNOWN_NAMES}
    | KNOWN_ACRONYMS
    | CUE_ONLY_ACRONYMS
    | set(_SAINTS_AND_DEVOTIONS)
)
"""The first word of every anchor, in lower case: where the anchor pattern is tried."""
_ACRONYM_SHAPE = re.compile(r"[A-Z]{1,4}(?:H|MC)(?![A-Za-z])")
"""Where an abbreviation ending in ``H`` or ``MC`` may start (the anchor pattern checks its length)."""

_TAIL = re.compile(
    r"[ \t]+(?i:of)[ \t]+(?:(?i:the)[ \t]+)?[A-Z][A-Za-z'\u2019-]*(?:[ \t]+[A-Z][A-Za-z'\u2019-]*){0,2}"
    r"(?![\w'\u2019-])"
)
_VERB_TRIGGER_LIST = (
    "transfer xfer admitted readmitted discharged d/c dc hospitali seen treated rehab delivered born "
    "presented"
)
_VERB_TRIGGERS = prefix_pattern(_VERB_TRIGGER_LIST.split())
"""The first letters of each facility verb, in lower case: where the cued-run pattern is tried."""
_RUN_TOKEN = re.compile(r"\S+")
_RUN_WORD = r"(?:[A-Z][A-Za-z'\u2019-]*|(?i:st|mt)\.)"
_CUED_RUN = re.compile(
    rf"(?i:(?<![\w/])(?:{FACILITY_VERBS})(?:[ \t]{{1,2}}(?:back|over|out))?[ \t]{{1,2}}(?:to|from|at)"
    rf"[ \t]{{1,2}}(?:the[ \t]{{1,2}})?)(?P<run>{_RUN_WORD}(?:[ \t]{{1,2}}{_RUN_WORD}){{0,2}})"
    r"(?![\w'\u2019-])"
)
"""A capitalised run right after a facility cue ("transferred to Methodist", "seen at Bryan")."""
_DEVOTIONS_OF = {"good": frozenset({"samaritan", "shepherd"}), "sacred": frozenset({"heart"})}
_NOT_A_NAME = re.compile(r"[ \t]*(?:\d|OD\b|OS\b|OU\b|cc\b|sc\b)")
_VOWELS = re.compile(r"[AEIOY]")

_STRONG = 0.85
_CUED = 0.8
_LOWER = 0.75
_UNCUED = 0.6

_Span = tuple[int, int, float]


def _head_span(text: str, match: re.Match[str], never: frozenset[str]) -> _Span | None:
    """A name ending in the head word of ``match``: ``Methodist Hospital``, ``Mercy Hospital of Omaha``."""
    head_start, head_end = match.span("head")
    head = match.group("head")
    head_lower = " ".join(head.lower().split())
    if next_word(text, head_end) in FOLLOWERS:
        return None
    previous = previous_word(text, head_start)
    lower_head = head.islower()
    if head.isupper():
        mode = "upper"
    elif not lower_head or (previous is not None and previous[2][:1].isupper()):
        mode = "title"
    else:
        mode = "lower"
    words = name_before(text, head_start, mode)
    tail = _TAIL.match(text, head_end) if mode != "lower" else None
    if not words and tail is None:
        return None
    start = words[0][0] if words else head_start
    end = tail.end() if tail is not None else head_end
    names = naming_words([word for _, _, word in words], never)
    if tail is not None:
        names += naming_words(tail.group().split(), never)
    if not names:
        return None
    weak = head_lower in WEAK_HEADS
    cued, strongly = cue(text, start)
    if mode == "lower":
        return (start, end, _LOWER) if strongly or (cued and not weak) else None
    if mode == "title" and lower_head:
        single = len(names) == 1 and not names[0].isupper()
        if weak or (single and opens_sentence(text, start)):
            return None
        return start, end, _UNCUED
    return start, end, _STRONG if cued or not weak else _UNCUED


def _saint_span(text: str, match: re.Match[str]) -> _Span | None:
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
        return (start, end, _LOWER) if strongly or (cued and possessive) else None
    if not possessive and (name.isupper() or is_saint_place(name)):
        facility_cue = FACILITY_CUE.search(text[max(0, start - CUE_WINDOW) : start].lower()) is not None
        return (start, end, _LOWER) if facility_cue else None  # "St. Louis" is the city recognizer's
    return start, end, _STRONG if possessive or cued else _UNCUED


def _devotional_span(text: str, match: re.Match[str]) -> _Span | None:
    """``Holy Cross``, ``Sacred Heart``, ``Good Samaritan``, ``Our Lady of Lourdes``, after a cue."""
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
        return (start, end, _LOWER) if strongly else None
    return (start, end, _CUED) if cued else None


def _acronym_span(text: str, match: re.Match[str], never: frozenset[str]) -> _Span | None:
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
        return (start, end, _CUED) if wanted else None  # "switched to CHOP" is the chemo regimen
    if lower in KNOWN_ACRONYMS:
        if acronym.isupper():
            return start, end, _STRONG
        return (start, end, _LOWER) if acronym.islower() and cued else None
    letters = acronym[:-2] if acronym.endswith("MC") else acronym[:-1]
    if lower in CLINICAL_ACRONYMS or lower in never or _VOWELS.search(letters.removeprefix("U")):
        return None
    return start, end, _STRONG if cued else _UNCUED


def _known_span(text: str, match: re.Match[str]) -> _Span | None:
    start, end = match.span("known")
    if match.group("known").islower():
        return (start, end, _LOWER) if cue(text, start)[0] else None
    return start, end, _STRONG


def _cued_run_spans(text: str, lower_text: str, never: frozenset[str]) -> list[_Span]:
    """Names with no head word right after a facility cue: "transferred to Methodist", "seen at Bryan"."""
    spans: list[_Span] = []
    for position in word_starts(_VERB_TRIGGERS, lower_text):
        match = _CUED_RUN.match(text, position)
        if match is None:
            continue
        words = list(_RUN_TOKEN.finditer(text, *match.span("run")))
        for index, word in enumerate(words):
            lower = word.group().lower()
            if lower in FUNCTION_WORDS or lower in LEADING_NOISE or lower in CALENDAR_WORDS:
                words = words[:index]
                break
        if not words or any(head_length([word.group().lower()], 0) for word in words):
            continue  # nothing left, or a head word: read from the head
        start, end = words[0].start(), words[-1].end()
        run = text[start:end]
        if naming_words([word.group() for word in words], never) and not is_town(run):
            spans.append((start, end, _UNCUED))
    return spans


def _merged(spans: list[_Span]) -> list[_Span]:
    """Overlapping spans as one, with the best score among them."""
    merged: list[_Span] = []
    for start, end, score in sorted(spans):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_score = merged[-1]
            merged[-1] = (last_start, max(last_end, end), max(last_score, score))
        else:
            merged.append((start, end, score))
    return merged


class FacilityRecognizer(RegexRecognizer):
    """A named hospital, clinic, nursing home, rehab, hospice, pharmacy or practice.

    Found as a run of words ending in a head word (``Methodist Hospital``, ``Hillcrest
    Nursing Home``, ``Nebraska Medicine``) with a naming word that is no department or
    generic word (so not ``Cardiology Clinic``, ``Family Medicine``, ``the hospital``);
    a saint's or mountain's name (``St. Vincent's``, ``Mt. Sinai``); ``Holy``,
    ``Sacred``, ``Good`` or ``Our Lady of`` and a word after a cue (``transferred to
    Holy Cross``); a well-known name (``Johns Hopkins``); or an abbreviation (``MGH``,
    ``UMMC``, ``at the VA``) that is no clinical one (``PMH``). Names in upper case are
    read like capitalised ones; in lower case only after a cue ("seen at", "transferred
    to"). A capitalised name with no head word right after a facility verb
    ("transferred to Methodist") is taken too, unless it is a town.

    Scores: 0.85 for a capitalised head word, a possessive saint's name, a known name
    or abbreviation, or a name after a cue; 0.8 for a devotional name or an ambiguous
    abbreviation (``VA``, ``CHOP``) after its cue; 0.75 in lower case; 0.6 otherwise
    (a weak head word such as ``Health`` with no cue, an abbreviation such as ``UMMC``
    with no cue, a name after a facility verb).

    Examples
    --------
    >>> text = "Transferred from St. Vincent's to Methodist Hospital; f/u Cardiology Clinic"
    >>> [text[r.start : r.end] for r in FacilityRecognizer().analyze(text, [])]
    ["St. Vincent's", 'Methodist Hospital']
    """

    ENTITY: ClassVar[EntityType] = EntityType.FACILITY
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("facility name or head word", _ANCHOR, _STRONG),)
    FLAGS: ClassVar[int] = 0

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find every anchor (head word, saint, known name, abbreviation), then read the name around it."""
        del entities, nlp_artifacts, regex_flags
        (compiled,) = self.COMPILED
        never = never_name_words()
        lower_text = lowered(text)
        spans = _cued_run_spans(text, lower_text, never)
        starts = set(word_starts(_TRIGGERS, lower_text))
        starts.update(shape.start() for shape in _ACRONYM_SHAPE.finditer(text))
        for position in sorted(starts):
            match = compiled.regex.match(text, position)
            if match is None:
                continue
            if match.group("known") is not None:
                span = _known_span(text, match)
            elif match.group("head") is not None:
                span = _head_span(text, match, never)
            elif match.group("saint") is not None:
                span = _saint_span(text, match)
            elif match.group("devotional") is not None:
                span = _devotional_span(text, match)
            else:
                span = _acronym_span(text, match, never)
            if span is not None:
                spans.append(span)
        return [
            self._result(compiled, start, end, score, labelled=True) for start, end, score in _merged(spans)
        ]
