"""Full names and street addresses anywhere in a cell, as whole word sequences.

Cells and identifiers go through the same :func:`~deid.leakcheck._normalise.words`
normalisation and are padded with spaces, so ``" chase guerra "`` is found in
``"Daughter: CHASE  Guerra, at bedside"`` but not in ``"Purchase Guerrand"``. The
search is one Aho-Corasick pass (``str.contains_any``) per batch of distinct cells of
all tables together: the automaton is built once per batch (a streaming query would
rebuild it per morsel), and repeated cells (code descriptions, templates) are searched
once.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import polars as pl

from deid.leakcheck._categories import TEXT_BATCH_ROWS, TEXT_CATEGORIES
from deid.leakcheck._plan import TablePlan, slot_name
from deid.leakcheck._words import words

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from deid.leakcheck._identifiers import IdentifierSet
    from deid.leakcheck._matching import ColumnCounts

__all__ = ["search_text"]


def _padded(text: pl.Expr) -> pl.Expr:
    return pl.concat_str(pl.lit(" "), words(text), pl.lit(" "))


# A name or an address line has two words, the second starting with a letter.
_TWO_WORDS = r"[\p{L}0-9][^\p{L}\p{N}]+\p{L}"


def _cells(
    table: str, frame: pl.LazyFrame, plan: TablePlan, counts: Sequence[ColumnCounts]
) -> list[pl.LazyFrame]:
    """``(table, column, cell, cells)`` rows of a table's string columns worth searching.

    Repetitive columns are reduced to their distinct values here; the others are
    reduced per batch.
    """
    parts = []
    for column, count in zip(plan.columns, counts, strict=True):
        if not column.textual:
            continue
        cells = frame.select(pl.col(column.name).cast(pl.String).alias("cell")).filter(
            pl.col("cell").str.contains(_TWO_WORDS)
        )
        weighted = (
            cells.group_by("cell").agg(pl.len().cast(pl.UInt64).alias("cells"))
            if count.dedupe
            else cells.with_columns(pl.lit(1, dtype=pl.UInt64).alias("cells"))
        )
        parts.append(
            weighted.select(
                pl.lit(table).alias("table"), pl.lit(column.index).alias("column"), "cell", "cells"
            )
        )
    return parts


def search_text(
    tables: Mapping[str, tuple[pl.LazyFrame, TablePlan, Sequence[ColumnCounts]]], identifiers: IdentifierSet
) -> dict[str, dict[str, int]]:
    """Count, per table and slot, the cells holding a full name or street address of the input.

    Parameters
    ----------
    tables
        Per output table: its frame, its plan and the counts of its planned columns.
    identifiers
        The input's identifiers.

    Returns
    -------
    dict[str, dict[str, int]]
        Cells found per table and slot name; tables and slots without any are left out.
    """
    patterns = {
        category: (" " + identifiers.values[category] + " ").to_list()
        for category in sorted(TEXT_CATEGORIES)
        if len(identifiers.values[category])
    }
    parts = [
        part for table, (frame, plan, counts) in tables.items() for part in _cells(table, frame, plan, counts)
    ]
    if not patterns or not parts:
        return {}
    found: dict[str, Counter[str]] = {}
    # One stream over every table: the automaton is built once per batch, not per table.
    for batch in pl.concat(parts).collect_batches(chunk_size=TEXT_BATCH_ROWS, maintain_order=False):
        distinct = batch.group_by("table", "column", "cell").agg(pl.col("cells").sum())
        # Normalising is streamed (parallel); the search is eager, so that each
        # automaton is built once for the batch rather than once per morsel.
        padded = distinct.lazy().select("table", "column", "cells", _padded(pl.col("cell")).alias("padded"))
        flags = padded.collect(engine="streaming").select(
            "table",
            "column",
            "cells",
            *[
                pl.col("padded").str.contains_any(values).alias(category.value)
                for category, values in patterns.items()
            ],
        )
        for category in patterns:
            hits = flags.filter(pl.col(category.value)).group_by("table", "column").agg(pl.col("cells").sum())
            for table, column, count in hits.iter_rows():
                found.setdefault(table, Counter())[slot_name(int(column), category)] += int(count)
    return {table: dict(counter) for table, counter in found.items()}
