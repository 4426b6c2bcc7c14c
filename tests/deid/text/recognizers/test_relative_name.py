from __future__ import annotations

import pytest

from deid.text.recognizers.relative_name import RelativeNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("pt's wife Mary at bedside", ["Mary"]),
    ("her son John Smith called", ["John Smith"]),
    ("daughter Ann called", ["Ann"]),
    ("spoke with husband Tom", ["Tom"]),
    ("caregiver: Rosa Diaz", ["Rosa Diaz"]),
    ("Emergency contact Ann Lee, 555-0100", ["Ann Lee"]),
    ("spoke w/ pt's wife mary re: bill", ["mary"]),
    ("SON JOHN SMITH UPDATED ON PLAN", ["JOHN SMITH"]),
    ("Mary (daughter) called back", ["Mary"]),
    ("husband Tom's phone died", ["Tom"]),
    ("remove my kid Zoltán from the policy", ["Zoltán"]),
    ("my bff Jelena says hi", ["Jelena"]),
    # negatives
    ("WIFE AT BEDSIDE, UPDATED", []),
    ("son will call back", []),
    ("Son Lisinopril", []),
    ("Daughter called, son updated", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_relative_names(text: str, expected: list[str]) -> None:
    assert found_names(RelativeNameRecognizer(), text) == expected
