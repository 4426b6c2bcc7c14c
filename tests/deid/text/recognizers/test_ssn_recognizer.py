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
    # the shape decides, never the digits: test, placeholder and mistyped numbers go too
    ("SSN 666-12-3456", ["666-12-3456"]),
    ("SSN 000-12-3456", ["000-12-3456"]),
    ("123-45-6789", ["123-45-6789"]),
    ("987-65-4321", ["987-65-4321"]),
    ("000-12-3456", ["000-12-3456"]),
    ("666-01-0000", ["666-01-0000"]),
    ("pt gave 111-11-1111 as ssn", ["111-11-1111"]),
    ("SSN: 078-05-1120", ["078-05-1120"]),
    ("SS# 123 45-6789", ["123 45-6789"]),  # mixed separators after a label
    ("social security number 123456789", ["123456789"]),
    ("Soc Sec #: 000 00 0000", ["000 00 0000"]),
    # spaced, dotted and bare: with an SSN label near, else low
    ("SSN on file: 123 45 6789", ["123 45 6789"]),
    ("ssn verified 123.45.6789", ["123.45.6789"]),
    ("123 45 6789 (SSN)", ["123 45 6789"]),
    ("SSN on file, 123456789", ["123456789"]),
    ("123 45 6789", []),
    ("123.45.6789", []),
    ("123456789", []),
    ("MRN 219099998", []),
    ("SSN 123-45-6789, MRN 123456789", ["123-45-6789"]),  # another number between
    ("social worker saw pt, 123 45 6789", []),
    ("402-555-0199", []),
    ("12-345-6789", []),
    ("123-45-67890", []),
    ("2021-03-14", []),
    ("NDC 0781-1506-10", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ssn_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "SSN" for result in results)
