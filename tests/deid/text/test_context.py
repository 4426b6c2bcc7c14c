"""The window context enhancer: Presidio's rule on the words around a match."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from deid.text._context import WindowContextEnhancer

RECOGNIZER = PatternRecognizer(
    supported_entity="MRN", name="FakeMrn", patterns=[Pattern("digits", r"\d{6}", 0.3)], context=["mrn"]
)


def _result(text: str, score: float = 0.3, *, enhanced: bool = False) -> RecognizerResult:
    start = text.index("123456")
    return RecognizerResult(
        entity_type="MRN",
        start=start,
        end=start + 6,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: RECOGNIZER.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: enhanced,
        },
    )


def _scores(text: str, *, enhanced: bool = False) -> float:
    results = [_result(text, enhanced=enhanced)]
    [result] = WindowContextEnhancer().enhance_using_context(text, results, None, [RECOGNIZER])
    return round(float(result.score), 6)


def test_a_context_word_before_the_match_raises_the_score() -> None:
    assert _scores("pt MRN: 123456") == 0.65
    assert _scores("medical record (mrns) of the pt 123456") == 0.65  # substring, stop words skipped


def test_no_context_or_already_enhanced_results_keep_their_score() -> None:
    assert _scores("order 123456") == 0.3
    assert _scores("MRN 123456", enhanced=True) == 0.3
    assert _scores("MRN alpha beta gamma delta epsilon 123456") == 0.3  # beyond five keywords


def test_the_window_stops_at_five_keywords() -> None:
    enhancer = WindowContextEnhancer()
    assert enhancer.keywords_around("alpha beta gamma delta epsilon zeta 123456", 36, 42) == [
        "beta", "gamma", "delta", "epsilon", "zeta", "123456"
    ]  # fmt: skip
