"""Towns whose names are made of everyday words: ``Council Bluffs``, ``Sun City``, ``Upper Darby``.

Each word of such a name is safe on its own, so the word lists cannot catch it. The
backstop looks the words up as a phrase in the gazetteer the city recognizer uses
(GeoNames: US places of 1,000 people or more, elsewhere of 15,000 or more) and replaces
the phrase when a place cue stands before it (``lives in``, ``from``, ``to``) or one of its
words is not an everyday word (``Sioux City``, ``Upper Darby``), in any letter case.
"""

from __future__ import annotations

import re
from functools import cache

from deid.text._safelist import SafeList
from deid.text.backstop._phrases import PhraseIndex, phrase_spans

__all__ = ["is_place_phrase", "place_phrase_spans"]

_LONGEST = 4
_GAP = re.compile(r"[ \t]+")
_CUE_WINDOW = 12
_PLACE_CUE = re.compile(
    r"\b(?:in|from|to|at|near|of|lives|live|living|moved|visiting|@)[ \t]*$", re.IGNORECASE
)


@cache
def _phrases() -> PhraseIndex:
    """Every gazetteer place name of two to four words, as lower-case word tuples."""
    from deid.text.recognizers._world_places import place_names  # noqa: PLC0415 - loaded on first use

    words = (tuple(re.findall(r"[^\W\d_]+", name.lower())) for name in place_names())
    return PhraseIndex.of(phrase for phrase in words if 2 <= len(phrase) <= _LONGEST)


def is_place_phrase(words: tuple[str, ...]) -> bool:
    """Whether the lower-case ``words`` name a gazetteer place of two to four words.

    Examples
    --------
    >>> is_place_phrase(("lake", "charles")), is_place_phrase(("lake", "view", "drive"))
    (True, False)
    """
    return words in _phrases()


def place_phrase_spans(text: str, words: list[re.Match[str]], safe: SafeList) -> list[tuple[int, int]]:
    """``(start, end)`` of each gazetteer place phrase in ``text`` that a cue or a rare word confirms.

    Parameters
    ----------
    text
        The text.
    words
        Its words outside the detections, in order.
    safe
        The safe list (which words are everyday words).

    Returns
    -------
    list of tuple of (int, int)
        Offsets of the phrases.
    """

    def confirmed(phrase: tuple[str, ...], start: int) -> bool:
        if _PLACE_CUE.search(text, max(0, start - _CUE_WINDOW), start) is not None:
            return True
        return any(not safe.is_safe(word) or word in safe.place_words for word in phrase)

    return phrase_spans(text, words, _phrases(), gap=_GAP, accept=confirmed)
