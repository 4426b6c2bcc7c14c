"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.zip_recognizer import ZipRecognizer

REPORTED = 0.5
RECOGNIZER = ZipRecognizer()

CASES = [
    ("Omaha, NE 68102; lab 12345", ["68102"]),
    ("zip 68102", ["68102"]),
    ("Zip code: 68102-1234", ["68102-1234"]),
    ("ZIP: 394 13", ["394 13"]),  # postcodes of other countries after a label
    ("postcode SW1A 1AA.", ["SW1A 1AA"]),
    ("my zip code is 880", ["880"]),
    ("zip code 68102 and more", ["68102"]),
    ("zip it up now", []),
    ("Council Bluffs 51501", ["51501"]),
    ("123 Main St, Springfield 65801", ["65801"]),
    ("68102-1234", ["68102-1234"]),
    ("WBC 10500", []),
    ("platelets 25000", []),
    ("Dose 50000 units", []),
    ("in 2019", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_zip_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "ZIP" for result in results)
