"""Checking the inputs of the regression models and dropping incomplete rows.

Shared by :mod:`analysis.casecrossover` and :mod:`analysis.timeseries`. Error messages
name columns and parameters, never a value from the data.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from data_contracts import ConfigError, InputError

__all__ = ["collected", "drop_incomplete", "require_columns", "require_date", "require_numeric"]


def collected(table: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """``table`` as a DataFrame, collected if lazy."""
    return table.collect() if isinstance(table, pl.LazyFrame) else table


def require_columns(frame: pl.DataFrame, columns: Sequence[str], *, output: str, role: str = "table") -> None:
    """Raise :class:`ConfigError` naming the first of ``columns`` missing from ``frame``."""
    for name in columns:
        if name not in frame.columns:
            raise ConfigError(
                f"{output}: column {name!r} is not in the {role}; the {role} has columns "
                f"{', '.join(frame.columns)}. Pass the right column name."
            )


def require_numeric(frame: pl.DataFrame, columns: Sequence[str], *, output: str) -> None:
    """Raise :class:`InputError` naming the first of ``columns`` that is not numeric."""
    for name in columns:
        dtype = frame.schema[name]
        if not (dtype.is_numeric() or dtype == pl.Boolean):
            raise InputError(
                f"{output}: column {name!r} has type {dtype}, but it must be numeric; convert it first."
            )


def require_date(frame: pl.DataFrame, column: str, *, output: str) -> pl.DataFrame:
    """``frame`` with ``column`` as :class:`pl.Date` (datetimes truncated), else :class:`InputError`."""
    dtype = frame.schema[column]
    if dtype == pl.Date:
        return frame
    if isinstance(dtype, pl.Datetime):
        return frame.with_columns(pl.col(column).dt.date())
    raise InputError(
        f"{output}: column {column!r} has type {dtype}, but it must be a date; parse it first, "
        "e.g. pl.col(...).str.to_date()."
    )


def drop_incomplete(frame: pl.DataFrame, columns: Sequence[str]) -> tuple[pl.DataFrame, int]:
    """The rows where every one of ``columns`` is present (not null, not NaN), and how many were dropped."""
    present = [
        pl.col(name).is_not_null() & ~pl.col(name).is_nan()
        if frame.schema[name].is_float()
        else pl.col(name).is_not_null()
        for name in columns
    ]
    kept = frame.filter(pl.all_horizontal(present)) if present else frame
    return kept, frame.height - kept.height
