"""Inline SVG bar charts for the HTML report: no scripts, fonts or images to fetch."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["bar_chart"]

_BAR_HEIGHT = 18
_GAP = 6
_LABEL_WIDTH = 190
_BAR_WIDTH = 360
_VALUE_WIDTH = 90


def bar_chart(bars: Sequence[tuple[str, float]], *, title: str, unit: str = "") -> str:
    """A horizontal bar chart as an ``<svg>`` element.

    Parameters
    ----------
    bars
        ``(label, value)`` pairs, drawn top to bottom; values must be >= 0.
    title
        Accessible title of the chart.
    unit
        Text after each value (``" records"``).

    Returns
    -------
    str
        The SVG markup, labels escaped.

    Examples
    --------
    >>> svg = bar_chart([("1", 3), ("2-4", 9)], title="Class sizes")
    >>> svg.startswith("<svg") and svg.count("<rect") == 2
    True
    """
    largest = max((value for _, value in bars), default=0) or 1
    height = len(bars) * (_BAR_HEIGHT + _GAP) + _GAP
    width = _LABEL_WIDTH + _BAR_WIDTH + _VALUE_WIDTH
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    )
    parts = [opening]
    for row, (label, value) in enumerate(bars):
        y = _GAP + row * (_BAR_HEIGHT + _GAP)
        length = _BAR_WIDTH * value / largest
        middle = y + _BAR_HEIGHT * 0.7
        parts.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{_BAR_HEIGHT}" class="bar"/>'
            f'<text x="{_LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}">{value:,.0f}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
