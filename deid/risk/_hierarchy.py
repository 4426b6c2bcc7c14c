"""Generalisation hierarchies: how one quasi-identifier coarsens, level by level."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from deid.risk._errors import RiskInputError

__all__ = [
    "SUPPRESSED_VALUE",
    "Hierarchy",
    "age_bands",
    "mapping_levels",
    "suppress_level",
    "year_bands",
    "zip3_to_state",
]

SUPPRESSED_VALUE = "*"
"""The value of every record at a hierarchy's suppression level."""


@dataclass(frozen=True, kw_only=True, eq=False)
class Hierarchy:
    """How one quasi-identifier coarsens: level 0 is the column as is, then ``levels``.

    Each level is a polars expression over the original column; a level must be a
    coarsening of the one before (two records equal at level i are equal at level i + 1),
    so the generalisation lattice is monotone. The builders below guarantee it.

    Parameters
    ----------
    column
        The quasi-identifier's column name.
    levels
        Levels 1, 2, ... as expressions over ``pl.col(column)``; empty for a column kept
        as is.

    Examples
    --------
    >>> hierarchy = Hierarchy(column="sex", levels=(pl.col("sex").is_in(["F", "M"]),))
    >>> hierarchy.height
    2
    >>> pl.DataFrame({"sex": ["F", "M"]}).select(hierarchy.expression(1))["sex"].to_list()
    [True, True]
    """

    column: str
    levels: tuple[pl.Expr, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.column, str) or not self.column:
            msg = "Hierarchy.column must be a non-empty column name."
            raise RiskInputError(msg)
        if not all(isinstance(level, pl.Expr) for level in self.levels):
            msg = f"Hierarchy.levels of column {self.column!r} must be polars expressions."
            raise RiskInputError(msg)
        object.__setattr__(self, "levels", tuple(self.levels))

    def __repr__(self) -> str:
        # The expressions may hold mapping tables; the repr names the column only.
        return f"Hierarchy(column={self.column!r}, height={self.height})"

    @property
    def height(self) -> int:
        """Number of levels, level 0 (as is) included."""
        return len(self.levels) + 1

    def expression(self, level: int) -> pl.Expr:
        """Return the expression of ``level``, named after the column.

        Raises
        ------
        RiskInputError
            If ``level`` is not between 0 and ``height - 1``.
        """
        if not 0 <= level < self.height:
            msg = f"column {self.column!r} has levels 0 to {self.height - 1}; got level {level}."
            raise RiskInputError(msg)
        if level == 0:
            return pl.col(self.column)
        return self.levels[level - 1].alias(self.column)


def _suppressed(column: str) -> pl.Expr:
    # Tied to the column so that it has the frame's length in a select, not one row.
    star = pl.lit(SUPPRESSED_VALUE, dtype=pl.String)
    return pl.when(pl.col(column).is_null()).then(star).otherwise(star)


def suppress_level(hierarchy: Hierarchy) -> Hierarchy:
    """Return ``hierarchy`` with a last level mapping every record (null too) to ``"*"``.

    Examples
    --------
    >>> suppress_level(Hierarchy(column="sex")).height
    2
    """
    return Hierarchy(
        column=hierarchy.column,
        levels=(*hierarchy.levels, _suppressed(hierarchy.column)),
    )


def _bands(column: str, widths: Sequence[int], *, suppress: bool) -> Hierarchy:
    widths = tuple(widths)
    if not widths or any(
        isinstance(width, bool) or not isinstance(width, int) or width < 1 for width in widths
    ):
        msg = f"band widths of column {column!r} must be whole numbers of at least 1."
        raise RiskInputError(msg)
    if any(wider % narrower or wider == narrower for narrower, wider in itertools.pairwise(widths)):
        msg = (
            f"band widths of column {column!r} must grow and each be a multiple of the one before "
            f"(so bands nest); got {list(widths)}."
        )
        raise RiskInputError(msg)
    value = pl.col(column)
    number = value.cast(pl.Int64, strict=False)
    levels = []
    for width in widths:
        lower = number.floordiv(width).mul(width)
        band = pl.format("{}-{}", lower, lower + (width - 1))
        # Text that is not a whole number (the pooled "90+") stays as it is; null stays null.
        levels.append(pl.when(number.is_null()).then(value.cast(pl.String)).otherwise(band))
    hierarchy = Hierarchy(column=column, levels=tuple(levels))
    return suppress_level(hierarchy) if suppress else hierarchy


def age_bands(column: str, widths: Sequence[int] = (5, 10, 20), *, suppress: bool = True) -> Hierarchy:
    """Build a hierarchy of age (or birth-year) bands, then ``"*"``.

    The column holds whole numbers, as integers or as text; a text value that is not a
    whole number, such as the Safe Harbor top code ``"90+"``, stays as it is at every
    band level, and null stays null.

    Parameters
    ----------
    column
        The age or birth-year column.
    widths
        Band widths, growing, each a multiple of the one before; bands start at multiples
        of their width (``40-44``, ``40-49``, ``40-59``).
    suppress
        Add the ``"*"`` level last.

    Examples
    --------
    >>> frame = pl.DataFrame({"age": ["47", "90+", None]})
    >>> hierarchy = age_bands("age")
    >>> [frame.select(hierarchy.expression(level))["age"].to_list() for level in range(1, 5)]
    [['45-49', '90+', None], ['40-49', '90+', None], ['40-59', '90+', None], ['*', '*', '*']]
    """
    return _bands(column, widths, suppress=suppress)


def year_bands(column: str, widths: Sequence[int] = (5, 10), *, suppress: bool = True) -> Hierarchy:
    """Build a hierarchy of calendar-year bands (``2015-2019``, ``2010-2019``), then ``"*"``.

    Same rules as :func:`age_bands`: whole-number years as integers or text, anything else
    kept as is, null kept.

    Examples
    --------
    >>> frame = pl.DataFrame({"first_year": [2017, 2021]})
    >>> frame.select(year_bands("first_year").expression(2))["first_year"].to_list()
    ['2010-2019', '2020-2029']
    """
    return _bands(column, widths, suppress=suppress)


def mapping_levels(column: str, levels: Sequence[Mapping[str, str]], *, suppress: bool = True) -> Hierarchy:
    """Build a hierarchy from tables mapping each original value to its value at each level.

    Values are compared as text. A value absent from a level's table becomes ``"*"`` at
    that level (unknown values are never kept); null stays null until the ``"*"`` level.

    Parameters
    ----------
    column
        The quasi-identifier's column.
    levels
        One mapping per level, 1 first, from the original value to the generalised one.
        Every mapping has the same keys, and levels must nest: values equal at one level
        are equal at the next.
    suppress
        Add the ``"*"`` level last.

    Raises
    ------
    RiskInputError
        If the levels have different keys or do not nest (the message names the level,
        never a value).

    Examples
    --------
    >>> hierarchy = mapping_levels("zip3", [{"100": "NY", "101": "NY", "606": "IL"}, dict.fromkeys(
    ...     ["100", "101", "606"], "US")])
    >>> pl.DataFrame({"zip3": ["101", "606", "999"]}).select(hierarchy.expression(1))["zip3"].to_list()
    ['NY', 'IL', '*']
    """
    tables = [dict(level) for level in levels]
    for number, (finer, coarser) in enumerate(itertools.pairwise(tables), start=2):
        if finer.keys() != coarser.keys():
            msg = f"mapping level {number} of column {column!r} has other keys than level {number - 1}."
            raise RiskInputError(msg)
        parents: dict[str, str] = {}
        for key, group in finer.items():
            if parents.setdefault(group, coarser[key]) != coarser[key]:
                msg = (
                    f"mapping level {number} of column {column!r} splits a group of level {number - 1}; "
                    "levels must nest."
                )
                raise RiskInputError(msg)
    value = pl.col(column).cast(pl.String)
    expressions = tuple(
        pl.when(value.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(value.replace_strict(table, default=SUPPRESSED_VALUE, return_dtype=pl.String))
        for table in tables
    )
    hierarchy = Hierarchy(column=column, levels=expressions)
    return suppress_level(hierarchy) if suppress else hierarchy


def zip3_to_state(column: str, zip3_state: Mapping[str, str], *, suppress: bool = True) -> Hierarchy:
    """Build the hierarchy ZIP3 -> state -> ``"*"`` from a ZIP3-to-state table.

    A ZIP3 absent from the table (such as the restricted ``"000"``) becomes ``"*"``.

    Examples
    --------
    >>> hierarchy = zip3_to_state("zip3", {"100": "NY", "606": "IL"})
    >>> hierarchy.height
    3
    """
    return mapping_levels(column, [zip3_state], suppress=suppress)
