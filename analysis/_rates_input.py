"""Checking and summing the inputs of rate calculations; errors name columns, never values."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from data_contracts import ConfigError, InputError

__all__ = ["check_options", "standard_weights", "sum_by_stratum"]


def check_options(*, per: float, alpha: float) -> None:
    """Reject a non-positive ``per`` or an ``alpha`` outside (0, 1) with a :class:`ConfigError`."""
    if isinstance(per, bool) or not isinstance(per, int | float) or not per > 0:
        raise ConfigError(f"per must be a positive number such as 1000.0; got {per!r}.")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        raise ConfigError(f"alpha must be between 0 and 1 (0.05 for 95% intervals); got {alpha!r}.")


def _require_columns(schema: pl.Schema, *, numeric: Sequence[str], other: Sequence[str], output: str) -> None:
    for name in (*numeric, *other):
        if name not in schema:
            raise InputError(f"{output}: column {name!r} is not in the table (columns: {list(schema)}).")
    for name in numeric:
        dtype = schema[name]
        if not dtype.is_numeric() or dtype == pl.Boolean:
            raise InputError(f"{output}: column {name!r} has dtype {dtype}; it must be numeric.")


def sum_by_stratum(
    table: pl.DataFrame | pl.LazyFrame,
    *,
    events: str,
    person_time: str,
    persons: str | None,
    keys: Sequence[str],
    output: str,
) -> pl.DataFrame:
    """Events, person-time and persons summed per stratum of ``keys``, sorted by ``keys``.

    Each row counts as one person unless ``persons`` names a column of person counts.

    Raises
    ------
    InputError
        If a column is missing or not numeric, the table is empty, or ``events``,
        ``person_time`` or ``persons`` has nulls, negative or (counts) fractional values.
    """
    frame = table.lazy()
    counts = [events] if persons is None else [events, persons]
    _require_columns(frame.collect_schema(), numeric=[*counts, person_time], other=keys, output=output)
    checked = [*counts, person_time]
    summary = frame.select(
        pl.len().alias("rows"),
        *(pl.col(name).null_count().alias(f"nulls:{name}") for name in checked),
        *(pl.col(name).min().alias(f"min:{name}") for name in checked),
        *((pl.col(name) != pl.col(name).floor()).any().alias(f"fraction:{name}") for name in counts),
    ).collect()
    if summary["rows"][0] == 0:
        raise InputError(f"{output}: the table has no rows; rates need at least one row.")
    for name in checked:
        if summary[f"nulls:{name}"][0]:
            raise InputError(f"{output}: column {name!r} has nulls; fill them or drop those rows.")
        if summary[f"min:{name}"][0] < 0:
            raise InputError(f"{output}: column {name!r} has negative values; it must be >= 0.")
    for name in counts:
        if summary[f"fraction:{name}"][0]:
            raise InputError(f"{output}: column {name!r} has fractional values; counts must be whole.")
    aggregations = [
        pl.col(events).sum().cast(pl.Int64).alias("events"),
        pl.col(person_time).sum().cast(pl.Float64).alias("person_time"),
        (pl.len() if persons is None else pl.col(persons).sum()).cast(pl.Int64).alias("persons"),
    ]
    if not keys:
        return frame.select(aggregations).collect()
    return frame.group_by(keys).agg(aggregations).sort(keys, nulls_last=True).collect()


def standard_weights(standard: pl.DataFrame, *, age_group: str, data_groups: pl.Series) -> pl.DataFrame:
    """The standard population as ``age_group`` and ``weight`` columns, weights summing to 1.

    ``standard`` carries a ``weight`` or a ``population`` column (not both).

    Raises
    ------
    ConfigError
        If the standard lacks the age-group or weight column, has repeated age groups,
        nulls, negative or all-zero weights, age groups of another dtype than the data's,
        or lacks an age group present in the data.
    """
    if not isinstance(standard, pl.DataFrame):
        raise ConfigError("standard must be a polars DataFrame with an age-group and a weight column.")
    present = [name for name in ("weight", "population") if name in standard.columns]
    if age_group not in standard.columns or len(present) != 1:
        raise ConfigError(
            f"standard must have the column {age_group!r} and exactly one of 'weight' or 'population' "
            f"(columns: {standard.columns})."
        )
    column = present[0]
    dtype = standard.schema[column]
    if not dtype.is_numeric() or dtype == pl.Boolean:
        raise ConfigError(f"standard column {column!r} has dtype {dtype}; it must be numeric.")
    if standard[age_group].is_duplicated().any() or standard[age_group].null_count():
        raise ConfigError(f"standard column {age_group!r} must list each age group once, without nulls.")
    weights = standard[column].cast(pl.Float64)
    if weights.null_count() or (weights < 0).any() or not weights.sum() > 0:
        raise ConfigError(
            f"standard column {column!r} must be non-negative without nulls and sum to more than 0."
        )
    if standard.schema[age_group] != data_groups.dtype:
        raise ConfigError(
            f"standard column {age_group!r} has dtype {standard.schema[age_group]} but the data's has "
            f"{data_groups.dtype}; cast one so the age-group labels can match."
        )
    missing = data_groups.unique().is_in(standard[age_group].implode()).not_().sum()
    if missing:
        raise ConfigError(
            f"standard lacks {missing} age group(s) present in column {age_group!r} of the data; "
            "give the standard every age group of the data (labels must match exactly)."
        )
    return pl.DataFrame({age_group: standard[age_group], "weight": weights / weights.sum()})
