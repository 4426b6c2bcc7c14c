"""Resolving overlapping detections into one disjoint, sorted list of spans.

Several recognizers often find the same identifier (a name list and NER, a phone
pattern and a known phone), or overlapping pieces of it. Redaction needs disjoint
spans, and recall is served by hiding the union of what overlapped:

- detections that overlap, directly or through a chain, become one span covering all
  of them, labelled by the *winner*: the longest, then the highest score, then the
  first by entity type and source name (so the result never depends on input order);
- neighbouring spans of the same type separated only by spaces (or, for names, a comma
  or full stop: ``Smith, Mary``, ``J. Smith``) become one span, except dates and ages,
  which are shifted one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan

__all__ = ["merge_spans"]

_GAP = re.compile(r"[ \t]*")
_NAME_GAP = re.compile(r"[ \t]*[,.]?[ \t]*")
_NEVER_JOINED = frozenset({EntityType.DATE, EntityType.AGE_OVER_89})


def _winner(cluster: list[TextSpan]) -> TextSpan:
    return min(
        cluster, key=lambda span: (-(span.end - span.start), -span.score, span.entity_type.value, span.source)
    )


def _resolve_overlaps(spans: list[TextSpan]) -> list[TextSpan]:
    resolved: list[TextSpan] = []
    cluster: list[TextSpan] = []
    cluster_end = -1
    for span in spans:
        if cluster and span.start >= cluster_end:
            resolved.append(_union(cluster))
            cluster = []
        cluster_end = max(cluster_end, span.end) if cluster else span.end
        cluster.append(span)
    if cluster:
        resolved.append(_union(cluster))
    return resolved


def _union(cluster: list[TextSpan]) -> TextSpan:
    winner = _winner(cluster)
    start = min(span.start for span in cluster)
    end = max(span.end for span in cluster)
    if (start, end) == (winner.start, winner.end):
        return winner
    return TextSpan(
        start=start, end=end, entity_type=winner.entity_type, score=winner.score, source=winner.source
    )


def _joinable(text: str, left: TextSpan, right: TextSpan) -> bool:
    if left.entity_type is not right.entity_type or left.entity_type in _NEVER_JOINED:
        return False
    gap = _NAME_GAP if left.entity_type is EntityType.PERSON else _GAP
    return gap.fullmatch(text, left.end, right.start) is not None


def merge_spans(text: str, spans: Iterable[TextSpan]) -> list[TextSpan]:
    """Return disjoint spans sorted by start: overlaps unified, same-type neighbours joined.

    Parameters
    ----------
    text
        The text the spans point into (to look at the gaps between neighbours).
    spans
        Detections in any order; empty spans are ignored.

    Returns
    -------
    list of TextSpan
        Sorted, pairwise disjoint spans.

    Examples
    --------
    >>> text = "Mary Smith 555-0100"
    >>> found = [
    ...     TextSpan(start=0, end=4, entity_type=EntityType.PERSON, score=0.6, source="A"),
    ...     TextSpan(start=5, end=10, entity_type=EntityType.PERSON, score=0.9, source="B"),
    ...     TextSpan(start=11, end=19, entity_type=EntityType.PHONE, score=0.7, source="C"),
    ... ]
    >>> [(s.start, s.end, s.entity_type.value) for s in merge_spans(text, found)]
    [(0, 10, 'PERSON'), (11, 19, 'PHONE')]
    """
    ordered = sorted(
        (span for span in spans if span.end > span.start), key=lambda span: (span.start, span.end)
    )
    joined: list[TextSpan] = []
    for span in _resolve_overlaps(ordered):
        if joined and _joinable(text, joined[-1], span):
            left = joined[-1]
            joined[-1] = TextSpan(
                start=left.start,
                end=span.end,
                entity_type=left.entity_type,
                score=max(left.score, span.score),
                source=left.source if left.score >= span.score else span.source,
            )
        else:
            joined.append(span)
    return joined
