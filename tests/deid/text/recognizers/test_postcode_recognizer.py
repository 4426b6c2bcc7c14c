"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.postcode_recognizer import PostcodeRecognizer

REPORTED = 0.5
RECOGNIZER = PostcodeRecognizer()

CASES = [
    ("Vesterbro 5, Aalborg 9000", ["9000"]),
    ("Storgata 2\nTROMSØ 9008", ["9008"]),
    ("Malmö 211 19", ["211 19"]),
    ("Vestergade 4\nAalborg NO 9000", ["9000"]),
    ("Rua Nova 3, Porto 4000-322", ["4000-322"]),
    ("Kraków 31-154", ["31-154"]),
    ("London 2012 was fun", []),  # a year
    ("hope 2259", []),  # a lower-case word
    ("Aspirin 3250 mg", []),
    ("Room 1234", []),
    ("Omaha 68102", []),  # five digits are the ZIP recognizer's
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_postcode_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "ZIP" for result in results)
