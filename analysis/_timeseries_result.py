"""The result of :func:`analysis.poisson_timeseries`: a percent change or an exposure-response curve."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._effect_plot import effect_figure
from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy
from data_contracts import ConfigError, InputError

__all__ = ["RESULT_SCHEMA", "TREND_SCHEMA", "TimeSeriesResult"]

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
    "withheld": pl.Boolean(),
    "reason": pl.String(),
}
TREND_SCHEMA: dict[str, pl.DataType] = {"date": pl.Date(), "trend": pl.Float64()}


@dataclass(frozen=True, eq=False)
class TimeSeriesResult:
    """The exposure effect from a quasi-Poisson time-series regression of daily counts, after output checks.

    Build it with :func:`analysis.poisson_timeseries`. When a check fails (and no override
    was given) every number of the model is withheld: the table keeps its exposure, lags
    and ``per`` with null numbers, ``withheld`` true and the ``reason``; the trend is
    empty, ``dispersion`` and ``reference`` are ``None``, :meth:`curve` raises and the
    figures hold only the message. The day counts and the time spline's degrees of
    freedom (which count calendar days, not people) are kept.

    Parameters
    ----------
    estimates
        One row with the columns of ``RESULT_SCHEMA``: the percent change in the
        outcome per ``per`` units of exposure, ``100 * (exp(per * beta) - 1)``, its
        interval, Wald p-value, ``beta`` and its standard error on the log scale, and
        ``withheld`` and ``reason``.
    trend
        ``date`` and ``trend``: the fitted log-rate contribution of the time spline,
        centred on its mean, for :meth:`plot_trend`; released with the estimates (it
        is a smooth of the model), empty when they are withheld.
    outcome
        The outcome column.
    n_days
        Days used in the fit.
    n_dropped
        Days dropped for a missing value in a used column (or a missing lagged exposure).
    time_df
        Degrees of freedom of the time spline.
    dispersion
        The quasi-Poisson scale: Pearson chi-square over residual degrees of freedom;
        ``None`` when withheld.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        The disclosure policy applied (its marker stands in for withheld numbers).
    withheld
        Why the estimates are withheld, or ``None``.
    checks
        The output checks applied, for :class:`~cohorts.disclosure.OutputLog`.
    exposure_df
        Degrees of freedom of the exposure spline, or ``None`` for a linear term.
    reference
        The exposure value the curve is relative to (``None`` without a curve, or when withheld).
    exposure_response
        The curve (``exposure``, ``rate_ratio``, ``ci_low``, ``ci_high``) when
        ``exposure_df`` is set and the estimates are released; then the ``estimates``
        row holds only the joint p-value.

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
    >>> result.n_days, result.table()["lags"].item(), result.withheld
    (731, '0', None)
    >>> rare = daily.with_columns(deaths=(pl.int_range(pl.len()) % 100 == 0).cast(pl.Int64))  # 8 deaths
    >>> withheld = poisson_timeseries(
    ...     rare, outcome="deaths", exposure="pm10", date="date", confounders_spline={}
    ... )
    >>> withheld.withheld
    'withheld: failed minimum events, events per parameter'
    >>> withheld.table().select("percent_change", "withheld").row(0)
    (None, True)
    """

    estimates: pl.DataFrame
    trend: pl.DataFrame
    outcome: str
    n_days: int
    n_dropped: int
    time_df: int
    dispersion: float | None
    alpha: float
    policy: DisclosurePolicy
    withheld: str | None
    checks: tuple[CheckEntry, ...]
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
        InputError
            If the estimates are withheld by the output checks (the message says which
            failed); a withheld curve is an error rather than an empty frame, so that it
            is never drawn or exported as if it were a result.
        """
        if self.exposure_df is None:
            raise ConfigError(
                "poisson_timeseries: this result has no exposure-response curve; fit it with "
                "exposure_df (e.g. 4) to get one."
            )
        if self.withheld is not None or self.exposure_response is None:
            raise InputError(
                f"poisson_timeseries: the exposure-response curve is {self.withheld or 'withheld'} "
                "(output checks); use more days or fewer degrees of freedom, or release it with "
                "override=True inside the secure environment only."
            )
        return self.exposure_response.clone()

    def summary(self) -> str:
        """A few lines of plain text: the data used, the model, the percent change or the curve.

        When withheld: the days used and why the estimates are withheld.
        """
        level = f"{100 * (1 - self.alpha):g}%"
        days = (
            f"Quasi-Poisson time series of {self.outcome}: {self.n_days} days used, "
            f"{self.n_dropped} dropped for missing values; time spline {self.time_df} df"
        )
        if self.withheld is not None or self.dispersion is None:
            return f"{days}\nestimates {self.withheld}"
        lines = [f"{days}; dispersion {self.dispersion:.3f}"]
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
        """The exposure-response curve with its band, or the percent change with its interval.

        When the estimates are withheld the figure holds only that message.
        """
        if self.withheld is not None:
            return _message_figure(f"estimates {self.withheld}")
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
        """The fitted time trend (log scale, centred) against the date; only the message when withheld."""
        if self.withheld is not None:
            return _message_figure(f"time trend {self.withheld}")
        figure = Figure(figsize=(8.0, 3.0), layout="constrained")
        axes = figure.add_subplot()
        axes.plot(self.trend["date"].to_list(), self.trend["trend"].to_list(), color="black", linewidth=1)
        axes.set_xlabel("date")
        axes.set_ylabel(f"log {self.outcome}, centred")
        axes.set_title(f"Time trend ({self.time_df} df)")
        return figure

    def _repr_html_(self) -> str:
        # Withheld numbers show the policy's marker; numbers a curve fit does not have stay blank.
        caption = (
            f"Percent change in {self.outcome}, {100 * (1 - self.alpha):g}% intervals; "
            f"{self.n_days} days, {self.n_dropped} dropped"
        )
        if self.withheld is not None:
            caption += f"; estimates {self.withheld}"
        hidden = [
            name for name, dtype in self.estimates.schema.items() if dtype == pl.Float64 and name != "per"
        ]
        return result_html(
            self.estimates,
            self.policy,
            hidden=hidden,
            suppressed="withheld",
            caption=caption,
            css_class="time-series",
        )


def _message_figure(message: str) -> Figure:
    """A figure holding only ``message``, in place of a withheld plot."""
    figure = Figure(figsize=(6.0, 1.4))
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center")
    return figure
