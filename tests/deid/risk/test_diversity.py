"""Distinct values per class are counted right for every column type, null counted as a value."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from deid.risk import measure_risk

# Classes 1-4 hold [a, a], [a, b], [null, null], [null, a]: classes 1 and 3 are single-valued.
GROUPS = [1, 1, 2, 2, 3, 3, 4, 4]
PATTERN = ["a", "a", "a", "b", None, None, None, "a"]

VALUES = {
    "int": (pl.Int64, {"a": 7, "b": 8}),
    "float": (pl.Float64, {"a": 0.5, "b": 1.5}),
    "string": (pl.String, {"a": "x", "b": "y"}),
    "categorical": (pl.Categorical, {"a": "x", "b": "y"}),
    "enum": (pl.Enum(["x", "y"]), {"a": "x", "b": "y"}),
    "boolean": (pl.Boolean, {"a": True, "b": False}),
    "date": (pl.Date, {"a": dt.date(2020, 1, 1), "b": dt.date(2021, 1, 1)}),
    "list": (pl.List(pl.Int64), {"a": [1], "b": [1, 2]}),
    "binary": (pl.Binary, {"a": b"x", "b": b"y"}),
}


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_single_valued_classes_of_every_type(kind: str) -> None:
    dtype, values = VALUES[kind]
    column = pl.Series("value", [None if key is None else values[key] for key in PATTERN], dtype=dtype)
    frame = pl.DataFrame({"group": GROUPS}).with_columns(column)
    report = measure_risk(frame, ["group"], sensitive=["value"])
    assert (report.l_diversity[0].distinct_l, report.l_diversity[0].classes_with_l1) == (1, 2)
    diverse = measure_risk(frame.filter(pl.col("group").is_in([2, 4])), ["group"], sensitive=["value"])
    assert (diverse.l_diversity[0].distinct_l, diverse.l_diversity[0].classes_with_l1) == (2, 0)


def test_distinct_l_counted_exactly_when_no_class_is_single_valued() -> None:
    frame = pl.DataFrame({"group": [1, 1, 1, 2, 2, 2, 2], "dx": ["a", "b", "c", "a", "b", "c", "d"]})
    report = measure_risk(frame, ["group"], sensitive=["dx"])
    assert (report.l_diversity[0].distinct_l, report.l_diversity[0].classes_with_l1) == (3, 0)
