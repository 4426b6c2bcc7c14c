"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.city_recognizer import CityRecognizer

REPORTED = 0.5
RECOGNIZER = CityRecognizer()

CASES = [
    ("Moved from Council Bluffs to Omaha, NE last year", ["Council Bluffs", "Omaha"]),
    ("12 elm st, omaha 68102", ["omaha"]),
    ("PT LIVES IN OMAHA", ["OMAHA"]),
    ("St. Louis, MO", ["St. Louis"]),
    ("Lives in Mobile", ["Mobile"]),
    ("Glasgow Coma Scale 15", []),
    ("Foley catheter draining", []),
    ("seen by Dr. Lincoln", []),
    ("Mobile phone", []),
    ("Boston", []),
    ("OMAHA STEAKS", []),
    ("Moved from Poznań to Tromsø in 2019", ["Poznań", "Tromsø"]),  # towns of other countries
    ("grew up in Dordrecht", ["Dordrecht"]),
    ("Lives in Reading", ["Reading"]),  # an everyday word after a strong cue
    ("in March the rash spread", []),  # a town, and a month: a bare "in" is not enough
    ("in Reading the chart", []),
    ("That would be Nice", []),
    ("message from Prairie View Health", []),  # an organisation
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_city_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "CITY" for result in results)
