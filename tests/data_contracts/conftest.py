"""Small, valid extract tables built in the test (no real data), and writers for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

PATIENTS = pl.DataFrame(
    {
        "Id": ["p-001", "p-002", "p-003"],
        "BIRTHDATE": ["1931-04-12", "1980-01-30", "2001-12-05"],
        "DEATHDATE": ["", "", ""],
        "SSN": ["999-11-0001", "999-11-0002", "999-11-0003"],
        "FIRST": ["Givenone", "Giventwo", "Giventhree"],
        "LAST": ["Familyone", "Familytwo", "Familythree"],
        "GENDER": ["F", "M", "F"],
        "ADDRESS": ["1 Synthetic Way", "2 Synthetic Way", "3 Synthetic Way"],
        "CITY": ["Omaha", "Lincoln", "Valentine"],
        "STATE": ["Nebraska", "Nebraska", "Nebraska"],
        "COUNTY": ["Douglas County", "Lancaster County", "Cherry County"],
        "FIPS": ["31055", "31109", "31031"],
        "ZIP": ["68114", "68504", "69201"],
        "LAT": ["41.28", "40.79", "42.87"],
        "LON": ["-95.94", "-96.67", "-100.55"],
        "INCOME": ["71204", "86188", "40000"],
    }
)

ENCOUNTERS = pl.DataFrame(
    {
        "Id": ["e-1", "e-2", "e-3", "e-4"],
        "START": ["2022-07-20T07:13:55Z", "2022-08-24T07:13:55Z", "2021-01-02 10:00:00", "2020-03-14"],
        "STOP": ["2022-07-20T07:28:55Z", "", "2021-01-02 11:00:00", ""],
        "PATIENT": ["p-001", "p-001", "p-002", "p-003"],
        "ENCOUNTERCLASS": ["wellness", "ambulatory", "emergency", "inpatient"],
        "CODE": ["410620009", "185345009", "50849002", "185347001"],
        "DESCRIPTION": ["Well child visit", "Encounter for symptom", "Emergency visit", "Admission"],
        "BASE_ENCOUNTER_COST": ["83.87", "129.16", "", "77.49"],
        "REASONCODE": ["", "195967001", "", ""],
        "REASONDESCRIPTION": ["", "Asthma", "", ""],
    }
)

WriteTable = Callable[[pl.DataFrame, Path], Path]


def write_csv(frame: pl.DataFrame, path: Path) -> Path:
    """Write ``frame`` as a CSV file at ``path`` with suffix .csv."""
    target = path.with_suffix(".csv")
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(target)
    return target


def write_parquet(frame: pl.DataFrame, path: Path) -> Path:
    """Write ``frame`` as Parquet (all text, like a loosely typed export)."""
    target = path.with_suffix(".parquet")
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.with_columns(pl.all().replace("", None)).write_parquet(target)
    return target


@pytest.fixture(params=[write_csv, write_parquet], ids=["csv", "parquet"])
def write_table(request: pytest.FixtureRequest) -> WriteTable:
    """Each loader test runs once per input format."""
    writer: WriteTable = request.param
    return writer


@pytest.fixture
def emr_dir(tmp_path: Path, write_table: WriteTable) -> Path:
    """A minimal valid EMR folder (patients and encounters) in the parametrised format."""
    folder = tmp_path / "emr"
    write_table(PATIENTS, folder / "patients")
    write_table(ENCOUNTERS, folder / "encounters")
    return folder
