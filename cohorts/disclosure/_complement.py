"""Primary and complementary cell suppression on a grid of counts (pure Python, no frames).

The reader is assumed to know every column total when there are two or more rows (from
the carried total row, or from another output such as the cohort size) and every row
total when there are two or more count columns. Each total is a linear equation over its
cells; a suppressed cell is recoverable exactly when it is the only unknown of an equation
or, more generally, when it is a *bridge* of the graph whose nodes are the equations and whose edges are the
suppressed cells (a cell lies on a cycle of suppressed cells if and only if its value can
move up on one side of the cycle and down on the other, keeping every total).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from cohorts.disclosure._policy import DisclosurePolicy

__all__ = ["Cell", "Grid", "complementary_cells", "equation_graph", "find_bridges"]

Cell = tuple[int, int]
_GROUND = ("ground", -1)


@dataclass(frozen=True)
class Grid:
    """Counts laid out as ``values[row][column]``; ``total_row`` indexes a carried total row."""

    values: tuple[tuple[int, ...], ...]
    total_row: int | None = None

    @property
    def n_rows(self) -> int:
        return len(self.values)

    @property
    def n_columns(self) -> int:
        return len(self.values[0]) if self.values else 0

    @property
    def has_row_totals(self) -> bool:
        return self.n_columns >= 2

    @property
    def has_column_totals(self) -> bool:
        return self.n_rows >= 2

    def lines(self) -> list[tuple[list[Cell], bool]]:
        """Each equation's cells, and whether the line carries its own total cell."""
        columns = (
            [
                ([(row, column) for row in range(self.n_rows)], self.total_row is not None)
                for column in range(self.n_columns)
            ]
            if self.has_column_totals
            else []
        )
        if not self.has_row_totals:
            return columns
        rows = [([(row, column) for column in range(self.n_columns)], False) for row in range(self.n_rows)]
        return columns + rows


def complementary_cells(grid: Grid, primary: set[Cell], policy: DisclosurePolicy) -> set[Cell]:
    """Extend ``primary`` to a fixed point where no suppressed cell or small sum is derivable.

    Rules, applied one cell at a time until none applies:

    1. a row or column (line) with exactly one suppressed cell, or whose suppressed cells
       add up to a small number a reader can derive from the total, gets one more: the
       smallest non-zero shown cell of the line, preferring cells whose other line needs
       a complement too (a zero never helps: adding it changes no sum);
    2. then any suppressed cell that is still a bridge of the equation graph gets the
       shown non-zero cells of least total count that close a cycle through it (a
       cheapest path between its two equations, hidden cells costing nothing).

    Cells that no amount of further suppression can protect (the only non-zero cell of
    a line: the line's total *is* that cell) stay as they are; their total is small and
    must be hidden wherever it is published.
    """
    suppressed = set(primary)
    while True:
        line_cell = _line_complement(grid, suppressed, policy)
        cells = [line_cell] if line_cell else _bridge_complement(grid, suppressed)
        if not cells:
            return suppressed
        suppressed.update(cells)


def _needs_complement(
    grid: Grid, line: Sequence[Cell], *, carries_total: bool, suppressed: set[Cell], policy: DisclosurePolicy
) -> bool:
    hidden = [cell for cell in line if cell in suppressed]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    if carries_total and (grid.total_row, line[0][1]) in suppressed:
        return False  # the total is hidden too: the equation gives away no sum of hidden cells
    return policy.is_small(sum(grid.values[row][column] for row, column in hidden if row != grid.total_row))


def _line_complement(grid: Grid, suppressed: set[Cell], policy: DisclosurePolicy) -> Cell | None:
    lines = grid.lines()
    needy = [
        (cells, carries)
        for cells, carries in lines
        if _needs_complement(grid, cells, carries_total=carries, suppressed=suppressed, policy=policy)
    ]
    if not needy:
        return None
    needy_cells = {cell for cells, _ in needy for cell in cells}
    for cells, _ in needy:
        candidates = [cell for cell in cells if cell not in suppressed and grid.values[cell[0]][cell[1]] > 0]
        if candidates:
            return min(
                candidates,
                key=lambda cell: (
                    _crossing_rank(cell, cells, needy, needy_cells),
                    grid.values[cell[0]][cell[1]],
                    cell,
                ),
            )
    return None


def _crossing_rank(
    cell: Cell, own_line: Sequence[Cell], needy: Sequence[tuple[list[Cell], bool]], needy_cells: set[Cell]
) -> int:
    if cell not in needy_cells:
        return 1
    return 0 if any(cell in cells for cells, _ in needy if cells is not own_line) else 1


def equation_graph(grid: Grid, suppressed: set[Cell]) -> dict[Cell, tuple[Hashable, Hashable]]:
    """Each suppressed cell as an edge between the two equations it appears in.

    A cell of a single count column appears only in its column's equation (and one of a
    single row only in its row's); the missing end is a free ``ground`` node.
    """
    edges: dict[Cell, tuple[Hashable, Hashable]] = {}
    for row, column in sorted(suppressed):
        column_end: Hashable = ("column", column) if grid.has_column_totals else _GROUND
        row_end: Hashable = ("row", row) if grid.has_row_totals else _GROUND
        edges[(row, column)] = (column_end, row_end)
    return edges


def find_bridges(edges: dict[Cell, tuple[Hashable, Hashable]]) -> list[Cell]:
    """Cells whose value the totals determine exactly: edges on no cycle, in sorted order."""
    return [cell for cell in sorted(edges) if not _connected_without(edges, cell)]


def _component(edges: dict[Cell, tuple[Hashable, Hashable]], start: Hashable, removed: Cell) -> set[Hashable]:
    adjacency: dict[Hashable, list[Hashable]] = {}
    for cell, (left, right) in edges.items():
        if cell != removed:
            adjacency.setdefault(left, []).append(right)
            adjacency.setdefault(right, []).append(left)
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for neighbour in adjacency.get(node, []):
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append(neighbour)
    return seen


def _connected_without(edges: dict[Cell, tuple[Hashable, Hashable]], cell: Cell) -> bool:
    left, right = edges[cell]
    return right in _component(edges, left, cell)


def _bridge_complement(grid: Grid, suppressed: set[Cell]) -> list[Cell]:
    edges = equation_graph(grid, suppressed)
    for bridge in find_bridges(edges):
        path = _cheapest_path(grid, suppressed, bridge, edges[bridge])
        if path:
            return path
    return []


def _cheapest_path(
    grid: Grid, suppressed: set[Cell], bridge: Cell, ends: tuple[Hashable, Hashable]
) -> list[Cell]:
    """Shown non-zero cells of least total count joining the bridge's ends without it.

    Hidden cells cost nothing; an empty result means the ends cannot be joined, i.e. the
    totals give the bridge away whatever else is hidden.
    """
    adjacency: dict[Hashable, list[tuple[Hashable, Cell]]] = {}
    for row in range(grid.n_rows):
        for column in range(grid.n_columns):
            cell = (row, column)
            if cell == bridge or (cell not in suppressed and grid.values[row][column] <= 0):
                continue
            left, right = equation_graph(grid, {cell})[cell]
            adjacency.setdefault(left, []).append((right, cell))
            adjacency.setdefault(right, []).append((left, cell))
    start, goal = ends
    best: dict[Hashable, tuple[int, int]] = {start: (0, 0)}
    through: dict[Hashable, tuple[Hashable, Cell]] = {}
    queue: list[tuple[tuple[int, int], int, Hashable]] = [((0, 0), 0, start)]
    tiebreak = itertools.count(1)
    while queue:
        cost, _, node = heapq.heappop(queue)
        if node == goal:
            break
        if cost > best[node]:
            continue
        for neighbour, cell in sorted(adjacency.get(node, []), key=lambda pair: pair[1]):
            step = (0, 0) if cell in suppressed else (grid.values[cell[0]][cell[1]], 1)
            candidate = (cost[0] + step[0], cost[1] + step[1])
            if neighbour not in best or candidate < best[neighbour]:
                best[neighbour] = candidate
                through[neighbour] = (node, cell)
                heapq.heappush(queue, (candidate, next(tiebreak), neighbour))
    if goal not in through:
        return []
    path = []
    node = goal
    while node != start:
        node, cell = through[node]
        if cell not in suppressed:
            path.append(cell)
    return sorted(path)
