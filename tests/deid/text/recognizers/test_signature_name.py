from __future__ import annotations

import pytest

from deid.text.recognizers.signature_name import SignatureNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("Thanks,\nMary", ["Mary"]),
    ("See you soon.\n\nBest regards,\nAnn Lee\nPatient Services", ["Ann Lee"]),
    ("Best regards, Ann Lee | 555-0100", ["Ann Lee"]),
    ("-- \nJohn Smith", ["John Smith"]),
    ("Sent by Ann", ["Ann"]),
    ("Electronically signed by: John Smith MD", ["John Smith"]),
    ("pt aware. -Hailey", ["Hailey"]),
    ("called pt re refill, lvm -js", ["js"]),
    ("no answer x2 /JS", ["JS"]),
    # negatives
    ("Thanks for calling", []),
    ("Thanks!\nSee you then", []),
    ("Thanks,\nPatient Services", []),
    ("- Continue lisinopril", []),
    ("heparin drip at 10 units/hr", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_signature_names(text: str, expected: list[str]) -> None:
    assert found_names(SignatureNameRecognizer(), text) == expected
