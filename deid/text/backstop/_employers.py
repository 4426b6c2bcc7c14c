"""Employers by name: large US employers and chains, which the word lists take for English.

``walmart``, ``hy-vee`` or ``union pacific`` are frequent on the web, so the safe list
lets them through; a patient's employer is an identifier all the same. The backstop looks
each run of one to four words up in the versioned employer list
(:data:`~deid.text._allow.EMPLOYERS`) and replaces it as ``EMPLOYER``, in any letter case,
when one of its words is no frequent English word (``walmart``, ``Hy-Vee``), or when it
follows ``at`` or ``for`` (``at union pacific``, whose words are both everyday words;
``job at the amazon warehouse``).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from deid.text._allow import EMPLOYERS
from deid.text._safelist import SafeList

__all__ = ["employer_spans"]

_LONGEST = 4
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
"""A word as the backstop reads it (letters with inner apostrophes)."""
_GAP = re.compile(r"[ \t]+|[ \t]*[-&][ \t]*")
"""Between the words of one name: blanks, a hyphen (``hy-vee``) or an ampersand (``procter & gamble``)."""
_CUE_BEFORE = re.compile(r"\b(?:at|for)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
_CUE_WINDOW = 12


@cache
def _phrases() -> dict[str, frozenset[tuple[str, ...]]]:
    """Each listed employer as a tuple of lower-case words, by its first word."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for name in EMPLOYERS.words:
        words = tuple(_WORD.findall(name))
        if 1 <= len(words) <= _LONGEST and not any(char.isdigit() for char in name):
            by_first.setdefault(words[0], set()).add(words)
    return {first: frozenset(phrases) for first, phrases in by_first.items()}


def employer_spans(text: str, words: list[re.Match[str]], safe: SafeList) -> list[tuple[int, int]]:
    """``(start, end)`` of each listed employer in ``text`` that a rare word or a cue confirms.

    Parameters
    ----------
    text
        The text.
    words
        Its words outside the detections, in order.
    safe
        The safe list (which words are frequent English).

    Returns
    -------
    list of tuple of (int, int)
        Offsets of the employer names.
    """
    by_first = _phrases()
    lowered = [match.group().lower() for match in words]
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        phrases = by_first.get(lowered[index])
        if phrases is None:
            index += 1
            continue
        for size in range(min(_LONGEST, len(words) - index), 0, -1):
            key = tuple(lowered[index : index + size])
            run = words[index : index + size]
            if key not in phrases or not all(
                _GAP.fullmatch(text, a.end(), b.start()) for a, b in itertools.pairwise(run)
            ):
                continue
            cued = _CUE_BEFORE.search(text, max(0, run[0].start() - _CUE_WINDOW), run[0].start()) is not None
            if cued or any(word not in safe.frequent for word in key):
                found.append((run[0].start(), run[-1].end()))
                index += size - 1
                break
        index += 1
    return found
