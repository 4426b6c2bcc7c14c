"""Token-level scoring: exact counts on hand-made texts."""

from __future__ import annotations

import dataclasses

import pytest

from data_contracts.entities import EntityType
from deid.text import TextSpan
from deid.text.evaluation import GoldSpan, TokenScores, TypeRecall, score_tokens, tokenize


def gold(start: int, end: int, label: str = "PERSON") -> GoldSpan:
    return GoldSpan(start=start, end=end, label=label)


def found(start: int, end: int) -> TextSpan:
    return TextSpan(start=start, end=end, entity_type=EntityType.PERSON, score=1.0, source="test")


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        ("  ,.;  ", []),
        ("Mary", ["Mary"]),
        ("Dr. O'Neil, (555) 123-4567", ["Dr", "O", "Neil", "555", "123", "4567"]),
        ("mail jo_ann@x.org", ["mail", "jo_ann", "x", "org"]),
        ("Zoë  Müller\n12/03", ["Zoë", "Müller", "12", "03"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert [text[start:end] for start, end in tokenize(text)] == tokens


def test_exact_match_scores_one() -> None:
    text = "Call Mary Smith on 555-0100 today"
    spans = [gold(*span_of(text, "Mary Smith")), gold(*span_of(text, "555-0100"), "PHONE")]
    scores = score_tokens([text], [spans], [[found(s.start, s.end) for s in spans]])
    assert (scores.tokens, scores.gold_tokens, scores.caught_tokens, scores.flagged_tokens) == (7, 4, 4, 4)
    assert (scores.recall, scores.precision) == (1.0, 1.0)
    assert (scores.missed_tokens, scores.false_alarm_tokens) == (0, 0)


def test_partial_overlap_catches_each_token_it_touches() -> None:
    text = "Call Mary Smith on 555-0100 today"
    name, phone = span_of(text, "Mary Smith"), span_of(text, "555-0100")
    # One character of "Smith" and the first half of the phone number, plus "on".
    detected = [found(name[1] - 1, name[1]), found(phone[0] - 3, phone[0] + 3)]
    scores = score_tokens([text], [[gold(*name), gold(*phone, "PHONE")]], [detected])
    assert scores.gold_tokens == 4
    assert scores.caught_tokens == 2  # "Smith" and "555"
    assert scores.flagged_tokens == 3  # "Smith", "on", "555"
    assert scores.recall == 0.5
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.by_type["PERSON"] == TypeRecall(gold_tokens=2, caught_tokens=1)
    assert scores.by_type["PHONE"] == TypeRecall(gold_tokens=2, caught_tokens=1)


def test_touching_boundaries_do_not_overlap() -> None:
    text = "Mary,Smith"
    # A span ending exactly where a token starts (or starting where it ends) misses it.
    scores = score_tokens([text], [[gold(5, 10)]], [[found(0, 5)]])
    assert (scores.gold_tokens, scores.caught_tokens, scores.flagged_tokens) == (1, 0, 1)
    assert (scores.recall, scores.precision) == (0.0, 0.0)


def test_span_covering_only_punctuation_counts_for_nothing() -> None:
    text = "Mary - Smith"
    scores = score_tokens([text], [[gold(5, 6)]], [[found(4, 7)]])
    assert (scores.gold_tokens, scores.flagged_tokens) == (0, 0)
    assert (scores.recall, scores.precision) == (1.0, 1.0)


def test_ignored_spans_are_neither_hit_nor_false_alarm() -> None:
    text = "Mary Smith works at Acme Health Corp in Springfield"
    name, org, city = (
        span_of(text, "Mary Smith"),
        span_of(text, "Acme Health Corp"),
        span_of(text, "Springfield"),
    )
    detected = [found(*name), found(*org), found(*span_of(text, "works"))]
    scores = score_tokens(
        [text], [[gold(*name), gold(*city, "CITY")]], [detected], ignored=[[gold(*org, "ORGANIZATION")]]
    )
    assert scores.ignored_tokens == 3
    assert scores.gold_tokens == 3
    assert scores.caught_tokens == 2
    assert scores.flagged_tokens == 3  # "Mary", "Smith", "works": the organisation does not count
    assert scores.false_alarm_tokens == 1
    assert "ORGANIZATION" not in scores.by_type
    assert scores.by_type["CITY"].recall == 0.0


def test_gold_wins_over_ignored_on_the_same_token() -> None:
    text = "Dr Mary Smith"
    scores = score_tokens([text], [[gold(3, 13)]], [[]], ignored=[[gold(0, 7, "TITLE")]])
    assert (scores.gold_tokens, scores.ignored_tokens, scores.caught_tokens) == (2, 1, 0)


def test_token_with_two_gold_types_counts_once_overall_and_once_per_type() -> None:
    text = "at 12 Main St Springfield"
    street, whole = span_of(text, "12 Main St"), span_of(text, "12 Main St Springfield")
    spans = [gold(*street, "STREET_ADDRESS"), gold(*whole, "ADDRESS")]
    scores = score_tokens([text], [spans], [[found(*span_of(text, "Main"))]])
    assert scores.gold_tokens == 4
    assert scores.caught_tokens == 1
    assert scores.by_type["STREET_ADDRESS"] == TypeRecall(gold_tokens=3, caught_tokens=1)
    assert scores.by_type["ADDRESS"] == TypeRecall(gold_tokens=4, caught_tokens=1)
    assert list(scores.by_type) == ["ADDRESS", "STREET_ADDRESS"]


def test_counts_add_up_across_texts_and_overlapping_detections() -> None:
    texts = ["Mary Smith called", "no phi here at all", "Bob"]
    spans = [[gold(0, 10)], [], [gold(0, 3)]]
    detected = [[found(0, 4), found(2, 10), found(0, 10)], [found(0, 2)], []]
    scores = score_tokens(texts, spans, detected)
    assert (scores.texts, scores.tokens) == (3, 3 + 5 + 1)
    assert (scores.gold_tokens, scores.caught_tokens, scores.flagged_tokens) == (3, 2, 3)
    assert scores.by_type["PERSON"] == TypeRecall(gold_tokens=3, caught_tokens=2)


def test_empty_inputs() -> None:
    scores = score_tokens([], [], [])
    assert scores == TokenScores(
        texts=0, tokens=0, gold_tokens=0, caught_tokens=0, flagged_tokens=0, ignored_tokens=0
    )
    assert (scores.recall, scores.precision) == (1.0, 1.0)
    empty_text = score_tokens([""], [[]], [[]], ignored=[[]])
    assert (empty_text.texts, empty_text.tokens, empty_text.gold_tokens) == (1, 0, 0)


def test_nothing_detected_gives_zero_recall_and_vacuous_precision() -> None:
    scores = score_tokens(["Mary Smith"], [[gold(0, 10)]], [[]])
    assert (scores.recall, scores.precision) == (0.0, 1.0)
    assert scores.by_type["PERSON"].recall == 0.0


def test_detector_results_need_only_offsets() -> None:
    @dataclasses.dataclass
    class PresidioLike:
        start: int
        end: int
        entity_type: str

    scores = score_tokens(["Mary Smith"], [[gold(0, 10)]], [[PresidioLike(0, 4, "PERSON")]])
    assert scores.caught_tokens == 1


@pytest.mark.parametrize(
    ("spans", "detected", "ignored", "message"),
    [
        ([], [[]], None, "gold has 0 entries; expected one per text"),
        ([[]], [[], []], None, "detected has 2 entries"),
        ([[]], [[]], [], "ignored has 0 entries"),
        ([[gold(3, 2)]], [[]], None, "gold span 0 of text 0 has offsets"),
        ([[]], [[found(0, 4), found(5, 11)]], None, r"detected span 1 of text 0 .*<= 10"),
        ([[]], [[]], [[gold(-1, 2)]], "ignored span 0"),
    ],
)
def test_invalid_input_is_refused(
    spans: list[list[GoldSpan]],
    detected: list[list[TextSpan]],
    ignored: list[list[GoldSpan]] | None,
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        score_tokens(["Mary Smith"], spans, detected, ignored=ignored)


def test_str_shows_counts_and_scores_never_text() -> None:
    text = "Call Mary Smith today"
    scores = score_tokens([text], [[gold(*span_of(text, "Mary Smith"))]], [[found(*span_of(text, "Mary"))]])
    shown = str(scores)
    assert "recall 0.5000 (1/2 gold tokens)" in shown
    assert "precision 1.0000 (1/1 flagged tokens)" in shown
    assert "PERSON 0.5000 (1/2)" in shown
    assert "Mary" not in shown
    assert "Smith" not in shown


def test_result_is_frozen() -> None:
    scores = score_tokens(["Mary"], [[gold(0, 4)]], [[]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        scores.gold_tokens = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        scores.by_type["PERSON"] = TypeRecall(gold_tokens=0, caught_tokens=0)  # type: ignore[index]
