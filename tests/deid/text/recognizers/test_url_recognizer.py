"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.url_recognizer import WebAddressRecognizer

REPORTED = 0.5
RECOGNIZER = WebAddressRecognizer()

CASES = [
    ("Log in at https://portal.example.org/msg/a1b2c3.", ["https://portal.example.org/msg/a1b2c3"]),
    ("see www.example.com/path, ok", ["www.example.com/path"]),
    ("go to healthtrove-clinic.org today", ["healthtrove-clinic.org"]),
    ("(http://a.io/x)", ["http://a.io/x"]),
    ("mail j.doe@healthtrove-clinic.org", []),
    ("report.pdf attached", []),
    ("E11.9 and 7.2", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_url_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "URL" for result in results)
