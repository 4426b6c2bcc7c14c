"""The keyed comparisons of one output table, as streaming polars queries.

Every slot's keys are unpivoted into one long ``(row, slot, key)`` stream and joined
with the identifier table, whose hash table is built once per query; the result is
small (matches only). Shifted dates are counted per distinct date first, then matched
against the true dates moved by each probe offset.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from deid.leakcheck._categories import PROBE_DAYS, WHOLE_CELL_MAX_BYTES, Category
from deid.leakcheck._dates import ChanceCounts
from deid.leakcheck._plan import TablePlan, is_textual

__all__ = ["ColumnCounts", "SlotMatches", "chance_counts", "column_counts", "exact_matches", "probe_frame"]

_ROW = "__leakcheck_row__"


@dataclass(frozen=True, kw_only=True)
class SlotMatches:
    """Matches of one slot: cells holding a match and distinct values matched."""

    cells: int
    distinct: int


@dataclass(frozen=True, kw_only=True)
class ColumnCounts:
    """Non-null cells of one column, and those short enough to compare whole."""

    cells: int
    short_cells: int


def _long_keys(frame: pl.LazyFrame, slots: dict[str, pl.Expr]) -> pl.LazyFrame:
    return (
        frame.with_row_index(_ROW)
        .select(_ROW, **slots)
        .unpivot(index=_ROW, variable_name="slot", value_name="key")
        .explode("key")
        .drop_nulls("key")
    )


def exact_matches(
    frame: pl.LazyFrame, plan: TablePlan, identifier_table: pl.LazyFrame
) -> dict[str, SlotMatches]:
    """Per slot, the cells whose keys are input identifiers of the slot's category.

    ``identifier_table`` has columns ``category`` and ``key``.
    """
    if not plan.exact:
        return {}
    matched = (
        _long_keys(frame, plan.exact)
        .with_columns(category=pl.col("slot").str.extract(r"\|(.+)$", 1))
        .join(identifier_table, on=["category", "key"], how="inner")
        .group_by("slot")
        .agg(cells=pl.col(_ROW).n_unique(), distinct=pl.col("key").n_unique())
        .collect(engine="streaming")
    )
    return {
        slot: SlotMatches(cells=int(cells), distinct=int(distinct))
        for slot, cells, distinct in matched.iter_rows()
    }


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


def chance_counts(frame: pl.LazyFrame, plan: TablePlan, probes: pl.DataFrame) -> dict[str, ChanceCounts]:
    """Per shifted-date slot, dates seen, dates matching and probe matches."""
    if not plan.chance:
        return {}
    per_date = (
        _long_keys(frame, plan.chance)
        .group_by("slot", "key")
        .agg(seen=pl.len())
        .with_columns(category=pl.col("slot").str.extract(r"\|(.+)$", 1))
        .collect(engine="streaming")
    )
    seen = dict(per_date.group_by("slot").agg(pl.col("seen").sum()).iter_rows())
    matched = (
        per_date.join(probes, on=["category", "key"], how="inner")
        .group_by("slot", "offset")
        .agg(pl.col("seen").sum())
    )
    by_offset = {(slot, offset): int(count) for slot, offset, count in matched.iter_rows()}
    return {
        slot: ChanceCounts(
            dates=int(total),
            matches=by_offset.get((slot, 0), 0),
            probe_matches=tuple(by_offset.get((slot, offset), 0) for offset in PROBE_DAYS),
        )
        for slot, total in seen.items()
    }


def column_counts(frame: pl.LazyFrame, plan: TablePlan) -> list[ColumnCounts]:
    """Non-null cells of every planned column, in plan order."""
    if not plan.columns:
        return []
    schema = frame.collect_schema()
    aggregates: list[pl.Expr] = []
    for index, name in enumerate(plan.columns):
        column = pl.col(name)
        aggregates.append(column.is_not_null().sum().alias(f"cells_{index}"))
        if is_textual(schema[name]):
            short = column.cast(pl.String).str.len_bytes() <= WHOLE_CELL_MAX_BYTES
            aggregates.append(short.sum().alias(f"short_{index}"))
    row = frame.select(aggregates).collect(engine="streaming").row(0, named=True)
    return [
        ColumnCounts(cells=int(row[f"cells_{index}"]), short_cells=int(row.get(f"short_{index}") or 0))
        for index in range(len(plan.columns))
    ]
