"""The person-level table of quasi-identifiers that re-identification risk is measured on.

An attacker who knows a person's birth year, sex and ZIP code looks for rows that match
them. In the published dataset those attributes sit in ``patients`` (EMR patients) and
``crm_contacts`` (CRM contacts, some of them unlinked to any patient); the year a person
first came to the hospital can be read off ``encounters``. This module gathers them into
one row per person of ``persons``, so the risk measures see every published person once:

- a patient's attributes come from ``patients``; a CRM-only person's from their contact
  record (birth year and postal area only: the CRM holds no sex);
- ``birth_year`` is text: the year, or ``90+`` where Safe Harbor pooled the age;
- a missing attribute is null, its own value for the risk measures.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_contracts.phi import Method
from deid.config import QuasiIdentifier

__all__ = [
    "DEFAULT_QUASI_IDENTIFIERS",
    "POOLED_AGE_LABEL",
    "QUASI_IDENTIFIER_SOURCES",
    "quasi_identifier_frame",
]

POOLED_AGE_LABEL = "90+"

DEFAULT_QUASI_IDENTIFIERS: Mapping[Method, tuple[QuasiIdentifier, ...]] = {
    Method.SAFE_HARBOR: ("birth_year", "sex", "zip3", "first_encounter_year"),
    Method.LIMITED_DATA_SET: ("birth_year", "sex", "zip", "first_encounter_year"),
    Method.EXPERT_DETERMINATION: ("birth_year", "sex", "zip3", "first_encounter_year"),
}
"""Quasi-identifiers used when the configuration names none (HIPAA.md; El Emam's usual set).

Limited data sets keep the five-digit ZIP code, so it replaces ZIP3 there.
"""

QUASI_IDENTIFIER_SOURCES: Mapping[QuasiIdentifier, str] = {
    "birth_year": "patients.birthdate_year (90+ where pooled), else crm_contacts.birthdate_year",
    "sex": "patients.gender",
    "zip3": "patients.zip3, else crm_contacts.mailing_postal_code_zip3",
    "zip": "patients.zip, else crm_contacts.mailing_postal_code",
    "state": "patients.state, else crm_contacts.mailing_state",
    "first_encounter_year": "earliest encounters.start_year of the person",
    "race": "patients.race",
    "ethnicity": "patients.ethnicity",
    "marital": "patients.marital",
}
"""Where each attribute is read in the output dataset (stated in the report)."""

# attribute -> (patients column, crm_contacts column or None)
_COLUMNS: Mapping[QuasiIdentifier, tuple[str, str | None]] = {
    "birth_year": ("birthdate_year", "birthdate_year"),
    "sex": ("gender", None),
    "zip3": ("zip3", "mailing_postal_code_zip3"),
    "zip": ("zip", "mailing_postal_code"),
    "state": ("state", "mailing_state"),
    "race": ("race", None),
    "ethnicity": ("ethnicity", None),
    "marital": ("marital", None),
}


def _as_text(frame: pl.LazyFrame, column: str) -> pl.Expr:
    """``column`` as text, ``90+`` for a pooled birth year; null when the table lacks it."""
    names = frame.collect_schema().names()
    if column not in names:
        return pl.lit(None, dtype=pl.String)
    value = pl.col(column).cast(pl.String)
    if column == "birthdate_year" and "age_90_plus" in names:
        return pl.when(pl.col("age_90_plus")).then(pl.lit(POOLED_AGE_LABEL)).otherwise(value)
    return value


def _attributes(
    table: pl.LazyFrame | None, attributes: tuple[QuasiIdentifier, ...], *, source: int
) -> pl.LazyFrame | None:
    """One row per person_key of ``table`` with the attributes it holds (first row wins)."""
    if table is None:
        return None
    columns = {name: _COLUMNS[name][source] for name in attributes if name in _COLUMNS}
    selected = [
        (_as_text(table, column) if column is not None else pl.lit(None, dtype=pl.String)).alias(name)
        for name, column in columns.items()
    ]
    return table.select("person_key", *selected).unique("person_key", keep="first", maintain_order=True)


def quasi_identifier_frame(
    tables: Mapping[str, pl.LazyFrame], attributes: tuple[QuasiIdentifier, ...]
) -> pl.LazyFrame:
    """One row per published person with the chosen attributes, as text.

    Parameters
    ----------
    tables
        The output dataset's tables by name (``persons`` is required).
    attributes
        Quasi-identifiers (and sensitive attributes) to gather.

    Returns
    -------
    polars.LazyFrame
        ``person_key`` and one String column per attribute.

    Raises
    ------
    KeyError
        If the dataset has no ``persons`` table.

    Examples
    --------
    >>> persons = pl.LazyFrame({"person_key": ["a", "b"]})
    >>> patients = pl.LazyFrame({"person_key": ["a"], "birthdate_year": [1950], "gender": ["F"]})
    >>> frame = quasi_identifier_frame({"persons": persons, "patients": patients}, ("birth_year", "sex"))
    >>> frame.collect().rows()
    [('a', '1950', 'F'), ('b', None, None)]
    """
    persons = tables["persons"].select("person_key")
    wanted = tuple(dict.fromkeys(attributes))
    patients = _attributes(tables.get("patients"), wanted, source=0)
    contacts = _attributes(tables.get("crm_contacts"), wanted, source=1)
    frame = persons
    per_person = [name for name in wanted if name in _COLUMNS]
    if patients is not None:
        frame = frame.join(patients, on="person_key", how="left", maintain_order="left")
    if contacts is not None:
        contacts = contacts.rename({name: f"{name}__crm" for name in per_person})
        frame = frame.join(contacts, on="person_key", how="left", maintain_order="left")
    frame = frame.with_columns(
        pl.coalesce(
            *([pl.col(name)] if patients is not None else []),
            *([pl.col(f"{name}__crm")] if contacts is not None else []),
            pl.lit(None, dtype=pl.String),
        ).alias(name)
        for name in per_person
    )
    if "first_encounter_year" in wanted:
        encounters = tables.get("encounters")
        if encounters is None:
            frame = frame.with_columns(first_encounter_year=pl.lit(None, dtype=pl.String))
        else:
            first = encounters.group_by("person_key").agg(
                first_encounter_year=pl.col("start_year").min().cast(pl.String)
            )
            frame = frame.join(first, on="person_key", how="left", maintain_order="left")
    return frame.select("person_key", *wanted)
