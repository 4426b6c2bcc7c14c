"""Named health-care facilities: hospitals, clinics, nursing homes, hospices, pharmacies, practices."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._cue_scan import lowered, phrase_alternation, prefix_pattern, word_starts
from deid.text.recognizers._everyday_words import is_distinctive
from deid.text.recognizers._facility_cued import CUE_WORDS, cued_spans_at
from deid.text.recognizers._facility_reading import (
    OF_TAIL,
    continued_end,
    cue,
    is_town,
    name_before,
    naming_words,
    next_word,
    opens_sentence,
    previous_word,
)
from deid.text.recognizers._facility_spans import (
    LOWER,
    STRONG,
    UNCUED,
    acronym_span,
    chain_span,
    devotional_span,
    known_span,
    saint_span,
)
from deid.text.recognizers._facility_words import (
    CARE_CUE_HEADS,
    CHAIN_NAMES,
    CUE_HEADS,
    CUE_ONLY_ACRONYMS,
    FOLLOWERS,
    KNOWN_ACRONYMS,
    KNOWN_NAMES,
    PICKY_FOLLOWERS,
    PICKY_HEADS,
    PICKY_NOT_NAMES,
    STRONG_HEADS,
    WEAK_HEADS,
)
from deid.text.recognizers._regex_recognizer import RegexRecognizer
from deid.text.recognizers._scored_spans import ScoredSpan, merged

__all__ = ["FacilityRecognizer"]


_BEFORE = r"(?<![\w'\u2019.&/-])"
_AFTER = r"(?![\w'\u2019&-])"
_HEADS = STRONG_HEADS | WEAK_HEADS | PICKY_HEADS | CUE_HEADS | CARE_CUE_HEADS
_ANCHOR = (
    rf"{_BEFORE}(?P<known>(?i:{phrase_alternation(KNOWN_NAMES)})){_AFTER}"
    rf"|{_BEFORE}(?P<chain>(?i:{phrase_alternation(CHAIN_NAMES)})){_AFTER}"
    rf"|{_BEFORE}(?P<head>(?i:{phrase_alternation(_HEADS)}))(?:(?=['\u2019]s\b)|{_AFTER})"
    rf"|{_BEFORE}(?P<saint>(?i:saint|mount|st|ste|mt)\.?[ \t]{{1,2}}(?P<saint_name>[A-Za-z][a-z]+|[A-Z]+)"
    rf"(?P<possessive>['\u2019][sS])?){_AFTER}"
    rf"|{_BEFORE}(?P<devotional>(?i:holy|sacred|good|our[ \t]{{1,2}}lady[ \t]{{1,2}}of(?:[ \t]{{1,2}}the)?)"
    rf"[ \t]{{1,2}}(?P<devotion>[A-Za-z]+)){_AFTER}"
    rf"|{_BEFORE}(?P<acronym>(?i:{phrase_alternation(KNOWN_ACRONYMS | CUE_ONLY_ACRONYMS)})"
    rf"|[A-Z]{{2,4}}H|[A-Z]{{1,3}}MC){_AFTER}"
)
_SAINTS_AND_DEVOTIONS = ("saint", "mount", "st", "ste", "mt", "holy", "sacred", "good", "our")
_ANCHOR_WORDS = (
    {phrase.split()[0].split("-")[0] for phrase in _HEADS | KNOWN_NAMES | CHAIN_NAMES}
    | KNOWN_ACRONYMS
    | CUE_ONLY_ACRONYMS
    | set(_SAINTS_AND_DEVOTIONS)
)
_TRIGGERS = prefix_pattern(_ANCHOR_WORDS | CUE_WORDS)
"""The first word of every anchor and care cue, in lower case: where the patterns are tried."""
_ACRONYM_SHAPE = re.compile(r"[A-Z]{1,4}(?:H|MC)(?![A-Za-z])")
"""Where an abbreviation ending in ``H`` or ``MC`` may start (the anchor pattern checks its length)."""

_JOINED_HEAD = re.compile(
    rf"[ \t]+(?:&|(?i:and))[ \t]+(?P<joined>(?i:{phrase_alternation(STRONG_HEADS | WEAK_HEADS)})){_AFTER}"
)
"""A second head word joined to the first (``Hillcrest Health & Rehab``)."""


def _case_mode(text: str, head_start: int, head: str) -> str:
    """How the name before a head word is written: ``"upper"``, ``"title"`` or ``"lower"``."""
    if head.isupper():
        return "upper"
    previous = previous_word(text, head_start)
    if not head.islower() or (previous is not None and previous[2][:1].isupper()):
        return "title"
    return "lower"


def _names_a_place_or_firm(names: list[str], words: list[str], mode: str) -> bool:
    """Whether the name before a picky head word names someone (``Lowell``, ``Grand Island``)."""
    if any(name.lower() in PICKY_NOT_NAMES for name in names):
        return False  # "Attorney General", "Illicit Drugs"
    upper = mode == "upper"
    return any(is_distinctive(name, upper_case_text=upper) for name in names) or is_town(" ".join(words))


def _after_head(text: str, head_end: int, mode: str) -> tuple[int, list[str], bool]:
    """Where a name ends after its head word, the words of its "of" tail, and whether a second head joins.

    ``Hillcrest Health & Rehab`` (a joined head), ``Mercy Hospital of Omaha`` (a tail).
    """
    if mode == "lower":
        return head_end, [], False
    joined = _JOINED_HEAD.match(text, head_end)
    if joined is not None and mode == "title" and joined.group("joined").islower():
        joined = None
    end = joined.end() if joined is not None else head_end
    tail = OF_TAIL.match(text, end)
    if tail is None:
        return end, [], joined is not None
    return tail.end(), tail.group().split(), joined is not None


def _head_score(text: str, start: int, head: str, names: list[str], *, mode: str, weak: bool) -> float | None:
    """The score of a name before ``head``, from its cue and case; None when it needs a cue it lacks."""
    head_lower = " ".join(head.lower().split())
    cued, strongly = cue(text, start)
    if head_lower in CUE_HEADS and (not cued or text[max(0, start - 3) : start].lower() == "in "):
        return None  # "grew up in Greenwich Village"
    if head_lower in CARE_CUE_HEADS and not strongly:
        return None  # "the Kellogg Center"
    if mode == "lower":
        return LOWER if strongly or (cued and not weak) else None
    if mode == "title" and head.islower():
        single = len(names) == 1 and not names[0].isupper()
        return None if weak or (single and opens_sentence(text, start)) else UNCUED
    return STRONG if cued or not weak else UNCUED


def _head_span(text: str, match: re.Match[str], never: frozenset[str]) -> ScoredSpan | None:
    """A name ending in the head word of ``match``: ``Methodist Hospital``, ``Mercy Hospital of Omaha``."""
    head_start, head_end = match.span("head")
    head = match.group("head")
    picky = " ".join(head.lower().split()) in PICKY_HEADS
    if next_word(text, head_end) in (PICKY_FOLLOWERS if picky else FOLLOWERS):
        return None
    if picky and text[head_end : head_end + 1] == ":":
        return None  # "General: alert", a heading
    mode = _case_mode(text, head_start, head)
    before = name_before(text, head_start, mode)
    words = [word for _, _, word in before]
    end, tail, joined = _after_head(text, head_end, mode)
    names = naming_words(words, never) + naming_words(tail, never)
    if not names or (picky and not _names_a_place_or_firm(names, words, mode)):
        return None
    start = before[0][0] if before else head_start
    weak = (" ".join(head.lower().split()) in WEAK_HEADS or picky) and not joined
    score = _head_score(text, start, head, names, mode=mode, weak=weak)
    return (start, end, score) if score is not None else None


def _anchor_span(text: str, match: re.Match[str], never: frozenset[str]) -> ScoredSpan | None:
    """The facility name around one anchor, by the kind of anchor matched."""
    if match.group("known") is not None:
        return known_span(text, match)
    if match.group("chain") is not None:
        return chain_span(text, match)
    if match.group("head") is not None:
        return _head_span(text, match, never)
    if match.group("saint") is not None:
        return saint_span(text, match)
    if match.group("devotional") is not None:
        return devotional_span(text, match)
    return acronym_span(text, match, never)


def _with_place(text: str, span: ScoredSpan, never: frozenset[str]) -> ScoredSpan:
    """``span`` with the place right after it that belongs to the name (``UCSF Mission Bay``)."""
    start, end, score = span
    name = text[start:end]
    if name.islower():
        return span
    longer = continued_end(text, end, never)
    if longer == end and name.isupper():
        longer = continued_end(text, end, never, upper=True)
    return start, longer, score


class FacilityRecognizer(RegexRecognizer):
    """A named hospital, clinic, nursing home, rehab, hospice, dialysis unit, pharmacy or practice.

    Found as a run of words ending in a head word (``Methodist Hospital``, ``Hillcrest
    Nursing Home``, ``Nebraska Heart Institute``, ``Hillcrest Health & Rehab``) with a
    naming word that is no department or generic word (so not ``Cardiology Clinic``,
    ``Family Medicine``, ``the hospital``); a head word that is mostly an adjective
    (``General``, ``Regional``, ``Drug``) needs a name no everyday word or a town
    (``Lowell General``, not ``general surgery``); a care community's (``Village``)
    needs a cue, and ``Center`` a care cue. Also a saint's or mountain's name (``St.
    Vincent's``, ``Mt. Sinai``); ``Holy``, ``Sacred``, ``Good`` or ``Our Lady of`` and a
    word after a cue (``transferred to Holy Cross``); a well-known name (``Johns
    Hopkins``); a chain after a cue (``at the CVS``, ``discharged to Kindred``); an
    abbreviation (``MGH``, ``UMMC``, ``at the VA``) that is no clinical one (``PMH``);
    and a name with no head word after a care cue ("transferred to Methodist", "hospice
    at Pathways", "go to Midlands or Bergan ER"). A place right after a name belongs to
    it (``UCSF Mission Bay``). Names in upper case are read like capitalised ones; in
    lower case only after a cue ("seen at", "transferred to").

    Scores: 0.85 for a capitalised head word, a possessive saint's name, a known name
    or abbreviation, or a name after a cue; 0.8 for a devotional name, a chain or an
    ambiguous abbreviation (``VA``, ``CHOP``) after its cue; 0.75 in lower case; 0.6
    otherwise (a weak head word such as ``Health`` with no cue, an abbreviation such as
    ``UMMC`` with no cue, a name with no head word after a care cue).

    Examples
    --------
    >>> text = "Transferred from St. Vincent's to Methodist Hospital; f/u Cardiology Clinic"
    >>> [text[r.start : r.end] for r in FacilityRecognizer().analyze(text, [])]
    ["St. Vincent's", 'Methodist Hospital']
    >>> text = "hospice at Pathways, then UCSF Mission Bay; general surgery consulted"
    >>> [text[r.start : r.end] for r in FacilityRecognizer().analyze(text, [])]
    ['Pathways', 'UCSF Mission Bay']
    """

    ENTITY: ClassVar[EntityType] = EntityType.FACILITY
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("facility name or head word", _ANCHOR, STRONG),)
    FLAGS: ClassVar[int] = 0

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find every anchor (head, saint, known name, chain, abbreviation), then read the name around it."""
        del entities, nlp_artifacts, regex_flags
        (compiled,) = self.COMPILED
        never = never_name_words()
        spans: list[ScoredSpan] = []
        starts = set(word_starts(_TRIGGERS, lowered(text)))
        starts.update(shape.start() for shape in _ACRONYM_SHAPE.finditer(text))
        for position in sorted(starts):
            spans.extend(cued_spans_at(text, position, never))
            match = compiled.regex.match(text, position)
            span = _anchor_span(text, match, never) if match is not None else None
            if span is not None:
                spans.append(span)
        return [
            self._result(compiled, start, end, score, labelled=True)
            for start, end, score in merged(_with_place(text, span, never) for span in spans)
        ]
