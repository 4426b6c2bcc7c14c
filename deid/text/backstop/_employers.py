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

import re
from functools import cache

from deid.text._allow import EMPLOYERS
from deid.text._safelist import SafeList
from deid.text.backstop._phrases import PhraseIndex, phrase_spans

__all__ = ["employer_spans"]

_LONGEST = 4
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
"""A word as the backstop reads it (letters with inner apostrophes)."""
_GAP = re.compile(r"[ \t]+|[ \t]*[-&][ \t]*")
"""Between the words of one name: blanks, a hyphen (``hy-vee``) or an ampersand (``procter & gamble``)."""
_CUE_BEFORE = re.compile(r"\b(?:at|for)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
_CUE_WINDOW = 12


@cache
def _phrases() -> PhraseIndex:
    """Each listed employer as a tuple of lower-case words."""
    return PhraseIndex.of(
        tuple(_WORD.findall(name))
        for name in EMPLOYERS.words
        if len(_WORD.findall(name)) <= _LONGEST and not any(char.isdigit() for char in name)
    )


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

    def confirmed(phrase: tuple[str, ...], start: int) -> bool:
        if _CUE_BEFORE.search(text, max(0, start - _CUE_WINDOW), start) is not None:
            return True
        return any(word not in safe.frequent for word in phrase)

    return phrase_spans(text, words, _phrases(), gap=_GAP, accept=confirmed)
