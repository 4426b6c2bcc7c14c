"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.age_over_89_recognizer import AgeOver89Recognizer

REPORTED = 0.5
RECOGNIZER = AgeOver89Recognizer()

CASES = [
    ("92 yo F", ["92"]),
    ("a 94-year-old man", ["94"]),
    ("aged 97", ["97"]),
    ("age: 101", ["101"]),
    ("91 years old", ["91"]),
    ("in her 90s", ["90s"]),
    ("a 89-year-old", []),
    ("age 45", []),
    ("Stage 92", []),
    ("SpO2 94%", []),
    ("weight 95 kg", []),
    ("HR 92, RR 18", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_age_over_89_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "AGE_OVER_89" for result in results)
