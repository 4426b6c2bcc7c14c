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
    # negatives
    ("Hx Parkinson disease, Foley catheter in place", []),
    ("Reviewed with the MD and the RN", []),
    ("Given Lisinopril, RN aware", []),
    ("PT RESTING IN BED, NO DISTRESS. MD NOTIFIED", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titled_names(text: str, expected: list[str]) -> None:
    assert found_names(TitledNameRecognizer(), text) == expected
