"""Completing a detected organisation: the head word after a name, the naming words before a facility.

A detected town, name or unknown word followed by a facility or employer head word is
the naming part of an organisation: the head belongs to it (``riverside primary care``,
``Springfield Hospital``, ``hawthorne elementary``); after a person's name only a strong
head counts (``Dr. Patel cardiology`` names a specialty). Capitalised words right before a
detected facility name it too (``Methodist Women's``, ``Nebraska Orthopaedic Center``),
in mixed-case text only (in a text written in capitals every word is capitalised).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan
from deid.text.backstop._span import backstop_span
from deid.text.recognizers._employer_words import STRONG_HEADS as EMPLOYER_HEADS
from deid.text.recognizers._facility_words import STRONG_HEADS, WEAK_HEADS, head_length

__all__ = ["organisation_completions"]

_NAMING_TYPES = frozenset({EntityType.CITY, EntityType.OTHER, EntityType.PERSON})
_FOLLOWING_WORDS = re.compile(r"(?:[ \t]+[A-Za-z'\u2019]+){1,3}")
_WORD = re.compile(r"[A-Za-z'\u2019]+")
_CAPITALISED_BEFORE = re.compile(r"(?:(?<![\w'\u2019.-])[A-Z][a-z][\w'\u2019-]*[ \t]+){1,3}$")
_LOOK_BACK = 60
_FACILITY_HEADS = STRONG_HEADS | WEAK_HEADS


def _head_after(text: str, position: int, *, person: bool) -> tuple[int, EntityType] | None:
    """The end and type of a facility or employer head word right after ``position``, if any.

    After a person's name (``person``) only a strong facility head or an employer head counts.
    """
    following = _FOLLOWING_WORDS.match(text, position)
    if following is None:
        return None
    words = list(_WORD.finditer(following.group()))
    lowered = [word.group().lower() for word in words]
    size = head_length(lowered, 0)
    if size and " ".join(lowered[:size]) in (STRONG_HEADS if person else _FACILITY_HEADS):
        return position + words[size - 1].end(), EntityType.FACILITY
    for size in (2, 1):
        if " ".join(lowered[:size]) in EMPLOYER_HEADS:
            return position + words[size - 1].end(), EntityType.EMPLOYER
    return None


def organisation_completions(text: str, spans: Sequence[TextSpan]) -> list[TextSpan]:
    """Head words after a detected name and capitalised naming words before a detected facility.

    Parameters
    ----------
    text
        The text.
    spans
        Disjoint spans sorted by start (detectors and backstop merged).

    Returns
    -------
    list of TextSpan
        ``FACILITY`` and ``EMPLOYER`` spans to add.

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> text = "keeps coming back to riverside primary care; seen at Methodist Women's Hospital"
    >>> found = [
    ...     TextSpan(start=21, end=30, entity_type=EntityType.CITY, score=1.0, source="x"),
    ...     TextSpan(start=63, end=80, entity_type=EntityType.FACILITY, score=1.0, source="x"),
    ... ]
    >>> [text[s.start : s.end] for s in organisation_completions(text, found)]
    [' primary care', 'Methodist ']
    """
    added: list[TextSpan] = []
    mixed = any(char.islower() for char in text) and any(char.isupper() for char in text)
    for span in spans:
        if span.entity_type in _NAMING_TYPES:
            head = _head_after(text, span.end, person=span.entity_type is EntityType.PERSON)
            if head is not None:
                added.append(backstop_span(span.end, head[0], head[1]))
        if span.entity_type is EntityType.FACILITY and mixed:
            before = _CAPITALISED_BEFORE.search(text, max(0, span.start - _LOOK_BACK), span.start)
            if before is not None and not any(word.lower() in STOP_WORDS for word in before.group().split()):
                added.append(backstop_span(before.start(), span.start, EntityType.FACILITY))
    return added
