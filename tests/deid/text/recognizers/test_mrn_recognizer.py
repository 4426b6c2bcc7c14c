"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.mrn_recognizer import MrnRecognizer

REPORTED = 0.5
RECOGNIZER = MrnRecognizer()

CASES = [
    ("MRN 12345678 on file", ["12345678"]),
    ("MR#: 1031-4187", ["1031-4187"]),
    ("med rec no. 556677", ["556677"]),
    ("MRN#88123", ["88123"]),
    ("Medical record number: A-7710023", ["A-7710023"]),
    ("metformin 500 mg bid", []),
    ("ICD-10 E11.9, SNOMED 44054006", []),
    ("MRN: pending", []),
    ("chart reviewed 3 times", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_mrn_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "MRN" for result in results)
