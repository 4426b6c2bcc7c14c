"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.fax_recognizer import FaxRecognizer

REPORTED = 0.5
RECOGNIZER = FaxRecognizer()

CASES = [
    ("Records faxed to (402) 555-0100.", ["(402) 555-0100"]),
    ("Fax: 402-555-0100", ["402-555-0100"]),
    ("Fax: +46 (0)157 548 89", ["+46 (0)157 548 89"]),  # international, any layout
    ("Fax: 001-253-366-9781", ["001-253-366-9781"]),  # dialling prefix
    ("faxed 3 pages at 10", []),  # too few digits
    ("to be faxed to 4025550100.", ["4025550100"]),
    ("P: 402-555-0111 F: 402-555-0122", ["402-555-0122"]),
    ("call (402) 555-0199", []),
    ("fax machine broken, 2 pages", []),
    ("Fax: 123-456-7890", ["123-456-7890"]),  # any digits
    ("fax (555) 555-5555", ["(555) 555-5555"]),
    ("fax 201/324/1423", ["201/324/1423"]),
    ("fax 444-1243", ["444-1243"]),
    ("F: 444-2222", ["444-2222"]),
    ("Fax 444-1243 x12", ["444-1243 x12"]),
    ("Fax 240-444-1243 ext. 3", ["240-444-1243 ext. 3"]),
    ("call 444-1243", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fax_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "FAX" for result in results)
