"""Read the name that follows a cue (a title, a role, a sign-off), word by word.

The cue is the evidence; the reader decides how far the name runs. The first word must
be written like a name (capitalised, or all capitals in upper-case text, or a listed
given name in lower-case text) and must not be a function word; later words must look
like names too and must not be everyday words, so "wife Mary at bedside" and "SON JOHN
UPDATED" stop after the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import (
    COMMON,
    GIVEN,
    NAME_TOKEN,
    NEVER,
    SURNAME,
    is_name_shaped,
    name_lexicon,
)

__all__ = ["NameCue", "is_upper_case_text", "read_name_at"]

_NEXT_TOKEN = re.compile(rf"[ \t]*(?:(?P<initial>[A-Z]\.)|(?P<word>{NAME_TOKEN}))")
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")
_UPPER_WINDOW = 40
_MIN_LETTERS_FOR_CASE = 6
_LISTED = GIVEN | SURNAME


@dataclass(frozen=True, slots=True, kw_only=True)
class NameCue:
    """How strong the evidence before a name is.

    Parameters
    ----------
    strong
        A title (``Dr.``, ``Mrs.``): any capitalised word is taken, even an eponym or a
        word on the name stop list.
    lower_case_given
        In lower-case text, also take a listed given name written in lower case
        (``"spoke w/ wife mary"``).
    max_words
        The most words the name may have.
    """

    strong: bool = False
    lower_case_given: bool = True
    max_words: int = 3


def is_upper_case_text(text: str, position: int) -> bool:
    """Whether the text around ``position`` is written in capitals (nursing-note style).

    Examples
    --------
    >>> is_upper_case_text("PT RESTING. WIFE MARY AT BEDSIDE", 17)
    True
    >>> is_upper_case_text("Pt resting. Wife MARY at bedside", 17)
    False
    """
    window = text[max(0, position - _UPPER_WINDOW) : position + _UPPER_WINDOW]
    letters = [char for char in window if char.isalpha()]
    return len(letters) >= _MIN_LETTERS_FOR_CASE and all(char.isupper() for char in letters)


def _first_word_ok(word: str, flags: int, *, upper: bool, cue: NameCue) -> bool:
    if word.lower() in STOP_WORDS:
        return False
    if not is_name_shaped(word, upper_case_text=upper):
        if not cue.lower_case_given or not word.islower() or flags & NEVER:
            return False
        # after a title ("dr. randy strong") a listed name may also be an everyday word
        return bool(flags & _LISTED) if cue.strong else bool(flags & GIVEN) and not flags & COMMON
    if cue.strong:
        return True
    if upper:
        return bool(flags & _LISTED) and not flags & NEVER
    return not flags & NEVER


def _later_word_ok(word: str, flags: int, *, upper: bool, strong: bool) -> bool:
    if word.lower() in STOP_WORDS or flags & NEVER:
        return False
    if word.islower():
        return bool(flags & SURNAME) and (strong or not flags & COMMON)
    if not is_name_shaped(word, upper_case_text=upper):
        return False
    if upper:
        return bool(flags & _LISTED) and not flags & COMMON
    return not flags & COMMON or bool(flags & _LISTED)


def read_name_at(text: str, position: int, cue: NameCue) -> tuple[int, int] | None:
    """The ``(start, end)`` of the name starting at ``position`` (spaces skipped), or None.

    Initials count as words (``A. Patel``, ``Amy P.``) but a name needs at least one
    whole word; a trailing possessive ``'s`` is left out of the span.

    Examples
    --------
    >>> note = "pt's wife Mary Ann at bedside"
    >>> start, end = read_name_at(note, 9, NameCue())
    >>> note[start:end]
    'Mary Ann'
    >>> read_name_at("wife at bedside", 4, NameCue()) is None
    True
    """
    lexicon = name_lexicon()
    upper = is_upper_case_text(text, position)
    start: int | None = None
    end = position
    words = 0
    has_word = False
    while words < cue.max_words:
        match = _NEXT_TOKEN.match(text, end)
        if match is None:
            break
        if match.group("initial") is not None:
            if start is None:
                start = match.start("initial")
            end = match.end("initial")
            words += 1
            continue
        word = match.group("word")
        flags = lexicon.of(word)
        accepted = (
            _first_word_ok(word, flags, upper=upper, cue=cue)
            if not has_word
            else _later_word_ok(word, flags, upper=upper, strong=cue.strong)
        )
        if not accepted:
            break
        if start is None:
            start = match.start("word")
        end = match.end("word")
        words += 1
        has_word = True
        if word.endswith(_POSSESSIVE):
            end -= 2
            break
    if start is None or not has_word:
        return None
    return start, end
