"""Disclosure control for one-way and two-way frequency tables held in polars frames."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from cohorts.disclosure._complement import Cell, Grid, complementary_cells
from cohorts.disclosure._log import CheckEntry
from cohorts.disclosure._policy import DisclosurePolicy
from data_contracts import InputError

__all__ = ["Checked", "suppress_counts"]


@dataclass(frozen=True)
class Checked:
    """A table after disclosure control.

    Parameters
    ----------
    released
        The table with suppressed counts set to null (count columns keep their integer
        dtype) and, if the policy rounds, shown counts rounded.
    suppressed_cells
        How many counts are null (primary and complementary).
    log
        The checks applied, for the output-checking log.
    """

    released: pl.DataFrame
    suppressed_cells: int
    log: tuple[CheckEntry, ...]


def suppress_counts(
    table: pl.DataFrame,
    count_columns: Sequence[str],
    *,
    policy: DisclosurePolicy | None = None,
    total_row: str | None = None,
    label_column: str | None = None,
    output: str = "table",
) -> Checked:
    """Suppress small counts of a frequency table and the cells that would reveal them.

    Rows are categories, ``count_columns`` hold counts (one column for a one-way table,
    one per stratum for a two-way table). Readers are assumed to know every column total
    (with two or more rows) and every row total (with two or more count columns), whether
    or not the table shows them: they are usually published elsewhere, e.g. the cohort size.

    1. *Primary*: every small count (``policy.hides``) is suppressed.
    2. *Complementary*, to a fixed point: a row or column with exactly one suppressed
       cell, or whose suppressed cells add up to a small number, has its smallest
       non-zero shown cell suppressed too; then every suppressed cell that the totals
       would still pin down exactly (a bridge of the graph of totals, see
       ``cohorts.disclosure._complement``) gets one more cell that puts it on a cycle.
    3. *Rounding*, if the policy asks for it, of the counts still shown.

    Parameters
    ----------
    table
        The frequency table; counts must be non-negative integers without nulls.
    count_columns
        The columns holding counts.
    policy
        The disclosure policy; defaults to :class:`DisclosurePolicy` ``()``.
    total_row
        Label of a total row the table carries (its counts must be the column sums);
        it is checked and suppressed like any other row.
    label_column
        Column holding ``total_row``; defaults to the first column not in ``count_columns``.
    output
        Name of the table, for the log.

    Returns
    -------
    Checked
        The released table, the number of suppressed cells and the log entries.

    Raises
    ------
    InputError
        If a count column is missing, not integer, has nulls or negative counts, or the
        total row is absent, repeated or not the column sums. Messages name the column,
        never a value.

    Examples
    --------
    >>> table = pl.DataFrame({"sex": ["female", "male", "unknown"], "people": [500, 495, 5]})
    >>> suppress_counts(table, ["people"], output="sex").released["people"].to_list()
    [500, None, None]
    """
    policy = policy or DisclosurePolicy()
    grid = _grid(table, count_columns, total_row, label_column, output)
    primary = {
        (row, column)
        for row in range(grid.n_rows)
        for column in range(grid.n_columns)
        if policy.hides(grid.values[row][column])
    }
    suppressed = complementary_cells(grid, primary, policy)
    released = table.with_columns(
        _released_column(table, name, index, grid=grid, suppressed=suppressed, policy=policy)
        for index, name in enumerate(count_columns)
    )
    return Checked(released, len(suppressed), _log(output, grid, primary, suppressed, policy))


def _grid(
    table: pl.DataFrame,
    count_columns: Sequence[str],
    total_row: str | None,
    label_column: str | None,
    output: str,
) -> Grid:
    if not count_columns:
        raise InputError(f"{output}: no count columns given; pass the names of the columns holding counts.")
    for name in count_columns:
        if name not in table.columns:
            raise InputError(
                f"{output}: count column {name!r} is not in the table (columns: {table.columns})."
            )
        column = table[name]
        if not column.dtype.is_integer():
            raise InputError(
                f"{output}: count column {name!r} has dtype {column.dtype}; counts must be integers."
            )
        if column.null_count():
            raise InputError(f"{output}: count column {name!r} has nulls; fill them with 0 or drop the rows.")
        if table.height and column.min() < 0:  # type: ignore[operator]
            raise InputError(f"{output}: count column {name!r} has negative counts; counts must be >= 0.")
    values = tuple(tuple(int(value) for value in row) for row in table.select(count_columns).iter_rows())
    return Grid(
        values,
        _total_row_index(
            table, count_columns, total_row=total_row, label_column=label_column, output=output, values=values
        ),
    )


def _total_row_index(
    table: pl.DataFrame,
    count_columns: Sequence[str],
    *,
    total_row: str | None,
    label_column: str | None,
    output: str,
    values: tuple[tuple[int, ...], ...],
) -> int | None:
    if total_row is None:
        return None
    labels = label_column or next((name for name in table.columns if name not in count_columns), None)
    if labels is None or labels not in table.columns:
        raise InputError(f"{output}: no label column to find the total row in; pass label_column=.")
    matches = [
        index for index, label in enumerate(table[labels].cast(pl.String).to_list()) if label == total_row
    ]
    if len(matches) != 1:
        raise InputError(
            f"{output}: expected exactly one row labelled {total_row!r} in column {labels!r}, "
            f"found {len(matches)}."
        )
    index = matches[0]
    for column, name in enumerate(count_columns):
        body = sum(row[column] for position, row in enumerate(values) if position != index)
        if values[index][column] != body:
            raise InputError(f"{output}: the total row does not equal the sum of column {name!r}.")
    return index


def _released_column(
    table: pl.DataFrame,
    name: str,
    column: int,
    *,
    grid: Grid,
    suppressed: set[Cell],
    policy: DisclosurePolicy,
) -> pl.Series:
    released = [
        None if (row, column) in suppressed else policy.round_count(grid.values[row][column])
        for row in range(grid.n_rows)
    ]
    return pl.Series(name, released, dtype=table[name].dtype)


def _log(
    output: str, grid: Grid, primary: set[Cell], suppressed: set[Cell], policy: DisclosurePolicy
) -> tuple[CheckEntry, ...]:
    cells = grid.n_rows * grid.n_columns
    zero_word = "0 and " if policy.suppress_zero else ""
    totals = (
        " and ".join(
            name
            for name, known in (
                ("column totals", grid.has_column_totals),
                ("row totals", grid.has_row_totals),
            )
            if known
        )
        or "no known total"
    )
    entries = [
        CheckEntry(
            output,
            "primary",
            cells,
            len(primary),
            f"counts of {zero_word}1 to {policy.threshold - 1} suppressed",
        ),
        CheckEntry(
            output,
            "complementary",
            cells,
            len(suppressed) - len(primary),
            "further counts suppressed so no suppressed count, nor a small sum of them, "
            f"follows from {totals}",
        ),
    ]
    if policy.rounding is not None:
        entries.append(
            CheckEntry(
                output,
                "rounding",
                cells - len(suppressed),
                0,
                f"shown counts rounded to a multiple of {policy.rounding}",
            )
        )
    return tuple(entries)
