"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.email_recognizer import EmailAddressRecognizer

REPORTED = 0.5
RECOGNIZER = EmailAddressRecognizer()

CASES = [
    ("mail a.b@x-y.org.", ["a.b@x-y.org"]),
    ("<jo.doe1@gmail.com>", ["jo.doe1@gmail.com"]),
    ("x@y", []),
    ("ratio 2@3", []),
    ("e.g. no email", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_email_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "EMAIL" for result in results)
