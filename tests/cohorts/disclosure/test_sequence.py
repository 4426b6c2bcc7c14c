"""suppress_sequence and check_sequence on hand-checked attrition sequences."""

from __future__ import annotations

import polars as pl
import pytest

from cohorts.disclosure import DisclosurePolicy, OutputLog, check_sequence, suppress_sequence
from data_contracts import InputError


@pytest.mark.parametrize(
    ("counts", "released"),
    [
        # 8 is small; 495 is 5 below 500, so the later count hides; 300 - 8 is then unseen.
        ([500, 495, 300, 8], [500, None, 300, None]),
        # steps of 5, 5, 6, 11: 100, then the first count at least 11 lower, then 73.
        ([100, 95, 90, 84, 73], [100, None, None, 84, 73]),
        # 1000 -> 980 is 20, 980 -> 975 is 5: hide 975 (980 -> 960 is 20).
        ([1000, 980, 975, 960], [1000, 980, None, 960]),
        # 40 -> 35 is 5: hide 35; 40 -> 24 and 24 -> 13 are safe.
        ([40, 35, 24, 13], [40, None, 24, 13]),
        # zero removed is no disclosure; a zero remaining is shown by default.
        ([300, 300, 250, 0], [300, 300, 250, 0]),
        ([20, 5, 0], [20, None, 0]),
        ([9, 4], [None, None]),
        ([], []),
    ],
)
def test_hand_checked_sequences(counts: list[int], released: list[int | None]) -> None:
    assert suppress_sequence(counts) == released


def test_the_earlier_count_hides_when_that_suppresses_less() -> None:
    # Hiding the later 95 would hide all three (each 5 below 100): 3 hidden. Hiding 100
    # (the earlier) keeps the rules that removed nobody: 1 hidden.
    assert suppress_sequence([100, 95, 95, 95, 80]) == [None, 95, 95, 95, 80]
    # With equal cost the later count hides.
    assert suppress_sequence([76, 70, 59, 48]) == [76, None, 59, 48]


def test_zero_is_small_when_asked() -> None:
    policy = DisclosurePolicy(suppress_zero=True)
    assert suppress_sequence([20, 5, 0], policy=policy) == [20, None, None]
    # a step removing nobody would reveal that nobody was removed: hide the later count.
    assert suppress_sequence([300, 300, 250], policy=policy) == [300, None, 250]


def test_rounding_hides_counts_whose_rounded_step_is_small() -> None:
    policy = DisclosurePolicy(rounding=5)
    # 512 -> 501 is 11, but shown as 510 -> 500 = 10: hide 501.
    assert suppress_sequence([1000, 512, 501, 300], policy=policy) == [1000, 510, None, 300]


def test_log_entries_count_each_rule() -> None:
    checked = check_sequence([500, 495, 300, 8], output="attrition", policy=DisclosurePolicy(rounding=5))
    assert checked.suppressed_cells == 2
    assert [(entry.rule, entry.cells_checked, entry.cells_suppressed) for entry in checked.log] == [
        ("primary", 4, 1),
        ("differences", 3, 1),
        ("rounding", 2, 0),
    ]
    text = OutputLog(checked.log).to_json()
    assert "495" not in text
    assert "8" not in text


@pytest.mark.parametrize(
    ("counts", "message"), [([10, 20], "position 1 is larger"), ([5, -1], "position 1 is negative")]
)
def test_bad_sequences_are_refused_without_values(counts: list[int], message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        suppress_sequence(counts)
    assert "20" not in str(error.value)
    assert "-1" not in str(error.value)


def test_numpy_and_polars_integers_are_counts() -> None:
    counts = pl.Series([500, 495, 300, 8], dtype=pl.UInt32)
    assert suppress_sequence(list(counts.to_numpy())) == [500, None, 300, None]
    with pytest.raises(InputError, match="position 0 is not an integer"):
        suppress_sequence([500.0])  # type: ignore[list-item]
