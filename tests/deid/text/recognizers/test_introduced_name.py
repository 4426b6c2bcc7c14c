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
    ("What's your last name? Quarrow", ["Quarrow"]),
    ("Hi Joy,\nYour refill is ready.", ["Joy"]),
    ("thanks dawn! see you soon", ["dawn"]),
    ("Dear Ebony Hart, your results are in.", ["Ebony Hart"]),
    ("Joy, your flu shot is due.", ["Joy"]),
    ("Jelena spent the night at home.", ["Jelena"]),
    ("She named him Quorvath.", ["Quorvath"]),
    ("Everyone calls me Zoltán", ["Zoltán"]),
    ("Quorvath went home. Salazar began writing.", ["Salazar"]),
    # negatives
    ("I am Fine with the plan", []),  # an everyday word after an introduction
    ("this is Lisinopril 10 mg", []),
    ("Patient reports less pain.", []),  # no name opens the sentence
    ("Will call back tomorrow.", []),  # a given name that is an everyday word
    ("Discussed with Cheryl reports from the lab", []),  # not the start of a sentence
    ("name: ", []),
    ("Hi Team, thanks all!", []),  # a greeting before words that are no listed names
    ("Thanks for calling. Hello again", []),
    ("Dear Patient, your results are in.", []),
    ("Note, your appointment moved.", []),  # a vocative needs a listed given name
    ("Hi Lisinopril, refill", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_introduced_names(text: str, expected: list[str]) -> None:
    assert found_names(IntroducedNameRecognizer(), text) == expected
