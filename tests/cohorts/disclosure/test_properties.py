"""Generative tests: nothing small is shown, derivable or exactly recoverable.

For sequences: no shown count and no difference of two shown counts (exact or rounded)
is small, no hidden count is pinned down by its shown neighbours, and no larger set of
counts could have been shown (brute force). For tables: no shown cell is small, every
line with a hidden cell has two or more, no hidden sum a reader can derive is small, and
no hidden cell is determined by the row and column totals (checked by linear algebra,
independently of the module's graph argument).
"""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cohorts.disclosure import DisclosurePolicy, check_sequence, suppress_counts

policies = st.builds(
    DisclosurePolicy,
    threshold=st.integers(min_value=2, max_value=15),
    suppress_zero=st.booleans(),
    rounding=st.sampled_from([None, 1, 3, 5, 10]),
)
small_or_large = st.one_of(st.integers(min_value=0, max_value=15), st.integers(min_value=0, max_value=300))


@st.composite
def sequences(draw: st.DrawFn) -> list[int]:
    start = draw(st.integers(min_value=0, max_value=400))
    steps = draw(st.lists(small_or_large, max_size=9))
    counts = [start]
    for step in steps:
        counts.append(max(counts[-1] - step, 0))
    return counts


def _safe(counts: list[int], shown: list[int], policy: DisclosurePolicy) -> bool:
    if any(policy.hides(counts[index]) for index in shown):
        return False
    return all(
        not policy.is_small(counts[earlier] - counts[later])
        and not policy.is_small(policy.round_count(counts[earlier]) - policy.round_count(counts[later]))
        for earlier, later in itertools.combinations(shown, 2)
    )


@settings(max_examples=300, deadline=None)
@given(counts=sequences(), policy=policies)
def test_sequence_shows_nothing_small_and_hides_no_recoverable_count(
    counts: list[int], policy: DisclosurePolicy
) -> None:
    checked = check_sequence(counts, policy=policy)
    released = checked.released
    shown = [index for index, value in enumerate(released) if value is not None]
    assert len(released) == len(counts)
    assert checked.suppressed_cells == len(counts) - len(shown)
    for index in shown:
        assert released[index] == policy.round_count(counts[index])
    assert _safe(counts, shown, policy)
    for index, value in enumerate(released):
        if value is None:
            before = [counts[i] for i in shown if i < index]
            after = [counts[i] for i in shown if i > index]
            upper = before[-1] if before else None
            lower = after[0] if after else 0
            assert upper is None or upper > lower, "a hidden count lies between two equal bounds"


@settings(max_examples=150, deadline=None)
@given(counts=sequences().filter(lambda counts: len(counts) <= 8), policy=policies)
def test_sequence_shows_as_many_counts_as_possible(counts: list[int], policy: DisclosurePolicy) -> None:
    released = check_sequence(counts, policy=policy).released
    best = max(
        size
        for size in range(len(counts) + 1)
        for subset in itertools.combinations(range(len(counts)), size)
        if _safe(counts, list(subset), policy)
    )
    assert sum(value is not None for value in released) == best


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[int]], bool]:
    n_rows = draw(st.integers(min_value=1, max_value=4))
    n_columns = draw(st.integers(min_value=1, max_value=4))
    body = [[draw(small_or_large) for _ in range(n_columns)] for _ in range(n_rows)]
    return body, draw(st.booleans())


def _equations(values: list[list[int]], hidden: list[tuple[int, int]], total_row: int | None) -> np.ndarray:
    """One row per total a reader knows, one column per hidden cell."""
    n_rows, n_columns = len(values), len(values[0])
    equations = []
    for column in range(n_columns if n_rows >= 2 else 0):
        equations.append(
            [(-1 if row == total_row else 1) if cell_column == column else 0 for row, cell_column in hidden]
        )
    if n_columns >= 2:
        equations.extend([[1 if cell_row == row else 0 for cell_row, _ in hidden] for row in range(n_rows)])
    return np.array(equations, dtype=float).reshape(len(equations), len(hidden))


def _determined(matrix: np.ndarray) -> list[int]:
    """Hidden cells whose value every solution shares: column not in the span of the others."""
    rank = np.linalg.matrix_rank(matrix) if matrix.size else 0
    return [
        index
        for index in range(matrix.shape[1])
        if (np.linalg.matrix_rank(np.delete(matrix, index, axis=1)) if matrix.shape[1] > 1 else 0) < rank
    ]


@settings(max_examples=300, deadline=None)
@given(table=tables(), policy=policies)
def test_tables_hide_every_small_cell_unrecoverably(
    table: tuple[list[list[int]], bool], policy: DisclosurePolicy
) -> None:
    body, carries_total = table
    values = [*body, [sum(column) for column in zip(*body, strict=True)]] if carries_total else body
    total_row = len(body) if carries_total else None
    names = [f"count_{index}" for index in range(len(values[0]))]
    frame = pl.DataFrame(
        {"label": [f"row {index}" for index in range(len(body))] + (["total"] if carries_total else [])}
        | {name: [row[index] for row in values] for index, name in enumerate(names)}
    )
    checked = suppress_counts(frame, names, policy=policy, total_row="total" if carries_total else None)
    released = list(checked.released.select(names).iter_rows())
    hidden = [(r, c) for r, row in enumerate(released) for c, value in enumerate(row) if value is None]
    assert checked.suppressed_cells == len(hidden)
    for r, row in enumerate(released):
        for c, value in enumerate(row):
            if value is not None:
                assert not policy.hides(values[r][c])
                assert value == policy.round_count(values[r][c])
    lines = [[(r, c) for r in range(len(values))] for c in range(len(names))] if len(values) >= 2 else []
    if len(names) >= 2:
        lines += [[(r, c) for c in range(len(names))] for r in range(len(values))]
    determined = {hidden[index] for index in _determined(_equations(values, hidden, total_row))}
    for line in lines:
        line_hidden = [cell for cell in line if cell in hidden]
        shown_nonzero = [cell for cell in line if cell not in hidden and values[cell[0]][cell[1]] > 0]
        if not shown_nonzero:
            continue  # the line's total is the sum of its hidden cells: nothing more to hide
        assert len(line_hidden) != 1
        total_hidden = (
            total_row is not None
            and any(r == total_row for r, _ in line_hidden)
            and line[0][1] == line[-1][1]
        )
        if line_hidden and not total_hidden:
            assert not policy.is_small(sum(values[r][c] for r, c in line_hidden if r != total_row))
    # Only cells the totals give away whatever else is hidden (e.g. the one non-zero cell of
    # a row: the row total *is* that cell) may be determined.
    everything = hidden + [
        (r, c)
        for r, row in enumerate(values)
        for c, value in enumerate(row)
        if value > 0 and (r, c) not in hidden
    ]
    inherent = {everything[index] for index in _determined(_equations(values, everything, total_row))}
    assert determined <= inherent, f"hidden cells {sorted(determined - inherent)} follow from the totals"
    if not policy.suppress_zero:
        assert all(values[r][c] > 0 for r, c in hidden)
