"""Towns whose names are made of everyday words: ``Council Bluffs``, ``Sun City``, ``Upper Darby``.

Each word of such a name is safe on its own, so the word lists cannot catch it. The
backstop looks the words up as a phrase in the gazetteer the city recognizer uses
(GeoNames: US places of 1,000 people or more, elsewhere of 15,000 or more) and replaces
the phrase when a place cue stands before it (``lives in``, ``from``, ``to``) or one of its
words is not an everyday word (``Sioux City``, ``Upper Darby``), in any letter case.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from deid.text._safelist import SafeList

__all__ = ["is_place_phrase", "place_phrase_spans"]

_LONGEST = 4
_GAP = re.compile(r"[ \t]+")
_PLACE_CUE = re.compile(
    r"\b(?:in|from|to|at|near|of|lives|live|living|moved|visiting|@)[ \t]*$", re.IGNORECASE
)


@cache
def _phrases() -> dict[str, frozenset[tuple[str, ...]]]:
    """Every gazetteer place name of two to four words, as lower-case word tuples, by first word."""
    from deid.text.recognizers._world_places import place_names  # noqa: PLC0415 - loaded on first use

    by_first: dict[str, set[tuple[str, ...]]] = {}
    for name in place_names():
        words = tuple(re.findall(r"[^\W\d_]+", name.lower()))
        if 2 <= len(words) <= _LONGEST:
            by_first.setdefault(words[0], set()).add(words)
    return {first: frozenset(phrases) for first, phrases in by_first.items()}


def is_place_phrase(words: tuple[str, ...]) -> bool:
    """Whether the lower-case ``words`` name a gazetteer place of two to four words.

    Examples
    --------
    >>> is_place_phrase(("lake", "charles")), is_place_phrase(("lake", "view", "drive"))
    (True, False)
    """
    return words in _phrases().get(words[0], frozenset()) if words else False


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
    by_first = _phrases()
    lowered = [match.group().lower() for match in words]
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        phrases = by_first.get(lowered[index])
        if phrases is None:  # most words start no place name: one look-up decides
            index += 1
            continue
        for size in range(min(_LONGEST, len(words) - index), 1, -1):
            key = tuple(lowered[index : index + size])
            if key not in phrases:
                continue
            run = words[index : index + size]
            if not all(_GAP.fullmatch(text, a.end(), b.start()) for a, b in itertools.pairwise(run)):
                continue
            cued = _PLACE_CUE.search(text, max(0, run[0].start() - 12), run[0].start()) is not None
            if cued or any(not safe.is_safe(word) or word in safe.place_words for word in key):
                found.append((run[0].start(), run[-1].end()))
                index += size - 1
                break
        index += 1
    return found
