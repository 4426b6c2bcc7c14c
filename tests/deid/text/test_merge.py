"""Merging detections: overlaps unified under the winner, same-type neighbours joined."""

from __future__ import annotations

from data_contracts.entities import EntityType
from deid.text import TextSpan
from deid.text._merge import merge_spans

P, D, PH, M = EntityType.PERSON, EntityType.DATE, EntityType.PHONE, EntityType.MRN


def _span(start: int, end: int, entity: EntityType, score: float = 0.5, source: str = "s") -> TextSpan:
    return TextSpan(start=start, end=end, entity_type=entity, score=score, source=source)


def _shape(spans: list[TextSpan]) -> list[tuple[int, int, str]]:
    return [(span.start, span.end, span.entity_type.value) for span in spans]


def test_nested_detections_keep_the_longest() -> None:
    text = "call 555-0101 now"
    assert _shape(merge_spans(text, [_span(9, 13, M, 0.9), _span(5, 13, PH, 0.4)])) == [(5, 13, "PHONE")]


def test_equal_length_detections_keep_the_highest_score() -> None:
    text = "ref 12345678"
    merged = merge_spans(text, [_span(4, 12, M, 0.6, "a"), _span(4, 12, PH, 0.8, "b")])
    assert _shape(merged) == [(4, 12, "PHONE")]
    assert merged[0].source == "b"


def test_partial_overlaps_cover_their_union() -> None:
    text = "abcdefghijklmnop"
    assert _shape(merge_spans(text, [_span(0, 6, P), _span(4, 12, M), _span(11, 14, D)])) == [(0, 14, "MRN")]


def test_neighbouring_names_join_across_spaces_commas_and_initial_dots() -> None:
    text = "Vale, Ann J. Oakes and Bo"
    spans = [_span(0, 4, P), _span(6, 9, P), _span(10, 11, P), _span(13, 18, P), _span(23, 25, P)]
    assert _shape(merge_spans(text, spans)) == [(0, 18, "PERSON"), (23, 25, "PERSON")]


def test_dates_and_different_types_are_not_joined() -> None:
    text = "3/4 3/5 Ann 555-0101"
    spans = [_span(0, 3, D), _span(4, 7, D), _span(8, 11, P), _span(12, 20, PH)]
    assert _shape(merge_spans(text, spans)) == _shape(spans)


def test_order_of_input_does_not_matter_and_empty_spans_vanish() -> None:
    text = "Ann Vale 555-0101"
    spans = [_span(9, 17, PH), _span(0, 3, P), _span(4, 8, P, 0.9), _span(5, 5, M)]
    assert merge_spans(text, spans) == merge_spans(text, spans[::-1])
    assert _shape(merge_spans(text, spans)) == [(0, 8, "PERSON"), (9, 17, "PHONE")]
