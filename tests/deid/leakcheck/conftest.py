"""Inputs and outputs for the leak check: hand-built tiny tables and a generated extract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import dataframely as dy
import polars as pl
import pytest

from data_contracts import Method, Source, load_extract
from data_contracts.schemas.crm import Contact
from data_contracts.schemas.emr import Patients
from deid.leakcheck import IdentifierSet, collect_identifiers
from deid.synth import generate

GENERATED_PATIENTS = 300
GENERATED_SEED = 29


def typed(schema: type[dy.Schema], rows: list[dict[str, Any]]) -> pl.LazyFrame:
    """A contract-typed frame; columns a row leaves out are null."""
    return pl.DataFrame(rows, schema=schema.create_empty().schema).lazy()


CHASE = {
    "Id": "3f957062-fda2-49df-b098-d1b14ab2d2f3",
    "BIRTHDATE": dt.date(1953, 6, 26),
    "SSN": "999-93-1128",
    "DRIVERS": "S99961635153",
    "MRN": "10314187",
    "PREFIX": "Mr.",
    "FIRST": "Chase",
    "MIDDLE": "Ricardo",
    "LAST": "Guerra",
    "GENDER": "M",
    "RACE": "white",
    "PHONE": "316-553-1419",
    "EMAIL": "chase.guerra89@inbox.example.org",
    "ADDRESS": "2250 Ralph Mission",
    "CITY": "Wichita",
    "STATE": "KS",
    "COUNTY": "Sedgwick County",
    "FIPS": "20173",
    "ZIP": "67205",
}
TONYA = {
    "Id": "957bae98-610d-46c4-9bf2-d5b38e9fd15d",
    "BIRTHDATE": dt.date(1987, 3, 24),
    "SSN": "999-93-9429",
    "MRN": "82369750",
    "FIRST": "Tonya",
    "LAST": "Fowler",
    "MAIDEN": "Whitfield",
    "GENDER": "F",
    "RACE": "white",
    "PHONE": "307-698-0717",
    "ADDRESS": "12 North Main Street Apt 4",
    "CITY": "Jackson",
    "STATE": "WY",
    "ZIP": "83001",
}
VANESSA = {
    "Id": "0035g0000ABy8KSAQZ",
    "FirstName": "Vanessa",
    "LastName": "Chaney",
    "Birthdate": dt.date(1960, 6, 16),
    "Email": "Vanessa.Chaney81@Example.org",
    "Phone": "(612) 346-1978",
    "MailingStreet": "4108 Carson Field",
    "MailingCity": "Minneapolis",
    "MailingState": "MN",
    "MailingPostalCode": "55407",
    "MRN__c": "46480876",
    "CreatedDate": dt.datetime(2017, 11, 5, 13, 53),
}


@pytest.fixture(scope="session")
def tiny_inputs() -> dict[str, pl.LazyFrame]:
    """Two EMR patients and one CRM contact."""
    return {"patients": typed(Patients, [CHASE, TONYA]), "Contact": typed(Contact, [VANESSA])}


@pytest.fixture(scope="session")
def tiny_identifiers(tiny_inputs: dict[str, pl.LazyFrame]) -> dict[Method, IdentifierSet]:
    """The identifiers of the tiny inputs under each method."""
    return {method: collect_identifiers(tiny_inputs, method=method) for method in Method}


ROWS = 20


def clean_output() -> pl.DataFrame:
    """A de-identified-looking table: pseudonyms, a repetitive code column, free text, years."""
    return pl.DataFrame(
        {
            "person_key": [f"{index:064x}" for index in range(7, 7 + ROWS)],
            "code": ["185345009"] * (ROWS - 2) + ["162673000", "444814009"],
            "description": ["Encounter for symptom (procedure)"] * ROWS,
            "zip3": ["672"] * ROWS,
            "birth_year": [1953] * ROWS,
            "birth_date": pl.Series([None] * ROWS, dtype=pl.Date),
            "comment": [f"Follow-up visit {index}: stable, continue current plan." for index in range(ROWS)],
            "status": pl.Series(["Completed"] * ROWS, dtype=pl.Categorical),
        }
    )


def planted(column: str, value: object, rows: tuple[int, ...] = (3,)) -> dict[str, pl.LazyFrame]:
    """The clean output with ``value`` written into ``column`` at ``rows``."""
    frame = clean_output()
    cells = frame.get_column(column).to_list()
    for row in rows:
        cells[row] = value
    dtype = frame.schema[column]
    return {"persons": frame.with_columns(pl.Series(column, cells, dtype=dtype)).lazy()}


def wide_planted(values: list[object], *, background: str | None, rows: tuple[int, ...]) -> pl.LazyFrame:
    """One column ``c<i>`` per value, the value at ``rows`` of it.

    The other cells are ``background``, or unique sentences when it is ``None``.
    """
    columns = {}
    for index, value in enumerate(values):
        cells: list[object] = [background or f"Follow-up visit {row}: stable." for row in range(ROWS)]
        for row in rows:
            cells[row] = value
        columns[f"c{index}"] = pl.Series(cells, dtype=pl.String)
    return pl.DataFrame(columns).lazy()


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.LazyFrame]:
    """A generated 300-patient extract, EMR and CRM tables loaded through their contracts."""
    folder = tmp_path_factory.mktemp("leakcheck") / "extract"
    generate(folder, patients=GENERATED_PATIENTS, seed=GENERATED_SEED)
    tables = {
        **load_extract(Path(folder) / "emr", Source.EMR),
        **load_extract(Path(folder) / "crm", Source.CRM),
    }
    # Read once: the tests scan these many times.
    return {name: frame.collect().lazy() for name, frame in tables.items()}
