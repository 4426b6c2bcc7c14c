"""Cities and towns of a GeoNames gazetteer (US and world), in title or upper case, scored by context."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import ORGANISATION_WORDS
from deid.text.recognizers._fragments import STATE, STREET_SUFFIX, UNIT
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer
from deid.text.recognizers._us_places import COMMON_WORD_PLACES
from deid.text.recognizers._world_places import everyday_place_words, place_names

__all__ = ["CityRecognizer"]

_WORD = r"(?:St\.|[A-Z][a-z]+(?:['.][A-Za-z]+)?|[A-Z]{2,}|[^\W\d_a-z][^\W\d_]+)"
"""A capitalised word: ``St.``, ``O'Neill``, ``OMAHA``, or one of any script (``Poznań``, ``ÅLESUND``)."""
_CANDIDATE = rf"(?<![\w'-]){_WORD}(?:[ \t-](?:{_WORD}|of|de|del|la|le)){{0,3}}(?![\w'-])"
_AFTER_STREET = (
    rf"(?i:(?<![A-Za-z]){STREET_SUFFIX}(?![A-Za-z])\.?{UNIT}?,[ \t]{{1,2}}"
    rf"(?P<value>[A-Za-z][A-Za-z .'-]{{0,30}}?[A-Za-z]),?[ \t]{{1,2}}(?:{STATE}[ \t]{{1,2}})?\d{{5}}(?!\d))"
)
_STATE_OR_ZIP_AFTER = re.compile(rf",?[ \t]{{1,2}}(?:{STATE}|\d{{5}}(?![\d/-]))", re.IGNORECASE)
_STRONG_CUES = (
    r"lives?|living|lived|resides?|resident|residing|moved(?:[ \t]here)?|relocated|born|raised|grew[ \t]up|"
    r"visiting|visited|city|town|village|county|hometown|home|trip|travel(?:led|ed|ing)?|drove|flew|"
    r"based|located|originally|native|where:"
)
_PREPOSITION = r"(?:(?:of|in|to|from|at)[ \t]{1,2})?"
_PLACE_WORD_BEFORE = re.compile(
    rf"\b(?:{_STRONG_CUES}|from|in|to|near|back)[ \t]{{1,2}}{_PREPOSITION}$", re.IGNORECASE
)
_STRONG_PLACE_WORD_BEFORE = re.compile(
    rf"(?:\b(?:{_STRONG_CUES})|where:)[ \t]{{1,2}}{_PREPOSITION}$", re.IGNORECASE
)
"""A cue strong enough for a town whose name is also an everyday word ("lives in Mobile")."""
_PERSON_BEFORE = re.compile(r"\b(?:dr|mr|mrs|ms|miss|mx|prof|nurse|rn|md)\.?[ \t]{1,2}$", re.IGNORECASE)
_WINDOW = 30
_NEXT_WORD = re.compile(r"[ \t]{1,2}([A-Z][a-z]+)")
_HAS_CAPITAL = re.compile(r"[A-Z]")
_FIVE_DIGITS = re.compile(r"\d{5}")
_STREET_WINDOW = 120
"""How far before a ZIP code a street line and city may start."""
_CANDIDATE_NAME = "capitalised words"


class CityRecognizer(RegexRecognizer):
    """A place name from the gazetteer (US places, world towns), in title case or upper case.

    Scores: followed by a state or a ZIP code, 0.85; after "lives in", "from", "moved
    to" and similar, 0.75; a title-case name with no context, 0.3 (every upper-case
    name needs context). A name that is also an ordinary word, eponym or surname
    ("Mobile", "Reading", "Nice") needs a strong cue: "lives in", "moved to", "flew to",
    not a bare "in" ("in March").
    Lower-case city names are found only between a street line and a ZIP code.

    Examples
    --------
    >>> text = "Moved from Council Bluffs to Omaha, NE last year"
    >>> [(r.start, r.end, r.score) for r in CityRecognizer().analyze(text, [])]
    [(11, 25, 0.75), (29, 34, 0.85)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.CITY
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(_CANDIDATE_NAME, _CANDIDATE, 0.3),
        Pattern("city between street and ZIP", _AFTER_STREET, 0.85),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("lives", "city", "town", "from", "moved")
    FLAGS: ClassVar[int] = 0

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find gazetteer places inside runs of capitalised words, then score each by context."""
        del entities, nlp_artifacts, regex_flags
        candidates, after_street = self.COMPILED
        places = place_names()
        results: list[RecognizerResult] = []
        runs = candidates.regex.finditer(text) if _HAS_CAPITAL.search(text) else ()
        for run in runs:
            for start, end in _places_in_run(run, places):
                score = self.rescore(text, start, end, candidates)
                if score > 0:
                    results.append(self._result(candidates, start, end, score, labelled=False))
        for zip_code in _FIVE_DIGITS.finditer(text):
            window_start = max(0, zip_code.start() - _STREET_WINDOW)
            for match in after_street.regex.finditer(text, window_start, zip_code.end()):
                start, end = match.span("value")
                results.append(self._result(after_street, start, end, after_street.score, labelled=True))
        return _dedupe(results)

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Score a gazetteer hit by what surrounds it."""
        before = text[max(0, start - _WINDOW) : start]
        if _PERSON_BEFORE.search(before) or text.startswith("'s", end):
            return 0.0
        next_word = _NEXT_WORD.match(text, end)
        if next_word is not None and next_word.group(1).lower() in ORGANISATION_WORDS:
            return 0.0  # "Prairie View Health", "Mayo Clinic": an organisation
        if _STATE_OR_ZIP_AFTER.match(text, end):
            return 0.85
        name = text[start:end]
        everyday = name in COMMON_WORD_PLACES or name.lower() in everyday_place_words()
        if _STRONG_PLACE_WORD_BEFORE.search(before) or (not everyday and _PLACE_WORD_BEFORE.search(before)):
            return 0.75
        if name.isupper() or everyday:
            return 0.0
        return pattern.score


def _places_in_run(run: re.Match[str], places: frozenset[str]) -> list[tuple[int, int]]:
    """The longest gazetteer names inside a run of capitalised words, left to right."""
    words = [
        (word.start() + run.start(), word.end() + run.start())
        for word in re.finditer(r"[^ \t-]+", run.group())
    ]
    found: list[tuple[int, int]] = []
    index = 0
    text = run.string
    while index < len(words):
        for last in range(min(len(words), index + 3) - 1, index - 1, -1):
            start, end = words[index][0], words[last][1]
            name = text[start:end]
            if name in places or (name.isupper() and name.title() in places):
                found.append((start, end))
                index = last
                break
        index += 1
    return found


def _dedupe(results: list[RecognizerResult]) -> list[RecognizerResult]:
    best: dict[tuple[int, int], RecognizerResult] = {}
    for result in results:
        kept = best.get((result.start, result.end))
        if kept is None or result.score > kept.score:
            best[(result.start, result.end)] = result
    return sorted(best.values(), key=lambda result: (result.start, result.end))
