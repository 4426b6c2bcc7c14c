"""Scan output tables for the input's identifiers and report where they are."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import polars as pl

from deid.leakcheck._categories import (
    DATE_CATEGORIES,
    GROUP_ROWS,
    NAME_PART_MIN_DISTINCT,
    NAME_PART_MIN_SHARE,
    TEXT_CATEGORIES,
    Category,
)
from deid.leakcheck._dates import ChanceCounts, excess_over_chance
from deid.leakcheck._identifiers import IdentifierSet
from deid.leakcheck._matching import (
    ColumnCounts,
    SlotMatches,
    Tables,
    chance_query,
    counts_query,
    exact_query,
    probe_frame,
    read_chance,
    read_counts,
    read_exact,
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
    enough = matches.distinct >= NAME_PART_MIN_DISTINCT
    return enough and matches.cells >= NAME_PART_MIN_SHARE * counts.short_cells


def _groups(
    tables: Tables, rows: Mapping[str, int]
) -> list[dict[str, tuple[pl.LazyFrame, TablePlan, Sequence[ColumnCounts]]]]:
    """Tables grouped into queries of at most ``GROUP_ROWS`` rows (a bigger table alone).

    One query per group builds the identifier hash table once for the group, and holds
    the state of the group's tables only.
    """
    groups: list[dict[str, tuple[pl.LazyFrame, TablePlan, Sequence[ColumnCounts]]]] = []
    total = 0
    for name in sorted(tables, key=lambda table: rows[table]):
        if not groups or total + rows[name] > GROUP_ROWS:
            groups.append({})
            total = 0
        groups[-1][name] = tables[name]
        total += rows[name]
    return groups


def _findings(
    table: str,
    plan: TablePlan,
    *,
    counts: list[ColumnCounts],
    exact: Mapping[str, SlotMatches],
    chance: Mapping[str, ChanceCounts],
    in_text: Mapping[str, int],
) -> list[LeakFinding]:
    found: dict[tuple[int, Category], int] = {}
    for slot, matches in exact.items():
        index, category = split_slot(slot)
        if category is not Category.NAME_PART or _is_name_column(matches, counts[index]):
            found[index, category] = matches.cells
    for slot, chance_counts in chance.items():
        found[split_slot(slot)] = excess_over_chance(chance_counts)
    for slot, cells in in_text.items():
        found[split_slot(slot)] = cells
    return [
        LeakFinding(table, plan.columns[index].name, category.value, cells)
        for (index, category), cells in sorted(found.items())
        if cells > 0
    ]


def scan_for_leaks(outputs: Mapping[str, pl.LazyFrame], identifiers: IdentifierSet) -> LeakReport:
    """Scan every string and date column of every output table for input identifiers.

    Parameters
    ----------
    outputs
        Output table name to its frame (for example ``pl.scan_parquet`` of the written
        file). Every ``String``, ``Categorical`` and ``Enum`` column is scanned, and the
        ``Date`` and ``Datetime`` columns of tables with a ``person_key``; other
        columns are not.
    identifiers
        The input's identifiers, from :func:`collect_identifiers`.

    Returns
    -------
    LeakReport
        Counts only: where identifiers were found, never which.
    """
    categories = [category for category in Category if len(identifiers.values[category])]
    identifier_table = _identifier_table(identifiers, categories)
    probes = _probes(identifiers, categories)
    plans = {
        name: plan_table(outputs[name].collect_schema(), categories, identifiers.shifted) for name in outputs
    }
    scanned = sorted(name for name, plan in plans.items() if plan.columns)
    counted = pl.collect_all(
        [counts_query(outputs[name], plans[name]) for name in scanned], engine="streaming"
    )
    counts = {name: read_counts(result, plans[name]) for name, result in zip(scanned, counted, strict=True)}
    tables = {name: (outputs[name], plans[name], counts[name]) for name in scanned}
    rows = {
        name: int(result.get_column("rows").item()) for name, result in zip(scanned, counted, strict=True)
    }
    exact: dict[str, dict[str, SlotMatches]] = {}
    chance: dict[str, dict[str, ChanceCounts]] = {}
    for group in _groups(tables, rows):
        exact_plan = exact_query(group, identifier_table)
        if exact_plan is not None:
            exact |= read_exact(exact_plan.collect(engine="streaming"))
        chance_plan = chance_query(group)
        if chance_plan is not None:
            chance |= read_chance(chance_plan.collect(engine="streaming"), probes)
    in_text = search_text(tables, identifiers)
    findings: list[LeakFinding] = []
    for name in scanned:
        table_findings = _findings(
            name,
            plans[name],
            counts=counts[name],
            exact=exact.get(name, {}),
            chance=chance.get(name, {}),
            in_text=in_text.get(name, {}),
        )
        findings += table_findings
        cells = sum(count.cells for count in counts[name])
        logger.info("leak check: table %s: %d cells scanned, %d finding(s)", name, cells, len(table_findings))
    return LeakReport(
        method=identifiers.method,
        values_checked=identifiers.counts(),
        cells_scanned=sum(count.cells for name in scanned for count in counts[name]),
        findings=tuple(findings),
    )
