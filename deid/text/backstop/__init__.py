"""The safe-list backstop: after the detectors, replace every word not known to be safe.

The detectors (patterns, name lists, record-aware matching) find what they recognise;
the backstop catches what none of them knows. For each word of a text outside the
detections:

- a *name word* (:class:`~deid.text._safelist.SafeList`) is a ``PERSON``, a *place
  word* a ``CITY``, unless an eponym head follows (``Wilson disease``): eponyms name
  diseases, not people;
- a name that is also an everyday word is a ``PERSON`` only with a cue
  (:mod:`~deid.text.backstop._names`);
- a town whose name is made of everyday words is a ``CITY`` when a cue or a rare word
  confirms it (:mod:`~deid.text.backstop._places`), and a listed large employer an
  ``EMPLOYER`` (:mod:`~deid.text.backstop._employers`);
- a month or holiday name is a ``DATE`` (:mod:`~deid.text.backstop._calendar`);
- any other word not on the safe list is ``OTHER`` (a rare surname, a street, a
  facility, a mistyped name);
- in mixed-case text, a capitalised run in mid sentence that no list explains is a
  proper noun and ``OTHER`` (:mod:`~deid.text.backstop._proper`);
- a single capital letter next to a detected name is its initial (``Sarah P.``), and
  initials before a credential are a name (``KB RN``);
- long numbers and codes are ``OTHER`` (:mod:`~deid.text.backstop._numbers`), and
  identifiers found by their label or cue keep their type
  (:mod:`~deid.text.backstop._cued`).

:func:`glue_spans` then joins pieces of one identifier split by name particles or
address numbers. Both are pure functions of the text, the detections and the safe list,
so they run the same in any process (or on Spark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from data_contracts.entities import EntityType
from deid.text._safelist import SafeList
from deid.text._spans import TextSpan
from deid.text.backstop._calendar import DATE_WORDS, is_date_word
from deid.text.backstop._cued import cued_spans
from deid.text.backstop._employers import employer_spans
from deid.text.backstop._glue import glue_spans
from deid.text.backstop._names import (
    EPONYM_AFTER,
    MODAL_NAMES,
    ROLE_CUES,
    NameEdges,
    initials_spans,
    is_ambiguous_name,
    is_modal_name,
)
from deid.text.backstop._numbers import number_spans
from deid.text.backstop._places import place_phrase_spans
from deid.text.backstop._proper import proper_noun_runs
from deid.text.backstop._span import BACKSTOP_SOURCE, backstop_span, covered_mask, overlaps

__all__ = ["BACKSTOP_SOURCE", "backstop_spans", "glue_spans"]

_NAME_EDGE_TYPES = frozenset({EntityType.PERSON, EntityType.OTHER})
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def _bare(word: str) -> str:
    """``word`` in lower case without a possessive ``'s``."""
    lowered = word.lower()
    if lowered.endswith(("'s", "\u2019s")):
        return lowered[:-2]
    return lowered


def _mixed_case(text: str) -> bool:
    return any(char.islower() for char in text) and any(char.isupper() for char in text)


_CONTRACTION = re.compile(r"(?P<base>[^\W\d_]+)['\u2019](?:d|ll|re|ve|s|t|m)")


def _known_word(word: str, safe: SafeList) -> bool:
    """Whether a lower-case word is safe, as written, without its apostrophe, or as a contraction."""
    if safe.is_safe(word):
        return True
    if "'" not in word and "\u2019" not in word:
        return False
    contraction = _CONTRACTION.fullmatch(word)
    if contraction is not None and safe.is_safe(contraction.group("base")):
        return True
    return safe.is_safe(word.replace("'", "").replace("\u2019", ""))


def backstop_spans(text: str, spans: Sequence[TextSpan], safe: SafeList) -> list[TextSpan]:
    """The spans the backstop adds to ``spans``: every word and number not known to be safe.

    Parameters
    ----------
    text
        The text.
    spans
        The detectors' spans (words inside them are left alone).
    safe
        The safe list.

    Returns
    -------
    list of TextSpan
        New spans (source :data:`BACKSTOP_SOURCE`), not overlapping ``spans``.

    Examples
    --------
    >>> safe = SafeList(
    ...     safe=frozenset({"seen", "by", "wife", "at", "bedside", "will", "call", "back"}),
    ...     name_words=frozenset(),
    ...     place_words=frozenset(),
    ...     ambiguous_names=frozenset({"bill"}),
    ...     given_names=frozenset({"bill"}),
    ... )
    >>> note = "seen by kowalczyk, wife bill at bedside, will call back"
    >>> [note[s.start : s.end] for s in backstop_spans(note, [], safe)]
    ['kowalczyk', 'bill']
    """
    mask = covered_mask(len(text), spans)
    mixed = _mixed_case(text)
    name_edges = NameEdges()
    for span in spans:
        if span.entity_type in _NAME_EDGE_TYPES:
            name_edges.add(span.start, span.end, person=span.entity_type is EntityType.PERSON)
    words = [match for match in _WORD.finditer(text) if mask.find(1, match.start(), match.end()) < 0]
    found, pending = _listed_words(text, words, safe, mixed=mixed, names=name_edges)
    for span in found:
        if span.entity_type is EntityType.OTHER:
            name_edges.add(span.start, span.end, person=False)
    for start, end in pending:
        word = _bare(text[start:end])
        given, clinical = word in safe.given_names, word in safe.clinical_names
        if is_ambiguous_name(text, start, end, mixed=mixed, names=name_edges, given=given, clinical=clinical):
            found.append(backstop_span(start, end, EntityType.PERSON))
            name_edges.add(start, end)
    found.extend(
        backstop_span(start, end, EntityType.CITY)
        for start, end in place_phrase_spans(text, words, safe)
        if not any(start <= span.start < end for span in found)
    )
    employers = [
        backstop_span(start, end, EntityType.EMPLOYER) for start, end in employer_spans(text, words, safe)
    ]
    if employers:  # an employer's name outranks the name or town its words also spell (Hy-Vee)
        found = [span for span in found if not overlaps(span, employers)] + employers
    if mixed:
        decided = {(span.start, span.end) for span in found}
        found.extend(
            backstop_span(start, end, EntityType.OTHER)
            for start, end in proper_noun_runs(text, words, safe.clinical)
            if (start, end) not in decided
        )
    found.extend(_initial_letters(text, words, name_edges, mixed=mixed))
    cued = [backstop_span(start, end, entity) for start, end, entity in cued_spans(text)]
    # A detector may have found part of a labelled identifier (``W219`` of ``W219 884 301``):
    # the cued span still counts unless the detectors covered all of it.
    cued = [span for span in cued if mask.find(0, span.start, span.end) >= 0]
    found.extend(cued)
    found.extend(span for span in number_spans(text, mask) if not overlaps(span, cued))
    found.extend(span for span in initials_spans(text, mask) if not overlaps(span, found))
    return sorted(found, key=lambda span: (span.start, span.end))


def _listed_words(
    text: str, words: list[re.Match[str]], safe: SafeList, *, mixed: bool, names: NameEdges
) -> tuple[list[TextSpan], list[tuple[int, int]]]:
    """Spans of the words the lists decide, and the everyday names left to decide by context."""
    found: list[TextSpan] = []
    pending: list[tuple[int, int]] = []
    for match in words:
        start, end = match.span()
        word = _bare(match.group())
        if len(word) == 1:
            continue
        if word in safe.name_words and not EPONYM_AFTER.match(text, end):
            found.append(backstop_span(start, end, EntityType.PERSON))
            names.add(start, end)
        elif word in safe.place_words and not EPONYM_AFTER.match(text, end):
            found.append(backstop_span(start, end, EntityType.CITY))
        elif word in safe.ambiguous_names and word not in ROLE_CUES:
            pending.append((start, end))
        elif word in MODAL_NAMES and is_modal_name(text, start, end, mixed=mixed, safe=safe):
            found.append(backstop_span(start, end, EntityType.PERSON))
            names.add(start, end)
        elif word in DATE_WORDS and is_date_word(text, start, end, word, mixed=mixed):
            found.append(backstop_span(start, end, EntityType.DATE))
        elif not _known_word(word, safe):
            found.append(backstop_span(start, end, EntityType.OTHER))
    return found, pending


def _initial_letters(
    text: str, words: list[re.Match[str]], names: NameEdges, *, mixed: bool
) -> list[TextSpan]:
    """Single letters next to a detected name or unknown word: its initials (``Sarah P.``, ``eric g. lo``).

    In mixed-case text an initial is a capital; in lower-case text, a letter between two.
    """
    found = []
    for match in words:
        start, end = match.span()
        letter = match.group()
        if len(letter) != 1 or letter in "IAa":
            continue
        if letter.islower() and (mixed or not (names.after(end) and names.before(start))):
            continue
        alone = (start == 0 or text[start - 1] in " \t\n(") and (end == len(text) or text[end] in " .,\t\n)")
        if alone and (names.after(end) or names.before(start)):
            found.append(backstop_span(start, end, EntityType.PERSON))
    return found
