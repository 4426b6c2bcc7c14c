"""A person's employer or school: named after a cue ("works at", "laid off from") or by a head word."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._cue_scan import lowered, prefix_pattern, word_starts
from deid.text.recognizers._employer_heads import HEAD_STARTS, head_span_at
from deid.text.recognizers._employer_words import (
    CAPITALISED_CUES,
    CONNECTORS,
    CUE_STARTS,
    GENERIC_PLACES,
    LOWER_CASE_CUES,
    STOP_WORDS,
)
from deid.text.recognizers._facility_words import GENERIC_WORDS
from deid.text.recognizers._regex_recognizer import RegexRecognizer
from deid.text.recognizers._scored_spans import ScoredSpan, merged

__all__ = ["EmployerRecognizer"]

_STARTS = prefix_pattern(CUE_STARTS | HEAD_STARTS)
"""The first word of every cue and head word, in lower case: where the patterns are tried."""
_LETTERS = r"[^\W\d_](?:[^\W_]|['\u2019&.-])*(?<![.'\u2019-])"
_WORD_FORM = rf"(?:(?i:st|ste|mt)\.|{_LETTERS})"
_EMPLOYER = (
    rf"(?<![\w/])(?i:(?P<lower_cue>{LOWER_CASE_CUES})|(?P<cue>{CAPITALISED_CUES}))[ \t]{{1,2}}"
    r"(?:(?P<article>(?i:the|a|an))[ \t]{1,2})?"
    rf"(?P<value>{_WORD_FORM}(?:[ \t]{{1,2}}(?:&[ \t]{{1,2}})?{_WORD_FORM}){{0,5}})"
)
_SAINTS = frozenset({"st", "saint", "ste"})
_WORD = re.compile(r"[^ \t]+")
_MAX_LOWER_WORDS = 3
_CAPITALISED_SCORE = 0.85
_LOWER_SCORE = 0.7


def _name_words(value: str, *, lower: bool) -> list[re.Match[str]]:
    """The leading words of ``value`` that can be part of a name, in the case the first one sets.

    A capitalised name may hold "of", "the" or "&" between capitalised words (``Mutual
    of Omaha``, ``Procter & Gamble``); ``St`` before a name is a saint's (``st cecilia``).
    """
    words = list(_WORD.finditer(value))
    kept: list[re.Match[str]] = []
    for index, word in enumerate(words):
        text = word.group()
        bare = text.lower().rstrip(".")
        following = words[index + 1].group() if index + 1 < len(words) else ""
        if not lower and kept and bare in CONNECTORS and following[:1].isupper():
            kept.append(word)
            continue
        if bare in _SAINTS and following[:1].isalpha() and following[:1].isupper() is not lower:
            kept.append(word)
            continue
        if bare in STOP_WORDS or text[:1].isdigit():
            break
        if (text.islower() if lower else text[:1].isupper()) is False:
            break
        kept.append(word)
        if lower and len(kept) == _MAX_LOWER_WORDS:
            break
    while kept and kept[-1].group().lower() in CONNECTORS:
        kept.pop()
    return kept


class EmployerRecognizer(RegexRecognizer):
    """The name of a person's employer or school, after a cue or ending in an organisation head word.

    After a cue ("works at", "employed by", "attends", "laid off from", "shift at", "a
    roofer with", "pilot with", "FMLA paperwork for") the name is the run of capitalised
    words (``Union Pacific``, ``Mutual of Omaha``, ``Escuela Dual Benito Juárez``), one
    brand word or the initials; after a cue with "at", "from" or "by" it may also be one
    to three words in lower case (``conagra``, ``first national bank``, ``st cecilia``).
    A name ends at punctuation, at "and", "as", "in", "on", "for", "since", "until", at a
    number or a time word, and is never a generic place ("works at home", "attends
    church") or a non-answer ("Employer: self"). With no cue, a capitalised run ending in
    an organisation head word (``Creighton University``, ``Sarpy County Fire``,
    ``Kiewit Corporation``) is one too (see :mod:`._employer_heads`).

    Scores: 0.85 for a capitalised name after a cue, 0.75 for one found by its head
    word, 0.7 for a name in lower case after a cue.

    Examples
    --------
    >>> text = "Works at Union Pacific as a conductor; wife employed by conagra since 2010."
    >>> [text[r.start : r.end] for r in EmployerRecognizer().analyze(text, [])]
    ['Union Pacific', 'conagra']
    >>> text = "Son attends Creighton Prep; daughter-in-law is a pilot with SOUTHWEST"
    >>> [text[r.start : r.end] for r in EmployerRecognizer().analyze(text, [])]
    ['Creighton Prep', 'SOUTHWEST']
    """

    ENTITY: ClassVar[EntityType] = EntityType.EMPLOYER
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("organisation after an employer cue", _EMPLOYER, _CAPITALISED_SCORE),
    )
    FLAGS: ClassVar[int] = 0

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Read the organisation name after each cue and before each head word."""
        del entities, nlp_artifacts, regex_flags
        (compiled,) = self.COMPILED
        never = never_name_words()
        spans: list[ScoredSpan] = []
        for position in word_starts(_STARTS, lowered(text)):
            match = compiled.regex.match(text, position)
            span = _employer_span(match, never) if match is not None else head_span_at(text, position, never)
            if span is not None:
                spans.append(span)
        return [
            self._result(compiled, start, end, score, labelled=True) for start, end, score in merged(spans)
        ]


def _employer_span(match: re.Match[str], never: frozenset[str]) -> ScoredSpan | None:
    """The employer's span and score in a cue match, or None when what follows is no name."""
    value = match.group("value")
    lower = value[:1].islower()
    if lower and (match.group("lower_cue") is None or match.group("article") is not None):
        return None  # "works for pain", "works at a bank": no name
    if lower and value.split()[0].endswith("ing"):
        return None  # "retired from teaching"
    words = _name_words(value, lower=lower)
    if not words:
        return None
    names = [word.group().lower().rstrip(".") for word in words if word.group().lower() not in CONNECTORS]
    generic = never | GENERIC_WORDS | GENERIC_PLACES
    if all(name in generic for name in names) or len("".join(names)) < 2:
        return None  # "attends Physical Therapy", "works for Lisinopril", "Employer: N/A"
    offset = match.start("value")
    score = _LOWER_SCORE if lower else _CAPITALISED_SCORE
    return offset + words[0].start(), offset + words[-1].end(), score
