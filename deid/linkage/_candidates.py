"""Candidate (contact, patient) pairs: normalised sides, blocking joins, pair features.

Comparing every contact with every patient is quadratic, so pairs come from equi-joins
on keys that every linking rule requires to be equal: the MRN, a phone number, the
email address, birth date and ZIP code together, or ZIP code and street together.
Each rule needs at least one of them, so blocking loses no pair a rule could accept.
"""

from __future__ import annotations

import polars as pl

from deid.linkage._compare import birth_dates_compatible, with_one_edit_flag
from deid.linkage._nicknames import nickname_pairs
from deid.linkage._normalise import (
    normalise_email,
    normalise_mrn,
    normalise_name,
    normalise_phone,
    normalise_street,
    normalise_surname,
    normalise_zip5,
)

MAX_PATIENTS_PER_CONTACT_POINT = 10
"""A phone or email shared by more patients is a placeholder (a clinic's switchboard,
"none@none.com"), not evidence: it is ignored on the patient side."""

CONTACT_COLUMNS = (
    "Id",
    "FirstName",
    "LastName",
    "Birthdate",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingStreet",
    "MailingPostalCode",
    "MRN__c",
)
PATIENT_COLUMNS = ("Id", "BIRTHDATE", "MRN", "FIRST", "LAST", "PHONE", "EMAIL", "ADDRESS", "ZIP")
CONTACT_TEXT_COLUMNS = tuple(name for name in CONTACT_COLUMNS if name != "Birthdate")
PATIENT_TEXT_COLUMNS = tuple(name for name in PATIENT_COLUMNS if name != "BIRTHDATE")
"""Cast to text first, so an entirely empty column (null-typed in a test frame) still works."""


def prepare_contacts(contacts: pl.LazyFrame) -> pl.LazyFrame:
    """Return contact ids with normalised comparison columns (prefix ``c_``)."""
    return contacts.with_columns(pl.col(CONTACT_TEXT_COLUMNS).cast(pl.String)).select(
        pl.col("Id").alias("contact_id"),
        normalise_name(pl.col("FirstName")).alias("c_given"),
        normalise_surname(pl.col("LastName")).alias("c_surname"),
        pl.col("Birthdate").alias("c_birth_date"),
        normalise_email(pl.col("Email")).alias("c_email"),
        normalise_phone(pl.col("Phone")).alias("c_phone"),
        normalise_phone(pl.col("MobilePhone")).alias("c_mobile"),
        normalise_street(pl.col("MailingStreet")).alias("c_street"),
        normalise_zip5(pl.col("MailingPostalCode")).alias("c_zip"),
        normalise_mrn(pl.col("MRN__c")).alias("c_mrn"),
    )


def _informative(value: pl.Expr) -> pl.Expr:
    shared_by = pl.len().over(value)
    return pl.when(value.is_not_null() & (shared_by <= MAX_PATIENTS_PER_CONTACT_POINT)).then(value)


def prepare_patients(patients: pl.LazyFrame) -> pl.LazyFrame:
    """Return patient ids with normalised comparison columns (prefix ``p_``).

    ``p_mrn_patients`` counts the patients sharing the normalised MRN: only an MRN
    held by exactly one patient can link.
    """
    normalised = patients.with_columns(pl.col(PATIENT_TEXT_COLUMNS).cast(pl.String)).select(
        pl.col("Id").alias("patient_id"),
        normalise_name(pl.col("FIRST")).alias("p_given"),
        normalise_surname(pl.col("LAST")).alias("p_surname"),
        pl.col("BIRTHDATE").alias("p_birth_date"),
        normalise_email(pl.col("EMAIL")).alias("p_email"),
        normalise_phone(pl.col("PHONE")).alias("p_phone"),
        normalise_street(pl.col("ADDRESS")).alias("p_street"),
        normalise_zip5(pl.col("ZIP")).alias("p_zip"),
        normalise_mrn(pl.col("MRN")).alias("p_mrn"),
    )
    return normalised.with_columns(
        _informative(pl.col("p_email")).alias("p_email"),
        _informative(pl.col("p_phone")).alias("p_phone"),
        pl.len().over("p_mrn").alias("p_mrn_patients"),
    )


BLOCKING_KEYS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("c_mrn",), ("p_mrn",)),
    (("c_phone",), ("p_phone",)),
    (("c_mobile",), ("p_phone",)),
    (("c_email",), ("p_email",)),
    (("c_birth_date", "c_zip"), ("p_birth_date", "p_zip")),
    (("c_zip", "c_street"), ("p_zip", "p_street")),
)
"""(contact columns, patient columns) equi-joined to find candidate pairs."""


def _blocked_ids(contacts: pl.LazyFrame, patients: pl.LazyFrame) -> pl.LazyFrame:
    """Return the distinct (contact_id, patient_id) pairs sharing a blocking key."""
    blocks = [
        contacts.join(patients, left_on=list(contact_key), right_on=list(patient_key)).select(
            "contact_id", "patient_id"
        )
        for contact_key, patient_key in BLOCKING_KEYS
    ]
    return pl.concat(blocks).unique()


def candidate_pairs(contacts: pl.LazyFrame, patients: pl.LazyFrame) -> pl.LazyFrame:
    """Return the blocked pairs with their Boolean comparison features.

    Parameters
    ----------
    contacts
        The output of :func:`prepare_contacts`.
    patients
        The output of :func:`prepare_patients`.

    Returns
    -------
    pl.LazyFrame
        ``contact_id``, ``patient_id`` and the features ``mrn_unique_match``,
        ``birth_date_same``, ``birth_date_compatible``, ``given_same`` (equal or
        nicknames of each other), ``given_near`` (one typo), ``given_prefix`` (one
        is an initial or a short form of the other: "W", "Jon" for "Jonathan"),
        ``surname_same``, ``surname_near``, ``phone_same``, ``email_same``,
        ``zip_same`` and ``street_same``. A feature is null when a side lacks the value.
    """
    nicknames = nickname_pairs().with_columns(nickname=pl.lit(True))  # noqa: FBT003
    pairs = (
        _blocked_ids(contacts, patients)
        .join(contacts, on="contact_id")
        .join(patients, on="patient_id")
        .join(nicknames, left_on=["c_given", "p_given"], right_on=["given_a", "given_b"], how="left")
    )
    pairs = with_one_edit_flag(pairs, left="c_given", right="p_given", alias="given_near")
    pairs = with_one_edit_flag(pairs, left="c_surname", right="p_surname", alias="surname_near")
    return pairs.select(
        "contact_id",
        "patient_id",
        ((pl.col("c_mrn") == pl.col("p_mrn")) & (pl.col("p_mrn_patients") == 1)).alias("mrn_unique_match"),
        (pl.col("c_birth_date") == pl.col("p_birth_date")).alias("birth_date_same"),
        birth_dates_compatible(pl.col("c_birth_date"), pl.col("p_birth_date")).alias("birth_date_compatible"),
        ((pl.col("c_given") == pl.col("p_given")) | pl.col("nickname").fill_null(False)).alias(  # noqa: FBT003
            "given_same"
        ),
        "given_near",
        (
            pl.col("p_given").str.starts_with(pl.col("c_given"))
            | pl.col("c_given").str.starts_with(pl.col("p_given"))
        ).alias("given_prefix"),
        (pl.col("c_surname") == pl.col("p_surname")).alias("surname_same"),
        "surname_near",
        ((pl.col("c_phone") == pl.col("p_phone")) | (pl.col("c_mobile") == pl.col("p_phone"))).alias(
            "phone_same"
        ),
        (pl.col("c_email") == pl.col("p_email")).alias("email_same"),
        (pl.col("c_zip") == pl.col("p_zip")).alias("zip_same"),
        (pl.col("c_street") == pl.col("p_street")).alias("street_same"),
    )
