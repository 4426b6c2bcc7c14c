from __future__ import annotations

import polars as pl
import pytest

from deid.risk import (
    Hierarchy,
    RiskInputError,
    age_bands,
    mapping_levels,
    suppress_level,
    year_bands,
    zip3_to_state,
)
from tests.deid.risk.conftest import PLANTED


def _levels(frame: pl.DataFrame, hierarchy: Hierarchy) -> list[list[object]]:
    return [
        frame.select(hierarchy.expression(level))[hierarchy.column].to_list()
        for level in range(hierarchy.height)
    ]


def test_age_bands_on_integers() -> None:
    frame = pl.DataFrame({"age": [0, 19, 47, None]}, schema={"age": pl.Int32})
    assert _levels(frame, age_bands("age")) == [
        [0, 19, 47, None],
        ["0-4", "15-19", "45-49", None],
        ["0-9", "10-19", "40-49", None],
        ["0-19", "0-19", "40-59", None],
        ["*", "*", "*", "*"],
    ]


def test_birth_years_as_text_keep_the_top_code() -> None:
    frame = pl.DataFrame({"birth_year": ["1948", "90+", None]})
    assert _levels(frame, age_bands("birth_year", (10,), suppress=False)) == [
        ["1948", "90+", None],
        ["1940-1949", "90+", None],
    ]


def test_year_bands() -> None:
    frame = pl.DataFrame({"first_year": [2014, 2015, 2021]})
    assert _levels(frame, year_bands("first_year"))[1:] == [
        ["2010-2014", "2015-2019", "2020-2024"],
        ["2010-2019", "2010-2019", "2020-2029"],
        ["*", "*", "*"],
    ]


@pytest.mark.parametrize("widths", [(), (0,), (5, 5), (5, 7), (10, 5)])
def test_band_widths_must_nest(widths: tuple[int, ...]) -> None:
    with pytest.raises(RiskInputError, match="age"):
        age_bands("age", widths)


def test_mapping_levels_and_zip3_to_state() -> None:
    frame = pl.DataFrame({"zip3": ["100", "606", "000", None]})
    assert _levels(frame, zip3_to_state("zip3", {"100": "NY", "606": "IL"})) == [
        ["100", "606", "000", None],
        ["NY", "IL", "*", None],
        ["*", "*", "*", "*"],
    ]
    regions = mapping_levels(
        "zip3",
        [{"100": "NY", "101": "NY", "606": "IL"}, {"100": "Northeast", "101": "Northeast", "606": "Midwest"}],
        suppress=False,
    )
    assert regions.height == 3
    assert _levels(pl.DataFrame({"zip3": ["101", "606"]}), regions)[2] == ["Northeast", "Midwest"]


def test_mapping_levels_must_nest_and_errors_hold_no_values() -> None:
    with pytest.raises(RiskInputError, match="level 2") as caught:
        mapping_levels("zip3", [{"100": PLANTED, "101": PLANTED}, {"100": "A", "101": "B"}])
    assert PLANTED not in str(caught.value)
    with pytest.raises(RiskInputError, match="other keys") as caught:
        mapping_levels("zip3", [{PLANTED: "NY"}, {"101": "US"}])
    assert PLANTED not in str(caught.value)


def test_repr_names_the_column_only() -> None:
    hierarchy = zip3_to_state("zip3", {PLANTED: "NY"})
    assert repr(hierarchy) == "Hierarchy(column='zip3', height=3)"


def test_suppress_level_and_level_range() -> None:
    hierarchy = suppress_level(Hierarchy(column="sex"))
    assert _levels(pl.DataFrame({"sex": ["F", None]}), hierarchy) == [["F", None], ["*", "*"]]
    with pytest.raises(RiskInputError, match="levels 0 to 1"):
        hierarchy.expression(2)
    with pytest.raises(RiskInputError, match="non-empty"):
        Hierarchy(column="")
