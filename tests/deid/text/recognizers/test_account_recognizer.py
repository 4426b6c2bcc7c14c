"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.account_recognizer import AccountRecognizer

REPORTED = 0.5
RECOGNIZER = AccountRecognizer()

CASES = [
    ("acct 881234 past due", ["881234"]),
    ("account #A12345", ["A12345"]),
    ("Acct# 55881", ["55881"]),
    ("account no. ab12345", ["ab12345"]),
    ("invoice INV-2021-0043 sent", ["INV-2021-0043"]),
    ("my card 630427373398 is lost", ["630427373398"]),
    ("paid with 4111 1111 1111 1111 today", ["4111 1111 1111 1111"]),
    ("ref 6586108984332171 on file", ["6586108984332171"]),
    ("account of events given", []),
    ("WBC 11.2, plt 250, lot 12345678901.5", []),
    ("dose 1000 mg daily", []),
    ("BP 120/80, HR 72", []),
    ("ref 12", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_account_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "ACCOUNT" for result in results)
