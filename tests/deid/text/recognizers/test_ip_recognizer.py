"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.ip_recognizer import IpAddressRecognizer

REPORTED = 0.5
RECOGNIZER = IpAddressRecognizer()

CASES = [
    ("login from 192.168.1.10 blocked", ["192.168.1.10"]),
    ("from 2001:db8::1", ["2001:db8::1"]),
    ("fe80::1ff:fe23:4567:890a", ["fe80::1ff:fe23:4567:890a"]),
    ("at 10:30:00", []),
    ("version 1.2.3", []),
    ("256.1.1.1", []),
    ("v1.2.3.4", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ip_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "IP" for result in results)
