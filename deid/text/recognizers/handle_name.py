"""Social-media handles, which name their owner: "@ann_lee", "@ AnnLee", "u/annlee"."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NEVER, name_lexicon
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["HandleNameRecognizer"]

_HANDLE = re.compile(
    r"(?<![\w.@/+-])(?:@(?P<gap>[ \t]?)|(?<![^\W_])u[ \t]?/[ \t]?)(?P<handle>[A-Za-z][A-Za-z0-9_]{1,29}"
    r"(?:[ \t]?_(?:[ \t]?[A-Za-z0-9]+)?)*)(?![\w@-]|\.[A-Za-z])"
)
_AT_WORDS = frozenset(
    ("home", "work", "school", "bedtime", "night", "noon", "midnight", "rest", "baseline", "times", "dinner")
)
"""Words notes write after ``@`` meaning "at" (``insulin @bedtime``)."""
_RETWEET_BEFORE = re.compile(r"(?<![^\W_])(?:RT|via|cc|CC)[ \t]*$")
_LABEL_AFTER = re.compile(r"[ \t]*:")
_MIXED_CASE = re.compile(r"[a-z].*[A-Z]|[A-Z].*[a-z]")
_SCORE = 0.6


def _is_handle(handle: str, *, spaced: bool, retweet: bool = False) -> bool:
    """Whether ``handle`` after ``@`` names someone rather than a place, time or dose.

    Written together (``@ann_lee``) any handle counts but a function word or a clinical
    abbreviation (``@rest``, ``@hs``); after a space, as tokenised or hand-typed text has
    it (``@ home``, ``@ 5pm``), the word must be written like a name: in mixed case
    (``@ AnnLee``, ``@ Brythan``) or a listed given name that is no everyday word,
    unless a retweet marks it (``RT @ annlee :``) or it holds an underscore.
    Reddit's ``u/`` (``u / oonab``) is unambiguous, spaced or not.
    """
    lowered = handle.lower()
    flags = name_lexicon().of(handle)
    if lowered in STOP_WORDS or lowered in _AT_WORDS or flags & NEVER:
        return False
    if not spaced or retweet or "_" in handle:
        return True
    if _MIXED_CASE.search(handle) is not None:
        return not flags & COMMON or bool(flags & GIVEN)
    return bool(flags & GIVEN) and not flags & COMMON


class HandleNameRecognizer(NameRecognizer):
    """Handles after ``@`` and Reddit's ``u/``: an account names its owner.

    An e-mail address (``ann@example.org``) is no handle: ``@`` must not follow a word
    character, and the handle must not go on as a domain. Notes' "at" (``@bedtime``,
    ``@ 5pm``, ``10 mg @ HS``) is no handle either.

    Examples
    --------
    >>> text = "RT @ann_lee: thanks to @ Brythan and u/oonab; meet @ home @ 5pm, ann@example.org"
    >>> [text[start:end] for start, end, _ in HandleNameRecognizer().find(text)]
    ['ann_lee', 'Brythan', 'oonab']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Handles naming a person, in text order (the ``@`` left out)."""
        found: list[ScoredSpan] = []
        for match in _HANDLE.finditer(text):
            retweet = (
                _RETWEET_BEFORE.search(text, max(0, match.start() - 4), match.start()) is not None
                and _LABEL_AFTER.match(text, match.end("handle")) is not None
            )
            if _is_handle(match.group("handle"), spaced=bool(match.group("gap")), retweet=retweet):
                found.append((match.start("handle"), match.end("handle"), _SCORE))
        return found
