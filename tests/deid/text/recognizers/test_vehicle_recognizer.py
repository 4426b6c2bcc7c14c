"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.vehicle_recognizer import VehicleRecognizer

REPORTED = 0.5
RECOGNIZER = VehicleRecognizer()

CASES = [
    ("VIN 1M8GDM9AXKP042788", ["1M8GDM9AXKP042788"]),
    ("car 1M8GDM9AXKP042788 towed", ["1M8GDM9AXKP042788"]),
    ("license plate 7ABC123", ["7ABC123"]),
    ("lic plate #ABC1234", ["ABC1234"]),
    ("plate ABC 1234", ["ABC 1234"]),
    ("Plate NE 1-HX492, blue Ford Escape", ["NE 1-HX492"]),
    ("PLATE IA 7KT 442 GOT TOWED", ["IA 7KT 442"]),
    ("PLATES ON FILE 2", []),
    ("code 1M8GDM9A1KP042788", []),
    ("tag 2 of 3", []),
    ("plates were normal", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_vehicle_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "VEHICLE" for result in results)
