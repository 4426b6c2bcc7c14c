"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.license_recognizer import LicenseRecognizer

REPORTED = 0.5
RECOGNIZER = LicenseRecognizer()

CASES = [
    ("ID verified with DL# K4418230", ["K4418230"]),
    ("driver's license d1234567", ["d1234567"]),
    ("lic # A1234567", ["A1234567"]),
    ("verifying NE lic # MD 27714 for Dr. G", ["MD 27714"]),
    ("verified dl# k4418230", ["k4418230"]),
    ("DEA AB1234563", ["AB1234563"]),
    ("prescriber AB1234563", ["AB1234563"]),
    ("NPI 1234567893", ["1234567893"]),
    ("prescriber AB1234564", []),
    ("lic plate #ABC1234", []),
    ("glucose 110 mg/dL 12345", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_license_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "LICENSE" for result in results)
