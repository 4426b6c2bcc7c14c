"""Lookup tables from identifiers to pseudonyms and from persons to date shifts.

A run first gathers the distinct identifiers of every entity across all tables (one
streaming pass), then computes each pseudonym and each person's shift once. Tables are
then transformed with hash joins against these small tables, which polars runs in
native code; computing a keyed hash per row instead costs microseconds per cell.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_contracts.outputs import PERSON_ENTITIES
from data_contracts.registry import column_policies, table_contract
from deid.config import ShiftConfig
from deid.persons import EMR_PREFIX
from deid.pseudonyms import SurrogateCrosswalk, hmac_pseudonyms
from deid.shifting import shift_offsets

__all__ = ["PERSON_NAMESPACE", "entity_identifiers", "pseudonym_tables", "shift_table"]

PERSON_NAMESPACE = "person"


def entity_identifiers(inputs: Mapping[str, pl.LazyFrame], *, contacts: pl.DataFrame) -> dict[str, pl.Series]:
    """Return the distinct identifiers of each namespace, sorted.

    Persons are canonical person identifiers (patients and contacts, see
    :mod:`deid.persons`); every other record-key entity collects the values of all
    columns that refer to it, so dangling references are covered too.

    Parameters
    ----------
    inputs
        Contract-typed input tables by registry name.
    contacts
        Contacts with their canonical ``person_id``.
    """
    persons = [contacts.select(identifier="person_id").lazy()]
    if "patients" in inputs:
        persons.append(inputs["patients"].select(identifier=pl.lit(EMR_PREFIX) + pl.col("Id")))
    by_entity: dict[str, list[pl.LazyFrame]] = {PERSON_NAMESPACE: persons}
    for name, frame in inputs.items():
        for column, policy in column_policies(table_contract(name).schema).items():
            if policy.entity is not None and policy.entity not in PERSON_ENTITIES:
                by_entity.setdefault(policy.entity, []).append(frame.select(identifier=pl.col(column)))
    return {
        entity: pl.concat(frames)
        .drop_nulls()
        .unique()
        .sort("identifier")
        .collect(engine="streaming")
        .to_series()
        for entity, frames in sorted(by_entity.items())
    }


def pseudonym_tables(
    identifiers: Mapping[str, pl.Series], *, key: bytes, crosswalk: SurrogateCrosswalk | None
) -> dict[str, pl.DataFrame]:
    """Return, per namespace, a table ``identifier -> pseudonym`` (HMAC or surrogate)."""
    tables: dict[str, pl.DataFrame] = {}
    for namespace, values in identifiers.items():
        if crosswalk is None:
            pseudonyms = hmac_pseudonyms(values, key=key, namespace=namespace)
        else:
            pseudonyms = crosswalk.lookup(values, namespace=namespace)
        tables[namespace] = pl.DataFrame({"identifier": values, "pseudonym": pseudonyms})
    return tables


def shift_table(persons: pl.Series, *, key: bytes, shift: ShiftConfig) -> pl.DataFrame:
    """Return ``person_id -> shift_days`` for every canonical person identifier."""
    offsets = shift_offsets(persons, key=key, max_days=shift.max_days, whole_weeks=shift.whole_weeks)
    return pl.DataFrame({"person_id": persons, "shift_days": offsets})
