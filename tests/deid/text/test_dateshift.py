"""Shifting dates written in free text: each clinical format read, moved and rewritten alike."""

from __future__ import annotations

import pytest

from deid.text._dateshift import shift_date_text


@pytest.mark.parametrize(
    ("written", "days", "expected"),
    [
        ("03/14/2021", 10, "03/24/2021"),
        ("3/14/21", -14, "2/28/21"),
        ("7/22", 10, "8/1"),
        ("03-14-21", 1, "03-15-21"),
        ("2021-03-14", -14, "2021-02-28"),
        ("2021-03-14T10:00", 1, "2021-03-15T10:00"),
        ("2023-09-25 14:05", 7, "2023-10-02 14:05"),
        ("27-Jan-2019", 7, "03-Feb-2019"),
        ("Jan 5th", -7, "Dec 29th"),
        ("JAN 1ST", 1, "JAN 2ND"),
        ("5th of January", 28, "2nd of February"),
        ("September 25, 2023", 7, "October 2, 2023"),
        ("Sept. 3, 2020", 30, "Oct. 3, 2020"),
        ("12/31/2020", 1, "1/1/2021"),
        ("2/28", 1, "2/29"),  # no year: shifted within a leap year
        (" 3/14/2021 ", 1, " 3/15/2021 "),
    ],
)
def test_shift_keeps_the_format(written: str, days: int, expected: str) -> None:
    assert shift_date_text(written, days) == expected


@pytest.mark.parametrize("written", ["13/45/2021", "2/30/2021", "spring", "Jan '21", "2021", "last Tuesday"])
def test_unreadable_dates_give_none(written: str) -> None:
    assert shift_date_text(written, 7) is None
