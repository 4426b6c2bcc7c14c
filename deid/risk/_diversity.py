"""Distinct l-diversity from the class group-by, without a distinct count per class.

Counting distinct values per class (``n_unique``) costs about as much again as the
group-by itself. Whether a class holds a single value needs only its smallest and
largest value and its null count, which cost little; the exact smallest number of
distinct values is needed only when no class holds a single value (otherwise it is 1),
and is then counted in a second group-by.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["class_aggregations", "diversity_figures", "smallest_distinct_counts"]

_PREFIX = "__risk_sensitive_"


def _comparable(name: str, dtype: pl.DataType) -> pl.Expr | None:
    """An expression equal for two rows exactly when the values are equal, or None."""
    column = pl.col(name)
    if dtype.is_numeric() or dtype.is_temporal() or dtype == pl.Boolean:
        return column
    if dtype == pl.String:
        return column.cast(pl.Categorical).to_physical()
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return column.to_physical()
    return None


def class_aggregations(schema: pl.Schema, sensitive: Sequence[str]) -> list[pl.Expr]:
    """Per-class aggregations telling, for each sensitive attribute, single-valued classes.

    For attribute ``index`` the class table gets either ``lo``, ``hi`` and ``nulls``
    (smallest and largest comparable value, null count) or, for types without an order
    of their own, ``distinct`` (the number of distinct values).
    """
    expressions = []
    for index, name in enumerate(sensitive):
        comparable = _comparable(name, schema[name])
        if comparable is None:
            expressions.append(pl.col(name).n_unique().alias(f"{_PREFIX}{index}_distinct"))
        else:
            expressions += [
                comparable.min().alias(f"{_PREFIX}{index}_lo"),
                comparable.max().alias(f"{_PREFIX}{index}_hi"),
                pl.col(name).null_count().alias(f"{_PREFIX}{index}_nulls"),
            ]
    return expressions


def diversity_figures(schema: pl.Schema, sensitive: Sequence[str], size: pl.Expr) -> list[pl.Expr]:
    """Over the class table: ``l1_<i>`` single-valued classes, ``l_<i>`` distinct l or null.

    ``l_<i>`` is null when no class is single-valued and the exact smallest count of
    distinct values needs :func:`smallest_distinct_counts`.
    """
    expressions = []
    for index, name in enumerate(sensitive):
        if _comparable(name, schema[name]) is None:
            distinct = pl.col(f"{_PREFIX}{index}_distinct")
            single, smallest = distinct == 1, distinct.min()
        else:
            nulls = pl.col(f"{_PREFIX}{index}_nulls")
            same = (pl.col(f"{_PREFIX}{index}_lo") == pl.col(f"{_PREFIX}{index}_hi")).fill_null(value=False)
            single = (nulls == size) | ((nulls == 0) & same)
            smallest = pl.when(single.any()).then(pl.lit(1, dtype=pl.UInt32))
        expressions += [single.sum().alias(f"l1_{index}"), smallest.alias(f"l_{index}")]
    return expressions


def smallest_distinct_counts(
    lazy: pl.LazyFrame, quasi_identifiers: Sequence[str], attributes: Sequence[str]
) -> dict[str, int]:
    """The smallest number of distinct values over classes, per attribute (second group-by)."""
    counts = (
        lazy.group_by(quasi_identifiers)
        .agg(pl.col(name).n_unique().alias(name) for name in attributes)
        .select(pl.col(name).min() for name in attributes)
        .collect()
    )
    return {name: int(counts[name][0]) for name in attributes}
