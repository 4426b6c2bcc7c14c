"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.ssn_recognizer import SsnRecognizer

REPORTED = 0.5
RECOGNIZER = SsnRecognizer()

CASES = [
    ("SSN 219-09-9999", ["219-09-9999"]),
    ("SS# 219099999", ["219099999"]),
    ("social 219 09 9999", ["219 09 9999"]),
    ("219-09-9999", ["219-09-9999"]),
    ("SSN 666-12-3456", []),
    ("SSN 000-12-3456", []),
    ("123456789", []),
    ("MRN 219099998", []),
    ("402-555-0199", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ssn_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "SSN" for result in results)
