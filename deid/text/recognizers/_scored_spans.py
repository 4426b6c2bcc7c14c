"""Spans found by the organisation recognizers: start, end and score, overlapping ones merged."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ScoredSpan", "merged"]

ScoredSpan = tuple[int, int, float]
"""A detection's start, end and score."""


def merged(spans: Iterable[ScoredSpan]) -> list[ScoredSpan]:
    """Overlapping spans as one, with the best score among them, in text order.

    Examples
    --------
    >>> merged([(10, 20, 0.6), (0, 4, 0.85), (15, 30, 0.85)])
    [(0, 4, 0.85), (10, 30, 0.85)]
    """
    result: list[ScoredSpan] = []
    for start, end, score in sorted(spans):
        if result and start < result[-1][1]:
            last_start, last_end, last_score = result[-1]
            result[-1] = (last_start, max(last_end, end), max(last_score, score))
        else:
            result.append((start, end, score))
    return result
