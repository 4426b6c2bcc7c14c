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

_VALUE = "__leakcheck_value__"
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


def _raw_value(route: Route, dtype: pl.DataType) -> pl.Expr:
    """The column's values as compared before normalisation (a date for timestamps)."""
    column = pl.col(route.column)
    if route.category in DATE_CATEGORIES and isinstance(dtype, pl.Datetime):
        column = column.dt.date()
    return column.alias(_VALUE)


def _category_keys(category: Category, raw: list[pl.LazyFrame]) -> pl.LazyFrame:
    """The normalised keys of one category (one or more columns), from its raw values.

    Foreign keys and dates repeat over millions of rows and across tables: they are
    normalised once per distinct value.
    """
    distinct = pl.concat(raw, how="vertical").unique()
    value = pl.col(_VALUE)
    if category in DATE_CATEGORIES:
        return distinct.select(value.dt.to_string("%Y-%m-%d").alias("key"))
    if category is Category.ZIP5:
        # A ZIP read as a number loses its leading zero (New England): put it back.
        value = pl.when(value.str.contains(r"^[0-9]{4}$")).then(pl.lit("0") + value).otherwise(value)
    key = KEY_OF[category](value)
    if category is not Category.RECORD_ID:
        return distinct.select(key.alias("key"))
    # An 18-character Salesforce id also circulates as its 15-character form.
    short = pl.when(key.str.len_bytes() == _SALESFORCE_LONG_ID).then(key.str.slice(0, _SALESFORCE_SHORT_ID))
    return distinct.select(key.alias("key"), short.alias("short"))


def _table_routes(table: str, frame: pl.LazyFrame, method: Method) -> tuple[tuple[Route, ...], pl.Schema]:
    table_routes = routes(table, table_contract(table).schema, method)
    schema = frame.collect_schema()
    missing = [route.column for route in table_routes if route.column not in schema]
    if missing:
        msg = f"input table {table!r} lacks identifier column(s) {missing}; pass the contract-typed frame"
        raise ValueError(msg)
    return table_routes, schema


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
    raw: dict[Category, list[pl.LazyFrame]] = {}
    queries: dict[Category, list[pl.LazyFrame]] = {}
    shifted: set[Category] = set()
    for table in sorted(inputs):
        frame = inputs[table]
        table_routes, schema = _table_routes(table, frame, method)
        shifted |= {route.category for route in table_routes if route.shifted}
        for route in table_routes:
            if route.category is not Category.NAME:
                raw.setdefault(route.category, []).append(
                    frame.select(_raw_value(route, schema[route.column]))
                )
        # Names are built per row from several columns: collected per table.
        for category, key in name_keys([route for route in table_routes if route.category is Category.NAME]):
            queries.setdefault(category, []).append(frame.select(key.alias("key")))
    for category, frames in raw.items():
        queries.setdefault(category, []).append(_category_keys(category, frames))
    order = [
        (category, query) for category, category_queries in queries.items() for query in category_queries
    ]
    collected = pl.collect_all([query for _, query in order], engine="streaming") if order else []
    found: dict[Category, list[pl.Series]] = {}
    for (category, _), result in zip(order, collected, strict=True):
        found.setdefault(category, []).extend(
            result.get_column(name).rename("key") for name in result.columns
        )
    values: dict[Category, pl.Series] = {}
    for category, parts in found.items():
        keys = pl.concat(parts).drop_nulls().unique().sort()
        values[category] = (keys.str.to_date("%Y-%m-%d") if category in DATE_CATEGORIES else keys).rename(
            category.value
        )
    identifiers = IdentifierSet(method=method, values=values, shifted=frozenset(shifted & DATE_CATEGORIES))
    logger.info("leak check: collected identifiers %s", identifiers)
    return identifiers
