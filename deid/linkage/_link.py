"""Resolve candidate pairs into one link decision per contact."""

from __future__ import annotations

import polars as pl

from data_contracts.errors import InputValidationError
from deid.linkage._candidates import (
    CONTACT_COLUMNS,
    PATIENT_COLUMNS,
    candidate_pairs,
    prepare_contacts,
    prepare_patients,
)
from deid.linkage._rules import AMBIGUOUS, UNLINKED, with_pair_rule

OUTPUT_SCHEMA = pl.Schema(
    {"contact_id": pl.String, "patient_id": pl.String, "rule": pl.String, "confidence": pl.Float64}
)


def _require_columns(frame: pl.LazyFrame, columns: tuple[str, ...], *, table: str) -> None:
    missing = [name for name in columns if name not in frame.collect_schema()]
    if missing:
        msg = (
            f"Linkage needs the {table} column(s) {', '.join(missing)}, which the frame lacks; "
            f"pass the {table} table as data_contracts.load_extract returns it."
        )
        raise InputValidationError(msg)


def _resolve(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Per contact: the single patient at the best strength, else ambiguous."""
    best = pairs.filter(pl.col("strength") == pl.col("strength").min().over("contact_id"))
    return (
        best.group_by("contact_id")
        .agg(
            pl.col("patient_id").n_unique().alias("patients"),
            pl.col("patient_id").sort_by("rule_rank").first(),
            pl.col("rule").sort_by("rule_rank").first(),
            pl.col("confidence").sort_by("rule_rank").first(),
        )
        .select(
            "contact_id",
            pl.when(pl.col("patients") == 1).then(pl.col("patient_id")).alias("patient_id"),
            pl.when(pl.col("patients") == 1).then(pl.col("rule")).otherwise(pl.lit(AMBIGUOUS)).alias("rule"),
            pl.when(pl.col("patients") == 1).then(pl.col("confidence")).otherwise(0.0).alias("confidence"),
        )
    )


def link_contacts(contacts: pl.LazyFrame, patients: pl.LazyFrame) -> pl.LazyFrame:
    """Link CRM contacts to EMR patients with deterministic, precision-first rules.

    Rules, most precise first (see :data:`deid.linkage.LINK_RULES`):

    ``mrn_confirmed``
        The contact's normalised MRN is exactly one patient's, and the birth date,
        surname (within one typo) or given name (or a nickname of it) agrees. An
        uncorroborated MRN is stale (someone else's) and does not link.
    ``name_dob_phone``, ``name_dob_email``, ``name_dob_zip``
        Given name (equal, nickname or one typo) and surname (equal or one typo),
        the same birth date, and a phone, the email or the five-digit ZIP code.
    ``name_two_contacts``
        The names and two of a phone, the email, the ZIP code and the street, with a
        birth date missing or one part off.
    ``initial_dob_phone``
        The given name as an initial or a short form ("W.", "Jon" for Jonathan), the
        surname, the birth date and a phone.

    The first four rules form tier 1, the last two tier 2. A contact is decided on
    its best tier only, preferring exact over one-typo name matches inside it: one
    patient there links; two or more leave the contact ``ambiguous`` (unlinked).
    Contacts no rule matches are ``unlinked``. Several contacts may link to the same
    patient (duplicate contacts).

    Parameters
    ----------
    contacts
        The CRM ``Contact`` table as :func:`data_contracts.load_extract` returns it.
    patients
        The EMR ``patients`` table as :func:`data_contracts.load_extract` returns it;
        ``MRN``, ``PHONE`` and ``EMAIL`` may be entirely null (plain Synthea).

    Returns
    -------
    pl.LazyFrame
        One row per contact, sorted by ``contact_id``: ``contact_id``, ``patient_id``
        (null unless linked), ``rule`` (one of ``LINK_RULES``) and ``confidence``
        (0 unless linked). No name, date or contact value is carried over.

    Raises
    ------
    data_contracts.InputValidationError
        If either frame lacks a column the rules need.

    Examples
    --------
    >>> import datetime as dt
    >>> born = dt.date(1970, 1, 2)
    >>> contacts = pl.LazyFrame(
    ...     {"Id": ["c1", "c2"], "FirstName": ["Bill", "Ann"], "LastName": ["Smyth", "Lee"],
    ...      "Birthdate": [born, born], "Phone": ["(402) 555-0199", None], "MailingPostalCode": ["68111"] * 2}
    ... ).with_columns(pl.lit(None).alias(col) for col in ("Email", "MobilePhone", "MailingStreet", "MRN__c"))
    >>> patients = pl.LazyFrame(
    ...     {"Id": ["p1"], "BIRTHDATE": [born], "FIRST": ["William"], "LAST": ["Smith"],
    ...      "PHONE": ["402-555-0199"], "ZIP": ["68111"]}
    ... ).with_columns(pl.lit(None).alias(name) for name in ("MRN", "EMAIL", "ADDRESS"))
    >>> link_contacts(contacts, patients).collect().rows()
    [('c1', 'p1', 'name_dob_phone', 0.92), ('c2', None, 'unlinked', 0.0)]
    """
    _require_columns(contacts, CONTACT_COLUMNS, table="Contact")
    _require_columns(patients, PATIENT_COLUMNS, table="patients")
    prepared_contacts = prepare_contacts(contacts)
    pairs = with_pair_rule(candidate_pairs(prepared_contacts, prepare_patients(patients)))
    decisions = _resolve(pairs)
    return (
        prepared_contacts.select("contact_id")
        .join(decisions, on="contact_id", how="left")
        .select(
            pl.col("contact_id").cast(pl.String),
            pl.col("patient_id").cast(pl.String),
            pl.col("rule").fill_null(UNLINKED).cast(pl.String),
            pl.col("confidence").fill_null(0.0).cast(pl.Float64),
        )
        .sort("contact_id")
    )
