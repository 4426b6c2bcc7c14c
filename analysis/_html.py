"""The one HTML view of every analysis result: checked cells as the policy's marker."""

from __future__ import annotations

import html
from collections.abc import Sequence

import polars as pl

from cohorts.disclosure import DisclosurePolicy, display

__all__ = ["result_html"]

SIGNIFICANT_FIGURES = 4


def result_html(
    frame: pl.DataFrame,
    policy: DisclosurePolicy,
    *,
    hidden: Sequence[str],
    suppressed: str | None = None,
    caption: str,
    css_class: str,
) -> str:
    """A plain HTML table of a result, its floats to four significant figures.

    Parameters
    ----------
    frame
        The result's tidy table, after disclosure control.
    policy
        Supplies the marker shown in suppressed or withheld cells.
    hidden
        Columns whose cells can be suppressed or withheld.
    suppressed
        A Boolean column marking suppressed or withheld rows; when ``None``, a null in a
        ``hidden`` column means "suppressed" (see :func:`cohorts.disclosure.display`).
    caption
        Text above the table; each line becomes a line of the caption.
    css_class
        The table's ``class`` attribute.

    Returns
    -------
    str
        One ``<table>``: a caption, a header row of column names and one row per row of
        ``frame``; every text escaped, other nulls empty, no quotes and no dtype row.

    Examples
    --------
    >>> frame = pl.DataFrame({"term": ["a<b", "c"], "estimate": [1.23456, None], "withheld": [False, True]})
    >>> page = result_html(frame, DisclosurePolicy(), hidden=["estimate"], suppressed="withheld",
    ...                    caption="Odds ratios", css_class="model")
    >>> "<td>a&lt;b</td><td>1.235</td>" in page, "<td>[suppressed]</td>" in page
    (True, True)
    """
    shown = display(
        frame,
        policy,
        count_columns=hidden,
        suppressed=suppressed,
        significant_figures=SIGNIFICANT_FIGURES,
    )
    title = "<br>".join(html.escape(line) for line in caption.splitlines())
    header = "".join(f"<th>{html.escape(name)}</th>" for name in shown.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(value)}</td>" for value in row) + "</tr>"
        for row in shown.iter_rows()
    )
    return (
        f'<table class="{html.escape(css_class)}"><caption>{title}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    )
