"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.health_plan_recognizer import HealthPlanRecognizer

REPORTED = 0.5
RECOGNIZER = HealthPlanRecognizer()

CASES = [
    ("member ID XJH448812", ["XJH448812"]),
    ("policy # P-99812", ["P-99812"]),
    ("subscriber ID 7781234", ["7781234"]),
    ("ID# abc12345", ["abc12345"]),
    ("MBI 1EG4-TE5-MK73", ["1EG4-TE5-MK73"]),
    ("card 1EG4TE5MK73 on file", ["1EG4TE5MK73"]),
    ("Plan: 500mg metformin", []),
    ("group therapy 2x weekly", []),
    ("A1c 7.2%, E11.9", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_health_plan_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "HEALTH_PLAN" for result in results)
