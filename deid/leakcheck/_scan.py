"""Scan output tables for the input's identifiers and report where they are."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import polars as pl

from deid.leakcheck._categories import (
    DATE_CATEGORIES,
    NAME_PART_MIN_DISTINCT,
    NAME_PART_MIN_SHARE,
    TEXT_CATEGORIES,
    Category,
)
from deid.leakcheck._dates import excess_over_chance
from deid.leakcheck._identifiers import IdentifierSet
from deid.leakcheck._matching import (
    ColumnCounts,
    SlotMatches,
    chance_counts,
    column_counts,
    exact_matches,
    probe_frame,
)
from deid.leakcheck._plan import TablePlan, plan_table, split_slot
from deid.leakcheck._report import LeakFinding, LeakReport
from deid.leakcheck._textsearch import search_text

__all__ = ["scan_for_leaks"]

logger = logging.getLogger(__name__)


def _identifier_table(identifiers: IdentifierSet, categories: list[Category]) -> pl.LazyFrame:
    """``(category, key)`` rows of every category compared by membership."""
    frames = []
    for category in categories:
        if category in TEXT_CATEGORIES or category in identifiers.shifted:
            continue
        values = identifiers.values[category]
        keys = values.dt.to_string("%Y-%m-%d") if category in DATE_CATEGORIES else values
        frames.append(pl.DataFrame({"category": category.value, "key": keys}))
    if not frames:
        return pl.LazyFrame(schema={"category": pl.String, "key": pl.String})
    return pl.concat(frames).lazy()


def _probes(identifiers: IdentifierSet, categories: list[Category]) -> pl.DataFrame:
    frames = [
        probe_frame(category, identifiers.values[category])
        for category in categories
        if category in identifiers.shifted
    ]
    if not frames:
        return pl.DataFrame(schema={"category": pl.String, "key": pl.String, "offset": pl.Int32})
    return pl.concat(frames)


def _is_name_column(matches: SlotMatches, counts: ColumnCounts) -> bool:
    """A column dominated by input given and family names (a name column kept by mistake)."""
    return (
        matches.distinct >= NAME_PART_MIN_DISTINCT
        and matches.cells >= NAME_PART_MIN_SHARE * counts.short_cells
    )


def _table_findings(
    table: str,
    frame: pl.LazyFrame,
    plan: TablePlan,
    identifiers: IdentifierSet,
    tables: tuple[pl.LazyFrame, pl.DataFrame],
) -> tuple[list[LeakFinding], int]:
    identifier_table, probes = tables
    counts = column_counts(frame, plan)
    found: dict[tuple[int, Category], int] = {}
    for slot, matches in exact_matches(frame, plan, counts, identifier_table).items():
        index, category = split_slot(slot)
        if category is Category.NAME_PART and not _is_name_column(matches, counts[index]):
            continue
        found[index, category] = matches.cells
    for slot, chance in chance_counts(frame, plan, counts, probes).items():
        excess = excess_over_chance(chance)
        if excess:
            found[split_slot(slot)] = excess
    for slot, cells in search_text(frame, plan, identifiers).items():
        found[split_slot(slot)] = cells
    findings = [
        LeakFinding(table, plan.columns[index].name, category.value, cells)
        for (index, category), cells in sorted(found.items())
        if cells > 0
    ]
    return findings, sum(count.cells for count in counts)


def scan_for_leaks(outputs: Mapping[str, pl.LazyFrame], identifiers: IdentifierSet) -> LeakReport:
    """Scan every string and date column of every output table for input identifiers.

    Parameters
    ----------
    outputs
        Output table name to its frame (for example ``pl.scan_parquet`` of the written
        file). Every ``String``, ``Categorical``, ``Enum``, ``Date`` and ``Datetime``
        column is scanned; other columns are not.
    identifiers
        The input's identifiers, from :func:`collect_identifiers`.

    Returns
    -------
    LeakReport
        Counts only: where identifiers were found, never which.
    """
    categories = [category for category in Category if len(identifiers.values[category])]
    tables = (_identifier_table(identifiers, categories), _probes(identifiers, categories))
    findings: list[LeakFinding] = []
    cells_scanned = 0
    for table in sorted(outputs):
        frame = outputs[table]
        plan = plan_table(frame.collect_schema(), categories, identifiers.shifted)
        table_findings, cells = _table_findings(table, frame, plan, identifiers, tables)
        findings += table_findings
        cells_scanned += cells
        logger.info(
            "leak check: table %s: %d cells scanned, %d finding(s)", table, cells, len(table_findings)
        )
    return LeakReport(
        method=identifiers.method,
        values_checked=identifiers.counts(),
        cells_scanned=cells_scanned,
        findings=tuple(findings),
    )
