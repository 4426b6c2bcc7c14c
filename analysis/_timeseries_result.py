"""The result of :func:`analysis.poisson_timeseries`: a percent change or an exposure-response curve."""

from __future__ import annotations

import html
from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._effect_plot import effect_figure
from data_contracts import ConfigError

__all__ = ["RESULT_SCHEMA", "TimeSeriesResult"]

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "exposure": pl.String(),
    "lags": pl.String(),
    "per": pl.Float64(),
    "percent_change": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "beta": pl.Float64(),
    "se": pl.Float64(),
}


@dataclass(frozen=True, eq=False)
class TimeSeriesResult:
    """The exposure effect from a quasi-Poisson time-series regression of daily counts.

    Build it with :func:`analysis.poisson_timeseries`.

    Parameters
    ----------
    estimates
        One row with the columns of ``RESULT_SCHEMA``: the percent change in the
        outcome per ``per`` units of exposure, ``100 * (exp(per * beta) - 1)``, its
        interval, Wald p-value, and ``beta`` and its standard error on the log scale.
    trend
        ``date`` and ``trend``: the fitted log-rate contribution of the time spline,
        centred on its mean, for :meth:`plot_trend`.
    outcome
        The outcome column.
    n_days
        Days used in the fit.
    n_dropped
        Days dropped for a missing value in a used column (or a missing lagged exposure).
    time_df
        Degrees of freedom of the time spline.
    dispersion
        The quasi-Poisson scale: Pearson chi-square over residual degrees of freedom.
    alpha
        Intervals have confidence ``1 - alpha``.
    exposure_df
        Degrees of freedom of the exposure spline, or ``None`` for a linear term.
    reference
        The exposure value the curve is relative to (``None`` without a curve).
    exposure_response
        The curve (``exposure``, ``rate_ratio``, ``ci_low``, ``ci_high``) when
        ``exposure_df`` is set; then the ``estimates`` row holds only the joint p-value.

    Examples
    --------
    >>> import datetime as dt
    >>> import numpy as np
    >>> from analysis import poisson_timeseries
    >>> rng = np.random.default_rng(0)
    >>> days = pl.date_range(dt.date(2020, 1, 1), dt.date(2021, 12, 31), eager=True)
    >>> pm10 = rng.gamma(4.0, 10.0, days.len())
    >>> deaths = rng.poisson(np.exp(3.0 + 0.002 * pm10))
    >>> daily = pl.DataFrame({"date": days, "deaths": deaths, "pm10": pm10})
    >>> result = poisson_timeseries(
    ...     daily, outcome="deaths", exposure="pm10", date="date", confounders_spline={}
    ... )
    >>> result.n_days, result.table()["lags"].item()
    (731, '0')
    """

    estimates: pl.DataFrame
    trend: pl.DataFrame
    outcome: str
    n_days: int
    n_dropped: int
    time_df: int
    dispersion: float
    alpha: float
    exposure_df: int | None = None
    reference: float | None = None
    exposure_response: pl.DataFrame | None = None

    def table(self) -> pl.DataFrame:
        """The tidy table: one row per exposure (see :attr:`estimates`)."""
        return self.estimates.clone()

    def curve(self) -> pl.DataFrame:
        """The exposure-response curve: ``exposure``, ``rate_ratio``, ``ci_low``, ``ci_high``.

        Rate ratios are relative to :attr:`reference`, with pointwise intervals.

        Raises
        ------
        ConfigError
            If the model was fitted with a linear exposure term (``exposure_df=None``).
        """
        if self.exposure_response is None:
            raise ConfigError(
                "poisson_timeseries: this result has no exposure-response curve; fit it with "
                "exposure_df (e.g. 4) to get one."
            )
        return self.exposure_response.clone()

    def summary(self) -> str:
        """A few lines of plain text: the data used, the model, the percent change or the curve."""
        level = f"{100 * (1 - self.alpha):g}%"
        lines = [
            (
                f"Quasi-Poisson time series of {self.outcome}: {self.n_days} days used, "
                f"{self.n_dropped} dropped for missing values; time spline {self.time_df} df; "
                f"dispersion {self.dispersion:.3f}"
            ),
        ]
        if self.exposure_response is not None:
            lines.extend(
                f"{row['exposure']} (lags {row['lags']}): exposure-response curve, natural spline "
                f"with {self.exposure_df} df; rate ratios relative to {row['exposure']} = "
                f"{self.reference:g}, {level} pointwise CIs; joint Wald p = {row['p_value']:.3g}"
                for row in self.estimates.iter_rows(named=True)
            )
            return "\n".join(lines)
        lines.extend(
            f"{row['exposure']} (lags {row['lags']}, per {row['per']:g}): {row['percent_change']:+.3f}% "
            f"({level} CI {row['ci_low']:+.3f}% to {row['ci_high']:+.3f}%), p = {row['p_value']:.3g}"
            for row in self.estimates.iter_rows(named=True)
        )
        return "\n".join(lines)

    def plot(self) -> Figure:
        """The exposure-response curve with its band, or the percent change with its interval."""
        if self.exposure_response is not None:
            return self._curve_figure(self.exposure_response)
        return effect_figure(
            [
                f"{row['exposure']} lags {row['lags']} (per {row['per']:g})"
                for row in self.estimates.iter_rows(named=True)
            ],
            self.estimates["percent_change"].to_list(),
            self.estimates["ci_low"].to_list(),
            self.estimates["ci_high"].to_list(),
            null_value=0.0,
            xlabel=f"% change in {self.outcome} ({100 * (1 - self.alpha):g}% CI)",
            title="Time-series regression",
        )

    def _curve_figure(self, curve: pl.DataFrame) -> Figure:
        row = self.estimates.row(0, named=True)
        figure = Figure(figsize=(6.0, 4.0), layout="constrained")
        axes = figure.add_subplot()
        exposure = curve["exposure"].to_numpy()
        axes.fill_between(
            exposure,
            curve["ci_low"].to_numpy(),
            curve["ci_high"].to_numpy(),
            color="grey",
            alpha=0.3,
            linewidth=0,
            label=f"{100 * (1 - self.alpha):g}% CI",
        )
        axes.plot(exposure, curve["rate_ratio"].to_numpy(), color="black", linewidth=1.5, label="rate ratio")
        axes.axhline(1.0, color="grey", linestyle="--", linewidth=1)
        axes.set_xlabel(f"{row['exposure']} (lags {row['lags']})")
        axes.set_ylabel(f"rate ratio of {self.outcome} vs {self.reference:g}")
        axes.set_title(f"Exposure-response ({self.exposure_df} df spline)")
        axes.legend(loc="best")
        return figure

    def plot_trend(self) -> Figure:
        """The fitted time trend (log scale, centred) against the date."""
        figure = Figure(figsize=(8.0, 3.0), layout="constrained")
        axes = figure.add_subplot()
        axes.plot(self.trend["date"].to_list(), self.trend["trend"].to_list(), color="black", linewidth=1)
        axes.set_xlabel("date")
        axes.set_ylabel(f"log {self.outcome}, centred")
        axes.set_title(f"Time trend ({self.time_df} df)")
        return figure

    def _repr_html_(self) -> str:
        shown = self.estimates.with_columns(pl.col(pl.Float64).round(4)).select(
            pl.col(name).cast(pl.String).fill_null("") for name in self.estimates.columns
        )
        header = "".join(f"<th>{html.escape(name)}</th>" for name in shown.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(value)}</td>" for value in row) + "</tr>"
            for row in shown.iter_rows()
        )
        caption = (
            f"Percent change in {self.outcome}, {100 * (1 - self.alpha):g}% intervals; "
            f"{self.n_days} days, {self.n_dropped} dropped"
        )
        return (
            f'<table class="time-series"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        )
