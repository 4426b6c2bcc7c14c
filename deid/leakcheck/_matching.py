"""The keyed comparisons of one output table, as streaming polars queries.

Each column's values are keyed either row by row or, for columns with few distinct
values (codes, labels, dates), once per distinct value weighted by its count. Every
slot's keys, of every table, are unpivoted into one long ``(table, row, weight, slot,
key)`` stream and joined with the identifier table, whose hash table is thus built
once; only matches remain. Shifted dates are counted per distinct date, then matched against the true
dates moved by each probe offset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from deid.leakcheck._categories import (
    DEDUPE_MAX_DISTINCT,
    DEDUPE_MAX_SHARE,
    PROBE_DAYS,
    WHOLE_CELL_MAX_BYTES,
    Category,
)
from deid.leakcheck._dates import ChanceCounts
from deid.leakcheck._plan import CANDIDATE, CELL, ColumnPlan, Slots, TablePlan

__all__ = [
    "ColumnCounts",
    "SlotMatches",
    "Tables",
    "chance_query",
    "counts_query",
    "exact_query",
    "probe_frame",
    "read_chance",
    "read_counts",
    "read_exact",
]

_ROW = "__leakcheck_row__"
_WEIGHT = "__leakcheck_weight__"


@dataclass(frozen=True, kw_only=True)
class SlotMatches:
    """Matches of one slot: cells holding a match and distinct values matched."""

    cells: int
    distinct: int


@dataclass(frozen=True, kw_only=True)
class ColumnCounts:
    """Non-null cells of one column, those short enough to compare whole, distinct values."""

    cells: int
    short_cells: int
    distinct: int

    @property
    def dedupe(self) -> bool:
        """Whether to key the distinct values once each rather than every row."""
        return self.distinct <= DEDUPE_MAX_SHARE * self.cells and self.distinct <= DEDUPE_MAX_DISTINCT


def counts_query(frame: pl.LazyFrame, plan: TablePlan) -> pl.LazyFrame:
    """One row of counts of every planned column (see :func:`read_counts`)."""
    aggregates: list[pl.Expr] = [pl.len().alias("rows")]
    for column in plan.columns:
        values = pl.col(column.name)
        aggregates += [
            values.is_not_null().sum().alias(f"cells_{column.index}"),
            values.approx_n_unique().alias(f"distinct_{column.index}"),
        ]
        if column.textual:
            short = values.cast(pl.String).str.len_bytes() <= WHOLE_CELL_MAX_BYTES
            aggregates.append(short.sum().alias(f"short_{column.index}"))
    return frame.select(aggregates)


def read_counts(result: pl.DataFrame, plan: TablePlan) -> list[ColumnCounts]:
    """The counts of every planned column, in plan order, from :func:`counts_query`."""
    row = result.row(0, named=True)
    return [
        ColumnCounts(
            cells=int(row[f"cells_{column.index}"]),
            short_cells=int(row.get(f"short_{column.index}") or 0),
            distinct=int(row[f"distinct_{column.index}"]),
        )
        for column in plan.columns
    ]


def _values(frame: pl.LazyFrame, column: ColumnPlan, *, dedupe: bool) -> pl.LazyFrame:
    values = frame.select(pl.col(column.name).alias(CELL))
    if dedupe:
        values = values.group_by(CELL).agg(pl.len().cast(pl.UInt64).alias(_WEIGHT))
    else:
        values = values.with_columns(pl.lit(1, dtype=pl.UInt64).alias(_WEIGHT))
    return values.with_row_index(_ROW)


def _long_keys(values: pl.LazyFrame, column: ColumnPlan, slots: Slots) -> pl.LazyFrame:
    """One ``(row, weight, slot, key)`` row per non-null key of every slot."""
    index = [_ROW, _WEIGHT]
    families = {f"__leakcheck_family_{name}": family for name, family in slots.in_text.items()}
    # Every branch below reads this one cached subplan.
    wide = column.staged(values).select(
        *index, **slots.whole, **{name: family.tokens for name, family in families.items()}
    )
    parts = []
    if slots.whole:
        whole = wide.select(*index, *slots.whole)
        parts.append(whole.unpivot(index=index, variable_name="slot", value_name="key"))
    for name, family in families.items():
        tokens = wide.select(*index, pl.col(name).alias(CANDIDATE)).explode(CANDIDATE).drop_nulls(CANDIDATE)
        keys = tokens.select(*index, **family.keys)
        parts.append(keys.unpivot(index=index, variable_name="slot", value_name="key"))
    return pl.concat(parts, how="vertical").drop_nulls("key")


Tables = Mapping[str, tuple[pl.LazyFrame, TablePlan, Sequence[ColumnCounts]]]
"""Per output table: its frame, its plan and the counts of its planned columns."""


def _all_keys(tables: Tables, *, chance: bool) -> pl.LazyFrame | None:
    """The ``(table, row, weight, slot, key, category)`` stream of every table's slots."""
    parts = []
    for table, (frame, plan, counts) in tables.items():
        for column, count in zip(plan.columns, counts, strict=True):
            slots = column.chance if chance else column.exact
            if slots:
                keys = _long_keys(_values(frame, column, dedupe=count.dedupe), column, slots)
                parts.append(keys.with_columns(table=pl.lit(table)))
    if not parts:
        return None
    return pl.concat(parts, how="vertical").with_columns(category=pl.col("slot").str.extract(r"\|(.+)$", 1))


def exact_query(tables: Tables, identifier_table: pl.LazyFrame) -> pl.LazyFrame | None:
    """Per table and slot, cells whose keys are input identifiers of its category.

    One query for all tables, so that the identifier hash table is built once.
    ``identifier_table`` has columns ``category`` and ``key``; see :func:`read_exact`.
    """
    keys = _all_keys(tables, chance=False)
    if keys is None:
        return None
    return (
        keys.join(identifier_table, on=["category", "key"], how="inner")
        # A cell whose whole value and a word of its text both match counts once.
        .group_by("table", "slot", _ROW)
        .agg(pl.col(_WEIGHT).first(), pl.col("key").first())
        .group_by("table", "slot")
        .agg(cells=pl.col(_WEIGHT).sum(), distinct=pl.col("key").n_unique())
    )


def read_exact(result: pl.DataFrame) -> dict[str, dict[str, SlotMatches]]:
    """The matches per table and slot name, from :func:`exact_query`."""
    found: dict[str, dict[str, SlotMatches]] = {}
    for table, slot, cells, distinct in result.iter_rows():
        found.setdefault(table, {})[slot] = SlotMatches(cells=int(cells), distinct=int(distinct))
    return found


def probe_frame(category: Category, true_dates: pl.Series) -> pl.DataFrame:
    """The ``(category, key, offset)`` rows matching a date moved by each probe offset.

    A date ``d`` of a cell matches offset ``o`` when ``d + o`` is a true date, that is
    when ``d`` equals a true date minus ``o``; offset 0 is the plain match.
    """
    frames = [
        pl.DataFrame({"date": true_dates}).select(
            category=pl.lit(category.value),
            key=(pl.col("date") - pl.duration(days=offset)).dt.to_string("%Y-%m-%d"),
            offset=pl.lit(offset, dtype=pl.Int32),
        )
        for offset in (0, *PROBE_DAYS)
    ]
    return pl.concat(frames)


def chance_query(tables: Tables) -> pl.LazyFrame | None:
    """The distinct shifted dates per table and slot (see :func:`read_chance`)."""
    keys = _all_keys(tables, chance=True)
    if keys is None:
        return None
    return keys.select("table", "slot", "category", "key").unique()


def read_chance(per_date: pl.DataFrame, probes: pl.DataFrame) -> dict[str, dict[str, ChanceCounts]]:
    """Per table and shifted-date slot, distinct dates seen, matching, and matching each probe.

    Distinct dates, not cells: one person's records often share a day (a newborn's
    immunisations on the birth day), so one chance coincidence would otherwise count as
    several and break the binomial model of chance.
    """
    seen = per_date.group_by("table", "slot").agg(pl.len())
    matched = (
        per_date.join(probes, on=["category", "key"], how="inner")
        .group_by("table", "slot", "offset")
        .agg(pl.len())
    )
    by_offset = {(table, slot, offset): int(count) for table, slot, offset, count in matched.iter_rows()}
    found: dict[str, dict[str, ChanceCounts]] = {}
    for table, slot, total in seen.iter_rows():
        found.setdefault(table, {})[slot] = ChanceCounts(
            dates=int(total),
            matches=by_offset.get((table, slot, 0), 0),
            probe_matches=tuple(by_offset.get((table, slot, offset), 0) for offset in PROBE_DAYS),
        )
    return found
