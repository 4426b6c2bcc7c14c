"""Pairwise comparisons of candidate pairs: one-typo names and near birth dates.

Everything here works column-wise on a frame of candidate pairs, never row by row.
"""

from __future__ import annotations

import math

import polars as pl

from deid.linkage._normalise import MAX_NAME_CHARS

MIN_TYPO_CHARS = 3
"""Shorter names are compared exactly: one edit turns "Al" into "Ed" too easily."""

_SEARCH_STEPS = math.ceil(math.log2(MAX_NAME_CHARS + 1))


def _common_prefix_length(
    frame: pl.LazyFrame, *, left: str, right: str, length: pl.Expr, alias: str
) -> pl.LazyFrame:
    """Add ``alias``: the length of the longest common prefix, by binary search.

    Each step halves every row's interval [low, high] at once; the search is over
    after ``log2(MAX_NAME_CHARS + 1)`` steps whatever the data.
    """
    low, high = f"{alias}_low", f"{alias}_high"
    frame = frame.with_columns(pl.lit(0, pl.UInt32).alias(low), length.cast(pl.UInt32).alias(high))
    for _ in range(_SEARCH_STEPS):
        middle = (pl.col(low) + pl.col(high) + 1) // 2
        same = pl.col(left).str.slice(0, middle) == pl.col(right).str.slice(0, middle)
        frame = frame.with_columns(
            pl.when(same).then(middle).otherwise(pl.col(low)).alias(low),
            pl.when(same).then(pl.col(high)).otherwise(middle - 1).alias(high),
        )
    return frame.rename({low: alias}).drop(high)


def with_one_edit_flag(frame: pl.LazyFrame, *, left: str, right: str, alias: str) -> pl.LazyFrame:
    """Add a Boolean column ``alias``: whether ``left`` and ``right`` are at most one edit apart.

    An edit is one inserted, deleted or substituted character, or two adjacent
    characters swapped (Damerau-Levenshtein distance at most 1). Names shorter than
    ``MIN_TYPO_CHARS`` must be equal. Null when either side is null.

    With ``p`` and ``s`` the common prefix and suffix lengths, and ``n`` the shorter
    length: equal lengths are one substitution apart when ``p + s >= n - 1`` and one
    swap apart when ``p + s >= n - 2`` and the two characters after the prefix are
    crossed; lengths one apart are one insertion apart when ``p + s >= n``.

    Examples
    --------
    >>> pairs = pl.LazyFrame(
    ...     {"a": ["jonh", "john", "jon", "jim", "mary"], "b": ["john", "jhn", "jan", "tom", "mary"]}
    ... )
    >>> with_one_edit_flag(pairs, left="a", right="b", alias="near").collect()["near"].to_list()
    [True, True, True, False, True]
    """
    a_length, b_length = pl.col(left).str.len_chars(), pl.col(right).str.len_chars()
    shorter = pl.min_horizontal(a_length, b_length)
    prefix, suffix = f"{alias}_prefix", f"{alias}_suffix"
    reversed_left, reversed_right = f"{alias}_rev_left", f"{alias}_rev_right"
    frame = _common_prefix_length(frame, left=left, right=right, length=shorter, alias=prefix)
    frame = frame.with_columns(
        pl.col(left).str.reverse().alias(reversed_left), pl.col(right).str.reverse().alias(reversed_right)
    )
    frame = _common_prefix_length(
        frame, left=reversed_left, right=reversed_right, length=shorter, alias=suffix
    )
    shared = pl.col(prefix).cast(pl.Int64) + pl.col(suffix).cast(pl.Int64)
    at = pl.col(prefix)
    swapped = (pl.col(left).str.slice(at, 1) == pl.col(right).str.slice(at + 1, 1)) & (
        pl.col(left).str.slice(at + 1, 1) == pl.col(right).str.slice(at, 1)
    )
    same_length = a_length == b_length
    near = (
        pl.when(pl.col(left).is_null() | pl.col(right).is_null())
        .then(pl.lit(None, pl.Boolean))
        .when(pl.col(left) == pl.col(right))
        .then(True)  # noqa: FBT003
        .when(shorter < MIN_TYPO_CHARS)
        .then(False)  # noqa: FBT003
        .when(same_length)
        .then((shared >= shorter - 1) | ((shared >= shorter - 2) & swapped))
        .otherwise(((a_length.cast(pl.Int64) - b_length.cast(pl.Int64)).abs() == 1) & (shared >= shorter))
    )
    return frame.with_columns(near.alias(alias)).drop(prefix, suffix, reversed_left, reversed_right)


def birth_dates_compatible(contact: pl.Expr, patient: pl.Expr) -> pl.Expr:
    """True when birth dates do not contradict each other.

    Compatible means: either is missing, they agree on at least two of year, month and
    day (one mistyped part), or day and month are swapped in the same year.

    Examples
    --------
    >>> import datetime as dt
    >>> day = dt.date(1980, 3, 4)
    >>> contact = [day, dt.date(1980, 3, 5), dt.date(1980, 4, 3), None, dt.date(1981, 4, 3)]
    >>> frame = pl.DataFrame({"c": contact, "p": [day] * 5})
    >>> frame.select(birth_dates_compatible(pl.col("c"), pl.col("p")))["c"].to_list()
    [True, True, True, True, False]
    """
    same_year = contact.dt.year() == patient.dt.year()
    same_month = contact.dt.month() == patient.dt.month()
    same_day = contact.dt.day() == patient.dt.day()
    agreeing = same_year.cast(pl.Int8) + same_month.cast(pl.Int8) + same_day.cast(pl.Int8)
    swapped = same_year & (contact.dt.month() == patient.dt.day()) & (contact.dt.day() == patient.dt.month())
    return (contact.is_null() | patient.is_null()) | (agreeing >= 2) | swapped
