"""Names in enumerations: "They had three: Efimiya, Mary and Ariana", "Marrero and Murphy"."""

from __future__ import annotations

import itertools
import re
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text._allow import ORGANISATION_WORDS
from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NAME_TOKEN, NEVER, SURNAME, name_lexicon
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["EnumeratedNameRecognizer"]

_SEPARATOR = r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
_ENUMERATION = re.compile(rf"(?<![^\W_]){NAME_TOKEN}(?:{_SEPARATOR}{NAME_TOKEN})+(?![^\W_])")
_ITEM = re.compile(NAME_TOKEN)
_CONNECTORS = frozenset(("and", "or"))
_LISTED = GIVEN | SURNAME
_MIN_LONG = 3
_SCORE = 0.6


def _case(word: str) -> str:
    if word.islower():
        return "lower"
    if word[0].isupper() and not word.isupper():
        return "title"
    return "other"


def _plain(flags: int) -> bool:
    return bool(flags & _LISTED) and not flags & (COMMON | NEVER)


def _names_in(items: list[re.Match[str]]) -> list[re.Match[str]]:
    """The items of one enumeration that are names, or none when it is no list of names."""
    lexicon = name_lexicon()
    if len(items) < 2:
        return []
    words = [item.group() for item in items]
    flags = [lexicon.of(word) for word in words]
    case = _case(words[0])
    if case == "other" or any(_case(word) != case for word in words):
        return []
    if any(
        flag & NEVER or word.lower() in STOP_WORDS or word.lower() in ORGANISATION_WORDS
        for word, flag in zip(words, flags, strict=True)
    ):
        return []
    plain = sum(_plain(flag) for flag in flags)
    if len(items) < _MIN_LONG:
        # two items: both listed names, one of them no everyday word ("Marrero and Murphy")
        return items if all(flag & _LISTED for flag in flags) and plain >= 1 and case == "title" else []
    if plain < 2 or 2 * plain < len(items):
        return []
    # in lower case only listed names count; in Title case unknown words too ("Efimiya")
    return [
        item
        for item, flag in zip(items, flags, strict=True)
        if flag & _LISTED or (case == "title" and not flag & COMMON)
    ]


class EnumeratedNameRecognizer(NameRecognizer):
    """Names listed with commas and "and": most items must be listed names that are no everyday words.

    A list of three or more single words in one case counts when at least two, and at
    least half, of its items are listed given names or surnames that are no everyday
    words; then every listed or unknown capitalised item is taken. A pair
    ("Marrero and Murphy") needs two listed Title-case names, one of them no everyday
    word. Lists holding a clinical term, a function word or an organisation word are
    left alone ("Crohn, Parkinson and Wilson").

    Examples
    --------
    >>> text = "They had three: Efimiya, Mary and Ariana. Hx Crohn, Parkinson and Wilson."
    >>> [text[start:end] for start, end, _ in EnumeratedNameRecognizer().find(text)]
    ['Efimiya', 'Mary', 'Ariana']
    """

    covered_by_backstop: ClassVar[bool] = True

    def find(self, text: str) -> list[ScoredSpan]:
        """Names found in enumerations, in text order."""
        found: list[ScoredSpan] = []
        for enumeration in _ENUMERATION.finditer(text):
            items = [
                item
                for item in _ITEM.finditer(text, enumeration.start(), enumeration.end())
                if item.group().lower() not in _CONNECTORS
            ]
            # "the founders, Marrero and Murphy, met": judge each run of items in one case
            for _, run in itertools.groupby(items, key=lambda item: _case(item.group())):
                found.extend((item.start(), item.end(), _SCORE) for item in _names_in(list(run)))
        return found
