from __future__ import annotations

import pytest

from deid.text.recognizers.name_line import NameLineRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("Regards,\nZoltán Quorvath\nBilling", ["Zoltán Quorvath"]),
    ("> Jelena Quorvath\n> 12 Main St", ["Jelena Quorvath"]),
    ("Jelena van de Noort\nAccountant", ["Jelena van de Noort"]),
    ("Kevin R. Quorvath,\n", ["Kevin R. Quorvath"]),
    ("jelena dzienis\nunit 4", ["jelena dzienis"]),
    ("Ella: see you at noon.", ["Ella"]),
    # negatives
    ("Hi Tommy,\nyour refill is ready", []),  # a greeting opens the line
    ("Dear Ann Lee,\nWe tried to reach you", []),
    ("Physical Exam\nPlan: rest", []),
    ("Hailey Clinic\n", []),  # an organisation
    ("Bot: What is the name on the account?", []),  # a role in a dialogue
    ("Hailey: 10:30 appointment", []),  # a time, not a speaker
    ("Parkinson Disease\n", []),
    ("KEVIN QUORVATH\n", []),  # capitals are left to the Census pairs
    ("jelena went home\n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_name_lines(text: str, expected: list[str]) -> None:
    assert found_names(NameLineRecognizer(), text) == expected
