"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.iban_recognizer import IbanAccountRecognizer, is_valid_iban

REPORTED = 0.5
RECOGNIZER = IbanAccountRecognizer()

CASES = [
    ("IBAN: DE89 3704 0044 0532 0130 00, thanks", ["DE89 3704 0044 0532 0130 00"]),
    ("my iban is gb82west12345698765432", ["gb82west12345698765432"]),
    ("from GB82WEST12345698765432 to savings", ["GB82WEST12345698765432"]),
    ("FR14 2004 1010 0505 0001 3M02 606 is the account", ["FR14 2004 1010 0505 0001 3M02 606"]),
    ("NL91 ABNA 0417 1643 00 then more", ["NL91 ABNA 0417 1643 00"]),
    ("NO9386011117947", ["NO9386011117947"]),
    ("GB82 WEST 1234 5698 7654 33", []),  # check digits do not hold
    ("GB82WEST1234569876543", []),  # one character short
    ("ZZ82WEST12345698765432", []),  # no such country
    ("AB12 CDEF GHIJ KLMN", []),
    ("code XY12ABCD1234 on file", []),
    ("MA12 3456 7890", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_iban_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "ACCOUNT" for result in results)


@pytest.mark.parametrize(
    ("candidate", "valid"),
    [
        ("GB82 WEST 1234 5698 7654 32", True),
        ("de89370400440532013000", True),
        ("DE89370400440532013001", False),
        ("DE8937040044053201300", False),
        ("", False),
    ],
)
def test_is_valid_iban(candidate: str, valid: bool) -> None:
    assert is_valid_iban(candidate) is valid
