"""Rendering released tables as text, with suppressed counts shown as the policy's marker."""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from cohorts.disclosure._policy import DisclosurePolicy

__all__ = ["display"]


def display(
    frame: pl.DataFrame,
    policy: DisclosurePolicy | None = None,
    *,
    count_columns: Sequence[str] | None = None,
    suppressed: str | None = None,
    significant_figures: int | None = None,
) -> pl.DataFrame:
    """A frame of strings for HTML or CSV export: suppressed (null) counts become the marker.

    Parameters
    ----------
    frame
        A released table, e.g. ``suppress_counts(...).released``.
    policy
        Supplies the marker; defaults to :class:`DisclosurePolicy` ``()``.
    count_columns
        Columns whose cells can be suppressed; defaults to every integer column. Nulls in
        other columns become empty strings.
    suppressed
        A Boolean column marking suppressed (or withheld) rows. When given, the marker
        goes in the ``count_columns`` cells of those rows only, and every other null
        becomes an empty string; when omitted, every null in ``count_columns`` means
        "suppressed".
    significant_figures
        Round float columns to this many significant figures; ``None`` shows them as
        they are.

    Returns
    -------
    polars.DataFrame
        Same columns, all of dtype ``String``.

    Examples
    --------
    >>> released = pl.DataFrame({"sex": ["female", "unknown"], "people": [500, None]})
    >>> display(released)["people"].to_list()
    ['500', '[suppressed]']
    >>> fitted = pl.DataFrame({"odds_ratio": [1.23456, 2.0], "p": [None, 0.5], "hidden": [False, True]})
    >>> display(fitted, count_columns=["odds_ratio", "p"], suppressed="hidden", significant_figures=4).rows()
    [('1.235', '', 'false'), ('[suppressed]', '[suppressed]', 'true')]
    """
    policy = policy or DisclosurePolicy()
    counts = (
        set(count_columns)
        if count_columns is not None
        else {name for name, dtype in frame.schema.items() if dtype.is_integer()}
    )

    def shown(name: str) -> pl.Expr:
        if significant_figures is not None and frame.schema[name].is_float():
            digits = significant_figures
            text = pl.col(name).map_elements(
                lambda value: _significant(value, digits), return_dtype=pl.String
            )
        else:
            text = pl.col(name).cast(pl.String)
        if name not in counts:
            return text.fill_null("")
        if suppressed is None:
            return text.fill_null(policy.marker)
        return (
            pl.when(pl.col(suppressed)).then(pl.lit(policy.marker)).otherwise(text.fill_null("")).alias(name)
        )

    return frame.select(shown(name) for name in frame.columns)


def _significant(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant figures: plain notation, or scientific when tiny or huge.

    A rounded float cast to text can print as ``1.3479999999999997e-103``; this prints ``1.348e-103``.
    """
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    magnitude = math.floor(math.log10(abs(value)))
    if not -5 <= magnitude < 15:
        return f"{value:.{digits - 1}e}"
    decimals = digits - 1 - magnitude
    return f"{round(value, decimals):.{max(decimals, 0)}f}"
