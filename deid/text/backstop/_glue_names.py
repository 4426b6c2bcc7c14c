"""Completing a detected name: its initials, the words beyond them, its given name, suffix and particles.

``Maja S Hermansen`` and ``leidy t muris`` are a given name, an initial and a surname;
when the detectors found one of the two words, the initial and the other word belong to
the same name (in mixed-case text both words capitalised; in a text with no capital
near it both in lower case; neither a function word, and the initial not a conjunction
of another language, ``comer y está``). ``Kevin Veitonen II`` and ``Ray Boone Jr.`` end
with a suffix that is part of the name (a Roman numeral only after two name words, not
after an eponym such as ``Forrest III``). So do a comma and an initial after a name
(``KIM, S``), an initial with its dot before one (``b. castellano``) and a hyphenated
particle after one (``yusuf al-sayed``, ``Omar El-Amin``). In mixed-case text a
capitalised word right before a detected person's name that is no everyday or clinical
word is the given name (``Patient: Ignatius Pappas``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from data_contracts.entities import EntityType
from deid.text._safelist import SafeList
from deid.text._spans import TextSpan
from deid.text.backstop._names import third_person_verb
from deid.text.backstop._span import backstop_span

__all__ = ["name_completions"]

_NAME_TYPES = frozenset({EntityType.PERSON, EntityType.OTHER})
_INITIAL = r"(?P<initial>[B-HJ-Z]|[b-df-hj-np-tw-xz])"
"""A capital but ``A`` and ``I``, or a lower-case letter that is no word (``a i o e u v y``)."""
_INITIAL_THEN_WORD = re.compile(rf"[ \t]+{_INITIAL}\.?[ \t]+(?P<word>[^\W\d_]{{2,}})(?![\w'\u2019-])")
_WORD_THEN_INITIAL = re.compile(rf"(?<![\w'\u2019-])(?P<word>[^\W\d_]{{2,}})[ \t]+{_INITIAL}\.?[ \t]+$")
_COMMA_INITIAL = re.compile(r",[ \t]*[B-HJ-Z]\.?(?![\w'\u2019-])")
_DOTTED_INITIAL_BEFORE = re.compile(r"(?<![\w.'\u2019-])[b-df-hj-np-tw-xz]\.[ \t]*$")
_HYPHENATED_PARTICLE = re.compile(
    r"[ \t]+(?i:al|el|ul|abu|abd|bin|ben|ibn|bint|ait|ou)-[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*(?![\w'\u2019-])"
)
_GIVEN_BEFORE = re.compile(r"(?<![\w'\u2019.-])(?P<word>[A-Z][a-z]{2,})[ \t]+$")
_SUFFIX = re.compile(r",?[ \t]+(?:(?P<generation>(?i:jr|sr)\.?)|II|III|IV)(?![\w'\u2019-])")
_LOOK_BACK = 40


def _same_style(text: str, position: int, word: str, initial: str) -> bool:
    """A capitalised word with a capital initial, or lower-case ones where no capital is near."""
    if word.lower() in STOP_WORDS:
        return False
    if initial.isupper():
        return word[0].isupper() and not word.isupper()
    window = text[max(0, position - _LOOK_BACK) : position + _LOOK_BACK]
    return word.islower() and not any(char.isupper() for char in window)


def name_completions(text: str, spans: Sequence[TextSpan], *, safe: SafeList | None = None) -> list[TextSpan]:
    """Initials, the word on their far side, and suffixes that complete a detected name.

    Parameters
    ----------
    text
        The text.
    spans
        Disjoint spans sorted by start (detectors and backstop merged).
    safe
        The safe list, which tells everyday words from possible first names (without
        it, any capitalised word may be a first name).

    Returns
    -------
    list of TextSpan
        ``PERSON`` spans to add.

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> text = "pls call codey m ross back"
    >>> found = [TextSpan(start=9, end=14, entity_type=EntityType.PERSON, score=1.0, source="x")]
    >>> [text[s.start : s.end] for s in name_completions(text, found)]
    [' m ross']
    >>> text = "Kevin Veitonen II called"
    >>> found = [
    ...     TextSpan(start=0, end=5, entity_type=EntityType.PERSON, score=1.0, source="x"),
    ...     TextSpan(start=6, end=14, entity_type=EntityType.OTHER, score=1.0, source="x"),
    ... ]
    >>> [text[s.start : s.end] for s in name_completions(text, found)]
    [' II']
    """
    added: list[TextSpan] = []
    previous: TextSpan | None = None
    for span in spans:
        if span.entity_type in _NAME_TYPES:
            added.extend(_around_initial(text, span, safe))
            suffix = _SUFFIX.match(text, span.end)
            if suffix is not None and (suffix.group("generation") or _after_name(text, span, previous)):
                added.append(backstop_span(span.end, suffix.end(), EntityType.PERSON))
        previous = span
    return added


def _around_initial(text: str, span: TextSpan, safe: SafeList | None) -> list[TextSpan]:
    """The initial and the word beyond it, on either side of a detected name, and attached pieces."""
    found = [
        backstop_span(match.start(), match.end(), EntityType.PERSON)
        for match in (
            _COMMA_INITIAL.match(text, span.end),
            _HYPHENATED_PARTICLE.match(text, span.end),
            _DOTTED_INITIAL_BEFORE.search(text, max(0, span.start - _LOOK_BACK), span.start),
        )
        if match is not None
    ]
    after = _INITIAL_THEN_WORD.match(text, span.end)
    if after is not None and _same_style(text, span.end, after.group("word"), after.group("initial")):
        found.append(backstop_span(span.end, after.end(), EntityType.PERSON))
    given = _GIVEN_BEFORE.search(text, max(0, span.start - _LOOK_BACK), span.start)
    if (
        given is not None
        and span.entity_type is EntityType.PERSON
        and text[span.start].isupper()
        and not _everyday(given.group("word").lower(), safe, given_names_too=True)
    ):
        found.append(backstop_span(given.start(), span.start, EntityType.PERSON))
    before = _WORD_THEN_INITIAL.search(text, max(0, span.start - _LOOK_BACK), span.start)
    if (
        before is not None
        and _same_style(text, span.start, before.group("word"), before.group("initial"))
        and not _everyday(before.group("word").lower(), safe, given_names_too=False)
    ):
        found.append(backstop_span(before.start(), span.start, EntityType.PERSON))
    return found


def _everyday(word: str, safe: SafeList | None, *, given_names_too: bool) -> bool:
    """Whether a lower-case word is a function, frequent, clinical or verb word, so no first name.

    A frequent word that is also a given name (``brad``, ``son``) counts as everyday only
    when ``given_names_too``.
    """
    if word in STOP_WORDS:
        return True
    if safe is None:
        return False
    if word in safe.clinical or word in safe.base_verbs or third_person_verb(word, safe):
        return True
    return word in safe.frequent and (given_names_too or word not in safe.given_names)


def _after_name(text: str, span: TextSpan, previous: TextSpan | None) -> bool:
    """Whether ``span`` ends a name of two words or more (``Kevin Veitonen``), alone or after another.

    A Roman numeral follows a full name only: after a lone word it may grade an eponym
    (``Forrest III``).
    """
    if span.entity_type is EntityType.PERSON and " " in text[span.start : span.end].strip():
        return True
    return (
        previous is not None
        and previous.entity_type in _NAME_TYPES
        and text[previous.end : span.start].strip(" \t") == ""
        and text[span.start].isupper()
    )
