"""The named analysis tables, built on tiny hand-made datasets and compared with hand-computed rows."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from analysis.studies import ANALYSIS_TABLES, analysis_table
from cohorts import Dataset
from data_contracts import ConfigError

from .dataset_files import (
    SAFE_HARBOR,
    appointments,
    crm_tasks,
    encounters,
    patients,
    write_dataset,
)

DIAGNOSIS, FOLLOW_UP = "185347001", "390906007"
HYPERTENSION, DIABETES, LIPIDS = "59621000", "44054006", "55822004"
ASTHMA, COPD = "195967001", "13645005"


def rows(frame: pl.LazyFrame, *, by: list[str]) -> list[dict[str, object]]:
    return frame.collect().sort(by).to_dicts()


@pytest.mark.parametrize("status_enum", [False, True], ids=["string-status", "enum-status"])
def test_appointments_reminders_lead_time_and_cancellations(tmp_path: Path, status_enum: bool) -> None:
    table = appointments(
        [
            # reminded 1 day before; booked exactly one week ahead
            ("a1", "p1", datetime(2020, 3, 3, 9), datetime(2020, 3, 10, 9), "attended"),
            # reminded 3 days before; booked 120 minutes ahead
            ("a2", "p1", datetime(2020, 4, 10, 8), datetime(2020, 4, 10, 10), "no-show"),
            # reminders on the day (0) and 4 days before only; an email 2 days before
            ("a3", "p2", datetime(2021, 5, 3, 9), datetime(2021, 5, 10, 9), "attended"),
            # cancelled: dropped even though reminded
            ("a4", "p2", datetime(2021, 6, 1, 9), datetime(2021, 6, 8, 9), "cancelled"),
            # another person's reminder the day before does not count
            ("a5", "p1", datetime(2021, 1, 1, 9), datetime(2021, 1, 5, 9), "no-show"),
        ],
        status_enum=status_enum,
    )
    tasks = crm_tasks(
        [
            ("p1", "Reminder", date(2020, 3, 9), None),
            ("p1", "Reminder", date(2020, 4, 7), None),
            ("p2", "Reminder", date(2021, 5, 10), None),
            ("p2", "Reminder", date(2021, 5, 6), None),
            ("p2", "Email", date(2021, 5, 8), True),
            ("p2", "Reminder", date(2021, 6, 7), None),
            ("p2", "Reminder", date(2021, 1, 4), None),
        ]
    )
    people = patients([("p1", 1980, None, "F"), ("p2", 1990, None, "M")])
    folder = write_dataset(tmp_path, {"appointments": table, "crm_tasks": tasks, "patients": people})

    built = analysis_table(Dataset(folder), "appointments")

    assert rows(built, by=["person_key", "year", "lead_days"]) == [
        {
            "person_key": "p1",
            "no_show": 1,
            "reminded": 1,
            "lead_days": pytest.approx(120 / 1440),
            "lead_weeks": pytest.approx(120 / 10080),
            "year": 2020,
            "sex": "F",
            "age": 40.0,
        },
        {
            "person_key": "p1",
            "no_show": 0,
            "reminded": 1,
            "lead_days": 7.0,
            "lead_weeks": 1.0,
            "year": 2020,
            "sex": "F",
            "age": 40.0,
        },
        {
            "person_key": "p1",
            "no_show": 1,
            "reminded": 0,
            "lead_days": 4.0,
            "lead_weeks": pytest.approx(4 / 7),
            "year": 2021,
            "sex": "F",
            "age": 41.0,
        },
        {
            "person_key": "p2",
            "no_show": 0,
            "reminded": 0,
            "lead_days": 7.0,
            "lead_weeks": 1.0,
            "year": 2021,
            "sex": "M",
            "age": 31.0,
        },
    ]


def test_chronic_follow_up_within_ninety_days_of_the_same_diagnosis(tmp_path: Path) -> None:
    visits = encounters(
        [
            # day 90 counts (2020 is a leap year: 1 January + 90 days is 31 March)
            ("e1", "p1", datetime(2020, 1, 1, 9), DIAGNOSIS, HYPERTENSION),
            ("e2", "p1", datetime(2020, 3, 31, 9), FOLLOW_UP, HYPERTENSION),
            # a diagnosis visit for a non-chronic reason is not a row
            ("e3", "p1", datetime(2020, 2, 1, 9), DIAGNOSIS, ASTHMA),
            # day 91 does not
            ("e4", "p2", datetime(2020, 1, 1, 9), DIAGNOSIS, DIABETES),
            ("e5", "p2", datetime(2020, 4, 1, 9), FOLLOW_UP, DIABETES),
            # a follow-up for another diagnosis does not
            ("e6", "p3", datetime(2021, 6, 1, 9), DIAGNOSIS, LIPIDS),
            ("e7", "p3", datetime(2021, 6, 10, 9), FOLLOW_UP, HYPERTENSION),
        ]
    )
    tasks = crm_tasks(
        [
            ("p1", "Email", date(2020, 1, 5), True),
            ("p1", "Email", date(2020, 1, 6), False),
            ("p1", "Reminder", date(2020, 1, 7), None),
            ("p2", "Reminder", date(2020, 1, 7), None),
            ("p3", "Email", date(2021, 1, 5), True),
            ("p3", "Email", date(2021, 1, 6), True),
            ("p3", "Email", date(2021, 1, 7), True),
        ]
    )
    persons = pl.DataFrame({"person_key": ["p1", "p2"], "in_crm": [True, False]})
    people = patients([("p1", 1950, None, "F"), ("p2", 1960, None, "M"), ("p3", 1970, None, "F")])
    folder = write_dataset(
        tmp_path, {"encounters": visits, "crm_tasks": tasks, "persons": persons, "patients": people}
    )

    built = analysis_table(Dataset(folder), "chronic_follow_up")

    assert rows(built, by=["person_key"]) == [
        {
            "person_key": "p1",
            "year": 2020,
            "diagnosis": HYPERTENSION,
            "followed_up": 1,
            "email_open_rate": 0.5,
            "emails": 2,
            "has_contact": True,
            "sex": "F",
            "age": 70.0,
        },
        {
            "person_key": "p2",
            "year": 2020,
            "diagnosis": DIABETES,
            "followed_up": 0,
            "email_open_rate": 0.0,
            "emails": 0,
            "has_contact": False,
            "sex": "M",
            "age": 60.0,
        },
        {
            "person_key": "p3",
            "year": 2021,
            "diagnosis": LIPIDS,
            "followed_up": 0,
            "email_open_rate": 1.0,
            "emails": 3,
            "has_contact": False,
            "sex": "F",
            "age": 51.0,
        },
    ]


def test_survey_waits_take_the_latest_attended_visit_one_to_seven_days_before(tmp_path: Path) -> None:
    visits = appointments(
        [
            ("a1", "p1", datetime(2020, 2, 23, 9), datetime(2020, 3, 1, 9), "attended"),
            ("a2", "p1", datetime(2020, 2, 20, 9), datetime(2020, 3, 5, 9), "attended"),
            ("a3", "p1", datetime(2020, 1, 1, 9), datetime(2020, 3, 6, 9), "no-show"),
            ("a4", "p2", datetime(2020, 2, 1, 9), datetime(2020, 3, 1, 9), "attended"),
            ("a5", "p3", datetime(2020, 5, 25, 17), datetime(2020, 6, 1, 9), "attended"),
        ]
    )
    surveys = pl.DataFrame(
        [
            # 7 days after a1 and 3 after a2 (the latest): a2's two weeks
            ("s1", "p1", 9, date(2020, 3, 8)),
            # no score: dropped
            ("s2", "p1", None, date(2020, 3, 7)),
            # 8 days after a4: no row
            ("s3", "p2", 10, date(2020, 3, 9)),
            # the day of a4: no row
            ("s4", "p2", 3, date(2020, 3, 1)),
            # 1 day after a5, booked 6 days 16 hours ahead
            ("s5", "p3", 6, date(2020, 6, 2)),
        ],
        schema={
            "survey_response_key": pl.String,
            "person_key": pl.String,
            "nps": pl.Int32,
            "response_date": pl.Date,
        },
        orient="row",
    ).with_columns(response_date_year=pl.col("response_date").dt.year())
    people = patients([("p1", 1980, None, "F"), ("p2", 1990, None, "M"), ("p3", 2000, None, "M")])
    folder = write_dataset(
        tmp_path, {"appointments": visits, "crm_survey_responses": surveys, "patients": people}
    )

    built = analysis_table(Dataset(folder), "survey_waits")

    assert rows(built, by=["person_key"]) == [
        {
            "person_key": "p1",
            "year": 2020,
            "nps": 9,
            "lead_weeks": 2.0,
            "promoter": 1,
            "detractor": 0,
            "sex": "F",
            "age": 40.0,
        },
        {
            "person_key": "p3",
            "year": 2020,
            "nps": 6,
            "lead_weeks": pytest.approx(9600 / 10080),
            "promoter": 0,
            "detractor": 1,
            "sex": "M",
            "age": 20.0,
        },
    ]


def retention_dataset(folder: Path, *, method: str) -> Path:
    visits = encounters(
        [
            ("e1", "p1", datetime(2021, 5, 1), "x", None),
            ("e2", "p1", datetime(2022, 5, 1), "x", None),
            ("e3", "p2", datetime(2022, 7, 1), "x", None),
            ("e4", "p3", datetime(2021, 7, 1), "x", None),
            ("e5", "p4", datetime(2022, 7, 1), "x", None),
            ("e6", "p6", datetime(2022, 7, 1), "x", None),
            ("e7", "p7", datetime(2022, 7, 1), "x", None),
            # a shifted date beyond the common last year: the final year stays 2022
            ("e8", "p8", datetime(2023, 2, 1), "x", None),
        ]
    )
    campaigns = pl.DataFrame(
        [("c1", "email", date(2019, 1, 1)), ("c2", "social", date(2018, 6, 1)), ("c3", "referral", None)],
        schema={"campaign_key": pl.String, "channel": pl.String, "start_date": pl.Date},
        orient="row",
    )
    members = pl.DataFrame(
        {
            "person_key": ["p1", "p1", "p2", "p2", "p3", "p4", "p5", "p6", "p8"],
            "campaign_key": ["c1", "c2", "c3", "c1", "c3", "c1", "c1", "c1", "c2"],
        }
    )
    people = patients(
        [
            ("p1", 1980, None, "F"),
            ("p2", 1990, None, "M"),
            ("p3", 1970, None, "F"),
            ("p4", 1960, 2022, "M"),  # dead: excluded
            ("p5", 2000, None, "F"),  # no encounter: not retained
            ("p6", 2021, None, "M"),  # born in the year before the final year: excluded
            ("p7", 1985, None, "F"),  # in no campaign: excluded
            ("p8", 2020, None, "M"),  # born two years before the final year: included
        ]
    )
    return write_dataset(
        folder,
        {
            "encounters": visits,
            "crm_campaigns": campaigns,
            "crm_campaign_members": members,
            "patients": people,
        },
        method=method,
    )


@pytest.mark.parametrize("method", ["limited_data_set", SAFE_HARBOR])
def test_retention_final_year_channel_and_exclusions(tmp_path: Path, method: str) -> None:
    folder = retention_dataset(tmp_path, method=method)

    built = analysis_table(Dataset(folder), "retention")

    assert rows(built, by=["person_key"]) == [
        {"person_key": "p1", "channel": "social", "retained": 1, "age": 42.0, "sex": "F"},
        {"person_key": "p2", "channel": "email", "retained": 1, "age": 32.0, "sex": "M"},
        {"person_key": "p3", "channel": "referral", "retained": 0, "age": 52.0, "sex": "F"},
        {"person_key": "p5", "channel": "email", "retained": 0, "age": 22.0, "sex": "F"},
        {"person_key": "p8", "channel": "social", "retained": 1, "age": 2.0, "sex": "M"},
    ]


def test_encounter_exposures_pivot_respiratory_and_chronic_lung(tmp_path: Path) -> None:
    visits = encounters(
        [
            ("e1", "p1", datetime(2020, 4, 1), "x", ASTHMA),
            ("e2", "p2", datetime(2021, 4, 2), "x", None),
            ("e3", "p1", datetime(2020, 4, 3), "x", ASTHMA),  # no AQI that day: dropped
            ("e4", "p2", datetime(2020, 4, 4), "x", ASTHMA),  # no exposures: dropped
            ("e5", "p2", datetime(2020, 4, 5), "x", HYPERTENSION),
        ]
    )
    exposures = pl.DataFrame(
        [
            ("e1", "aqi", 55.0),
            ("e1", "pollen_total", 0.0),
            ("e1", "tmean_c", 20.5),
            ("e1", "pm25", 8.0),
            ("e2", "aqi", 30.0),
            ("e2", "pollen_total", 99.0),
            ("e3", "pollen_total", 5.0),
            ("e3", "tmean_c", 10.0),
            ("e5", "aqi", 100.0),
            ("e5", "pollen_total", math.e - 1),
            ("e5", "tmean_c", -3.0),
        ],
        schema={"encounter_key": pl.String, "variable": pl.String, "same_day": pl.Float64},
        orient="row",
    )
    conditions = pl.DataFrame({"person_key": ["p1", "p1", "p2"], "code": [COPD, ASTHMA, HYPERTENSION]})
    people = patients([("p1", 1980, None, "F"), ("p2", 1990, None, "M")])
    folder = write_dataset(
        tmp_path,
        {"encounters": visits, "exposures": exposures, "conditions": conditions, "patients": people},
    )

    built = analysis_table(Dataset(folder), "encounter_exposures")

    assert rows(built, by=["person_key", "year", "temperature"]) == [
        {
            "person_key": "p1",
            "year": 2020,
            "respiratory": 1,
            "aqi_10": 5.5,
            "log_pollen": 0.0,
            "temperature": 20.5,
            "chronic_lung": 1,
            "sex": "F",
            "age": 40.0,
        },
        {
            "person_key": "p2",
            "year": 2020,
            "respiratory": 0,
            "aqi_10": 10.0,
            "log_pollen": pytest.approx(1.0),
            "temperature": -3.0,
            "chronic_lung": 0,
            "sex": "M",
            "age": 30.0,
        },
        {
            "person_key": "p2",
            "year": 2021,
            "respiratory": 0,
            "aqi_10": 3.0,
            "log_pollen": pytest.approx(math.log(100)),
            "temperature": None,
            "chronic_lung": 0,
            "sex": "M",
            "age": 31.0,
        },
    ]


@pytest.mark.parametrize("name", ["appointments", "chronic_follow_up", "survey_waits"])
def test_safe_harbor_refuses_tables_comparing_days(tmp_path: Path, name: str) -> None:
    folder = write_dataset(tmp_path, {}, method=SAFE_HARBOR)

    with pytest.raises(ConfigError, match=rf"analysis table '{name}'.*\(safe_harbor\) keeps years only"):
        analysis_table(Dataset(folder), name)


def test_only_the_three_day_level_tables_need_days() -> None:
    needing = sorted(name for name, table in ANALYSIS_TABLES.items() if table.needs_days)
    assert needing == ["appointments", "chronic_follow_up", "survey_waits"]


def test_an_unknown_table_lists_the_choices(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path, {})

    with pytest.raises(ConfigError) as raised:
        analysis_table(Dataset(folder), "visits")

    assert str(raised.value) == (
        "unknown analysis table 'visits'; choose one of appointments, chronic_follow_up, "
        "encounter_exposures, retention, survey_waits"
    )
