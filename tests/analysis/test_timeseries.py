"""Quasi-Poisson time series on simulated daily counts with a planted log-linear effect."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from matplotlib.figure import Figure

from analysis import TimeSeriesResult, poisson_timeseries
from data_contracts import ConfigError, InputError

BETA = 0.004  # log rate per unit of pm10: +4.08% per 10 units


def _daily(seed: int, *, lagged: bool = False) -> pl.DataFrame:
    """Four years of daily deaths with season, weather, weekday effects and a planted pm10 effect."""
    rng = np.random.default_rng(seed)
    days = pl.date_range(dt.date(2016, 1, 1), dt.date(2019, 12, 31), eager=True)
    n = days.len()
    t = np.arange(n)
    season = 0.15 * np.cos(2 * np.pi * t / 365.25) + 0.0001 * t
    temp = 12 - 10 * np.cos(2 * np.pi * t / 365.25) + rng.normal(0, 3, n)
    dewpoint = temp - 5 + rng.normal(0, 2, n)
    pm10 = rng.gamma(4.0, 8.0, n)
    exposure = (pm10 + np.concatenate([[pm10[0]], pm10[:-1]])) / 2 if lagged else pm10
    weekday = days.dt.weekday().to_numpy()
    log_rate = 4.0 + season + BETA * exposure + 0.0004 * (temp - 15) ** 2 + 0.03 * (weekday == 1)
    return pl.DataFrame(
        {
            "date": days,
            "deaths": rng.poisson(np.exp(log_rate)),
            "pm10": pm10,
            "temp": temp,
            "dewpoint": dewpoint,
        }
    )


def _fit(daily: pl.DataFrame, **options: object) -> TimeSeriesResult:
    return poisson_timeseries(daily, outcome="deaths", exposure="pm10", date="date", **options)  # type: ignore[arg-type]


def test_recovers_a_planted_log_linear_effect_within_its_interval() -> None:
    result = _fit(_daily(seed=1))
    row = result.table().row(0, named=True)
    planted = 100 * (np.exp(10 * BETA) - 1)
    assert row["ci_low"] < planted < row["ci_high"]
    assert row["ci_low"] > 0
    assert row["percent_change"] == pytest.approx(100 * np.expm1(10 * row["beta"]))
    assert row["lags"] == "0"
    assert result.time_df == 28  # 7 df per year over four years
    assert result.n_days == 1461
    assert result.n_dropped == 0


def test_recovers_an_effect_of_the_mean_of_lags_0_and_1() -> None:
    result = _fit(_daily(seed=2, lagged=True), lags=(0, 1))
    row = result.table().row(0, named=True)
    assert row["lags"] == "0-1"
    assert row["ci_low"] < 100 * (np.exp(10 * BETA) - 1) < row["ci_high"]
    assert result.n_dropped == 1  # the first day has no lag 1


def test_rows_with_missing_values_are_dropped_and_counted() -> None:
    daily = _daily(seed=3).with_row_index("row")
    holes = daily.with_columns(
        pl.when(pl.col("row").is_in([10, 20, 30, 40, 50])).then(None).otherwise(pl.col("pm10")).alias("pm10"),
        pl.when(pl.col("row").is_in([100, 200, 300]))
        .then(float("nan"))
        .otherwise(pl.col("temp"))
        .alias("temp"),
    ).drop("row")
    assert _fit(holes).n_dropped == 8
    assert _fit(holes).n_days == daily.height - 8
    # With lags 0-1 a missing pm10 also loses the next day, and day one has no lag 1.
    assert _fit(holes, lags=(0, 1)).n_dropped == 5 * 2 + 3 + 1


def test_a_gap_in_the_dates_leaves_the_lagged_exposure_missing() -> None:
    daily = _daily(seed=4).filter(pl.col("date") != dt.date(2017, 6, 1))
    result = _fit(daily, lags=(0, 1))
    assert result.n_dropped == 2  # day one, and 2 June 2017 whose yesterday is absent


def test_errors_name_the_column_or_parameter() -> None:
    daily = _daily(seed=5)
    with pytest.raises(ConfigError, match="'humidity'"):
        _fit(daily, confounders_spline={"humidity": 3})
    with pytest.raises(ConfigError, match="'deaths_all'"):
        poisson_timeseries(daily, outcome="deaths_all", exposure="pm10", date="date")
    with pytest.raises(InputError, match="'date'"):
        _fit(pl.concat([daily, daily.head(1)]))
    with pytest.raises(InputError, match="'deaths'"):
        _fit(daily.with_columns(pl.col("deaths") - 1000))
    with pytest.raises(ConfigError, match="lag"):
        _fit(daily, lags=(-1,))
    with pytest.raises(ConfigError, match="time_df_per_year"):
        _fit(daily, time_df_per_year=0)


def test_the_result_renders_a_summary_a_table_and_figures() -> None:
    result = _fit(_daily(seed=6), per=10.0)
    assert isinstance(result.plot(), Figure)
    assert isinstance(result.plot_trend(), Figure)
    assert "1461 days used" in result.summary()
    assert "<table" in result._repr_html_()
    assert result.trend.height == result.n_days
    assert result.dispersion == pytest.approx(1.0, abs=0.15)
