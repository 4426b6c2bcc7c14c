"""Optional: load real public extracts from ../shared/benchmarks (skipped when absent).

Synthea Nebraska (MIT, UNMC-CRANE/database-stats-lecture) and EPA AirData daily AQI
(public domain). Read in place; never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from data_contracts import Source, load_tables

BENCHMARKS = Path(__file__).parents[2].parent / "shared" / "benchmarks"
NEBRASKA = BENCHMARKS / "synthea_nebraska"
EPA = BENCHMARKS / "epa_aqi" / "daily_aqi_by_county_2020.csv"

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(
        not (NEBRASKA.is_dir() and EPA.is_file()),
        reason=f"real benchmark data not found under {BENCHMARKS} (only present on the project's machines)",
    ),
]


def test_synthea_nebraska_loads_against_the_emr_contracts() -> None:
    tables = load_tables(NEBRASKA, Source.EMR)
    assert {"patients", "encounters", "conditions", "medications", "procedures"} <= set(tables)
    assert "observations" not in tables  # this export has none
    patients = tables["patients"].frame.collect()
    assert tables["patients"].rows == patients.height > 100
    assert patients["FIPS"].str.len_chars().eq(5).all()
    encounters = tables["encounters"].frame.collect()
    assert encounters["START"].dtype == pl.Datetime("us")
    assert encounters["PATIENT"].is_in(patients["Id"].implode()).all()


def test_epa_daily_aqi_loads_and_joins_nebraska_counties(tmp_path: Path) -> None:
    folder = tmp_path / "environment"
    folder.mkdir()
    (folder / EPA.name).symlink_to(EPA)
    aqi = load_tables(folder, Source.ENVIRONMENT)["daily_aqi"].frame.collect()
    assert aqi["Date"].min() == dt.date(2020, 1, 1)
    fips = aqi.select((pl.col("State Code") + pl.col("County Code")).alias("FIPS"))["FIPS"]
    patients = load_tables(NEBRASKA, Source.EMR)["patients"].frame.collect()
    assert patients["FIPS"].is_in(fips.implode()).any()
