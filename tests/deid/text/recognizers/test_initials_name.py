from __future__ import annotations

import pytest

from deid.text.recognizers.initials_name import InitialsNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("S.L. - records request", ["S.L."]),
    ("consent for m. h. on file", ["m. h."]),
    ("signed J.R.T. at noon", ["J.R.T."]),
    # negatives: times, Latin, dosing, credentials, single initials, longer runs
    ("seen at 9 a.m. and 4 p.m.", []),
    ("e.g. fluids, i.e. water", []),
    ("take 1 tab p.o. b.i.d. and q.h.s.", []),
    ("Ann Lee, M.D. and Tom Hall, R.N.", []),
    ("moved from the U.S. to the U.K.", []),
    ("Dr. A. Patel", []),  # one initial is left to the titled names
    ("see www.example.org or v1.2.3", []),
    ("a.b.c.d. list", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_initials(text: str, expected: list[str]) -> None:
    assert found_names(InitialsNameRecognizer(), text) == expected
