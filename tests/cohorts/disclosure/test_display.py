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
