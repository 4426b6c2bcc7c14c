from __future__ import annotations

import pytest

from deid.text.recognizers.titled_name import TitledNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("Seen by Dr. Patel today", ["Patel"]),
    ("Dr Amy Patel to see", ["Amy Patel"]),
    ("Mrs. Brown is better, Mr. Hope agrees", ["Brown", "Hope"]),
    ("Miss Lee and Ms. O'Neil", ["Lee", "O'Neil"]),
    ("vitals by Amy Patel, RN", ["Amy Patel"]),
    ("Follow up with Mary Jones, PA-C on 3/4", ["Mary Jones"]),
    ("Signed: J. Smith MD", ["J. Smith"]),
    ("Smith, John MD", ["Smith, John"]),
    ("DR PATEL TO SEE. RN A. LEE", ["PATEL", "A. LEE"]),
    ("Dr. Parkinson reviewed", ["Parkinson"]),
    ("sent to dr. randy strong for approval", ["randy strong"]),
    ("Rx sent. Cheryl Allen, PA-C would like to see you", ["Cheryl Allen"]),
    ("Tony May, DO will call", ["Tony May"]),
    # lower-case names before lower-case credentials
    ("sent to marisa cooper, pa-c for approval", ["marisa cooper"]),
    ("f/u w/ norman vang, do", ["norman vang"]),
    ("labs reviewed with amy j. lee rn today", ["amy j. lee"]),
    ("f/u w/ morgan price, np", ["morgan price"]),
    ("sent to jacob bell, md for approval", ["jacob bell"]),
    # negatives
    ("Hx Parkinson disease, Foley catheter in place", []),
    ("Reviewed with the MD and the RN", []),
    ("Given Lisinopril, RN aware", []),
    ("PT RESTING IN BED, NO DISTRESS. MD NOTIFIED", []),
    ("pt will call back, md aware", []),
    ("labs to mary jones pa next week", []),
    ("pt ok, do not call after 6", []),
    ("hx ms. patient stable", []),
    ("dr. aware of labs", []),
    ("hx bell palsy, md aware", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titled_names(text: str, expected: list[str]) -> None:
    assert found_names(TitledNameRecognizer(), text) == expected
