from __future__ import annotations

import pytest

from deid.text.recognizers.enumerated_name import EnumeratedNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("They had three: Zoltán, Mary and Jelena.", ["Zoltán", "Mary", "Jelena"]),
    ("kids: jelena, mary, kevin, and ann", ["jelena", "mary", "kevin", "ann"]),
    ("Guests: Quorvath, Hailey, Kevin", ["Quorvath", "Hailey", "Kevin"]),  # an unknown Title-case item
    ("The founders, Marrero and Salazar, met in 1990", ["Marrero", "Salazar"]),
    # negatives
    ("Hx Crohn, Parkinson and Wilson disease", []),  # eponyms
    ("Continue Lisinopril, Metformin and Aspirin", []),  # drugs
    ("Hailey, Clinic and Pharmacy", []),  # organisation words
    ("Mary and I went", []),  # a function word
    ("Nausea, Vomiting and Hailey", []),  # one listed name is not enough
    ("Brown and White rice", []),  # a pair of everyday words
    ("salt and pepper, bread and butter", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_enumerated_names(text: str, expected: list[str]) -> None:
    assert found_names(EnumeratedNameRecognizer(), text) == expected
