"""Named analysis tables: the rows a study models, derived from the de-identified dataset.

Each builder is a pure function from a :class:`~cohorts.Dataset` to a polars
``LazyFrame`` with one row per unit of analysis (an appointment, a survey, a person, an
encounter) and plainly named variables. Builders that compare dates within a person
(lead times, reminders days before a visit, follow-up within 90 days) need day-level
dates (limited data set or expert determination; shifts keep a person's intervals) and
refuse Safe Harbor's years with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

from cohorts import Dataset
from data_contracts import ConfigError

__all__ = ["ANALYSIS_TABLES", "RESPIRATORY_REASONS", "AnalysisTable", "analysis_table"]

RESPIRATORY_REASONS = ("195967001", "13645005", "10509002", "444814009", "195662009", "233604007")
"""Respiratory reasons (SNOMED): asthma, COPD, acute bronchitis, sinusitis, pharyngitis, pneumonia."""
CHRONIC_LUNG = ("195967001", "13645005")
"""Asthma and COPD: people with either have more respiratory encounters."""
CHRONIC_DIAGNOSES = ("59621000", "44054006", "55822004")
"""Hypertension, type 2 diabetes and hyperlipidaemia."""
DIAGNOSIS_VISIT = "185347001"
"""Encounter code of the visit at which a chronic diagnosis is made."""
FOLLOW_UP_VISIT = "390906007"
"""Encounter code of a follow-up encounter."""
FOLLOW_UP_DAYS = 90
REMINDER_DAYS = (1, 3)
"""A reminder counts for an appointment when dated 1 to 3 days before it."""
SURVEY_DAYS = (1, 7)
"""A survey is about the attended appointment 1 to 7 days before it was answered."""
_MINUTES_PER_WEEK = 60 * 24 * 7


@dataclass(frozen=True, kw_only=True)
class AnalysisTable:
    """A named analysis table: what one row is, its variables, and how it is built.

    Parameters
    ----------
    name
        The name studies use (``table: appointments``).
    row
        What one row stands for.
    variables
        Each variable and its meaning, for the study page and the docs.
    needs_days
        Whether the table compares dates within a person (not possible on Safe Harbor).
    build
        The builder: dataset in, lazy table out.
    """

    name: str
    row: str
    variables: Mapping[str, str]
    needs_days: bool
    build: Callable[[Dataset], pl.LazyFrame]


def analysis_table(dataset: Dataset, name: str) -> pl.LazyFrame:
    """Build the analysis table ``name`` on ``dataset``.

    Raises
    ------
    ConfigError
        If no table has that name, or it needs day-level dates and the dataset holds years.
    InputError
        If the dataset lacks a table the builder reads.
    """
    if name not in ANALYSIS_TABLES:
        msg = f"unknown analysis table {name!r}; choose one of {', '.join(sorted(ANALYSIS_TABLES))}"
        raise ConfigError(msg)
    table = ANALYSIS_TABLES[name]
    if table.needs_days and dataset.resolution != "day":
        msg = (
            f"analysis table {name!r} compares dates within a person, but the dataset in {dataset.path} "
            f"({dataset.method}) keeps years only; use a limited data set or expert determination dataset"
        )
        raise ConfigError(msg)
    return table.build(dataset)


def _days_between(later: str, earlier: str) -> pl.Expr:
    return (pl.col(later).cast(pl.Date) - pl.col(earlier).cast(pl.Date)).dt.total_days()


def _with_age(frame: pl.LazyFrame, dataset: Dataset, *, year: str) -> pl.LazyFrame:
    """Add sex and age in years at the row's ``year`` (null when the birth year is withheld)."""
    people = dataset.table("patients").select("person_key", "birthdate_year", sex=pl.col("gender"))
    return (
        frame.join(people, on="person_key", how="left", maintain_order="left")
        .with_columns(age=(pl.col(year) - pl.col("birthdate_year")).cast(pl.Float64))
        .drop("birthdate_year")
    )


def _appointments(dataset: Dataset) -> pl.LazyFrame:
    appointments = dataset.table("appointments").filter(pl.col("status") != "cancelled")
    reminders = (
        dataset.table("crm_tasks")
        .filter(pl.col("type").cast(pl.String) == "Reminder")
        .select("person_key", reminder_date="activity_date")
    )
    reminded = (
        appointments.select("appointment_key", "person_key", "start")
        .join(reminders, on="person_key")
        .filter(_days_between("start", "reminder_date").is_between(*REMINDER_DAYS))
        .select("appointment_key")
        .unique()
        .with_columns(reminded=pl.lit(1, pl.Int8))
    )
    frame = (
        appointments.join(reminded, on="appointment_key", how="left")
        .sort("appointment_key")
        .select(
            "person_key",
            no_show=(pl.col("status") == "no-show").cast(pl.Int8),
            reminded=pl.col("reminded").fill_null(0),
            lead_days=(pl.col("start") - pl.col("scheduled_at")).dt.total_minutes() / (60 * 24),
            lead_weeks=(pl.col("start") - pl.col("scheduled_at")).dt.total_minutes() / _MINUTES_PER_WEEK,
            year=pl.col("start_year"),
        )
    )
    return _with_age(frame, dataset, year="year")


def _open_rates(dataset: Dataset) -> pl.LazyFrame:
    return (
        dataset.table("crm_tasks")
        .filter(pl.col("type").cast(pl.String) == "Email")
        .group_by("person_key")
        .agg(emails=pl.len(), email_open_rate=pl.col("opened").cast(pl.Float64).mean())
    )


def _chronic_follow_up(dataset: Dataset) -> pl.LazyFrame:
    encounters = dataset.table("encounters").filter(pl.col("reasoncode").is_in(CHRONIC_DIAGNOSES))
    diagnoses = encounters.filter(pl.col("code") == DIAGNOSIS_VISIT).select(
        "encounter_key", "person_key", "reasoncode", diagnosed="start", year="start_year"
    )
    visits = encounters.filter(pl.col("code") == FOLLOW_UP_VISIT).select(
        "person_key", "reasoncode", seen="start"
    )
    followed = (
        diagnoses.join(visits, on=["person_key", "reasoncode"])
        .filter(_days_between("seen", "diagnosed").is_between(1, FOLLOW_UP_DAYS))
        .select("encounter_key")
        .unique()
        .with_columns(followed_up=pl.lit(1, pl.Int8))
    )
    frame = (
        diagnoses.join(followed, on="encounter_key", how="left")
        .sort("encounter_key")
        .join(_open_rates(dataset), on="person_key", how="left")
        .join(dataset.table("persons").select("person_key", "in_crm"), on="person_key", how="left")
        .select(
            "person_key",
            "year",
            diagnosis=pl.col("reasoncode"),
            followed_up=pl.col("followed_up").fill_null(0),
            email_open_rate=pl.col("email_open_rate").fill_null(0.0),
            emails=pl.col("emails").fill_null(0),
            has_contact=pl.col("in_crm").fill_null(value=False),
        )
    )
    return _with_age(frame, dataset, year="year")


def _survey_waits(dataset: Dataset) -> pl.LazyFrame:
    surveys = (
        dataset.table("crm_survey_responses")
        .drop_nulls("nps")
        .select(
            "survey_response_key", "person_key", "nps", answered="response_date", year="response_date_year"
        )
    )
    visits = (
        dataset.table("appointments")
        .filter(pl.col("status") == "attended")
        .select(
            "person_key",
            visit="start",
            lead_weeks=(pl.col("start") - pl.col("scheduled_at")).dt.total_minutes() / _MINUTES_PER_WEEK,
        )
    )
    latest_visit = (
        surveys.join(visits, on="person_key")
        .filter(_days_between("answered", "visit").is_between(*SURVEY_DAYS))
        .group_by("survey_response_key")
        .agg(pl.col("lead_weeks").sort_by("visit", "lead_weeks").last())
    )
    frame = (
        surveys.join(latest_visit, on="survey_response_key")
        .sort("survey_response_key")
        .select(
            "person_key",
            "year",
            "nps",
            "lead_weeks",
            promoter=(pl.col("nps") >= 9).cast(pl.Int8),
            detractor=(pl.col("nps") <= 6).cast(pl.Int8),
        )
    )
    return _with_age(frame, dataset, year="year")


def _retention(dataset: Dataset) -> pl.LazyFrame:
    encounters = dataset.table("encounters")
    last_years = encounters.group_by("person_key").agg(last_year=pl.col("start_year").max())
    # The last year of data: the most common last-encounter year, robust to shifted dates.
    final_year = last_years.select(pl.col("last_year").mode().max()).collect().item()
    channels = (
        dataset.table("crm_campaign_members")
        .join(
            dataset.table("crm_campaigns").select("campaign_key", "channel", "start_date"), on="campaign_key"
        )
        .group_by("person_key")
        .agg(channel=pl.col("channel").sort_by("start_date", "campaign_key", nulls_last=True).first())
    )
    patients = dataset.table("patients").filter(
        pl.col("deathdate_year").is_null() & (pl.col("birthdate_year") < final_year - 1)
    )
    return (
        patients.join(channels, on="person_key")
        .sort("person_key")
        .join(last_years, on="person_key", how="left")
        .select(
            "person_key",
            "channel",
            retained=(pl.col("last_year") >= final_year).fill_null(value=False).cast(pl.Int8),
            age=(final_year - pl.col("birthdate_year")).cast(pl.Float64),
            sex=pl.col("gender"),
        )
    )


def _encounter_exposures(dataset: Dataset) -> pl.LazyFrame:
    exposures = (
        dataset.table("exposures")
        .filter(pl.col("variable").is_in(["aqi", "pollen_total", "tmean_c"]))
        .select("encounter_key", "variable", "same_day")
        .collect()
        .pivot("variable", index="encounter_key", values="same_day")
        .lazy()
    )
    chronic_lung = (
        dataset.table("conditions")
        .filter(pl.col("code").is_in(CHRONIC_LUNG))
        .select("person_key")
        .unique()
        .with_columns(chronic_lung=pl.lit(1, pl.Int8))
    )
    frame = (
        dataset.table("encounters")
        .join(exposures, on="encounter_key")
        .join(chronic_lung, on="person_key", how="left")
        .drop_nulls(["aqi", "pollen_total"])
        .sort("encounter_key")
        .select(
            "person_key",
            year=pl.col("start_year"),
            respiratory=pl.col("reasoncode").is_in(RESPIRATORY_REASONS).fill_null(value=False).cast(pl.Int8),
            aqi_10=pl.col("aqi") / 10,
            log_pollen=pl.col("pollen_total").log1p(),
            temperature=pl.col("tmean_c"),
            chronic_lung=pl.col("chronic_lung").fill_null(0),
        )
    )
    return _with_age(frame, dataset, year="year")


ANALYSIS_TABLES: Mapping[str, AnalysisTable] = MappingProxyType(
    {
        table.name: table
        for table in (
            AnalysisTable(
                name="appointments",
                row="a non-cancelled appointment",
                variables={
                    "no_show": "1 if the patient did not attend",
                    "reminded": "1 if a reminder task is dated 1 to 3 days before the appointment",
                    "lead_days": "days from booking to the appointment",
                    "lead_weeks": "the same in weeks",
                    "age": "age in years (year of the appointment minus birth year)",
                    "sex": "sex recorded in the EMR",
                    "year": "year of the appointment",
                },
                needs_days=True,
                build=_appointments,
            ),
            AnalysisTable(
                name="chronic_follow_up",
                row="a visit at which hypertension, type 2 diabetes or hyperlipidaemia was diagnosed",
                variables={
                    "followed_up": "1 if a follow-up visit for the same diagnosis came 1 to 90 days later",
                    "email_open_rate": "share of the person's emails opened (0 without emails)",
                    "emails": "emails sent to the person",
                    "has_contact": "whether the person is in the CRM",
                    "diagnosis": "the diagnosis code",
                    "age": "age in years at the diagnosis year",
                    "sex": "sex recorded in the EMR",
                    "year": "year of the diagnosis",
                },
                needs_days=True,
                build=_chronic_follow_up,
            ),
            AnalysisTable(
                name="survey_waits",
                row="an NPS survey answered 1 to 7 days after an attended appointment",
                variables={
                    "nps": "net promoter score answer, 0 to 10",
                    "lead_weeks": "weeks from booking to that appointment (the wait)",
                    "promoter": "1 if the answer is 9 or 10",
                    "detractor": "1 if the answer is 0 to 6",
                    "age": "age in years at the survey year",
                    "sex": "sex recorded in the EMR",
                    "year": "year of the survey",
                },
                needs_days=True,
                build=_survey_waits,
            ),
            AnalysisTable(
                name="retention",
                row="a living patient acquired by a campaign, born two or more years before the last year",
                variables={
                    "retained": "1 if the patient has an encounter in the last year of the data",
                    "channel": "channel of the earliest campaign the patient joined",
                    "age": "age in years in the last year of the data",
                    "sex": "sex recorded in the EMR",
                },
                needs_days=False,
                build=_retention,
            ),
            AnalysisTable(
                name="encounter_exposures",
                row="an encounter with its same-day environmental exposures",
                variables={
                    "respiratory": "1 if the encounter's reason is a respiratory condition",
                    "aqi_10": "air quality index on the day, in units of 10",
                    "log_pollen": "log(1 + total pollen count) on the day",
                    "temperature": "mean temperature on the day (degrees C)",
                    "chronic_lung": "1 if the person has asthma or COPD",
                    "age": "age in years at the encounter year",
                    "sex": "sex recorded in the EMR",
                    "year": "year of the encounter",
                },
                needs_days=False,
                build=_encounter_exposures,
            ),
        )
    }
)
"""Every named analysis table."""
