from __future__ import annotations

import pytest

from deid.text.recognizers.cued_name import CuedNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("inbound call from kenneth, verified dob", ["kenneth"]),
    ("spoke with kenneth morales re bill", ["kenneth morales"]),
    ("tony called to resched appt", ["tony"]),
    ("pt ok. kenneth says thanks", ["kenneth"]),
    ("thanks jelena!", ["jelena"]),
    ("call w/ zoltán tomorrow", ["zoltán"]),
    # negatives: everyday words, family words, clinical terms, capitalised text
    ("seen with mild pain and son", []),
    ("call from grace and will re: bill", []),  # given names that are everyday words
    ("per foley output, with lisinopril", []),
    ("Inbound call from Kenneth", []),  # capitalised names are left to the other recognizers
    ("pain called for more meds", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cued_names(text: str, expected: list[str]) -> None:
    assert found_names(CuedNameRecognizer(), text) == expected
