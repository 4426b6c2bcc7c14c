"""Free text in the report: sample excerpts of de-identified text and a residual re-scan.

Both read the *output* dataset only, so they show exactly what a researcher will see:

- excerpts: a handful of de-identified texts chosen at random with the run's seed, cut
  to a readable length, so a reviewer sees what redaction looks like;
- re-scan: the text engine runs again over a seeded sample of output texts and its
  detections are counted by entity type (never shown). Replacement tags and surrogates
  are what the scrubber wrote, so most detections here are false alarms on clinical
  words; a reviewer compares the count with the texts scanned.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from data_contracts.outputs import output_columns, output_table_name, output_tables
from data_contracts.phi import Method

if TYPE_CHECKING:
    from deid.text import TextEngine

__all__ = ["EXCERPTS", "EXCERPT_CHARACTERS", "RESCAN_TEXTS", "rescan", "sample_excerpts", "text_columns"]

EXCERPTS = 5
"""De-identified excerpts shown in the report."""
EXCERPT_CHARACTERS = 280
"""Longest excerpt shown; longer texts are cut at a word boundary."""
RESCAN_TEXTS = 2_000
"""Largest number of texts per column re-scanned (a seeded sample beyond that)."""


def text_columns(tables: Mapping[str, pl.LazyFrame], method: Method) -> list[tuple[str, str]]:
    """``(table, column)`` of every scrubbed free-text column present in the output."""
    found: list[tuple[str, str]] = []
    for contract in output_tables():
        table = output_table_name(contract)
        if table not in tables:
            continue
        names = set(tables[table].collect_schema().names())
        found.extend(
            (table, column.name)
            for column in output_columns(contract, method)
            if column.role == "text" and column.name in names
        )
    return found


def _non_empty(tables: Mapping[str, pl.LazyFrame], table: str, column: str) -> pl.LazyFrame:
    return tables[table].select(pl.col(column)).filter(pl.col(column).str.len_chars() > 0)


def _count(tables: Mapping[str, pl.LazyFrame], table: str, column: str) -> int:
    return int(_non_empty(tables, table, column).select(pl.len()).collect().item())


def _texts_at(tables: Mapping[str, pl.LazyFrame], table: str, column: str, rows: Sequence[int]) -> list[str]:
    """The non-empty texts of ``table.column`` at the given positions (in position order)."""
    picked = (
        _non_empty(tables, table, column)
        .with_row_index("__row")
        .filter(pl.col("__row").is_in(sorted(rows)))
        .collect()
    )
    return picked.get_column(column).to_list()


def _cut(text: str) -> str:
    if len(text) <= EXCERPT_CHARACTERS:
        return text
    head = text[:EXCERPT_CHARACTERS]
    space = head.rfind(" ")
    return (head[:space] if space > EXCERPT_CHARACTERS // 2 else head) + " …"


def sample_excerpts(
    tables: Mapping[str, pl.LazyFrame], columns: list[tuple[str, str]], *, seed: int
) -> list[dict[str, str]]:
    """Up to :data:`EXCERPTS` de-identified texts, chosen with ``seed`` across ``columns``."""
    counts = [_count(tables, table, column) for table, column in columns]
    total = sum(counts)
    picks = sorted(random.Random(seed).sample(range(total), min(EXCERPTS, total)))  # noqa: S311 - not security
    chosen: list[dict[str, str]] = []
    offset = 0
    for (table, column), count in zip(columns, counts, strict=True):
        rows = [pick - offset for pick in picks if offset <= pick < offset + count]
        if rows:
            texts = _texts_at(tables, table, column, rows)
            chosen.extend({"column": f"{table}.{column}", "text": _cut(text)} for text in texts)
        offset += count
    return chosen


def rescan(
    tables: Mapping[str, pl.LazyFrame],
    columns: list[tuple[str, str]],
    *,
    engine: TextEngine,
    seed: int,
) -> dict[str, Any]:
    """Detections of the text engine in (a sample of) the output texts, by entity type."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    scanned = 0
    found: Counter[str] = Counter()
    for table, column in columns:
        count = _count(tables, table, column)
        rows = rng.sample(range(count), min(RESCAN_TEXTS, count))
        texts = _texts_at(tables, table, column, rows)
        scanned += len(texts)
        for spans in engine.analyze(texts, None):
            found.update(span.entity_type.value for span in spans)
    return {
        "texts_scanned": scanned,
        "sample_limit_per_column": RESCAN_TEXTS,
        "by_type": dict(sorted(found.items())),
    }
