"""Distinct l-diversity inside the class group-by: distinct values counted on integer codes.

Counting distinct text values per class (``n_unique`` on strings) costs about as much
again as the group-by itself; counting the integer codes of the same values (their
categorical encoding) costs little. Codes are equal exactly when values are, and null
stays null, so the count is the same: null is counted as a value of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["class_aggregations", "diversity_figures"]

_PREFIX = "__risk_distinct_"


def _codes(name: str, dtype: pl.DataType) -> pl.Expr:
    """Values of ``name`` as integers equal exactly when the values are (text, categories)."""
    column = pl.col(name)
    if dtype == pl.String:
        return column.cast(pl.Categorical).to_physical()
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return column.to_physical()
    return column


def class_aggregations(schema: pl.Schema, sensitive: Sequence[str]) -> list[pl.Expr]:
    """Per class, the number of distinct values of each sensitive attribute (null counted)."""
    return [
        _codes(name, schema[name]).n_unique().alias(f"{_PREFIX}{index}")
        for index, name in enumerate(sensitive)
    ]


def diversity_figures(sensitive: Sequence[str]) -> list[pl.Expr]:
    """Over the class table: ``l_<i>`` distinct l and ``l1_<i>`` single-valued classes."""
    expressions = []
    for index in range(len(sensitive)):
        distinct = pl.col(f"{_PREFIX}{index}")
        expressions += [distinct.min().alias(f"l_{index}"), (distinct == 1).sum().alias(f"l1_{index}")]
    return expressions
