"""Fixtures for linkage tests: hand-built tiny frames and one generated extract per session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_contracts import Source, load_extract
from deid.linkage import link_contacts
from deid.synth import generate

EXTRACT_PATIENTS = 2_000
EXTRACT_SEED = 20_240_607

CONTACT_SCHEMA = pl.Schema(
    {
        "Id": pl.String,
        "FirstName": pl.String,
        "LastName": pl.String,
        "Birthdate": pl.Date,
        "Email": pl.String,
        "Phone": pl.String,
        "MobilePhone": pl.String,
        "MailingStreet": pl.String,
        "MailingCity": pl.String,
        "MailingState": pl.String,
        "MailingPostalCode": pl.String,
        "MRN__c": pl.String,
    }
)
PATIENT_SCHEMA = pl.Schema(
    {
        "Id": pl.String,
        "BIRTHDATE": pl.Date,
        "MRN": pl.String,
        "FIRST": pl.String,
        "LAST": pl.String,
        "PHONE": pl.String,
        "EMAIL": pl.String,
        "ADDRESS": pl.String,
        "CITY": pl.String,
        "STATE": pl.String,
        "ZIP": pl.String,
    }
)
BORN = dt.date(1961, 7, 14)

PATIENT_DEFAULTS: dict[str, Any] = {
    "BIRTHDATE": BORN,
    "MRN": None,
    "FIRST": "William",
    "LAST": "Okafor",
    "PHONE": "402-555-0147",
    "EMAIL": "william.okafor12@example.org",
    "ADDRESS": "4113 Juan Viaduct Apt 7",
    "CITY": "Omaha",
    "STATE": "NE",
    "ZIP": "68111",
}
CONTACT_DEFAULTS: dict[str, Any] = {
    "FirstName": "William",
    "LastName": "Okafor",
    "Birthdate": BORN,
    "Email": None,
    "Phone": None,
    "MobilePhone": None,
    "MailingStreet": None,
    "MailingCity": "Omaha",
    "MailingState": "NE",
    "MailingPostalCode": None,
    "MRN__c": None,
}


def patients_frame(*rows: dict[str, Any]) -> pl.LazyFrame:
    """Patients from partial rows: each needs ``Id``; other columns default to one person."""
    return pl.LazyFrame([PATIENT_DEFAULTS | row for row in rows], schema=PATIENT_SCHEMA)


def contacts_frame(*rows: dict[str, Any]) -> pl.LazyFrame:
    """Contacts from partial rows: each needs ``Id``; contact points default to missing."""
    return pl.LazyFrame([CONTACT_DEFAULTS | row for row in rows], schema=CONTACT_SCHEMA)


def decisions(contacts: pl.LazyFrame, patients: pl.LazyFrame) -> dict[str, tuple[str | None, str]]:
    """Link and return ``{contact_id: (patient_id, rule)}``."""
    links = link_contacts(contacts, patients).collect()
    return {row[0]: (row[1], row[2]) for row in links.iter_rows()}


@dataclass(frozen=True)
class LinkedExtract:
    """A generated extract, its typed input frames, the links made and the truth."""

    root: Path
    contacts: pl.LazyFrame
    patients: pl.LazyFrame
    links: pl.DataFrame
    truth: pl.DataFrame


@pytest.fixture(scope="session")
def linked_extract(tmp_path_factory: pytest.TempPathFactory) -> LinkedExtract:
    """A 2,000-patient CSV extract, linked once."""
    root = tmp_path_factory.mktemp("linkage") / "extract"
    generate(root, patients=EXTRACT_PATIENTS, seed=EXTRACT_SEED)
    contacts = load_extract(root / "crm", Source.CRM)["Contact"]
    patients = load_extract(root / "emr", Source.EMR)["patients"]
    truth = pl.read_csv(root / "truth" / "linkage.csv", schema_overrides={"patient_id": pl.String})
    links = link_contacts(contacts, patients).collect()
    return LinkedExtract(root=root, contacts=contacts, patients=patients, links=links, truth=truth)
