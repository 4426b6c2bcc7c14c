"""Collect the input's own identifier values, normalised per category."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import polars as pl

from data_contracts import Method, table_contract
from deid.leakcheck._categories import DATE_CATEGORIES, Category
from deid.leakcheck._names import name_keys
from deid.leakcheck._normalise import KEY_OF
from deid.leakcheck._routing import Route, routes

__all__ = ["IdentifierSet", "collect_identifiers"]

logger = logging.getLogger(__name__)

_SALESFORCE_LONG_ID = 18
_SALESFORCE_SHORT_ID = 15


def _empty(category: Category) -> pl.Series:
    return pl.Series(category.value, [], dtype=pl.Date if category in DATE_CATEGORIES else pl.String)


@dataclass(frozen=True, eq=False, repr=False, kw_only=True)
class IdentifierSet:
    """The input's identifier values, normalised, per category. Never printed.

    Parameters
    ----------
    method
        The de-identification method the values were chosen for.
    values
        Per category, the distinct normalised values (``String``; ``Date`` for dates).
        Categories absent from the mapping hold no values.
    shifted
        Date categories the method shifts: tested beyond chance, not by membership.

    Examples
    --------
    >>> import polars as pl
    >>> IdentifierSet(method=Method.SAFE_HARBOR, values={Category.SSN: pl.Series(["999931128"])})
    IdentifierSet(method=safe_harbor, ssn=1)
    """

    method: Method
    values: Mapping[Category, pl.Series] = field(default_factory=dict)
    shifted: frozenset[Category] = frozenset()

    def __post_init__(self) -> None:
        complete = {category: self.values.get(category, _empty(category)) for category in Category}
        object.__setattr__(self, "values", MappingProxyType(complete))
        object.__setattr__(self, "method", Method(self.method))

    def counts(self) -> Mapping[str, int]:
        """Number of distinct values per category (categories with none left out)."""
        return MappingProxyType(
            {category.value: len(series) for category, series in self.values.items() if len(series)}
        )

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={count}" for name, count in self.counts().items())
        return f"IdentifierSet(method={self.method.value}{', ' if counts else ''}{counts})"

    __str__ = __repr__


def _column_keys(route: Route, dtype: pl.DataType) -> list[pl.Expr]:
    """Normalised keys of one non-name column, as strings."""
    column = pl.col(route.column)
    if route.category in DATE_CATEGORIES:
        day = column.dt.date() if isinstance(dtype, pl.Datetime) else column
        return [day.dt.to_string("%Y-%m-%d")]
    if route.category is Category.ZIP5:
        # A ZIP read as a number loses its leading zero (New England): put it back.
        column = pl.when(column.str.contains(r"^\d{4}$")).then(pl.lit("0") + column).otherwise(column)
    key = KEY_OF[route.category](column)
    if route.category is Category.RECORD_ID:
        # An 18-character Salesforce id also circulates as its 15-character form.
        short = pl.when(key.str.len_bytes() == _SALESFORCE_LONG_ID).then(
            key.str.slice(0, _SALESFORCE_SHORT_ID)
        )
        return [key, short]
    return [key]


def _table_keys(table: str, frame: pl.LazyFrame, method: Method) -> tuple[pl.LazyFrame | None, set[Category]]:
    """One query yielding the distinct ``(category, key)`` pairs of one table."""
    table_routes = routes(table, table_contract(table).schema, method)
    schema = frame.collect_schema()
    missing = [route.column for route in table_routes if route.column not in schema]
    if missing:
        msg = f"input table {table!r} lacks identifier column(s) {missing}; pass the contract-typed frame"
        raise ValueError(msg)
    parts: list[pl.LazyFrame] = []
    for route in table_routes:
        if route.category is Category.NAME:
            continue
        for key in _column_keys(route, schema[route.column]):
            parts.append(frame.select(pl.lit(route.category.value).alias("category"), key.alias("key")))
    name_routes = [route for route in table_routes if route.category is Category.NAME]
    for category, key in name_keys(name_routes):
        parts.append(frame.select(pl.lit(category.value).alias("category"), key.alias("key")))
    shifted = {route.category for route in table_routes if route.shifted}
    if not parts:
        return None, shifted
    return pl.concat(parts, how="vertical").drop_nulls().unique(), shifted


def collect_identifiers(inputs: Mapping[str, pl.LazyFrame], *, method: Method) -> IdentifierSet:
    """Collect the identifier values of the input tables that must not reach the output.

    Parameters
    ----------
    inputs
        Registry table name to contract-typed frame (as from
        :func:`data_contracts.load_extract`).
    method
        The de-identification method: what it keeps by design is not collected.

    Returns
    -------
    IdentifierSet
        The distinct normalised values per category.

    Raises
    ------
    KeyError
        If a table name is not a registry input table.
    ValueError
        If a frame lacks an identifier column of its contract.
    """
    method = Method(method)
    queries: list[pl.LazyFrame] = []
    shifted: set[Category] = set()
    for table in sorted(inputs):
        query, table_shifted = _table_keys(table, inputs[table], method)
        shifted |= table_shifted
        if query is not None:
            queries.append(query)
    collected = pl.collect_all(queries, engine="streaming") if queries else []
    pairs = (
        pl.concat(collected, how="vertical")
        if collected
        else pl.DataFrame(schema={"category": pl.String, "key": pl.String})
    )
    values: dict[Category, pl.Series] = {}
    for category in Category:
        keys = pairs.filter(pl.col("category") == category.value).get_column("key").unique().sort()
        if category in DATE_CATEGORIES:
            keys = keys.str.to_date("%Y-%m-%d")
        values[category] = keys.rename(category.value)
    identifiers = IdentifierSet(method=method, values=values, shifted=frozenset(shifted & DATE_CATEGORIES))
    logger.info("leak check: collected identifiers %s", identifiers)
    return identifiers
