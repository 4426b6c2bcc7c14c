"""Finding listed phrases (towns, employers) among the words of a text, longest first."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["PhraseIndex", "phrase_spans"]


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Lower-case phrases (tuples of words) by their first word.

    Parameters
    ----------
    by_first
        The phrases that start with each word.
    longest
        The most words a phrase has.
    """

    by_first: dict[str, frozenset[tuple[str, ...]]]
    longest: int

    @classmethod
    def of(cls, phrases: Iterable[tuple[str, ...]]) -> PhraseIndex:
        """The index of ``phrases`` (empty tuples are left out).

        Examples
        --------
        >>> index = PhraseIndex.of([("sioux", "city"), ("omaha",)])
        >>> ("sioux", "city") in index, ("sioux",) in index, index.longest
        (True, False, 2)
        """
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase:
                by_first.setdefault(phrase[0], set()).add(phrase)
        longest = max((len(phrase) for group in by_first.values() for phrase in group), default=0)
        return cls({first: frozenset(group) for first, group in by_first.items()}, longest)

    def __contains__(self, words: object) -> bool:
        return isinstance(words, tuple) and bool(words) and words in self.by_first.get(words[0], frozenset())


def phrase_spans(
    text: str,
    words: list[re.Match[str]],
    index: PhraseIndex,
    *,
    gap: re.Pattern[str],
    accept: Callable[[tuple[str, ...], int], bool],
) -> list[tuple[int, int]]:
    """``(start, end)`` of each listed phrase among ``words`` that ``accept`` confirms.

    At each word the longest listed phrase whose words are separated only by ``gap`` is
    tried first; ``accept(phrase, start)`` decides (a cue before ``start``, a rare word).
    A taken phrase is skipped over; most words start no phrase, and one look-up says so.

    Examples
    --------
    >>> text = "moved to sioux city"
    >>> words = list(re.finditer("[a-z]+", text))
    >>> index = PhraseIndex.of([("sioux", "city")])
    >>> phrase_spans(text, words, index, gap=re.compile(" +"), accept=lambda phrase, start: True)
    [(9, 19)]
    """
    lowered = [match.group().lower() for match in words]
    found: list[tuple[int, int]] = []
    position = 0
    while position < len(words):
        phrases = index.by_first.get(lowered[position])
        if phrases is None:
            position += 1
            continue
        for size in range(min(index.longest, len(words) - position), 0, -1):
            key = tuple(lowered[position : position + size])
            if key not in phrases:
                continue
            run = words[position : position + size]
            if not all(gap.fullmatch(text, a.end(), b.start()) for a, b in itertools.pairwise(run)):
                continue
            if accept(key, run[0].start()):
                found.append((run[0].start(), run[-1].end()))
                position += size - 1
                break
        position += 1
    return found
