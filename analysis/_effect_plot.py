"""A forest plot of effect estimates with intervals, shared by the model results."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

__all__ = ["effect_figure"]


def effect_figure(
    labels: Sequence[str],
    estimates: Sequence[float | None],
    lows: Sequence[float | None],
    highs: Sequence[float | None],
    *,
    null_value: float,
    xlabel: str,
    title: str,
    log_scale: bool = False,
) -> Figure:
    """One row per label: the estimate as a point, its interval as a line, and the null as a dashed line.

    Rows whose estimate is ``None`` (withheld or undefined) are labelled but left empty.
    """
    figure = Figure(figsize=(6.0, 1.2 + 0.5 * len(labels)), layout="constrained")
    axes = figure.add_subplot()
    for row, (estimate, low, high) in enumerate(zip(estimates, lows, highs, strict=True)):
        if estimate is None or low is None or high is None:
            continue
        axes.plot([low, high], [row, row], color="black", linewidth=1.5)
        axes.plot([estimate], [row], marker="s", color="black")
    axes.axvline(null_value, color="grey", linestyle="--", linewidth=1)
    axes.set_yticks(range(len(labels)), labels=list(labels))
    axes.set_ylim(-0.5, len(labels) - 0.5)
    axes.invert_yaxis()
    if log_scale:
        axes.set_xscale("log")
        # Ratios read as plain numbers (0.6, 1, 2), not powers of ten.
        plain = FuncFormatter(lambda value, _position: f"{value:g}")
        axes.xaxis.set_major_formatter(plain)
        axes.xaxis.set_minor_formatter(plain)
    axes.set_xlabel(xlabel)
    axes.set_title(title)
    return figure
