"""suppress_counts on hand-checked one-way and two-way tables."""

from __future__ import annotations

import polars as pl
import pytest

from cohorts.disclosure import DisclosurePolicy, OutputLog, suppress_counts
from data_contracts import InputError


def _rows(frame: pl.DataFrame, columns: list[str]) -> list[tuple[int | None, ...]]:
    return list(frame.select(columns).iter_rows())


def test_one_way_table_hides_the_next_smallest_cell() -> None:
    table = pl.DataFrame({"sex": ["female", "male", "unknown"], "people": [500, 495, 5]})
    checked = suppress_counts(table, ["people"], output="sex")
    # The column total (the cohort size) is known, so 5 alone would be 1000 - 995.
    assert checked.released["people"].to_list() == [500, None, None]
    assert checked.suppressed_cells == 2
    assert checked.released["sex"].to_list() == ["female", "male", "unknown"]


def test_suppressed_cells_that_add_up_to_a_small_number_get_a_third() -> None:
    table = pl.DataFrame({"band": ["a", "b", "c", "d"], "people": [3, 4, 500, 600]})
    # 3 + 4 = 7 would be the total minus 1100: hide 500 as well.
    assert suppress_counts(table, ["people"]).released["people"].to_list() == [None, None, None, 600]


def test_three_by_three_needs_its_row_column_and_the_fourth_corner() -> None:
    table = pl.DataFrame(
        {
            "region": ["north", "south", "east"],
            "female": [50, 3, 40],
            "male": [60, 70, 80],
            "other": [45, 55, 65],
        }
    )
    checked = suppress_counts(table, ["female", "male", "other"], output="region by sex")
    # 3 is small; its column's next smallest is 40, its row's is 55, and 65 closes the rectangle.
    assert _rows(checked.released, ["female", "male", "other"]) == [
        (50, 60, 45),
        (None, 70, None),
        (None, 80, None),
    ]
    assert checked.suppressed_cells == 4
    assert [(entry.rule, entry.cells_checked, entry.cells_suppressed) for entry in checked.log] == [
        ("primary", 9, 1),
        ("complementary", 9, 3),
    ]
    assert checked.released.schema == table.schema


def test_a_single_row_is_protected_against_its_row_total_only() -> None:
    table = pl.DataFrame({"cohort": ["all"], "north": [277], "south": [244], "east": [106], "west": [1]})
    checked = suppress_counts(table, ["north", "south", "east", "west"])
    assert checked.released.row(0) == ("all", 277, 244, None, None)
    assert checked.log[1].detail.endswith("follows from row totals")


def test_a_single_cell_is_simply_hidden() -> None:
    table = pl.DataFrame({"cohort": ["all"], "people": [4]})
    checked = suppress_counts(table, ["people"])
    assert checked.released["people"].to_list() == [None]
    assert checked.log[1].detail.endswith("follows from no known total")


def test_a_carried_total_row_is_checked_like_the_body() -> None:
    table = pl.DataFrame({"band": ["young", "old", "total"], "people": [6, 20, 26], "visits": [30, 40, 70]})
    checked = suppress_counts(table, ["people", "visits"], total_row="total")
    # 6 is small; its column (with the total) needs 20; the rows then need 30 and 40,
    # and the visits column is safe with two hidden cells and its total shown.
    assert _rows(checked.released, ["people", "visits"]) == [(None, None), (None, None), (26, 70)]


def test_a_small_total_is_suppressed_too() -> None:
    table = pl.DataFrame({"band": ["young", "old", "total"], "people": [6, 0, 6]})
    released = suppress_counts(table, ["people"], total_row="total", label_column="band").released
    assert released["people"].to_list() == [None, 0, None]


def test_zero_is_shown_by_default_and_hidden_on_request() -> None:
    table = pl.DataFrame({"region": ["north", "south", "east", "west"], "people": [0, 40, 50, 60]})
    assert suppress_counts(table, ["people"]).released["people"].to_list() == [0, 40, 50, 60]
    hidden = suppress_counts(table, ["people"], policy=DisclosurePolicy(suppress_zero=True)).released
    assert hidden["people"].to_list() == [None, None, 50, 60]


def test_zero_is_never_chosen_as_a_complement() -> None:
    table = pl.DataFrame({"region": ["north", "south", "east"], "people": [4, 0, 90]})
    assert suppress_counts(table, ["people"]).released["people"].to_list() == [None, 0, None]


def test_rounding_applies_to_shown_counts_and_hides_counts_rounding_to_small() -> None:
    table = pl.DataFrame({"region": ["north", "south", "east", "west"], "people": [12, 101, 203, 298]})
    checked = suppress_counts(table, ["people"], policy=DisclosurePolicy(rounding=5))
    # 12 would show as 10: hidden with its complement 101.
    assert checked.released["people"].to_list() == [None, None, 205, 300]
    assert checked.log[-1].rule == "rounding"
    assert checked.log[-1].detail == "shown counts rounded to a multiple of 5"


def test_custom_threshold() -> None:
    table = pl.DataFrame({"region": ["north", "south", "east"], "people": [7, 8, 30]})
    released = suppress_counts(table, ["people"], policy=DisclosurePolicy(threshold=8)).released
    assert released["people"].to_list() == [None, None, 30]


def test_a_table_without_small_counts_is_released_as_is() -> None:
    table = pl.DataFrame(
        {"region": ["north", "south"], "people": [11, 0]}, schema_overrides={"people": pl.UInt32}
    )
    checked = suppress_counts(table, ["people"])
    assert checked.released.equals(table)
    assert checked.suppressed_cells == 0


def test_an_empty_table_is_released_as_is() -> None:
    table = pl.DataFrame({"region": [], "people": []}, schema={"region": pl.String, "people": pl.Int64})
    assert suppress_counts(table, ["people"]).released.equals(table)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pl.DataFrame({"people": [1.0]}), "dtype"),
        (pl.DataFrame({"people": [None, 20]}, schema={"people": pl.Int64}), "nulls"),
        (pl.DataFrame({"people": [-3, 20]}), "negative"),
        (pl.DataFrame({"persons": [3]}), "not in the table"),
    ],
)
def test_bad_tables_are_refused_naming_the_column(table: pl.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        suppress_counts(table, ["people"], output="profile")
    assert "profile" in str(error.value)


def test_total_row_must_exist_once_and_add_up() -> None:
    table = pl.DataFrame({"band": ["young", "total"], "people": [6, 7]})
    with pytest.raises(InputError, match="found 0"):
        suppress_counts(table, ["people"], total_row="all")
    with pytest.raises(InputError, match="does not equal the sum of column 'people'") as error:
        suppress_counts(table, ["people"], total_row="total")
    assert "6" not in str(error.value)
    assert "7" not in str(error.value)


def test_no_suppressed_count_reaches_the_log() -> None:
    table = pl.DataFrame({"region": ["north", "south", "east"], "people": [7, 4321, 98765]})
    checked = suppress_counts(table, ["people"], output="region")
    assert checked.released["people"].to_list() == [None, None, 98765]
    log = OutputLog(checked.log)
    for text in (log.to_json(), log.to_html(), repr(checked.log)):
        assert "4321" not in text
        assert "7" not in text


def test_a_chain_of_hidden_cells_is_closed_through_shown_cells() -> None:
    # threshold 2 hides the four 1s; the zeros make each column's hidden 1 its total, but
    # the chain 1 (row 0) - column 3 - 1 (row 1) would still give both column-3 cells
    # away through the row totals unless the two 2s close a cycle.
    table = pl.DataFrame({"c0": [1, 0], "c1": [2, 2], "c2": [0, 1], "c3": [1, 1]})
    released = suppress_counts(table, table.columns, policy=DisclosurePolicy(threshold=2)).released
    assert released.rows() == [(None, None, 0, None), (0, None, None, None)]
