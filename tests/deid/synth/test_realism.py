"""What de-identification must cope with is present: restricted ZIP3s, ages over 89, full series."""

from __future__ import annotations

import datetime as dt

import polars as pl

from deid.synth import SynthSummary
from deid.synth._geography import COUNTIES, RESTRICTED_ZIP3
from tests.deid.synth.conftest import read_table

WINDOW_DAYS = (dt.date(2023, 12, 31) - dt.date(2019, 1, 1)).days + 1


def test_restricted_zip3_and_nebraska_counties() -> None:
    restricted = {county.fips for county in COUNTIES if county.restricted}
    assert "31031" in restricted
    assert len(restricted) >= 4
    fips = {county.fips for county in COUNTIES}
    assert {"31055", "31109"} <= fips
    assert len({county.state for county in COUNTIES}) >= 5
    assert all(len(county.fips) == 5 and all(len(code) == 5 for code in county.zips) for county in COUNTIES)


def test_patients_include_restricted_zip3_ages_over_89_and_deaths(small_extract: SynthSummary) -> None:
    patients = read_table(small_extract, "emr", "patients")
    assert patients["ZIP"].str.slice(0, 3).is_in(sorted(RESTRICTED_ZIP3)).sum() > 0
    birth = patients["BIRTHDATE"].str.to_date()
    age = (pl.lit(dt.date(2023, 12, 31)) - birth).dt.total_days() / 365.25
    ages = patients.select(age=age)["age"]
    assert (ages > 89).sum() > 0
    assert (ages < 18).sum() > 0
    assert patients["DEATHDATE"].null_count() < patients.height
    assert patients["SSN"].str.contains(r"^999-\d{2}-\d{4}$").all()
    assert patients["MRN"].n_unique() == patients.height
    assert not patients["FIRST"].str.contains(r"\d").any()


def test_environment_covers_every_patient_county_every_day(small_extract: SynthSummary) -> None:
    fips = set(read_table(small_extract, "emr", "patients")["FIPS"].to_list())
    aqi = read_table(small_extract, "environment", "daily_aqi_by_county").with_columns(
        FIPS=pl.col("State Code") + pl.col("County Code"), AQI=pl.col("AQI").cast(pl.Int64)
    )
    days = aqi.group_by("FIPS").agg(pl.col("Date").n_unique().alias("days"))
    assert fips <= set(days["FIPS"].to_list())
    assert (days["days"] == WINDOW_DAYS).all()
    assert (aqi["AQI"] > 150).sum() > 0
    for stem in ("pollen", "temperature"):
        series = read_table(small_extract, "environment", stem)
        coverage = series.group_by("FIPS").agg(pl.col("DATE").n_unique().alias("days"))
        assert fips <= set(coverage["FIPS"].to_list())
        assert (coverage["days"] == WINDOW_DAYS).all()


def test_reminders_precede_appointments(small_extract: SynthSummary) -> None:
    linkage = pl.read_csv(small_extract.out_dir / "truth" / "linkage.csv", infer_schema=False)
    reminders = (
        read_table(small_extract, "crm", "Task")
        .filter(pl.col("Type") == "Reminder")
        .join(linkage, left_on="WhoId", right_on="contact_id")
        .select(PATIENT="patient_id", reminded=pl.col("ActivityDate").str.to_date())
    )
    appointments = read_table(small_extract, "emr", "appointments").select(
        "PATIENT", start=pl.col("START").str.slice(0, 10).str.to_date()
    )
    gap = reminders.join(appointments, on="PATIENT").select(
        days=(pl.col("start") - pl.col("reminded")).dt.total_days()
    )
    matched = gap.filter(pl.col("days").is_between(1, 3))
    assert matched.height >= reminders.height


def test_no_placeholder_values_leak_into_csv(small_extract: SynthSummary) -> None:
    for path in small_extract.out_dir.rglob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        for column in frame.columns:
            values = frame[column].drop_nulls()
            assert not values.is_in(["None", "nan", "NaN", "null"]).any(), (path.name, column)
