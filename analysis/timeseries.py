"""Time-series regression of daily counts on an exposure, NMMAPS style.

:func:`poisson_timeseries` fits a quasi-Poisson GLM of a daily count (deaths,
admissions) on an exposure (at lag 0 or the mean over several lags), adjusted for a
natural cubic spline of time, natural cubic splines of weather confounders and the day
of the week, as in the National Morbidity, Mortality and Air Pollution Study (Samet et
al. 2000; Peng, Dominici & Louis 2006). The result is the percent change in the count
per ``per`` units of exposure, or, with ``exposure_df``, an exposure-response curve: rate
ratios against a reference exposure from a natural spline of the exposure.

Before release the model is checked (ACRO / OpenSAFELY style) and every check is logged
in :attr:`TimeSeriesResult.checks`: the total of the outcome over the days used must not
be hidden by the disclosure policy, there must be at least
:data:`MIN_EVENTS_PER_PARAMETER` events per model parameter, and at least the policy's
threshold of residual degrees of freedom. A failing check withholds every estimate,
the curve and the trend, unless an explicit override (logged) releases them inside the
secure environment. Small daily counts are inputs to the model, not outputs, and are
not suppressed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import statsmodels.api as sm
from patsy import dmatrix  # type: ignore[import-untyped]
from scipy import stats  # type: ignore[import-untyped]

from analysis._exposure_response import (
    ExposureSpline,
    check_curve_options,
    check_within_range,
    checked_reference,
    curve_grid,
    joint_wald_p,
    response_curve,
)
from analysis._rates_input import check_options
from analysis._regression_inputs import (
    collected,
    drop_incomplete,
    require_columns,
    require_date,
    require_numeric,
)
from analysis._timeseries_checks import MIN_EVENTS_PER_PARAMETER, check_release_options, release_checks
from analysis._timeseries_result import RESULT_SCHEMA, TREND_SCHEMA, TimeSeriesResult
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError, InputError

__all__ = ["DEFAULT_CONFOUNDERS", "MIN_EVENTS_PER_PARAMETER", "TimeSeriesResult", "poisson_timeseries"]

logger = logging.getLogger(__name__)

_OUTPUT = "poisson_timeseries"
DEFAULT_CONFOUNDERS: Mapping[str, int] = MappingProxyType({"temp": 6, "dewpoint": 3})
_DAYS_PER_YEAR = 365.25


def poisson_timeseries(
    daily: pl.DataFrame | pl.LazyFrame,
    *,
    outcome: str,
    exposure: str,
    date: str,
    lags: Sequence[int] = (0,),
    time_df_per_year: float = 7,
    confounders_spline: Mapping[str, int] = DEFAULT_CONFOUNDERS,
    day_of_week: bool = True,
    per: float = 10.0,
    alpha: float = 0.05,
    exposure_df: int | None = None,
    reference: float | None = None,
    curve_at: Sequence[float] = (),
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    output: str = _OUTPUT,
) -> TimeSeriesResult:
    """Quasi-Poisson regression of a daily count on an exposure, with time and weather splines.

    The model is ``log E[outcome] = a + beta * x + ns(time) + sum ns(confounder) + dow``
    where ``x`` is the exposure on the same day (``lags=(0,)``) or the mean of the
    exposure over the given lags (``lags=(0, 1)``: today and yesterday, by calendar
    day, so a gap in the series gives a missing lagged value). Natural cubic splines
    are patsy ``cr()`` bases (knots at quantiles, centred), equivalent to R's ``ns()``
    with the same degrees of freedom. The scale is estimated as Pearson's chi-square
    over the residual degrees of freedom (quasi-Poisson), which widens the intervals
    for overdispersed counts.

    With ``exposure_df=k`` the exposure enters as a natural cubic spline with ``k``
    degrees of freedom instead of ``beta * x``, and the result carries an
    exposure-response curve (:meth:`TimeSeriesResult.curve`): rate ratios against the
    ``reference`` exposure at 50 values from the 1st to the 99th percentile of the
    exposure (and at the reference), with pointwise Wald intervals from the
    delta method, ``(B(x) - B(ref)) V (B(x) - B(ref))'`` with ``V`` the scaled covariance
    of the spline coefficients. The table then holds only the p-value of the joint
    Wald test that the exposure has no effect.

    Rows with a missing value (null or NaN) in a used column are dropped and counted.

    Output checks, each logged as a :class:`~cohorts.disclosure.CheckEntry` named after
    ``output``: ``minimum events`` (the total of the outcome over the days used is not
    hidden by ``policy``: not from 1 to ``threshold - 1``, nor rounding to such a
    number), ``events per parameter`` (that total is at least
    :data:`MIN_EVENTS_PER_PARAMETER` times the number of design columns, intercept
    included) and ``residual degrees of freedom`` (days used minus parameters is at
    least the policy's threshold). If one fails, every number is withheld (see
    :class:`TimeSeriesResult`) and the model is not fitted. Days with a small count
    (1 to ``threshold - 1``) are not suppressed: they are inputs to the model, not
    outputs, and only the model's estimates, curve and trend (a smooth of the fitted
    model, released with the estimates) leave the function.

    Parameters
    ----------
    daily
        One row per day.
    outcome
        Column of daily counts (whole numbers >= 0).
    exposure
        Numeric exposure column.
    date
        Column of days (``Date``; a ``Datetime`` is truncated), each at most once.
    lags
        Non-negative lags in days whose exposures are averaged.
    time_df_per_year
        Degrees of freedom of the time spline per year of data (at least 1 in total).
    confounders_spline
        Confounder column to spline degrees of freedom, e.g. ``{"temp": 6, "dewpoint": 3}``;
        empty for none.
    day_of_week
        Adjust for the day of the week with indicators (Monday the reference).
    per
        The percent change is per this many units of exposure.
    alpha
        Intervals have confidence ``1 - alpha`` (Wald, on the log scale).
    exposure_df
        ``None`` for a linear term; else the degrees of freedom (>= 3) of a natural
        spline of the exposure, and the result carries an exposure-response curve.
    reference
        The exposure value the curve's rate ratios are relative to (within the range of
        the exposure on the days used); ``None`` for the lowest exposure.
    curve_at
        Further exposure values (a list, within the range) at which to evaluate the curve, e.g.
        percentiles of a skewed exposure that the even grid resolves coarsely.
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
    override
        Release the estimates even when a check fails; only inside the secure
        environment. The override is logged and recorded in :attr:`TimeSeriesResult.checks`.
    output
        Name of the output, for the checks.

    Returns
    -------
    TimeSeriesResult
        ``percent_change = 100 * (exp(per * beta) - 1)`` with its interval, or with
        ``exposure_df`` the curve and the joint p-value; all withheld when a check fails.

    Raises
    ------
    ConfigError
        If a column is missing, a lag is negative, a degrees-of-freedom value is below 1,
        ``exposure_df`` is not a whole number >= 3, ``reference`` or ``curve_at`` is
        given without ``exposure_df`` or lies outside the exposure's range, or ``per`` or
        ``alpha`` is out of range, ``override`` is not a boolean or ``output`` is empty.
    InputError
        If a column is not numeric, the date column is not a date or repeats a day, a
        count is negative or fractional, or too few days remain for the model.

    Examples
    --------
    >>> import datetime as dt
    >>> import numpy as np
    >>> rng = np.random.default_rng(3)
    >>> days = pl.date_range(dt.date(2018, 1, 1), dt.date(2021, 12, 31), eager=True)
    >>> temp = 12 + 10 * np.sin(2 * np.pi * np.arange(days.len()) / 365.25) + rng.normal(0, 3, days.len())
    >>> pm10 = rng.gamma(4.0, 10.0, days.len())
    >>> deaths = rng.poisson(np.exp(4.0 + 0.001 * pm10 + 0.0005 * (temp - 12) ** 2))
    >>> daily = pl.DataFrame({"date": days, "deaths": deaths, "pm10": pm10, "temp": temp})
    >>> result = poisson_timeseries(
    ...     daily, outcome="deaths", exposure="pm10", date="date", confounders_spline={"temp": 4}
    ... )
    >>> row = result.table().row(0, named=True)
    >>> bool(row["ci_low"] < 100 * (np.exp(10 * 0.001) - 1) < row["ci_high"])
    True
    >>> curve = poisson_timeseries(
    ...     daily, outcome="deaths", exposure="pm10", date="date", confounders_spline={"temp": 4},
    ...     exposure_df=4, reference=20.0,
    ... ).curve()
    >>> curve.columns
    ['exposure', 'rate_ratio', 'ci_low', 'ci_high']
    >>> curve.filter(pl.col("exposure") == 20.0).row(0)
    (20.0, 1.0, 1.0, 1.0)
    >>> [(entry.rule, entry.cells_suppressed) for entry in result.checks]
    [('minimum events', 0), ('events per parameter', 0), ('residual degrees of freedom', 0)]
    """
    check_options(per=per, alpha=alpha)
    check_release_options(override=override, output=output)
    policy = policy or DisclosurePolicy()
    extra_points = check_curve_options(
        exposure_df=exposure_df, reference=reference, curve_at=curve_at, output=_OUTPUT
    )
    lag_days = _checked_lags(lags)
    confounders = dict(confounders_spline)
    _check_df(time_df_per_year, confounders)
    frame = collected(daily)
    require_columns(frame, [outcome, exposure, date, *confounders], output=_OUTPUT)
    require_numeric(frame, [outcome, exposure, *confounders], output=_OUTPUT)
    frame = require_date(frame, date, output=_OUTPUT)
    if frame[date].is_duplicated().any() or frame[date].null_count():
        raise InputError(
            f"{_OUTPUT}: column {date!r} must hold each day once and no missing dates; "
            "aggregate to one row per day first."
        )
    frame = _with_lagged_exposure(frame.sort(date), exposure=exposure, date=date, lags=lag_days)
    used, dropped = drop_incomplete(frame, [outcome, "_exposure", *confounders])
    counts = used[outcome].cast(pl.Float64).to_numpy()
    if (counts < 0).any() or (counts != np.round(counts)).any():
        raise InputError(f"{_OUTPUT}: column {outcome!r} must hold whole counts of at least 0.")
    days = (used[date] - used[date].min()).dt.total_days().to_numpy().astype(float)
    span_years = (days.max() + 1) / _DAYS_PER_YEAR if used.height else 0.0
    time_df = max(1, round(time_df_per_year * span_years))
    values = used["_exposure"].to_numpy()
    spline = None if exposure_df is None else ExposureSpline.fit(values, exposure_df)
    exposure_block = values.reshape(-1, 1) if spline is None else spline.basis(values)
    reference_value = checked_reference(reference, values, output=_OUTPUT)
    check_within_range(extra_points, values, name="curve_at", output=_OUTPUT)
    blocks, names = _design(
        used,
        date=date,
        days=days,
        exposure_block=exposure_block,
        time_df=time_df,
        confounders=confounders,
        day_of_week=day_of_week,
    )
    design = np.column_stack(blocks)
    if used.height <= design.shape[1] + 1:
        raise InputError(
            f"{_OUTPUT}: {used.height} complete days are too few for a model with {design.shape[1]} "
            "parameters; use more days or fewer degrees of freedom."
        )
    checks, withheld = release_checks(
        total_events=int(counts.sum()),
        parameters=design.shape[1],
        days=used.height,
        policy=policy,
        override=override,
        output=output,
    )
    logger.info(
        "%s: %d days used, %d dropped, %s",
        output,
        used.height,
        dropped,
        "withheld" if withheld else "released",
    )
    if withheld is not None:
        return TimeSeriesResult(
            estimates=pl.DataFrame(
                [(exposure, _lag_label(lag_days), float(per), *[None] * 6, True, withheld)],
                schema=RESULT_SCHEMA,
                orient="row",
            ),
            trend=pl.DataFrame(schema=TREND_SCHEMA),
            outcome=outcome,
            n_days=used.height,
            n_dropped=dropped,
            time_df=time_df,
            dispersion=None,
            alpha=float(alpha),
            policy=policy,
            withheld=withheld,
            checks=checks,
            exposure_df=exposure_df,
        )
    fitted = sm.GLM(counts, design, family=sm.families.Poisson()).fit(scale="X2")
    params = np.asarray(fitted.params)
    exposure_columns = [column for column, name in enumerate(names) if name == "exposure"]
    curve = None
    if spline is None:
        row = _linear_row(fitted, exposure=exposure, lags=lag_days, per=per, alpha=alpha)
    else:
        covariance = np.asarray(fitted.cov_params())[np.ix_(exposure_columns, exposure_columns)]
        coefficients = params[exposure_columns]
        curve = response_curve(
            spline,
            coefficients=coefficients,
            covariance=covariance,
            grid=curve_grid(values, reference_value, extra_points),
            reference=reference_value,
            alpha=alpha,
        )
        p_value = joint_wald_p(coefficients, covariance)
        row = (exposure, _lag_label(lag_days), float(per), None, None, None, p_value, None, None, False, None)
    time_columns = [column for column, name in enumerate(names) if name == "time"]
    trend = design[:, time_columns] @ params[time_columns]
    return TimeSeriesResult(
        estimates=pl.DataFrame([row], schema=RESULT_SCHEMA, orient="row"),
        trend=pl.DataFrame({"date": used[date], "trend": trend - trend.mean()}),
        outcome=outcome,
        n_days=used.height,
        n_dropped=dropped,
        time_df=time_df,
        dispersion=float(fitted.scale),
        alpha=float(alpha),
        policy=policy,
        withheld=None,
        checks=checks,
        exposure_df=exposure_df,
        reference=None if spline is None else reference_value,
        exposure_response=curve,
    )


def _linear_row(
    fitted: Any, *, exposure: str, lags: tuple[int, ...], per: float, alpha: float
) -> tuple[object, ...]:
    """The table row of a linear exposure term (design column 1): percent change per ``per``."""
    beta, se = float(fitted.params[1]), float(fitted.bse[1])
    z = stats.norm.ppf(1 - alpha / 2)
    return (
        exposure,
        _lag_label(lags),
        float(per),
        _percent(per * beta),
        _percent(per * (beta - z * se)),
        _percent(per * (beta + z * se)),
        float(2 * stats.norm.sf(abs(beta / se))),
        beta,
        se,
        False,
        None,
    )


def _checked_lags(lags: Sequence[int]) -> tuple[int, ...]:
    if isinstance(lags, int | str) or not lags:
        raise ConfigError(
            f"{_OUTPUT}: 'lags' must be a non-empty list of whole numbers of days, e.g. (0, 1)."
        )
    for lag in lags:
        if isinstance(lag, bool) or not isinstance(lag, int) or lag < 0:
            raise ConfigError(f"{_OUTPUT}: each lag must be a whole number of days >= 0; got {lag!r}.")
    return tuple(sorted(set(lags)))


def _check_df(time_df_per_year: float, confounders: Mapping[str, int]) -> None:
    if (
        isinstance(time_df_per_year, bool)
        or not isinstance(time_df_per_year, int | float)
        or time_df_per_year <= 0
    ):
        raise ConfigError(f"{_OUTPUT}: time_df_per_year must be a positive number such as 7.")
    for name, df in confounders.items():
        if isinstance(df, bool) or not isinstance(df, int) or df < 1:
            raise ConfigError(
                f"{_OUTPUT}: the spline of confounder {name!r} needs a whole number of degrees "
                "of freedom >= 1."
            )


def _with_lagged_exposure(
    frame: pl.DataFrame, *, exposure: str, date: str, lags: tuple[int, ...]
) -> pl.DataFrame:
    """``frame`` with ``_exposure``: the mean exposure over ``lags`` calendar days back (null if any is)."""
    values = frame.select(pl.col(date), pl.col(exposure).cast(pl.Float64).fill_nan(None))
    lagged = frame
    for lag in lags:
        shifted = values.select(
            (pl.col(date) + pl.duration(days=lag)).alias(date), pl.col(exposure).alias(f"_lag{lag}")
        )
        lagged = lagged.join(shifted, on=date, how="left", maintain_order="left")
    # Null-propagating sum: a missing day at any lag leaves the mean missing.
    total = pl.col(f"_lag{lags[0]}")
    for lag in lags[1:]:
        total = total + pl.col(f"_lag{lag}")
    return lagged.with_columns((total / len(lags)).alias("_exposure")).drop(f"_lag{lag}" for lag in lags)


def _design(
    used: pl.DataFrame,
    *,
    date: str,
    days: npt.NDArray[np.float64],
    exposure_block: npt.NDArray[np.float64],
    time_df: int,
    confounders: Mapping[str, int],
    day_of_week: bool,
) -> tuple[list[npt.NDArray[np.float64]], list[str]]:
    """Design columns: intercept, exposure (a column or a basis), time, confounder splines, weekdays."""
    blocks = [np.ones((used.height, 1)), exposure_block]
    names = ["intercept", *["exposure"] * exposure_block.shape[1]]
    time_basis = _spline(days, time_df)
    blocks.append(time_basis)
    names.extend(["time"] * time_basis.shape[1])
    for name, df in confounders.items():
        basis = _spline(used[name].cast(pl.Float64).to_numpy(), df)
        blocks.append(basis)
        names.extend([name] * basis.shape[1])
    if day_of_week:
        weekday = used[date].dt.weekday().to_numpy()
        indicators = np.column_stack([(weekday == day).astype(float) for day in range(2, 8)])
        blocks.append(indicators)
        names.extend(["weekday"] * indicators.shape[1])
    return blocks, names


def _spline(values: npt.NDArray[np.float64], df: int) -> npt.NDArray[np.float64]:
    """A centred natural cubic regression spline basis of ``values`` with ``df`` columns.

    With one degree of freedom a natural spline is a straight line: the centred values
    (patsy's ``cr()`` needs at least two).
    """
    if df == 1:
        return np.asarray(values - values.mean(), dtype=float).reshape(-1, 1)
    basis = dmatrix("cr(x, df=df, constraints='center') - 1", {"x": values, "df": df}, return_type="matrix")
    return np.asarray(basis, dtype=float)


def _lag_label(lags: tuple[int, ...]) -> str:
    if len(lags) == 1:
        return str(lags[0])
    if lags == tuple(range(lags[0], lags[-1] + 1)):
        return f"{lags[0]}-{lags[-1]}"
    return ",".join(str(lag) for lag in lags)


def _percent(log_ratio: float) -> float:
    return float(100 * np.expm1(log_ratio))
