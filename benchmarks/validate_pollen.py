"""Validate the exposure-response curve of ``analysis.poisson_timeseries`` on real pollen counts.

Reads the Houston Health Department daily pollen counts by taxon
(``../shared/benchmarks/houston_pollen/*.parquet`` and ``categories.csv``, relative to the
repository root; never copied into the repository) and builds the daily total pollen
count: the sum over the tree and weed taxa (mold spores excluded, as the generator's total
sums pollen taxa only), on the days observed (weekdays; a day with a missing pollen taxon
is dropped rather than under-counted).

On that real series it generates daily respiratory encounters of a synthetic population
with the generator's planted effect (``deid.synth._effects``): each person's daily rate is
``RESPIRATORY_BASE_RATE_PER_YEAR / 365.25 * respiratory_multiplier(aqi=0, pollen)``, that is
``exp(0.06 * log1p(pollen))``, and the day's count is a Poisson draw for the population.
Then it fits quasi-Poisson time series (time spline, no weather: none was generated; no
weekday terms: the series has weekdays only and no weekday effect was generated):

- linear in ``log1p(pollen)``: the slope against the planted 0.06;
- a 4 df natural spline of ``log1p(pollen)``: the curve's rate ratio at the 25th, 50th,
  75th and 95th percentiles against the planted ``exp(0.06 * (x - ref))``, the reference
  being the lowest day;
- a 4 df natural spline of the raw count, which shows the concave shape the log model
  implies (steep at low counts, flattening at high).

Saves the curves to ``build/validation/pollen_curve.png`` (log scale) and
``pollen_curve_raw.png``, prints a table and records the figures in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/validate_pollen.py [--persons 200000] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl
from _report import report

from analysis import TimeSeriesResult, poisson_timeseries
from deid.synth._effects import (
    RESPIRATORY_BASE_RATE_PER_YEAR,
    RESPIRATORY_LOG_RATE_PER_LOG1P_POLLEN,
    respiratory_multiplier,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "houston_pollen"
OUT = Path(__file__).resolve().parents[1] / "build" / "validation"
SECTION = "## Exposure-response: Houston pollen + generated encounters"
SOURCE = "hadley/houston-pollen @ 29038db7 (`collapsed/`, `categories.csv`), Houston Health Department; MIT"
POLLEN_CATEGORIES = ("tree", "weed")
PERCENTILES = (25, 50, 75, 95)
TIME_DF_PER_YEAR = 4
EXPOSURE_DF = 4


def load(directory: Path) -> tuple[pl.DataFrame, int]:
    """The daily total pollen (``date``, ``pollen``) and the number of days dropped for a gap."""
    categories = pl.read_csv(directory / "categories.csv")
    pollen_types = categories.filter(pl.col("category").is_in(POLLEN_CATEGORIES))["type"]
    counts = pl.read_parquet(sorted(directory.glob("*.parquet"))).filter(
        pl.col("type").is_in(pollen_types.to_list())
    )
    daily = (
        counts.group_by("date")
        .agg(
            pl.col("count").sum().cast(pl.Float64).alias("pollen"), pl.col("count").null_count().alias("gaps")
        )
        .sort("date")
    )
    complete = daily.filter(pl.col("gaps") == 0).drop("gaps")
    return complete, daily.height - complete.height


def with_encounters(daily: pl.DataFrame, *, persons: int, seed: int) -> pl.DataFrame:
    """``daily`` with ``encounters``: Poisson counts under the generator's planted pollen effect."""
    pollen = daily["pollen"].to_numpy()
    expected = (
        persons
        * RESPIRATORY_BASE_RATE_PER_YEAR
        / 365.25
        * respiratory_multiplier(np.zeros_like(pollen), pollen)
    )
    encounters = np.random.default_rng(seed).poisson(expected)
    return daily.with_columns(encounters=pl.Series(encounters), log1p_pollen=pl.col("pollen").log1p())


def fit(daily: pl.DataFrame, exposure: str, exposure_df: int | None) -> TimeSeriesResult:
    """The quasi-Poisson time series of encounters on ``exposure`` (linear, or a spline with its
    curve also evaluated at the ``PERCENTILES`` of the exposure)."""
    points = np.percentile(daily[exposure].to_numpy(), PERCENTILES).tolist()
    return poisson_timeseries(
        daily,
        outcome="encounters",
        exposure=exposure,
        date="date",
        time_df_per_year=TIME_DF_PER_YEAR,
        confounders_spline={},
        day_of_week=False,
        per=1.0,
        exposure_df=exposure_df,
        curve_at=() if exposure_df is None else points,
    )


def at_percentiles(
    result: TimeSeriesResult, values: np.ndarray, planted: Callable[[np.ndarray], np.ndarray]
) -> pl.DataFrame:
    """The curve at the ``PERCENTILES`` of ``values`` against the planted rate ratio.

    ``planted`` maps exposures to the planted log rate; the truth is taken relative to
    the curve's reference.
    """
    points = np.percentile(values, PERCENTILES)
    reference = float(result.reference or 0.0)
    curve = result.curve().filter(pl.col("exposure").is_in(points.tolist())).sort("exposure")
    truth = np.exp(planted(points) - planted(np.array([reference])))
    return curve.select(
        pl.Series("percentile", PERCENTILES),
        pl.all(),
        pl.Series("planted", truth),
    ).with_columns(inside=(pl.col("ci_low") <= pl.col("planted")) & (pl.col("planted") <= pl.col("ci_high")))


def save_figure(result: TimeSeriesResult, truth: np.ndarray, path: Path) -> None:
    """The curve with its band, and the planted curve dashed."""
    figure = result.plot()
    axes = figure.axes[0]
    grid = result.curve()["exposure"].to_numpy()
    axes.plot(grid, truth, color="tab:red", linestyle=":", linewidth=1.5, label="planted")
    axes.legend(loc="best")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)


def _rows(table: pl.DataFrame) -> str:
    return "; ".join(
        f"p{row['percentile']} ({row['exposure']:.3g}): {row['rate_ratio']:.3f} "
        f"({row['ci_low']:.3f}-{row['ci_high']:.3f}) vs {row['planted']:.3f}"
        + ("" if row["inside"] else " OUTSIDE")
        for row in table.iter_rows(named=True)
    )


def main(argv: list[str] | None = None) -> int:
    """Generate, fit and report; exit 0 with a message when the data are absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=200_000, help="size of the synthetic population")
    parser.add_argument("--seed", type=int, default=7, help="seed of the Poisson draws")
    options = parser.parse_args(argv)
    if not DATA.is_dir() or not any(DATA.glob("*.parquet")):
        print(f"Houston pollen data not found at {DATA}; skipping the validation.")
        return 0
    started = time.perf_counter()
    pollen, gaps = load(DATA)
    daily = with_encounters(pollen, persons=options.persons, seed=options.seed)
    linear = fit(daily, "log1p_pollen", None)
    log_curve = fit(daily, "log1p_pollen", EXPOSURE_DF)
    raw_curve = fit(daily, "pollen", EXPOSURE_DF)
    seconds = time.perf_counter() - started

    beta = RESPIRATORY_LOG_RATE_PER_LOG1P_POLLEN
    log_values = daily["log1p_pollen"].to_numpy()
    raw_values = daily["pollen"].to_numpy()
    log_table = at_percentiles(log_curve, log_values, lambda x: beta * x)
    raw_table = at_percentiles(raw_curve, raw_values, lambda x: beta * np.log1p(x))
    for name, result, table in (("log1p(pollen)", log_curve, log_table), ("pollen", raw_curve, raw_table)):
        print(f"\nExposure-response on {name}, RR relative to {result.reference:g}:")
        print(table)
    log_grid = log_curve.curve()["exposure"].to_numpy()
    raw_grid = raw_curve.curve()["exposure"].to_numpy()
    save_figure(
        log_curve, np.exp(beta * (log_grid - float(log_curve.reference or 0.0))), OUT / "pollen_curve.png"
    )
    raw_truth = np.exp(beta * (np.log1p(raw_grid) - np.log1p(float(raw_curve.reference or 0.0))))
    save_figure(raw_curve, raw_truth, OUT / "pollen_curve_raw.png")

    row = linear.table().row(0, named=True)
    low, high = np.log1p(row["ci_low"] / 100), np.log1p(row["ci_high"] / 100)
    encounters = daily["encounters"]
    first, last = (str(daily["date"].min()), str(daily["date"].max()))
    figures = {
        "command": "`.venv/bin/python benchmarks/validate_pollen.py` (defaults: --persons 200000 --seed 7)",
        "data": f"houston_pollen/*.parquet: {SOURCE}",
        "exposure": f"daily total of tree and weed pollen (mold spores excluded), {daily.height} days "
        f"observed ({first} to {last}, weekdays), {gaps} dropped for a missing taxon; "
        f"median {np.median(raw_values):.0f}, 95th percentile {np.percentile(raw_values, 95):.0f} grains/m3",
        "outcome": f"respiratory encounters of {options.persons:,} persons drawn Poisson with the planted "
        f"rate {RESPIRATORY_BASE_RATE_PER_YEAR}/person-year x exp({beta} log1p(pollen)); "
        f"median {np.median(encounters.to_numpy()):.0f} a day",
        "model": f"quasi-Poisson, ns(time, {TIME_DF_PER_YEAR} df/year), no weather or weekday terms",
        "(a) linear beta per log1p(pollen)": f"{row['beta']:.4f} (95% CI {low:.4f} to {high:.4f}); "
        f"planted {beta}; covered {low <= beta <= high}; dispersion {linear.dispersion:.2f}",
        f"(b) spline {EXPOSURE_DF} df of log1p(pollen), RR vs {log_curve.reference:.3g} "
        "(estimate (95% CI) vs planted)": _rows(log_table),
        "(b) planted curve inside the band at the 4 percentiles": f"{int(log_table['inside'].sum())} of 4",
        f"(c) spline {EXPOSURE_DF} df of raw pollen, RR vs {raw_curve.reference:.3g}": _rows(raw_table),
        "(c) planted curve inside the band at the 4 percentiles": f"{int(raw_table['inside'].sum())} of 4",
        "(c) shape on the raw scale": _slopes(raw_table),
        "(c) reading": "concave as log1p implies, but a 4 df spline of the raw count (knots at quantiles "
        "of a very skewed series) cannot follow the near-vertical planted rise over the first ~15 grains, "
        "so its rate ratios against 0 fall short; model pollen on the log scale",
        "figures": "build/validation/pollen_curve.png, build/validation/pollen_curve_raw.png",
        "seconds (three fits)": f"{seconds:.2f}",
    }
    report(SECTION, figures)
    return 0


def _slopes(table: pl.DataFrame) -> str:
    """The rise of the rate ratio per 100 grains from p25 to p50 and from p75 to p95 (concave: falls)."""
    x, ratio = table["exposure"], table["rate_ratio"]
    low = 100 * (ratio[1] - ratio[0]) / (x[1] - x[0])
    high = 100 * (ratio[3] - ratio[2]) / (x[3] - x[2])
    return f"RR rises {low:.4f} per 100 grains from p25 to p50 and {high:.4f} from p75 to p95"


if __name__ == "__main__":
    sys.exit(main())
