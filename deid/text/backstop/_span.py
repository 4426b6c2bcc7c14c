"""The spans the backstop adds, and the mask of what the detectors already cover."""

from __future__ import annotations

from collections.abc import Sequence

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan

__all__ = ["BACKSTOP_SOURCE", "backstop_span", "covered_mask", "overlaps"]

BACKSTOP_SOURCE = "SafeListBackstop"
"""The ``source`` of every span the backstop adds (counted in the report)."""
_SCORE = 0.5


def backstop_span(start: int, end: int, entity: EntityType) -> TextSpan:
    """A span found by the backstop."""
    return TextSpan(start=start, end=end, entity_type=entity, score=_SCORE, source=BACKSTOP_SOURCE)


def covered_mask(length: int, spans: Sequence[TextSpan]) -> bytearray:
    """One byte per character of the text: 1 where a span covers it."""
    mask = bytearray(length)
    for span in spans:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    return mask


def overlaps(span: TextSpan, spans: Sequence[TextSpan]) -> bool:
    """Whether ``span`` shares a character with any of ``spans``."""
    return any(other.start < span.end and span.start < other.end for other in spans)
