"""Table-driven tests of the recognizer: exact street spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.international_street_recognizer import InternationalStreetRecognizer

REPORTED = 0.5
RECOGNIZER = InternationalStreetRecognizer()

CASES = [
    ("on Villacher Strasse 89 now", ["Villacher Strasse 89"]),
    ("send to ul. Jesionowa 127, please", ["ul. Jesionowa 127"]),
    ("lives at 4410 Rua do Limoeiro 12, Recife", ["4410 Rua do Limoeiro 12"]),
    ("at 21 57 Rue de Lyon, Lille", ["21 57 Rue de Lyon"]),
    ("at 880 Sillankatu 4", ["880 Sillankatu 4"]),
    ("at 17 vestervej 3, aarhus", ["17 vestervej 3"]),
    ("meet at Olsens gate 14", ["Olsens gate 14"]),
    ("at 12 Petőfi u. 7.", ["12 Petőfi u. 7."]),
    ("Calle Mayor 5", ["Calle Mayor 5"]),
    ("given 2 via PEG tube", []),
    ("seen at Gate 12", []),
    ("brigade 2 arrived", []),
    ("f/u in 2 weeks with Dr Smith", []),
    ("BP 120/80, HR 72", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_international_street_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [
        text[result.start : result.end]
        for result in results
        if result.score >= REPORTED and result.entity_type == "STREET_ADDRESS"
    ]
    assert found == expected


def test_town_and_postcode_after_the_street_line() -> None:
    text = "Olsens gate 14\nApt. 3\nBERGEN\nNorway 5003"
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [
        ("Olsens gate 14", "STREET_ADDRESS"),
        ("Apt. 3", "STREET_ADDRESS"),
        ("BERGEN", "CITY"),
        ("Norway", "CITY"),
        ("5003", "ZIP"),
    ]
