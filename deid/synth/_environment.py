"""Daily environment series per county: AQI (EPA AirData layout), pollen and temperature.

Series are numpy arrays indexed ``[county, day]`` (pollen ``[county, taxon, day]``) over
the event window; the frames written to disk are built from them at the end. AQI has a
summer ozone season, a winter particulate bump, day-to-day persistence and occasional
smoke episodes above 150.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth._config import WINDOW_DAYS, WINDOW_START, date_from_day
from deid.synth._effects import respiratory_multiplier
from deid.synth._geography import COUNTIES

POLLEN_TAXA = (
    # Each entry gives the taxon, its peak day of year, season width in days and peak grains per m3.
    ("Juniperus (Cedar)", 20, 18, 220.0),
    ("Ulmus (Elm)", 70, 14, 150.0),
    ("Quercus (Oak)", 110, 15, 400.0),
    ("Poaceae (Grass)", 165, 28, 60.0),
    ("Ambrosia (Ragweed)", 250, 16, 130.0),
)
AQI_CATEGORIES = (
    (50, "Good"),
    (100, "Moderate"),
    (150, "Unhealthy for Sensitive Groups"),
    (200, "Unhealthy"),
    (300, "Very Unhealthy"),
)
AQI_NOISE_SD = 0.28
AQI_PERSISTENCE = 0.65
EPISODES_PER_COUNTY_YEAR = 1.6
EPISODE_EXTRA_AQI = (80.0, 190.0)
EPISODE_DAYS = (2, 6)


@dataclass(frozen=True, kw_only=True)
class EnvironmentSeries:
    """The daily series of every county over the window."""

    aqi: np.ndarray
    ozone_defining: np.ndarray
    pollen: np.ndarray
    tmean: np.ndarray
    tmax: np.ndarray

    def total_pollen(self) -> np.ndarray:
        """Return the all-taxa pollen count ``[county, day]``."""
        return np.asarray(self.pollen.sum(axis=1))

    def respiratory_multiplier(self) -> np.ndarray:
        """Return the planted respiratory rate ratio of every county-day."""
        return respiratory_multiplier(self.aqi.astype(np.float64), self.total_pollen().astype(np.float64))


def _day_of_year() -> np.ndarray:
    dates = np.arange(WINDOW_DAYS).astype("timedelta64[D]") + np.datetime64(WINDOW_START)
    return np.asarray((dates - dates.astype("datetime64[Y]")).astype(np.int64) + 1)


def _ar1(rng: np.random.Generator, shape: tuple[int, int], persistence: float) -> np.ndarray:
    shocks = rng.normal(0.0, 1.0, shape)
    series = np.empty(shape)
    series[:, 0] = shocks[:, 0]
    scale = np.sqrt(1.0 - persistence**2)
    for day in range(1, shape[1]):
        series[:, day] = persistence * series[:, day - 1] + scale * shocks[:, day]
    return series


def make_environment(rng: np.random.Generator) -> EnvironmentSeries:
    """Draw every county's daily AQI, pollen and temperature over the window."""
    counties = len(COUNTIES)
    doy = _day_of_year()
    season = 2 * np.pi * (doy - 80) / 365.25
    urban = np.array([min(county.weight, 12.0) / 12.0 for county in COUNTIES])[:, None]
    ozone = 22 + 26 * np.clip(np.sin(season), 0, None)
    particulate = 14 + 12 * np.clip(-np.sin(season), 0, None) + 10 * urban
    base = ozone[None, :] + particulate
    aqi = base * np.exp(
        AQI_NOISE_SD * _ar1(rng, (counties, WINDOW_DAYS), AQI_PERSISTENCE) - AQI_NOISE_SD**2 / 2
    )
    years = WINDOW_DAYS / 365.25
    for county in range(counties):
        for _ in range(rng.poisson(EPISODES_PER_COUNTY_YEAR * years)):
            start = int(rng.integers(0, WINDOW_DAYS))
            length = int(rng.integers(EPISODE_DAYS[0], EPISODE_DAYS[1] + 1))
            extra = rng.uniform(*EPISODE_EXTRA_AQI)
            aqi[county, start : start + length] += extra * rng.uniform(
                0.7, 1.0, min(length, WINDOW_DAYS - start)
            )
    ozone_defining = ozone[None, :] > particulate

    pollen = np.zeros((counties, len(POLLEN_TAXA), WINDOW_DAYS))
    abundance = rng.uniform(0.5, 1.5, (counties, len(POLLEN_TAXA)))
    for taxon, (_, peak, width, height) in enumerate(POLLEN_TAXA):
        distance = np.minimum(np.abs(doy - peak), 365 - np.abs(doy - peak))
        curve = height * np.exp(-0.5 * (distance / width) ** 2)
        noise = rng.lognormal(-0.18, 0.6, (counties, WINDOW_DAYS))
        pollen[:, taxon, :] = abundance[:, taxon, None] * curve[None, :] * noise
    pollen = np.floor(pollen)

    latitude = np.array([county.lat for county in COUNTIES])[:, None]
    annual_mean = 30.0 - 0.5 * latitude
    amplitude = 9.0 + 0.12 * latitude
    cycle = -np.cos(2 * np.pi * (doy - 15) / 365.25)[None, :]
    tmean = annual_mean + amplitude * cycle + 3.0 * _ar1(rng, (counties, WINDOW_DAYS), 0.7)
    tmax = tmean + 6.0 + rng.normal(0.0, 1.5, (counties, WINDOW_DAYS))
    return EnvironmentSeries(
        aqi=np.rint(np.clip(aqi, 0, None)).astype(np.int64),
        ozone_defining=ozone_defining,
        pollen=pollen.astype(np.int64),
        tmean=np.round(tmean, 1),
        tmax=np.round(tmax, 1),
    )


def _county_day_frame() -> pl.DataFrame:
    counties = len(COUNTIES)
    return pl.DataFrame(
        {
            "_county": np.repeat(np.arange(counties), WINDOW_DAYS),
            "_day": np.tile(np.arange(WINDOW_DAYS), counties),
        }
    )


def aqi_frame(series: EnvironmentSeries) -> pl.DataFrame:
    """Return the EPA AirData ``daily_aqi_by_county`` table of every county-day."""
    frame = _county_day_frame()
    category = pl.lit("Hazardous")
    for limit, name in reversed(AQI_CATEGORIES):
        category = pl.when(pl.col("AQI") <= limit).then(pl.lit(name)).otherwise(category)
    lookup = {
        "State Name": [county.state_name for county in COUNTIES],
        "county Name": [county.name for county in COUNTIES],
        "State Code": [county.fips[:2] for county in COUNTIES],
        "County Code": [county.fips[2:] for county in COUNTIES],
    }
    sites = np.array([1 + int(county.weight // 4) for county in COUNTIES])
    return frame.with_columns(
        **{name: pl.lit(pl.Series(values)).gather(pl.col("_county")) for name, values in lookup.items()},
        Date=date_from_day(pl.col("_day")),
        AQI=pl.Series(series.aqi.ravel()),
        _ozone=pl.Series(series.ozone_defining.ravel()),
        _sites=pl.lit(pl.Series(sites)).gather(pl.col("_county")),
    ).with_columns(
        Category=category,
        **{"Defining Parameter": pl.when(pl.col("_ozone")).then(pl.lit("Ozone")).otherwise(pl.lit("PM2.5"))},
        **{
            "Defining Site": pl.format(
                "{}-{}-00{}", "State Code", "County Code", (pl.col("_day") % pl.col("_sites")) + 10
            )
        },
        **{"Number of Sites Reporting": pl.col("_sites")},
    )


def pollen_frame(series: EnvironmentSeries) -> pl.DataFrame:
    """Return ``pollen.csv``: one row per county, day and taxon."""
    counties, taxa = len(COUNTIES), len(POLLEN_TAXA)
    fips = pl.Series([county.fips for county in COUNTIES])
    names = pl.Series([taxon for taxon, *_ in POLLEN_TAXA])
    return pl.DataFrame(
        {
            "_county": np.repeat(np.arange(counties), taxa * WINDOW_DAYS),
            "_taxon": np.tile(np.repeat(np.arange(taxa), WINDOW_DAYS), counties),
            "_day": np.tile(np.arange(WINDOW_DAYS), counties * taxa),
            "COUNT": series.pollen.ravel(),
        }
    ).with_columns(
        FIPS=pl.lit(fips).gather(pl.col("_county")),
        DATE=date_from_day(pl.col("_day")),
        TAXON=pl.lit(names).gather(pl.col("_taxon")),
    )


def temperature_frame(series: EnvironmentSeries) -> pl.DataFrame:
    """Return ``temperature.csv``: one row per county-day."""
    fips = pl.Series([county.fips for county in COUNTIES])
    return _county_day_frame().with_columns(
        FIPS=pl.lit(fips).gather(pl.col("_county")),
        DATE=date_from_day(pl.col("_day")),
        TMAX_C=pl.Series(series.tmax.ravel()),
        TMEAN_C=pl.Series(series.tmean.ravel()),
    )
