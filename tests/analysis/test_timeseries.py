"""Quasi-Poisson time series on simulated daily counts with a planted log-linear effect."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
from matplotlib.figure import Figure
from patsy import build_design_matrices, dmatrix  # type: ignore[import-untyped]

from analysis import TimeSeriesResult, poisson_timeseries
from cohorts.disclosure import DisclosurePolicy
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


# Exposure-response curves: counts ~ Poisson(exp(a + b * x)), no trend, no weather.
CURVE_BETA = 0.01  # log rate per unit of exposure
CURVE_DAYS = pl.date_range(dt.date(2016, 1, 1), dt.date(2019, 12, 31), eager=True)


def _log_linear(seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    pollen = rng.gamma(3.0, 12.0, CURVE_DAYS.len())
    return pl.DataFrame(
        {"date": CURVE_DAYS, "visits": rng.poisson(np.exp(3.5 + CURVE_BETA * pollen)), "pollen": pollen}
    )


def _fit_curve(daily: pl.DataFrame, **options: object) -> TimeSeriesResult:
    """A 4 df exposure spline, a 1 df per year time spline, no weather or weekdays (unless overridden)."""
    settings: dict[str, object] = {
        "time_df_per_year": 1,
        "confounders_spline": {},
        "day_of_week": False,
        "exposure_df": 4,
        **options,
    }
    return poisson_timeseries(daily, outcome="visits", exposure="pollen", date="date", **settings)  # type: ignore[arg-type]


def test_the_curve_recovers_a_planted_log_linear_effect() -> None:
    daily = _log_linear(seed=11)
    result = _fit_curve(daily)
    curve = result.curve()
    reference = daily["pollen"].min()
    assert result.reference == reference
    assert curve.columns == ["exposure", "rate_ratio", "ci_low", "ci_high"]
    assert curve.height == 51  # 50 grid values from the 1st to the 99th percentile, and the minimum
    low, high = np.quantile(daily["pollen"].to_numpy(), [0.01, 0.99])
    assert curve["exposure"][1] == pytest.approx(low)
    assert curve["exposure"][-1] == pytest.approx(high)
    truth = np.exp(CURVE_BETA * (curve["exposure"].to_numpy() - reference))
    # Close to the truth at the quartiles of the grid and at its top (within 5%) ...
    for index in (13, 25, 38, 50):
        assert curve["rate_ratio"][index] == pytest.approx(truth[index], rel=0.05)
    # ... and the truth inside the pointwise band nearly everywhere.
    inside = (curve["ci_low"].to_numpy() <= truth) & (truth <= curve["ci_high"].to_numpy())
    assert inside.mean() >= 0.9
    assert result.table()["p_value"].item() < 1e-6
    assert result.table()["percent_change"].item() is None


def test_the_curve_is_one_with_a_zero_width_interval_at_the_reference() -> None:
    result = _fit_curve(_log_linear(seed=12), reference=40.0)
    at_reference = result.curve().filter(pl.col("exposure") == 40.0)
    assert at_reference.row(0) == (40.0, 1.0, 1.0, 1.0)
    below = result.curve().filter(pl.col("exposure") < 40.0)
    assert (below["rate_ratio"] < 1).all()  # a rising curve is below 1 under the reference


def test_the_curve_interval_is_the_delta_method_from_the_fitted_covariance() -> None:
    daily = _log_linear(seed=13)
    result = _fit_curve(daily, reference=30.0, alpha=0.1)
    # Refit the same model directly: intercept, cr(pollen, 4), cr(time, 4 df over four years).
    formula = "cr(x, df=df, constraints='center') - 1"
    pollen_basis = dmatrix(formula, {"x": daily["pollen"].to_numpy(), "df": 4})
    time_basis = dmatrix(formula, {"x": np.arange(daily.height, dtype=float), "df": 4})
    design = np.column_stack([np.ones(daily.height), pollen_basis, time_basis])
    fitted = sm.GLM(daily["visits"].to_numpy(), design, family=sm.families.Poisson()).fit(scale="X2")
    coefficients = fitted.params[1:5]
    covariance = fitted.cov_params()[1:5, 1:5]  # scaled by Pearson chi-square / residual df
    row = result.curve().row(20, named=True)
    (at_points,) = build_design_matrices(
        [pollen_basis.design_info], {"x": np.array([row["exposure"], 30.0]), "df": 4}
    )
    difference = np.asarray(at_points)[0] - np.asarray(at_points)[1]
    log_ratio = difference @ coefficients
    se = np.sqrt(difference @ covariance @ difference)
    z = 1.6448536269514722  # 95th percentile of the standard normal, for alpha 0.1
    assert row["rate_ratio"] == pytest.approx(np.exp(log_ratio), rel=1e-6)
    assert row["ci_low"] == pytest.approx(np.exp(log_ratio - z * se), rel=1e-6)
    assert row["ci_high"] == pytest.approx(np.exp(log_ratio + z * se), rel=1e-6)
    assert result.dispersion == pytest.approx(fitted.scale, rel=1e-9)


def test_curve_options_are_checked_and_named() -> None:
    daily = _log_linear(seed=14)
    for bad in (2, 4.0, True, "4"):
        with pytest.raises(ConfigError, match="exposure_df"):
            _fit_curve(daily.head(400), exposure_df=bad)
    with pytest.raises(ConfigError, match="reference"):
        _fit(_daily(seed=7), reference=10.0)  # a reference needs a curve
    with pytest.raises(ConfigError, match="reference must lie within"):
        _fit_curve(daily, reference=-1.0)
    with pytest.raises(ConfigError, match="exposure_df"):
        _fit(_daily(seed=7)).curve()  # a linear fit has no curve
    with pytest.raises(InputError, match="exposure_df"):
        _fit_curve(daily.with_columns(pollen=pl.col("date").dt.weekday() % 3))  # three distinct values


def test_a_curve_result_plots_the_curve_and_says_what_it_is_relative_to() -> None:
    result = _fit_curve(_log_linear(seed=15), reference=20.0)
    figure = result.plot()
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    assert axes.get_ylabel() == "rate ratio of visits vs 20"
    assert len(axes.collections) == 1  # the band
    assert "rate ratios relative to pollen = 20" in result.summary()
    assert "natural spline with 4 df" in result.summary()
    assert "<table" in result._repr_html_()


def test_curve_at_adds_exact_points_to_the_grid() -> None:
    daily = _log_linear(seed=16)
    plain = _fit_curve(daily, reference=10.0).curve()
    result = _fit_curve(daily, reference=10.0, curve_at=[33.3, 45.0])
    curve = result.curve()
    assert curve.height == plain.height + 2
    assert curve["exposure"].is_sorted()
    assert set(curve["exposure"]) - set(plain["exposure"]) == {33.3, 45.0}
    # The same fit: the grid points are unchanged.
    assert curve.join(plain, on="exposure")["rate_ratio"].to_list() == pytest.approx(
        curve.join(plain, on="exposure")["rate_ratio_right"].to_list(), rel=1e-12
    )
    with pytest.raises(ConfigError, match="curve_at"):
        _fit_curve(daily, curve_at=[1e9])
    with pytest.raises(ConfigError, match="curve_at"):
        _fit_curve(daily, curve_at=[float("nan")])
    with pytest.raises(ConfigError, match="curve_at"):
        _fit(_daily(seed=7), curve_at=[20.0])


# Output checks. Series with a fixed outcome, so totals and parameters are known by hand.
SHORT_DAYS = pl.date_range(dt.date(2018, 1, 1), dt.date(2019, 12, 31), eager=True)  # 730 days


def _sparse(event_days: np.ndarray, *, days: pl.Series = SHORT_DAYS) -> pl.DataFrame:
    """One death on each of ``event_days`` (row indices), none on the others; pm10 varies."""
    deaths = np.zeros(days.len(), dtype=np.int64)
    deaths[event_days] = 1
    pm10 = np.random.default_rng(20).gamma(4.0, 8.0, days.len())
    return pl.DataFrame({"date": days, "deaths": deaths, "pm10": pm10})


# 730 days, 7 df per year: time spline round(7 * 730 / 365.25) = 14 df; with the intercept,
# pm10 and six weekday indicators the model has 1 + 1 + 14 + 6 = 22 parameters.
SPARSE_OPTIONS: dict[str, object] = {"confounders_spline": {}}
SPARSE_PARAMETERS = 22
# 400 days, 1 df per year: 1 + 1 + 1 = 3 parameters.
TINY_OPTIONS: dict[str, object] = {"time_df_per_year": 1, "confounders_spline": {}, "day_of_week": False}


def _suppressed(result: TimeSeriesResult) -> dict[str, int]:
    return {entry.rule: entry.cells_suppressed for entry in result.checks}


def test_a_series_with_fewer_than_11_events_is_withheld() -> None:
    daily = _sparse(np.arange(0, 400, 40), days=SHORT_DAYS[:400])  # 10 deaths
    result = _fit(daily, **TINY_OPTIONS)
    # 10 is hidden by the threshold of 11, and 10 / 3 parameters < 10 events per parameter.
    assert result.withheld == "withheld: failed minimum events, events per parameter"
    assert _suppressed(result) == {
        "minimum events": 1,
        "events per parameter": 1,
        "residual degrees of freedom": 0,
    }
    assert all(entry.cells_checked == 1 for entry in result.checks)
    row = result.table().row(0, named=True)
    assert (row["exposure"], row["lags"], row["per"]) == ("pm10", "0", 10.0)
    numbers = ["percent_change", "ci_low", "ci_high", "p_value", "beta", "se"]
    assert [row[name] for name in numbers] == [None] * 6
    assert row["withheld"] is True
    assert row["reason"] == result.withheld
    assert result.dispersion is None
    assert result.trend.height == 0
    assert result.n_days == 400  # calendar days, not people: kept


def test_eleven_events_pass_the_minimum_events_rule() -> None:
    daily = _sparse(np.arange(0, 396, 36), days=SHORT_DAYS[:400])  # 11 deaths: 0, 36, ..., 360
    assert int(daily["deaths"].sum()) == 11
    result = _fit(daily, **TINY_OPTIONS)
    assert result.withheld == "withheld: failed events per parameter"  # 11 / 3 < 10
    assert _suppressed(result)["minimum events"] == 0


def test_too_few_events_per_parameter_is_withheld_at_the_boundary() -> None:
    # 10 events per parameter: 220 deaths released, 219 withheld (spread evenly over the days).
    enough = _sparse(np.round(np.linspace(0, 729, 10 * SPARSE_PARAMETERS)).astype(int))
    short = _sparse(np.round(np.linspace(0, 729, 10 * SPARSE_PARAMETERS - 1)).astype(int))
    assert (int(enough["deaths"].sum()), int(short["deaths"].sum())) == (220, 219)
    released = _fit(enough, **SPARSE_OPTIONS)
    assert released.withheld is None
    assert set(_suppressed(released).values()) == {0}
    withheld = _fit(short, **SPARSE_OPTIONS)
    assert withheld.withheld == "withheld: failed events per parameter"
    assert _suppressed(withheld) == {
        "minimum events": 0,
        "events per parameter": 1,
        "residual degrees of freedom": 0,
    }
    assert withheld.table()["percent_change"].item() is None


def test_too_few_residual_degrees_of_freedom_is_withheld() -> None:
    days = SHORT_DAYS[:14]
    daily = pl.DataFrame(
        {
            "date": days,
            "deaths": [50, 47, 53, 61, 44, 52, 58, 49, 55, 46, 60, 51, 48, 57],
            "pm10": [12.0, 30.0, 25.0, 41.0, 18.0, 9.0, 33.0, 27.0, 15.0, 38.0, 22.0, 29.0, 11.0, 35.0],
        }
    )
    # 14 days - 3 parameters = 11 residual df: released; 13 days leave 10: withheld.
    assert _fit(daily, **TINY_OPTIONS).withheld is None
    result = _fit(daily.head(13), **TINY_OPTIONS)
    assert result.withheld == "withheld: failed residual degrees of freedom"
    assert _suppressed(result)["residual degrees of freedom"] == 1


def test_a_withheld_curve_renders_only_the_message() -> None:
    daily = _sparse(np.arange(0, 400, 40), days=SHORT_DAYS[:400])
    result = _fit(daily, **TINY_OPTIONS, exposure_df=3)
    assert result.reference is None
    assert result.table()["p_value"].item() is None
    with pytest.raises(InputError, match="curve is withheld: failed minimum events"):
        result.curve()
    for figure in (result.plot(), result.plot_trend()):
        (axes,) = figure.axes
        assert not axes.lines
        assert not axes.collections
        assert "withheld: failed minimum events" in axes.texts[0].get_text()
    assert result.summary().splitlines()[-1] == (
        "estimates withheld: failed minimum events, events per parameter"
    )
    html = result._repr_html_()
    assert html.count("[suppressed]") == 6  # the six numbers of the row
    assert "estimates withheld" in html


def test_an_override_releases_the_estimates_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    daily = _sparse(np.arange(0, 400, 40), days=SHORT_DAYS[:400])
    with caplog.at_level("WARNING", logger="analysis.timeseries"):
        result = _fit(daily, **TINY_OPTIONS, override=True)
    assert result.withheld is None
    row = result.table().row(0, named=True)
    assert row["percent_change"] == pytest.approx(100 * np.expm1(10 * row["beta"]))
    assert row["withheld"] is False
    assert result.dispersion is not None
    assert result.trend.height == 400
    # A 1 df time spline is a straight line in the day: equal steps from day to day.
    assert result.time_df == 1
    assert np.diff(result.trend["trend"].to_numpy()) == pytest.approx(
        np.full(399, result.trend["trend"][1] - result.trend["trend"][0])
    )
    assert [entry.rule for entry in result.checks] == [
        "minimum events",
        "events per parameter",
        "residual degrees of freedom",
        "override",
    ]
    assert set(_suppressed(result).values()) == {0}
    assert "minimum events, events per parameter" in result.checks[-1].detail
    assert "overridden" in caplog.text
    with pytest.raises(ConfigError, match="override"):
        _fit(daily, **TINY_OPTIONS, override="yes")


def test_the_simulated_mortality_series_passes_every_check_named_after_output() -> None:
    result = _fit(_daily(seed=8), output="pm10_deaths")
    assert result.withheld is None
    assert [
        (entry.output, entry.rule, entry.cells_checked, entry.cells_suppressed) for entry in result.checks
    ] == [
        ("pm10_deaths", "minimum events", 1, 0),
        ("pm10_deaths", "events per parameter", 1, 0),
        ("pm10_deaths", "residual degrees of freedom", 1, 0),
    ]
    assert _fit(_daily(seed=8)).checks[0].output == "poisson_timeseries"
    with pytest.raises(ConfigError, match="output"):
        _fit(_daily(seed=8), output="")


def test_a_policy_with_a_higher_threshold_or_rounding_is_applied() -> None:
    daily = _sparse(np.arange(0, 396, 9), days=SHORT_DAYS[:400])  # 44 deaths, 3 parameters
    assert int(daily["deaths"].sum()) == 44
    assert _fit(daily, **TINY_OPTIONS, policy=DisclosurePolicy(threshold=41)).withheld is None
    # Rounded to a multiple of 10, 44 would show as 40: hidden under a threshold of 41.
    rounded = _fit(
        daily, **TINY_OPTIONS, policy=DisclosurePolicy(threshold=41, rounding=10, marker="[hidden]")
    )
    assert rounded.withheld == "withheld: failed minimum events"
    assert "from 1 to 40" in rounded.checks[0].detail
    html = rounded._repr_html_()
    assert html.count("[hidden]") == 6
    assert "[suppressed]" not in html
