"""Checking the arguments of :func:`analysis.correlate` and sorting variables into kinds.

Error messages name columns and parameters, never a value from the table.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import polars as pl

from data_contracts import ConfigError, InputError

__all__ = [
    "METHODS",
    "Kind",
    "check_arguments",
    "complete_pairs",
    "kind_of",
    "numeric_codes",
]

METHODS = ("auto", "pearson", "spearman")


class Kind(enum.Enum):
    """How a variable takes part in a correlation."""

    NUMERIC = "numeric"
    BINARY = "binary"
    CATEGORICAL = "categorical"


def check_arguments(
    table: pl.DataFrame,
    variables: Sequence[str],
    *,
    method: str,
    confounders: Sequence[str],
    alpha: float,
) -> None:
    """Raise a :class:`ConfigError` or :class:`InputError` naming what is wrong, if anything."""
    if isinstance(variables, str) or isinstance(confounders, str):
        raise ConfigError(
            "correlate: 'variables' and 'confounders' must be lists of column names, not one string."
        )
    if len(variables) < 2:
        raise ConfigError(f"correlate needs at least 2 variables to relate; got {len(variables)}.")
    if len(set(variables)) != len(variables):
        raise ConfigError("correlate: each column may appear only once in 'variables'.")
    if method not in METHODS:
        raise ConfigError(f"correlate: method must be one of {', '.join(METHODS)}; got {method!r}.")
    if isinstance(alpha, bool) or not isinstance(alpha, float | int) or not 0 < alpha < 1:
        raise ConfigError(f"correlate: alpha must be a number between 0 and 1, e.g. 0.05; got {alpha!r}.")
    for column in (*variables, *confounders):
        if column not in table.columns:
            raise ConfigError(
                f"correlate: column {column!r} is not in the table; "
                f"the table has columns {', '.join(table.columns)}."
            )
    for column in confounders:
        if column in variables:
            raise ConfigError(f"correlate: column {column!r} is both a variable and a confounder.")
        dtype = table.schema[column]
        if not (dtype.is_numeric() or dtype == pl.Boolean):
            raise InputError(
                f"correlate: confounder {column!r} has type {dtype}, but confounders must be numeric "
                "(integer, float or boolean); encode it as numbers or leave it out."
            )


def kind_of(table: pl.DataFrame, column: str) -> Kind:
    """The kind of ``column``: binary if it has two distinct values, else numeric or categorical.

    Raises
    ------
    InputError
        If the column has fewer than two distinct non-missing values, or a type that is
        neither numeric, boolean, string nor categorical.
    """
    dtype = table.schema[column]
    values = table.get_column(column).drop_nulls()
    if dtype.is_float():
        values = values.drop_nans()
    distinct = values.n_unique()
    if distinct < 2:
        raise InputError(
            f"correlate: column {column!r} is constant (fewer than two distinct non-missing values); "
            "nothing can be correlated with it, so leave it out."
        )
    if distinct == 2:
        return Kind.BINARY
    if dtype.is_numeric():
        return Kind.NUMERIC
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        return Kind.CATEGORICAL
    raise InputError(
        f"correlate: column {column!r} has type {dtype}; correlate takes numeric, boolean, string or "
        "categorical columns. Convert it first (e.g. a date to a number of days)."
    )


def complete_pairs(table: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    """The rows of ``table`` in which every one of ``columns`` is present (and not NaN)."""
    present = [
        pl.col(column).is_not_null() & ~pl.col(column).is_nan()
        if table.schema[column].is_float()
        else pl.col(column).is_not_null()
        for column in columns
    ]
    return table.select(columns).filter(pl.all_horizontal(present)) if present else table.select(columns)


def numeric_codes(values: pl.Series) -> npt.NDArray[np.float64]:
    """``values`` as floats: numbers as they are, booleans as 0/1, other values as sorted codes."""
    if values.dtype.is_numeric() or values.dtype == pl.Boolean:
        return values.cast(pl.Float64).to_numpy()
    categories = values.cast(pl.String)
    levels = categories.unique().sort()
    codes = categories.replace_strict(levels, pl.int_range(levels.len(), eager=True), return_dtype=pl.Float64)
    return codes.to_numpy()
