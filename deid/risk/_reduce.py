"""Reduce risk by generalisation: search the lattice of hierarchy levels (ARX-style).

Information loss is Sweeney's precision metric (Prec) with suppressed records counted
as fully generalised: loss = (1/n) sum over records of the mean over quasi-identifiers
of level / (height - 1), where a suppressed record scores 1 on every quasi-identifier.
It is 0 for the data as is and 1 when everything is ``"*"`` or suppressed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import polars as pl

from deid.risk._errors import RiskInputError, RiskTargetUnreachableError
from deid.risk._hierarchy import Hierarchy
from deid.risk._measures import measure_risk
from deid.risk._report import RiskReport

__all__ = ["Reduction", "reduce_risk"]

logger = logging.getLogger(__name__)

_SIZE = "__risk_class_size"

Node = tuple[int, ...]


@dataclass(frozen=True, kw_only=True, eq=False)
class Reduction:
    """The generalisation chosen by :func:`reduce_risk` and its effect.

    Parameters
    ----------
    levels
        The chosen level of each quasi-identifier, in the order of the hierarchies.
    suppressed_records
        Records removed because their class stayed smaller than the target k.
    information_loss
        Prec-based loss of the chosen node, in [0, 1] (see :mod:`deid.risk._reduce`).
    nodes_checked
        Lattice nodes whose suppression was counted (the rest were pruned).
    frame
        The generalised frame without the suppressed records (lazy).
    before, after
        Risk reports of the frame as given and of ``frame``.
    hierarchies
        The hierarchies searched, for :meth:`apply`.
    """

    levels: Mapping[str, int]
    suppressed_records: int
    information_loss: float
    nodes_checked: int
    frame: pl.LazyFrame = field(repr=False)
    before: RiskReport = field(repr=False)
    after: RiskReport = field(repr=False)
    hierarchies: tuple[Hierarchy, ...] = field(repr=False)

    def apply(self, frame: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
        """Generalise another frame to the chosen levels (nothing is suppressed).

        Records in classes smaller than the target k are not removed: which classes are
        small depends on the frame, so measure it again with :func:`~deid.risk.measure_risk`.

        Raises
        ------
        RiskInputError
            If ``frame`` lacks a quasi-identifier column.
        """
        lazy = frame.lazy()
        _require_columns(lazy, [hierarchy.column for hierarchy in self.hierarchies])
        return lazy.with_columns(
            hierarchy.expression(self.levels[hierarchy.column]) for hierarchy in self.hierarchies
        )


def reduce_risk(
    frame: pl.LazyFrame | pl.DataFrame,
    hierarchies: Sequence[Hierarchy],
    *,
    target_k: int,
    max_suppression: float = 0.05,
    sensitive: Sequence[str] = (),
    population: pl.LazyFrame | pl.DataFrame | None = None,
    population_count: str | None = None,
    risk_threshold: float = 0.09,
) -> Reduction:
    """Find the least-loss generalisation reaching ``target_k`` with bounded suppression.

    The lattice has one level per quasi-identifier (the columns of ``hierarchies``). A
    node passes when the records in its classes smaller than ``target_k`` are at most
    ``max_suppression`` of all records; those records are suppressed (removed). Among
    passing nodes the one with the least Prec-based information loss is chosen (ties:
    fewer levels in total, then the first in lattice order).

    The search works on the class table of the frame as given (one group-by), and checks
    nodes breadth-first by total level with two monotonicity prunings, as in ARX's
    Flash/OLA: the top node is checked first, and if it fails no node can pass (a coarser
    node never suppresses more records); a node whose loss without any suppression (a
    lower bound of its loss, which grows with every level) is no better than the best
    node found is not checked, which cuts off its whole up-set.

    Parameters
    ----------
    frame
        One row per record (person).
    hierarchies
        One hierarchy per quasi-identifier, distinct columns.
    target_k
        The smallest class size wanted after suppression.
    max_suppression
        The largest share of records that may be suppressed, in [0, 1].
    sensitive, population, population_count, risk_threshold
        Passed to :func:`~deid.risk.measure_risk` for the reports before and after (the
        population is generalised like the frame).

    Returns
    -------
    Reduction
        The chosen levels, suppressed records, loss, generalised frame and reports.

    Raises
    ------
    RiskInputError
        If an argument is invalid, a column is missing or the frame is empty.
    RiskTargetUnreachableError
        If no node reaches ``target_k`` within ``max_suppression``.

    Examples
    --------
    >>> from deid.risk import age_bands
    >>> frame = pl.DataFrame({"age": [41, 42, 43, 44, 47, 48, 51, 52, 53, 90]})
    >>> reduction = reduce_risk(frame, [age_bands("age")], target_k=3, max_suppression=0.2)
    >>> reduction.levels["age"], reduction.suppressed_records, reduction.after.k
    (2, 1, 3)
    """
    hierarchies = _check_arguments(hierarchies, target_k, max_suppression)
    lazy = frame.lazy()
    columns = [hierarchy.column for hierarchy in hierarchies]
    measure = {"sensitive": sensitive, "population_count": population_count, "risk_threshold": risk_threshold}
    before = measure_risk(lazy, columns, population=population, **measure)  # type: ignore[arg-type]
    lattice = _Lattice(lazy, hierarchies, target_k)
    chosen, suppressed, loss = lattice.search(int(before.records * max_suppression + 1e-9), before.records)
    expressions = [hierarchy.expression(level) for hierarchy, level in zip(hierarchies, chosen, strict=True)]
    generalised = lazy.with_columns(expressions)
    if suppressed:
        generalised = generalised.filter(pl.len().over(columns) >= target_k)
    generalised_population = None if population is None else population.lazy().with_columns(expressions)
    after = measure_risk(generalised, columns, population=generalised_population, **measure)  # type: ignore[arg-type]
    logger.info("reduce_risk checked %d of %d lattice nodes", lattice.checked, lattice.size)
    return Reduction(
        levels=MappingProxyType(dict(zip(columns, chosen, strict=True))),
        suppressed_records=suppressed,
        information_loss=loss,
        nodes_checked=lattice.checked,
        frame=generalised,
        before=before,
        after=after,
        hierarchies=hierarchies,
    )


class _Lattice:
    """The class table at every level of every hierarchy, and the search over it."""

    def __init__(self, lazy: pl.LazyFrame, hierarchies: tuple[Hierarchy, ...], target_k: int) -> None:
        self.heights = tuple(hierarchy.height for hierarchy in hierarchies)
        self.target_k = target_k
        self.size = 1
        for height in self.heights:
            self.size *= height
        self.checked = 0
        columns = [hierarchy.column for hierarchy in hierarchies]
        # Each original combination once, with its count; every node groups this table.
        self.classes = (
            lazy.group_by(columns)
            .agg(pl.len().alias(_SIZE))
            .select(
                *(
                    hierarchy.expression(level).alias(self._name(index, level))
                    for index, hierarchy in enumerate(hierarchies)
                    for level in range(hierarchy.height)
                ),
                pl.col(_SIZE),
            )
            .collect()
        )

    @staticmethod
    def _name(index: int, level: int) -> str:
        return f"__risk_level_{index}_{level}"

    def suppressed(self, node: Node) -> int:
        """Records in classes of ``node`` smaller than the target k."""
        self.checked += 1
        sizes = (
            self.classes.lazy()
            .group_by([self._name(index, level) for index, level in enumerate(node)])
            .agg(pl.col(_SIZE).sum())
            .select(pl.col(_SIZE).filter(pl.col(_SIZE) < self.target_k).sum())
        )
        return int(sizes.collect().item() or 0)

    def generalisation_loss(self, node: Node) -> float:
        """Mean normalised level: the loss of ``node`` before any suppression."""
        shares = [
            level / (height - 1) if height > 1 else 0.0
            for level, height in zip(node, self.heights, strict=True)
        ]
        return sum(shares) / len(shares)

    def search(self, limit: int, records: int) -> tuple[Node, int, float]:
        """Return the least-loss passing node, its suppressed records and its loss."""
        top = tuple(height - 1 for height in self.heights)
        top_suppressed = self.suppressed(top)
        if top_suppressed > limit:
            msg = (
                f"no generalisation reaches the target k within the suppression limit: even the "
                f"coarsest node suppresses {top_suppressed} of {records} records, above the "
                f"limit of {limit}; lower target_k, raise max_suppression or add hierarchy levels."
            )
            raise RiskTargetUnreachableError(msg)
        best: tuple[Node, int, float] = (top, top_suppressed, self._loss(top, top_suppressed, records))
        nodes = sorted(
            itertools.product(*(range(height) for height in self.heights)), key=lambda node: (sum(node), node)
        )
        for node in nodes:
            if node == top or self.generalisation_loss(node) >= best[2]:
                continue
            suppressed = self.suppressed(node)
            loss = self._loss(node, suppressed, records)
            if suppressed <= limit and loss < best[2]:
                best = (node, suppressed, loss)
        return best

    def _loss(self, node: Node, suppressed: int, records: int) -> float:
        kept = records - suppressed
        return (kept * self.generalisation_loss(node) + suppressed) / records


def _check_arguments(
    hierarchies: Sequence[Hierarchy], target_k: int, max_suppression: float
) -> tuple[Hierarchy, ...]:
    hierarchies = tuple(hierarchies)
    if not hierarchies or not all(isinstance(hierarchy, Hierarchy) for hierarchy in hierarchies):
        msg = "hierarchies must be a non-empty list of Hierarchy, one per quasi-identifier."
        raise RiskInputError(msg)
    columns = [hierarchy.column for hierarchy in hierarchies]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        msg = f"more than one hierarchy for the columns {', '.join(repeated)}."
        raise RiskInputError(msg)
    if isinstance(target_k, bool) or not isinstance(target_k, int) or target_k < 1:
        msg = f"target_k must be a whole number of at least 1; got {target_k!r}."
        raise RiskInputError(msg)
    if not 0 <= max_suppression <= 1:
        msg = f"max_suppression must be a share in [0, 1]; got {max_suppression!r}."
        raise RiskInputError(msg)
    return hierarchies


def _require_columns(lazy: pl.LazyFrame, columns: list[str]) -> None:
    names = set(lazy.collect_schema().names())
    for name in columns:
        if name not in names:
            msg = f"the frame has no column {name!r}, a quasi-identifier of the reduction."
            raise RiskInputError(msg)
