from __future__ import annotations

import pytest

from deid.text.recognizers.introduced_name import IntroducedNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("Hello, my name is Oona Brevitt and I need help", ["Oona Brevitt"]),
    ("my name is mary ortiz, pls call back", ["mary ortiz"]),
    ("Maiden name: Quarrow", ["Quarrow"]),
    ("Her grandmother was called Ximena.", ["Ximena"]),
    ('"It works," says Halvard Quist.', ["Halvard Quist"]),
    ("Signed, Oona", ["Oona"]),
    ("Hi, I'm Cheryl from billing", ["Cheryl"]),
    ("this is Vostrikova calling about the bill", ["Vostrikova"]),
    ("Refill sent. Cheryl reports the pharmacy never got it.", ["Cheryl"]),
    ("Kevin Morales called back at noon.", ["Kevin Morales"]),
    # negatives
    ("I am Fine with the plan", []),  # an everyday word after an introduction
    ("this is Lisinopril 10 mg", []),
    ("Patient reports less pain.", []),  # no name opens the sentence
    ("Will call back tomorrow.", []),  # a given name that is an everyday word
    ("Discussed with Cheryl reports from the lab", []),  # not the start of a sentence
    ("name: ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_introduced_names(text: str, expected: list[str]) -> None:
    assert found_names(IntroducedNameRecognizer(), text) == expected
