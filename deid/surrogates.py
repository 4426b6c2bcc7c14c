"""Extend a surrogate crosswalk to every identifier a run will pseudonymise.

Random surrogates cannot be computed on the fly like HMAC pseudonyms: every identifier
needs its surrogate before the tables are transformed, so this pre-pass gathers the
distinct identifiers of each entity across all tables.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_contracts.outputs import PERSON_ENTITIES
from data_contracts.registry import column_policies, table_contract
from deid.persons import EMR_PREFIX
from deid.pseudonyms import SurrogateCrosswalk
from deid.transform import PERSON_NAMESPACE

__all__ = ["extend_crosswalk"]


def extend_crosswalk(
    crosswalk: SurrogateCrosswalk, *, inputs: Mapping[str, pl.LazyFrame], contacts: pl.DataFrame
) -> SurrogateCrosswalk:
    """Return ``crosswalk`` covering every person and record key found in ``inputs``.

    Parameters
    ----------
    crosswalk
        The crosswalk so far (empty on a first run).
    inputs
        Contract-typed input tables by registry name.
    contacts
        Contacts with their canonical ``person_id`` (:func:`deid.persons.contact_people`).
    """
    persons = [contacts["person_id"]]
    if "patients" in inputs:
        persons.append(inputs["patients"].select(pl.lit(EMR_PREFIX) + pl.col("Id")).collect().to_series())
    by_entity: dict[str, list[pl.LazyFrame]] = {}
    for name, frame in inputs.items():
        for column, policy in column_policies(table_contract(name).schema).items():
            if policy.entity is not None and policy.entity not in PERSON_ENTITIES:
                by_entity.setdefault(policy.entity, []).append(
                    frame.select(pl.col(column).alias("identifier"))
                )
    extended = crosswalk.extended(PERSON_NAMESPACE, pl.concat(persons))
    for entity, frames in sorted(by_entity.items()):
        identifiers = pl.concat(frames).unique().collect(engine="streaming").to_series()
        extended = extended.extended(entity, identifiers)
    return extended
