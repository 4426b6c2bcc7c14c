"""Rendering released tables as text, with suppressed counts shown as the policy's marker."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from cohorts.disclosure._policy import DisclosurePolicy

__all__ = ["display"]


def display(
    frame: pl.DataFrame, policy: DisclosurePolicy | None = None, *, count_columns: Sequence[str] | None = None
) -> pl.DataFrame:
    """A frame of strings for HTML or CSV export: suppressed (null) counts become the marker.

    Parameters
    ----------
    frame
        A released table, e.g. ``suppress_counts(...).released``.
    policy
        Supplies the marker; defaults to :class:`DisclosurePolicy` ``()``.
    count_columns
        Columns whose nulls mean "suppressed"; defaults to every integer column. Nulls in
        other columns become empty strings.

    Returns
    -------
    polars.DataFrame
        Same columns, all of dtype ``String``.

    Examples
    --------
    >>> released = pl.DataFrame({"sex": ["female", "unknown"], "people": [500, None]})
    >>> display(released)["people"].to_list()
    ['500', '[suppressed]']
    """
    policy = policy or DisclosurePolicy()
    counts = (
        set(count_columns)
        if count_columns is not None
        else {name for name, dtype in frame.schema.items() if dtype.is_integer()}
    )
    return frame.select(
        pl.col(name).cast(pl.String).fill_null(policy.marker if name in counts else "")
        for name in frame.columns
    )
