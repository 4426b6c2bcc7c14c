"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.phone_recognizer import PhoneNumberRecognizer

REPORTED = 0.5
RECOGNIZER = PhoneNumberRecognizer()

CASES = [
    ("Tel +46 (0)8 928 571 38 today", ["+46 (0)8 928 571 38"]),  # one-digit area code after (0)
    ("+447700 208 815-Mobile", ["+447700 208 815"]),
    ("456.555.0100 fax\n+447700900123 mobile", ["456.555.0100", "+447700900123"]),  # each its own label
    ("texts to 0688 872 49 99 please", ["0688 872 49 99"]),  # national number with its trunk zero
    ("my number 0961-7596216.", ["0961-7596216"]),
    ("Phone:\n0393 1144137\n", ["0393 1144137"]),
    ("seen 05-12-2020 at noon", []),
    ("scores 01 02 03", []),
    ("dose 0.5 12 18", []),
    ("(402) 555-0199", ["(402) 555-0199"]),
    ("call 402.555.0199", ["402.555.0199"]),
    ("402-555-0199 x12 today", ["402-555-0199 x12"]),
    ("+1 402 555 0199", ["+1 402 555 0199"]),
    ("Desk: +41 (0)96 471 07 95", ["+41 (0)96 471 07 95"]),  # trunk zero in brackets
    ("call me on 01.84.17.61.18?", ["01.84.17.61.18"]),  # pairs of digits next to a label
    ("not answering at 71-33-52-22", ["71-33-52-22"]),
    ("Mobile: 723 813 266", ["723 813 266"]),
    ("Phone: (99) 645-791", ["(99) 645-791"]),
    ("can someone call me on 9472 7916?", ["9472 7916"]),
    ("781 1704 office", ["781 1704"]),
    ("07700 063 966-Fax", ["07700 063 966"]),
    ("001-518-640-0854 mobile", ["001-518-640-0854"]),
    ("home 2 days, office 2 3 visits", []),
    ("phone: 12 34", []),
    ("call 4025550199.", ["4025550199"]),
    ("phone 555-0199", ["555-0199"]),
    ("1-800-555-0199", ["1-800-555-0199"]),
    ("fax 402-555-0100", []),
    ("BP 120/80 HR 72", []),
    ("2021-03-14", []),
    ("123-45-6789", []),
    ("SNOMED 195967001", []),
    ("E11.9", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phone_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "PHONE" for result in results)
