"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.date_recognizer import ClinicalDateRecognizer

REPORTED = 0.5
RECOGNIZER = ClinicalDateRecognizer()

CASES = [
    ("RTC 7/22", ["7/22"]),
    ("on 7/22/21", ["7/22/21"]),
    ("03-14-21", ["03-14-21"]),
    ("2021-03-14", ["2021-03-14"]),
    ("2021-03-14T10:00", ["2021-03-14T10:00"]),
    ("Date: 2003-08-28 12:13:52 seen", ["2003-08-28 12:13:52"]),
    ("Jan 5th", ["Jan 5th"]),
    ("January 5, 2021", ["January 5, 2021"]),
    ("5th of January", ["5th of January"]),
    ("Jan-05-2021", ["Jan-05-2021"]),
    ("14MAR2021", ["14MAR2021"]),
    ("22-Jul-2021", ["22-Jul-2021"]),
    ("discharge on the 3rd", ["3rd"]),
    ("Monday 3/4", ["3/4"]),
    ("Date 7/22/21: seen", ["7/22/21"]),
    ("on may 5", ["may 5"]),
    ("7/10 pain", []),
    ("pain 7/10", []),
    ("BP 120/80", []),
    ("5/5 strength", []),
    ("take 1/2 tab", []),
    ("Apgar score 8/9 at 1", []),
    ("since 2019", []),
    ("at 10:30", []),
    ("E11.9", []),
    ("SNOMED 44054006", []),
    ("you may 2 tabs", []),
    ("the 5th percentile", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "DATE" for result in results)
