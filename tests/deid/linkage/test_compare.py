"""One-typo name comparison and birth date compatibility."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.linkage._compare import MIN_TYPO_CHARS, birth_dates_compatible, with_one_edit_flag


def optimal_string_alignment(left: str, right: str) -> int:
    """Reference Damerau-Levenshtein (optimal string alignment) distance, row by row."""
    rows, cols = len(left) + 1, len(right) + 1
    table = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        table[i][0] = i
    for j in range(cols):
        table[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost = 0 if left[i - 1] == right[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and left[i - 1] == right[j - 2] and left[i - 2] == right[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def near(pairs: list[tuple[str | None, str | None]]) -> list[bool | None]:
    frame = pl.LazyFrame(pairs, schema={"a": pl.String, "b": pl.String}, orient="row")
    return with_one_edit_flag(frame, left="a", right="b", alias="near").collect()["near"].to_list()


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("katherine", "katherine", True),
        ("katherine", "kathrine", True),  # deletion
        ("kathrine", "katherine", True),  # insertion
        ("katherine", "katharine", True),  # substitution
        ("katherine", "kahterine", True),  # adjacent swap
        ("katherine", "katherien", True),  # swap at the end
        ("akatherine", "katherine", True),  # insertion at the start
        ("katherine", "kathreen", False),  # two edits
        ("katherine", "catherina", False),
        ("smith", "smyth", True),
        ("smith", "smiths", True),
        ("jon", "jan", True),
        ("al", "ed", False),  # too short for a typo
        ("al", "al", True),
        ("ab", "ba", False),
        ("abc", "cba", False),
        ("abcd", "badc", False),  # two swaps
        ("mary", "marie", False),
    ],
)
def test_one_edit_flag(left: str, right: str, expected: bool) -> None:
    assert near([(left, right)]) == [expected]


def test_one_edit_flag_is_null_when_a_side_is_missing() -> None:
    assert near([(None, "ann"), ("ann", None), (None, None)]) == [None, None, None]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text("abcé", max_size=9), st.text("abcé", max_size=9)), min_size=1, max_size=40))
def test_one_edit_flag_agrees_with_the_reference_distance(pairs: list[tuple[str, str]]) -> None:
    expected = [
        left == right
        or (min(len(left), len(right)) >= MIN_TYPO_CHARS and optimal_string_alignment(left, right) <= 1)
        for left, right in pairs
    ]
    assert near(list(pairs)) == expected


def test_one_edit_flag_keeps_the_frame_columns() -> None:
    frame = pl.LazyFrame({"a": ["ann"], "b": ["anne"], "other": [1]})
    assert with_one_edit_flag(frame, left="a", right="b", alias="near").collect_schema().names() == [
        "a",
        "b",
        "other",
        "near",
    ]


DAY = dt.date(1980, 3, 4)


@pytest.mark.parametrize(
    ("contact", "patient", "expected"),
    [
        (DAY, DAY, True),
        (dt.date(1980, 3, 5), DAY, True),  # day off
        (dt.date(1980, 8, 4), DAY, True),  # month off
        (dt.date(1990, 3, 4), DAY, True),  # year off
        (dt.date(1980, 4, 3), DAY, True),  # day and month swapped
        (None, DAY, True),
        (DAY, None, True),
        (dt.date(1981, 3, 5), DAY, False),
        (dt.date(1981, 4, 3), DAY, False),
        (dt.date(1980, 2, 29), DAY, False),
    ],
)
def test_birth_dates_compatible(contact: dt.date | None, patient: dt.date | None, expected: bool) -> None:
    frame = pl.DataFrame({"c": [contact], "p": [patient]}, schema={"c": pl.Date, "p": pl.Date})
    assert frame.select(birth_dates_compatible(pl.col("c"), pl.col("p"))).item() is expected
