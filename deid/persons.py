"""Who is who: one canonical identifier per person across the EMR and the CRM.

A patient's canonical identifier is ``emr:<patients.Id>``. A CRM contact linked to a
patient shares it; an unlinked contact (a prospect, or an ambiguous match) gets
``crm:<Contact.Id>``. Pseudonyms and date shifts derive from the canonical identifier,
so one person has one ``person_key`` and one shift in every table. These identifiers
exist only inside the trusted zone.
"""

from __future__ import annotations

import polars as pl

__all__ = ["CRM_PREFIX", "EMR_PREFIX", "contact_people", "person_identifier", "persons_table"]

EMR_PREFIX = "emr:"
CRM_PREFIX = "crm:"


def contact_people(links: pl.DataFrame) -> pl.DataFrame:
    """Return ``contact_id``, ``person_id`` and ``link_rule`` for every contact.

    Parameters
    ----------
    links
        The linkage output: ``contact_id``, ``patient_id`` (null when unlinked), ``rule``.
    """
    linked = pl.col("patient_id").is_not_null()
    return links.select(
        "contact_id",
        person_id=pl.when(linked)
        .then(pl.lit(EMR_PREFIX) + pl.col("patient_id"))
        .otherwise(pl.lit(CRM_PREFIX) + pl.col("contact_id")),
        link_rule=pl.when(linked).then(pl.col("rule")),
    )


def person_identifier(column: pl.Expr, *, entity: str, contacts: pl.DataFrame) -> pl.Expr:
    """Return the canonical person identifier of a patient or contact key column.

    A contact key that no contact row holds maps to null (a dangling reference).
    """
    if entity == "patient":
        return pl.lit(EMR_PREFIX) + column
    if entity == "contact":
        return column.replace_strict(
            contacts["contact_id"], contacts["person_id"], default=None, return_dtype=pl.String
        )
    msg = f"entity {entity!r} is not a person"
    raise ValueError(msg)


def persons_table(patient_ids: pl.LazyFrame, contacts: pl.DataFrame) -> pl.LazyFrame:
    """Return one row per person: ``person_id``, ``in_emr``, ``in_crm``, ``link_rule``.

    Parameters
    ----------
    patient_ids
        A frame with the ``Id`` column of the patients table.
    contacts
        The output of :func:`contact_people`.
    """
    by_person = (
        contacts.lazy()
        .group_by("person_id")
        .agg(in_crm=pl.lit(value=True), link_rule=pl.col("link_rule").drop_nulls().sort().first())
    )
    patients = patient_ids.select(person_id=pl.lit(EMR_PREFIX) + pl.col("Id"), in_emr=pl.lit(value=True))
    return (
        patients.join(by_person, on="person_id", how="full", coalesce=True)
        .select(
            "person_id",
            in_emr=pl.col("in_emr").fill_null(value=False),
            in_crm=pl.col("in_crm").fill_null(value=False),
            link_rule="link_rule",
        )
        .sort("person_id")
    )
