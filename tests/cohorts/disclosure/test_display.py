"""display: suppressed counts as the marker, everything as strings."""

from __future__ import annotations

import polars as pl

from cohorts.disclosure import DisclosurePolicy, display


def test_nulls_in_count_columns_become_the_marker() -> None:
    released = pl.DataFrame(
        {"region": ["north", None], "people": [120, None]}, schema_overrides={"people": pl.Int32}
    )
    shown = display(released, DisclosurePolicy(marker="*"))
    assert shown.schema == pl.Schema({"region": pl.String, "people": pl.String})
    assert shown.to_dict(as_series=False) == {"region": ["north", ""], "people": ["120", "*"]}


def test_count_columns_can_be_named() -> None:
    released = pl.DataFrame({"band": ["0-17", "18-64"], "people": [None, 50]})
    shown = display(released, count_columns=["people", "band"])
    assert shown["people"].to_list() == ["[suppressed]", "50"]


def test_a_row_mask_hides_only_the_named_cells_of_its_rows() -> None:
    released = pl.DataFrame(
        {"term": ["a", "b"], "estimate": [None, None], "hidden": [True, False]},
        schema_overrides={"estimate": pl.Float64},
    )
    shown = display(released, DisclosurePolicy(marker="*"), count_columns=["estimate"], suppressed="hidden")
    assert shown.to_dict(as_series=False) == {
        "term": ["a", "b"],
        "estimate": ["*", ""],
        "hidden": ["true", "false"],
    }


def test_floats_can_be_rounded_to_significant_figures() -> None:
    released = pl.DataFrame({"rate": [0.000123456, 98765.4, None], "people": [1, 2, 3]})
    shown = display(released, significant_figures=4)
    assert shown["rate"].to_list() == ["0.0001235", "98770", ""]
    assert shown["people"].to_list() == ["1", "2", "3"]
