"""What the name recognizers know about words: Census given names and surnames, and words that are not names.

Name lists: the US Census Bureau's 1990 name frequency files (``dist.male.first``,
``dist.female.first``, ``dist.all.last``) as shipped in the ``names`` package 0.3.0
(MIT), read from the installed package at first use. Cut-offs: every given name of the
two first-name files (they stop at 0.001% of people, 5,494 names once merged) and the
surnames that together cover the first :data:`SURNAME_CUMULATIVE_PERCENT` percent of
people (about 44,600 of the 88,799 listed); rarer surnames are left to NER and to the
record-aware matcher. On top, international given names and surnames from Faker's
locales (``deid/text/lists/world_given_names.txt`` and ``world_surnames.txt``, which
leave out Census names, English words and place names); each is also listed without
its accents (``Zoltán`` as ``zoltan``).

Each word gets bit flags: :data:`GIVEN`, :data:`SURNAME`, :data:`COMMON` (an English
word or a function word, so capitalisation alone is no evidence) and :data:`NEVER` (a
clinical term, eponym, drug or lab abbreviation: never a name without a title).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text._allow import (
    ENGLISH_NAME_WORDS,
    NAME_STOP_WORDS,
    WORLD_GIVEN_NAMES,
    WORLD_SURNAMES,
    never_name_words,
)

__all__ = [
    "CENSUS_LIST_VERSION",
    "COMMON",
    "GIVEN",
    "NAME_TOKEN",
    "NEVER",
    "SURNAME",
    "SURNAME_CUMULATIVE_PERCENT",
    "NameLexicon",
    "is_name_shaped",
    "name_lexicon",
]

CENSUS_LIST_VERSION = "US Census 1990 name frequencies (names 0.3.0)"
"""Where the name lists come from, for the report."""
SURNAME_CUMULATIVE_PERCENT = 85.0
"""Surnames are kept while their cumulative share of people stays at or under this."""

GIVEN = 1
SURNAME = 2
COMMON = 4
NEVER = 8

NAME_TOKEN = r"[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*"  # noqa: S105 - a regex, not a secret
"""A regex for one name word: letters, with inner apostrophes or hyphens (O'Neil, Lee-Ann)."""

_GIVEN_FILES = ("dist.male.first", "dist.female.first")
_SURNAME_FILE = "dist.all.last"


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Bit flags per lower-case word (see the module docstring).

    Parameters
    ----------
    flags
        Word (lower case) to its flags; words absent have no flag.
    """

    flags: dict[str, int]

    def of(self, word: str) -> int:
        """The flags of ``word`` (any case; a trailing possessive ``'s`` ignored).

        Examples
        --------
        >>> lexicon = name_lexicon()
        >>> bool(lexicon.of("MARY") & GIVEN), bool(lexicon.of("Brown") & COMMON)
        (True, True)
        """
        lowered = word.lower()
        if lowered.endswith(("'s", "\u2019s")):
            lowered = lowered[:-2]
        flags = self.flags.get(lowered)
        if flags is None and not lowered.isascii():
            flags = self.flags.get(_without_accents(lowered))
        return flags or 0


def _without_accents(word: str) -> str:
    """``"josé"`` -> ``"jose"``: the Census lists are ASCII."""
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def _census_words(file_name: str, *, max_cumulative: float) -> list[str]:
    path = resources.files("names").joinpath(file_name)
    words = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4 and float(fields[2]) <= max_cumulative:
            words.append(fields[0].lower())
    return words


@cache
def name_lexicon() -> NameLexicon:
    """The shared lexicon, built once per process (about 0.2 s)."""
    flags: dict[str, int] = {}
    for file_name in _GIVEN_FILES:
        for word in _census_words(file_name, max_cumulative=100.0):
            flags[word] = flags.get(word, 0) | GIVEN
    for word in _census_words(_SURNAME_FILE, max_cumulative=SURNAME_CUMULATIVE_PERCENT):
        flags[word] = flags.get(word, 0) | SURNAME
    for words, flag in ((WORLD_GIVEN_NAMES.words, GIVEN), (WORLD_SURNAMES.words, SURNAME)):
        for word in words:
            flags[word] = flags.get(word, 0) | flag
            plain = _without_accents(word)
            flags[plain] = flags.get(plain, 0) | flag
    for word in ENGLISH_NAME_WORDS.words | NAME_STOP_WORDS.words | STOP_WORDS:
        flags[word] = flags.get(word, 0) | COMMON
    for word in never_name_words():
        flags[word] = flags.get(word, 0) | NEVER
    return NameLexicon(flags=flags)


_LOWER = re.compile(r"[^\W\d_]*[a-z\u00df-\u00ff][^\W\d_]*")


def is_name_shaped(word: str, *, upper_case_text: bool = False) -> bool:
    """Whether ``word`` is written like a name: capitalised, or all capitals in upper-case text.

    Examples
    --------
    >>> is_name_shaped("Patel"), is_name_shaped("patel"), is_name_shaped("PATEL")
    (True, False, False)
    >>> is_name_shaped("PATEL", upper_case_text=True), is_name_shaped("McDonald")
    (True, True)
    """
    if not word[:1].isupper():
        return False
    if word.isupper():
        return upper_case_text or len(word) == 1
    return True
