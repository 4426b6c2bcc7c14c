"""Each person's own identifiers, gathered from the linked record for the text engine.

Free text about a person (their notes, calls, emails, survey comments) is scrubbed with
the identifiers their structured record already holds (:class:`deid.text.KnownPhi`):
names, nicknames, phones, emails, street address, MRN and other numbers. A person linked
across the EMR and the CRM gets the identifiers of both records.

Which columns feed which field comes from the contracts' PHI policies; only the way
name parts combine into full names is listed here, per table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import polars as pl

from data_contracts import Identifier, PhiClass, column_policies, table_contract
from deid.linkage._nicknames import NICKNAME_GROUPS
from deid.persons import EMR_PREFIX
from deid.text import KnownPhi

__all__ = ["FULL_NAME_PARTS", "known_phi_by_person"]

FULL_NAME_PARTS: Mapping[str, tuple[tuple[str, ...], ...]] = MappingProxyType(
    {
        "patients": (("FIRST", "LAST"), ("FIRST", "MIDDLE", "LAST"), ("FIRST", "MAIDEN")),
        "Contact": (("FirstName", "LastName"),),
    }
)
"""How each person table's name columns make full names (titles and suffixes left out)."""

_GIVEN_NAME = {"patients": "FIRST", "Contact": "FirstName"}

_FIELD_OF: Mapping[Identifier, str] = MappingProxyType(
    {
        Identifier.PHONE: "phones",
        Identifier.FAX: "phones",
        Identifier.EMAIL: "emails",
        Identifier.GEOGRAPHY: "addresses",
        Identifier.MRN: "mrns",
    }
)
_RECORD_FIELDS = ("names", "phones", "emails", "addresses", "mrns", "other_ids")
"""The fields of :class:`KnownPhi` read from the records (nicknames are derived)."""


def _nicknames() -> dict[str, tuple[str, ...]]:
    """Given name (lower case) to its usual short forms."""
    table: dict[str, list[str]] = {}
    for formal, *short in NICKNAME_GROUPS:
        table.setdefault(formal.lower(), []).extend(short)
    return {given: tuple(dict.fromkeys(short)) for given, short in table.items()}


def _fields(table: str) -> dict[str, list[pl.Expr]]:
    """Per ``KnownPhi`` field, the expressions of one person table that feed it."""
    schema = table_contract(table).schema
    dtypes = {name: column.dtype for name, column in schema.columns().items()}
    fields: dict[str, list[pl.Expr]] = {field: [] for field in _RECORD_FIELDS}
    fields["names"] = [
        pl.concat_str([pl.col(part) for part in parts], separator=" ") for parts in FULL_NAME_PARTS[table]
    ]
    for column, policy in column_policies(schema).items():
        if policy.phi_class is not PhiClass.DIRECT_IDENTIFIER or dtypes[column] != pl.String:
            continue
        if policy.identifier is Identifier.NAME:
            continue
        fields[_FIELD_OF.get(policy.identifier or Identifier.OTHER, "other_ids")].append(pl.col(column))
    return fields


def _person_rows(frame: pl.LazyFrame, table: str, person_id: pl.Expr) -> pl.LazyFrame:
    fields = _fields(table)
    return frame.select(
        person_id.alias("person_id"),
        pl.col(_GIVEN_NAME[table]).alias("given"),
        *[
            pl.concat_list(expressions).alias(field)
            if expressions
            else pl.lit([], pl.List(pl.String)).alias(field)
            for field, expressions in fields.items()
        ],
    )


def known_phi_by_person(inputs: Mapping[str, pl.LazyFrame], *, contacts: pl.DataFrame) -> dict[str, KnownPhi]:
    """Return every person's known identifiers, by canonical person identifier.

    Parameters
    ----------
    inputs
        Contract-typed input tables by registry name (``patients`` and ``Contact`` used).
    contacts
        ``contact_id`` to canonical ``person_id`` (see :func:`deid.persons.contact_people`).

    Returns
    -------
    dict[str, KnownPhi]
        Canonical person identifier (``emr:...`` or ``crm:...``) to identifiers.
    """
    parts: list[pl.LazyFrame] = []
    if "patients" in inputs:
        parts.append(_person_rows(inputs["patients"], "patients", pl.lit(EMR_PREFIX) + pl.col("Id")))
    if "Contact" in inputs:
        people = contacts.lazy().select(pl.col("contact_id").alias("Id"), "person_id")
        with_person = inputs["Contact"].join(people, on="Id", how="left")
        parts.append(_person_rows(with_person, "Contact", pl.col("person_id")))
    if not parts:
        return {}
    merged = (
        pl.concat(parts, how="vertical")
        .group_by("person_id")
        .agg(
            pl.col("given").drop_nulls().unique(maintain_order=True),
            *[
                pl.col(field)
                .list.explode(keep_nulls=False, empty_as_null=False)
                .drop_nulls()
                .unique(maintain_order=True)
                for field in _RECORD_FIELDS
            ],
        )
        .sort("person_id")
        .collect(engine="streaming")
    )
    nicknames = _nicknames()
    known: dict[str, KnownPhi] = {}
    for row in merged.iter_rows(named=True):
        short = [name for given in row.pop("given") for name in nicknames.get(given.lower(), ())]
        person_id = row.pop("person_id")
        known[person_id] = KnownPhi(
            nicknames=tuple(dict.fromkeys(short)), **{f: tuple(row[f]) for f in _RECORD_FIELDS}
        )
    return known
