"""Validate the time-series and case-crossover models on the NMMAPS Chicago data (1987-2000).

Reads ``../shared/benchmarks/nmmaps_chicago/chicagoNMMAPS.csv`` (relative to the repository
root; never copied into the repository) and fits, on daily all-cause deaths:

- ``analysis.poisson_timeseries`` on PM10 at lag 0 and on the mean of lags 0-1, with a
  natural spline of time (7 df per year), natural splines of temperature (6 df) and dew
  point (3 df) and day-of-week indicators, quasi-Poisson, as in NMMAPS;
- a time-stratified case-crossover (``analysis.case_crossover_referents`` and
  ``analysis.conditional_logistic``): one stratum per day with deaths, the case being that
  day and the referents the same-weekday days of its month, weighted by the number of
  deaths (frequency weights, the same as one stratum per death but ~5,000 strata rather
  than ~590,000), adjusted for temperature and dew point linearly.

The published range for US cities is about 0.2-0.6% more deaths per 10 ug/m3 PM10
(Samet et al. 2000; Dominici et al. 2003 give ~0.2-0.5% for the national average, with
Chicago near 0.3%). Prints and records the figures in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/validate_nmmaps.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl
from _report import report

from analysis import case_crossover_referents, conditional_logistic, poisson_timeseries

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "nmmaps_chicago" / "chicagoNMMAPS.csv"
SECTION = "## Validation: NMMAPS Chicago"
PUBLISHED = (0.2, 0.6)


def load(path: Path) -> pl.DataFrame:
    """The daily series: date, deaths, pm10, temperature and dew point (NA as null)."""
    return pl.read_csv(path, null_values="NA", try_parse_dates=True).select(
        pl.col("date").cast(pl.Date),
        pl.col("death").cast(pl.Int64),
        pl.col("pm10").cast(pl.Float64),
        pl.col("temp").cast(pl.Float64),
        pl.col("dptp").cast(pl.Float64),
    )


def _interval(row: dict[str, float]) -> str:
    return f"{row['percent_change']:+.3f}% (95% CI {row['ci_low']:+.3f}% to {row['ci_high']:+.3f}%)"


def main() -> int:
    """Fit both designs and report; exit 0 with a message when the data are absent."""
    if not DATA.exists():
        print(f"NMMAPS Chicago data not found at {DATA}; skipping the validation.")
        return 0
    started = time.perf_counter()
    daily = load(DATA)
    lag0, lag01 = (
        poisson_timeseries(
            daily,
            outcome="death",
            exposure="pm10",
            date="date",
            lags=lags,
            time_df_per_year=7,
            confounders_spline={"temp": 6, "dptp": 3},
            per=10.0,
        )
        for lags in ((0,), (0, 1))
    )
    timeseries_seconds = time.perf_counter() - started

    started = time.perf_counter()
    case_days = daily.filter(pl.col("death") > 0).select(
        person=pl.col("date"), day=pl.col("date"), deaths="death"
    )
    strata = (
        case_crossover_referents(
            case_days, person="person", event_date="day", series=daily, date="date", exposure="pm10"
        )
        .join(daily.select("date", "temp", "dptp"), on="date", how="left")
        .join(case_days.select("person", "deaths"), on="person")
    )
    crossover = conditional_logistic(strata, exposures=["pm10", "temp", "dptp"], weight="deaths", per=10.0)
    crossover_seconds = time.perf_counter() - started

    row0 = lag0.table().row(0, named=True)
    row01 = lag01.table().row(0, named=True)
    odds = crossover.table().row(0, named=True)
    low, high = PUBLISHED
    figures = {
        "data": f"{DATA.name}, {daily.height} days, {daily['date'].min()} to {daily['date'].max()}",
        "model": "quasi-Poisson; ns(time, 7 df/year), ns(temp, 6), ns(dew point, 3), day of week",
        "PM10 lag 0, % change in deaths per 10 ug/m3": _interval(row0),
        "PM10 lag 0 days used (dropped)": f"{lag0.n_days} ({lag0.n_dropped}); time spline {lag0.time_df} df; "
        f"dispersion {lag0.dispersion:.2f}",
        "PM10 lag 0-1, % change in deaths per 10 ug/m3": _interval(row01),
        "PM10 lag 0-1 days used (dropped)": f"{lag01.n_days} ({lag01.n_dropped})",
        "published range, US cities": f"{low}-{high}% per 10 ug/m3 (Samet et al. 2000; Dominici et al. 2003)",
        "lag 0 in published range": str(low <= row0["percent_change"] <= high),
        "lag 0 CI excludes 0": str(row0["ci_low"] > 0 or row0["ci_high"] < 0),
        "lag 0-1 in published range": str(low <= row01["percent_change"] <= high),
        "lag 0-1 CI excludes 0": str(row01["ci_low"] > 0 or row01["ci_high"] < 0),
        "case-crossover OR per 10 ug/m3 PM10 (lag 0, adjusted for temp and dew point)": (
            f"{odds['odds_ratio']:.5f} (95% CI {odds['ci_low']:.5f} to {odds['ci_high']:.5f})"
        ),
        "case-crossover design": f"time-stratified, {crossover.n_strata} case days weighted by "
        f"{crossover.n_cases} deaths, {crossover.n_dropped} rows dropped for missing values",
        "case-crossover agrees in sign with lag 0": str(
            (odds["odds_ratio"] > 1) == (row0["percent_change"] > 0)
        ),
        "seconds (both time-series fits)": f"{timeseries_seconds:.2f}",
        "seconds (case-crossover)": f"{crossover_seconds:.2f}",
    }
    report(SECTION, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
