"""Full names and street addresses anywhere in a cell, as whole word sequences.

Cells and identifiers go through the same :func:`~deid.leakcheck._normalise.words`
normalisation and are padded with spaces, so ``" chase guerra "`` is found in
``"Daughter: CHASE  Guerra, at bedside"`` but not in ``"Purchase Guerrand"``. The
search is one Aho-Corasick pass (``str.contains_any``) per batch of distinct cells:
the automaton is built once per batch, which streaming morsels would repeat far more
often, and repeated cells (code descriptions, templates) are searched once.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import polars as pl

from deid.leakcheck._categories import TEXT_BATCH_ROWS, TEXT_CATEGORIES
from deid.leakcheck._normalise import words
from deid.leakcheck._plan import TablePlan, slot_name

if TYPE_CHECKING:
    from deid.leakcheck._identifiers import IdentifierSet

__all__ = ["search_text"]


def _padded(text: pl.Expr) -> pl.Expr:
    return pl.concat_str(pl.lit(" "), words(text), pl.lit(" "))


def search_text(frame: pl.LazyFrame, plan: TablePlan, identifiers: IdentifierSet) -> dict[str, int]:
    """Count, per slot, the cells holding a full name or street address of the input.

    Parameters
    ----------
    frame
        The output table.
    plan
        Its plan (which columns are strings).
    identifiers
        The input's identifiers.

    Returns
    -------
    dict[str, int]
        Cells found per slot name; slots without any are left out.
    """
    patterns = {
        category: (" " + identifiers.values[category] + " ").to_list()
        for category in sorted(TEXT_CATEGORIES)
        if len(identifiers.values[category])
    }
    text_columns = [column for column in plan.columns if column.textual]
    if not patterns or not text_columns:
        return {}
    cells = (
        frame.select(
            [pl.col(column.name).cast(pl.String).alias(str(column.index)) for column in text_columns]
        )
        .unpivot(variable_name="column", value_name="cell")
        # A name or address has at least two words: a cell without a separator has none.
        .filter(pl.col("cell").str.contains(r"[^\p{L}\p{N}]"))
    )
    found: Counter[str] = Counter()
    for batch in cells.collect_batches(chunk_size=TEXT_BATCH_ROWS, maintain_order=False):
        distinct = batch.group_by("column", "cell").len().with_columns(padded=_padded(pl.col("cell")))
        flags = distinct.select(
            "column",
            "len",
            *[
                pl.col("padded").str.contains_any(values).alias(category.value)
                for category, values in patterns.items()
            ],
        )
        for category in patterns:
            hits = flags.filter(pl.col(category.value)).group_by("column").agg(pl.col("len").sum())
            for column, count in hits.iter_rows():
                found[slot_name(int(column), category)] += int(count)
    return dict(found)
