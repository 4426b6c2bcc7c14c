"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.device_recognizer import DeviceRecognizer

REPORTED = 0.5
RECOGNIZER = DeviceRecognizer()

CASES = [
    ("pacemaker SN ABC12345 checked", ["ABC12345"]),
    ("ICD serial XYZ00123", ["XYZ00123"]),
    ("insulin pump S/N PQR88120", ["PQR88120"]),
    ("CPAP serial no. KLM01234", ["KLM01234"]),
    ("UDI (01)00643169007222(17)141120", ["(01)00643169007222(17)141120"]),
    ("ICD-10 E11.9", []),
    ("sn 4 mg", []),
    ("serial troponins negative", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_device_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "DEVICE" for result in results)
