"""Names from the Census name lists: "Mary Smith", "SMITH, MARY", and single names where evidence allows.

One pass of a precompiled word regex over the text, each word looked up once in the
lexicon of :mod:`deid.text.recognizers.name_lexicon`; no NLP. Python's ``re`` gives
character offsets directly, so non-ASCII text needs no byte-offset conversion.

Rules, from strongest to weakest:

- a listed given name followed by a listed surname, on one line, with at most a middle
  initial between (``Mary A. Smith``), in Title case, in capitals or in lower case, unless
  either is a clinical term or a function word, or both are everyday words (``Will Hunt``);
  after a plain given name (no everyday word) an eponym or function word listed as a
  surname still counts (``Cheryl Allen``, ``Tony May``);
  in capitals or lower case neither may be an everyday word (``CLEAR YELLOW`` is no name);
  a further listed surname extends the name (``Mary Ann Smith``);
- ``Surname, Given`` under the same conditions;
- a plain listed given name (no everyday word) in Title case followed by any capitalised
  word that is no everyday word, clinical term or function word (``Gyala Antall``): the
  surname lists can never be complete, so the given name is the evidence;
- a single listed name, capitalised (not all capitals) in mid-sentence, that is not an
  everyday English word, a month or weekday, a clinical term, a drug, an eponym or an
  abbreviation, and does not follow a determiner ("the President", "this Meta post");
  with a possessive ("Trump's plan") even an everyday word;
- a capitalised word with letters English does not use ("Aristóteles"), anywhere.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text._allow import ORGANISATION_WORDS
from deid.text.recognizers.name_lexicon import (
    COMMON,
    GIVEN,
    NAME_TOKEN,
    NEVER,
    SURNAME,
    NameLexicon,
    name_lexicon,
)
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["CensusNameRecognizer"]

_WORD = re.compile(NAME_TOKEN)
_NAME_GAP = re.compile(r"[ \t]+(?:[A-Za-z]\.?[ \t]+)?")
_SURNAME_FIRST_GAP = re.compile(r"[ \t]*,[ \t]*")
_MID_SENTENCE_BEFORE = re.compile(r"[a-z0-9,][ \t]+$")
_PAIR_SCORE = 0.85
_PAIR_SCORE_UNCASED = 0.7
_HALF_PAIR_SCORE = 0.6
_SINGLE_SCORE = 0.55
_MIN_SINGLE_LENGTH = 3
_LOOKBACK = 3
_CALENDAR_WORDS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    )
)
_NOT_SURNAMES = ORGANISATION_WORDS | _CALENDAR_WORDS
_NOT_SINGLE_NAMES = STOP_WORDS | _CALENDAR_WORDS
_DETERMINER_BEFORE = re.compile(
    r"(?<![^\W_])(?i:the|a|an|this|that|these|those|every|each|our|your|their|its)[ \t]+$"
)
_DETERMINER_LOOKBACK = 8
_POSSESSIVE = ("'s", "\u2019s")
_FOREIGN_LETTER = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_LOANWORDS = frozenset(
    ("café", "cafés", "résumé", "fiancé", "fiancée", "naïve", "déjà", "protégé", "crème", "entrée", "façade")
)
_FOREIGN_SCORE = 0.5
_LISTED = GIVEN | SURNAME
_POSSESSIVE_AFTER = re.compile(r"[ \t]?['\u2019][ \t]?s(?![^\W_])")


def _case(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    if word.islower():
        return "lower"
    return "title" if word[0].isupper() else "mixed"


def _pair_ok(first: str, second: str, *, flags: tuple[int, int], needs: tuple[int, int]) -> bool:
    (first_flag, second_flag), (first_needs, second_needs) = flags, needs
    case = _case(first)
    if case == "mixed" or _case(second) != case:
        return False
    if not first_flag & first_needs or not second_flag & second_needs or first.lower() in STOP_WORDS:
        return False
    if second_flag & NEVER or second.lower() in STOP_WORDS:
        # an eponym or a function word ("Allen", "May") is a surname after a plain given name
        if not _plain_given(first, first_flag) or first_needs != GIVEN:
            return False
        second_flag &= ~NEVER
    if first_flag & NEVER:
        return False
    if case == "title":
        return not (first_flag & COMMON and second_flag & COMMON)
    return not (first_flag | second_flag) & COMMON


def _plain_given(word: str, flags: int) -> bool:
    """A listed given name that is no everyday word, clinical term or function word."""
    return bool(flags & GIVEN) and not flags & (COMMON | NEVER) and word.lower() not in STOP_WORDS


def _unlisted_surname_ok(word: str, flags: int) -> bool:
    """A capitalised word after a plain given name that may be an unlisted surname."""
    return (
        _case(word) in ("title", "mixed")
        and not flags & (COMMON | NEVER)
        and word.lower() not in STOP_WORDS
        and word.lower() not in _NOT_SURNAMES
    )


def _single_ok(text: str, word: str, start: int, flags: int) -> bool:
    if _case(word) != "title" or len(word) < _MIN_SINGLE_LENGTH:
        return False
    if not flags & (GIVEN | SURNAME) or flags & (COMMON | NEVER) or word.lower() in _NOT_SINGLE_NAMES:
        return False
    if _MID_SENTENCE_BEFORE.search(text, max(0, start - _LOOKBACK - 1), start) is None:
        return False
    # "the President", "this Meta post": a noun or a title, not a person
    return _DETERMINER_BEFORE.search(text, max(0, start - _DETERMINER_LOOKBACK), start) is None


def _foreign_ok(word: str, flags: int) -> bool:
    """A capitalised word with letters English does not use ("Aristóteles", "Szôllôssy")."""
    return (
        _case(word) == "title"
        and len(word) >= _MIN_SINGLE_LENGTH
        and not word.isascii()
        and _FOREIGN_LETTER.search(word) is not None
        and not flags & (COMMON | NEVER)
        and word.lower() not in _LOANWORDS
    )


def _possessive_ok(text: str, word: str, start: int, end: int, flags: int) -> bool:
    """A listed name, even an everyday word, in mid-sentence with a possessive: "Trump's plan"."""
    bare = word[:-2] if word.endswith(_POSSESSIVE) else word
    if bare == word and _POSSESSIVE_AFTER.match(text, end) is None:
        return False
    if _case(bare) != "title" or len(bare) < _MIN_SINGLE_LENGTH or bare.lower() in _NOT_SINGLE_NAMES:
        return False
    if not flags & (GIVEN | SURNAME) or flags & NEVER:
        return False
    if _MID_SENTENCE_BEFORE.search(text, max(0, start - _LOOKBACK - 1), start) is None:
        return False
    return _DETERMINER_BEFORE.search(text, max(0, start - _DETERMINER_LOOKBACK), start) is None


class CensusNameRecognizer(NameRecognizer):
    """Given-surname pairs, ``Surname, Given`` and evidenced single names from the Census lists.

    Examples
    --------
    >>> note = "Seen with MARY SMITH. Hx Parkinson disease; call Amy Patel or Hailey."
    >>> [note[start:end] for start, end, _ in CensusNameRecognizer().find(note)]
    ['MARY SMITH', 'Amy Patel', 'Hailey']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Names found by the list rules, in text order."""
        lexicon = name_lexicon()
        words = [
            (match.start(), match.end(), match.group())
            for match in _WORD.finditer(text)
            if match.end() - match.start() > 1
        ]
        flags = [lexicon.of(word) for _, _, word in words]
        found: list[ScoredSpan] = []
        index = 0
        while index < len(words):
            if not flags[index] & _LISTED and words[index][2].isascii():
                index += 1  # every rule starts from a listed name or a foreign-looking word
                continue
            consumed = self._pair_at(text, words, flags, index, found=found, lexicon=lexicon)
            if consumed:
                index += consumed
                continue
            start, end, word = words[index]
            if _single_ok(text, word, start, flags[index]):
                found.append((start, end, _SINGLE_SCORE))
            elif _foreign_ok(word, flags[index]):
                found.append((start, end - 2 if word.endswith(_POSSESSIVE) else end, _FOREIGN_SCORE))
            elif _possessive_ok(text, word, start, end, flags[index]):
                found.append((start, end - 2 if word.endswith(_POSSESSIVE) else end, _SINGLE_SCORE))
            index += 1
        return found

    @staticmethod
    def _pair_at(
        text: str,
        words: list[tuple[int, int, str]],
        flags: list[int],
        index: int,
        *,
        found: list[ScoredSpan],
        lexicon: NameLexicon,
    ) -> int:
        """Record a two-word name starting at ``index``; return how many words it used (0 if none)."""
        if index + 1 >= len(words):
            return 0
        (start, first_end, first), (second_start, end, second) = words[index], words[index + 1]
        gap = text[first_end:second_start]
        score = _PAIR_SCORE if _case(first) == "title" else _PAIR_SCORE_UNCASED
        if _NAME_GAP.fullmatch(gap) and _pair_ok(
            first, second, flags=(flags[index], flags[index + 1]), needs=(GIVEN, SURNAME)
        ):
            used = 2
            if index + 2 < len(words):
                third_start, third_end, third = words[index + 2]
                third_flags = lexicon.of(third)
                if (
                    _NAME_GAP.fullmatch(text[end:third_start])
                    and _case(third) == _case(second)
                    and third_flags & SURNAME
                    and not third_flags & (COMMON | NEVER)
                ):
                    end, used = third_end, 3
            found.append((start, end, score))
            return used
        if _SURNAME_FIRST_GAP.fullmatch(gap) and _pair_ok(
            first, second, flags=(flags[index], flags[index + 1]), needs=(SURNAME, GIVEN)
        ):
            found.append((start, end, score))
            return 2
        if (
            _NAME_GAP.fullmatch(gap)
            and _case(first) == "title"
            and _plain_given(first, flags[index])
            and _unlisted_surname_ok(second, flags[index + 1])
        ):
            found.append((start, end, _HALF_PAIR_SCORE))
            return 2
        return 0
