"""The planted effects are recoverable with standard models on a few thousand patients."""

from __future__ import annotations

import json
import math

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

from deid.synth import SynthSummary
from tests.deid.synth.conftest import read_table

pytestmark = pytest.mark.slow

RESPIRATORY = ["195967001", "13645005", "10509002", "444814009", "195662009", "233604007"]
CHRONIC = ["59621000", "44054006", "55822004"]


def _truth(summary: SynthSummary) -> dict[str, dict[str, object]]:
    return json.loads((summary.out_dir / "truth" / "effects.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _patient_of_contact(summary: SynthSummary) -> pl.DataFrame:
    linkage = pl.read_csv(summary.out_dir / "truth" / "linkage.csv", infer_schema=False)
    return linkage.filter(pl.col("kind") == "linked").select(contact="contact_id", PATIENT="patient_id")


def _no_show_frame(summary: SynthSummary) -> pl.DataFrame:
    contacts = _patient_of_contact(summary)
    reminders = (
        read_table(summary, "crm", "Task")
        .filter(pl.col("Type") == "Reminder")
        .join(contacts, left_on="WhoId", right_on="contact")
        .select("PATIENT", reminder_date="ActivityDate")
    )
    appointments = read_table(summary, "emr", "appointments").filter(pl.col("STATUS") != "cancelled")
    reminded = (
        appointments.join(reminders, on="PATIENT")
        .filter(((pl.col("START").dt.date() - pl.col("reminder_date")).dt.total_days()).is_between(1, 3))
        .select("Id")
        .unique()
    )
    return appointments.select(
        no_show=(pl.col("STATUS") == "no-show").cast(pl.Float64),
        reminder=pl.col("Id").is_in(reminded["Id"].implode()).cast(pl.Float64),
        lead_weeks=(pl.col("START") - pl.col("SCHEDULED_AT")).dt.total_minutes() / (60 * 24 * 7),
    )


def test_reminder_lowers_no_shows_once_lead_time_is_adjusted(effects_extract: SynthSummary) -> None:
    frame = _no_show_frame(effects_extract).to_pandas()
    true_odds_ratio = _truth(effects_extract)["reminders_and_no_shows"]["true_adjusted_odds_ratio_reminder"]
    crude = smf.logit("no_show ~ reminder", frame).fit(disp=0)
    adjusted = smf.logit("no_show ~ reminder + lead_weeks", frame).fit(disp=0)
    low, high = np.exp(adjusted.conf_int().loc["reminder"])
    assert high < 1.0
    assert low <= true_odds_ratio <= high
    assert math.exp(crude.params["reminder"]) > math.exp(adjusted.params["reminder"])
    assert math.exp(crude.params["reminder"]) > 0.9


def test_aqi_raises_daily_respiratory_encounters(effects_extract: SynthSummary) -> None:
    patients = read_table(effects_extract, "emr", "patients").select(PATIENT="Id", FIPS="FIPS")
    counts = (
        read_table(effects_extract, "emr", "encounters")
        .filter(pl.col("REASONCODE").is_in(RESPIRATORY))
        .join(patients, on="PATIENT")
        .group_by("FIPS", DATE=pl.col("START").dt.date())
        .len("count")
    )
    pollen = (
        read_table(effects_extract, "environment", "pollen")
        .group_by("FIPS", "DATE")
        .agg(pl.col("COUNT").sum())
    )
    daily = (
        read_table(effects_extract, "environment", "daily_aqi_by_county")
        .select(FIPS=pl.col("State Code") + pl.col("County Code"), DATE="Date", aqi_10=pl.col("AQI") / 10)
        .filter(pl.col("FIPS").is_in(patients["FIPS"].implode()))
        .join(pollen, on=["FIPS", "DATE"])
        .join(counts, on=["FIPS", "DATE"], how="left")
        .with_columns(pl.col("count").fill_null(0), log_pollen=pl.col("COUNT").log1p())
    ).to_pandas()
    model = smf.glm("count ~ aqi_10 + log_pollen + C(FIPS)", daily, family=sm.families.Poisson()).fit()
    truth = _truth(effects_extract)["air_quality_pollen_respiratory"]
    assert model.params["aqi_10"] > 0
    low, high = model.conf_int().loc["aqi_10"]
    assert low <= truth["beta_aqi_per_10_units"] <= high  # type: ignore[operator]
    assert model.params["log_pollen"] > 0


def test_open_rate_raises_follow_up_after_chronic_diagnosis(effects_extract: SynthSummary) -> None:
    encounters = read_table(effects_extract, "emr", "encounters").filter(pl.col("REASONCODE").is_in(CHRONIC))
    diagnoses = encounters.filter(pl.col("CODE") == "185347001").select("PATIENT", "REASONCODE", dx="START")
    follow_ups = encounters.filter(pl.col("CODE") == "390906007").select(
        "PATIENT", "REASONCODE", seen="START"
    )
    followed = (
        diagnoses.join(follow_ups, on=["PATIENT", "REASONCODE"])
        .filter(((pl.col("seen") - pl.col("dx")).dt.total_days()).is_between(1, 90))
        .select("PATIENT")
        .unique()
    )
    open_rates = (
        read_table(effects_extract, "crm", "Task")
        .filter(pl.col("Type") == "Email")
        .group_by("WhoId")
        .agg(open_rate=pl.col("Opened__c").cast(pl.Float64).mean())
        .join(_patient_of_contact(effects_extract), left_on="WhoId", right_on="contact")
    )
    frame = (
        diagnoses.join(open_rates, on="PATIENT")
        .select(
            followed=pl.col("PATIENT").is_in(followed["PATIENT"].implode()).cast(pl.Float64),
            open_rate="open_rate",
        )
        .to_pandas()
    )
    model = smf.logit("followed ~ open_rate", frame).fit(disp=0)
    truth = _truth(effects_extract)["engagement_follow_up"]["true_log_odds_per_open_rate"]
    low, high = model.conf_int().loc["open_rate"]
    assert low > 0
    assert low <= truth <= high  # type: ignore[operator]


def test_channel_changes_retention(effects_extract: SynthSummary) -> None:
    campaigns = read_table(effects_extract, "crm", "Campaign").select(CampaignId="Id", channel="Channel")
    channels = (
        read_table(effects_extract, "crm", "CampaignMember")
        .join(campaigns, on="CampaignId")
        .join(_patient_of_contact(effects_extract), left_on="ContactId", right_on="contact")
        .select("PATIENT", "channel")
    )
    last_year = pl.datetime(2023, 1, 1)
    retained = (
        read_table(effects_extract, "emr", "encounters")
        .filter(pl.col("START") >= last_year)
        .select("PATIENT")
        .unique()
    )
    alive = read_table(effects_extract, "emr", "patients").filter(
        pl.col("DEATHDATE").is_null() & (pl.col("BIRTHDATE") < pl.date(2022, 1, 1))
    )
    frame = (
        alive.select(PATIENT="Id")
        .join(channels, on="PATIENT")
        .with_columns(retained=pl.col("PATIENT").is_in(retained["PATIENT"].implode()).cast(pl.Float64))
        .to_pandas()
    )
    model = smf.logit("retained ~ C(channel, Treatment('Referral'))", frame).fit(disp=0)
    social = model.params["C(channel, Treatment('Referral'))[T.Social]"]
    truth = _truth(effects_extract)["channel_retention"]["true_odds_ratios"]
    assert social < 0
    low, high = model.conf_int().loc["C(channel, Treatment('Referral'))[T.Social]"]
    assert low <= math.log(truth["Social"]) <= high  # type: ignore[index]


def test_longer_waits_lower_nps(effects_extract: SynthSummary) -> None:
    surveys = (
        read_table(effects_extract, "crm", "SurveyResponse__c")
        .join(_patient_of_contact(effects_extract), left_on="Contact__c", right_on="contact")
        .select("Id", "PATIENT", "NPS__c", answered="ResponseDate__c")
    )
    visits = (
        read_table(effects_extract, "emr", "appointments")
        .filter(pl.col("STATUS") == "attended")
        .select(
            "PATIENT",
            visit=pl.col("START").dt.date(),
            lead_weeks=(pl.col("START") - pl.col("SCHEDULED_AT")).dt.total_minutes() / (60 * 24 * 7),
        )
        .sort("visit")
    )
    frame = (
        surveys.sort("answered")
        .join_asof(
            visits,
            left_on="answered",
            right_on="visit",
            by="PATIENT",
            strategy="backward",
            check_sortedness=False,
        )
        .drop_nulls("lead_weeks")
        .to_pandas()
    )
    model = smf.ols("NPS__c ~ lead_weeks", frame).fit()
    truth = _truth(effects_extract)["wait_time_satisfaction"]["true_slope_per_7_days"]
    assert model.params["lead_weeks"] < 0
    assert model.params["lead_weeks"] == pytest.approx(truth, abs=0.15)
