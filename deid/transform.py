"""Transform one input table into its de-identified output table, column by column.

Every column's action comes from its contract under the chosen method (see
:mod:`data_contracts.outputs` for the resulting columns). The transformation is a pure
function of a polars frame and the run's state (keys, contacts, crosswalk), so the same
code can later run batch by batch on a cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from data_contracts.outputs import PERSON_ENTITIES, OutputColumn, output_columns
from data_contracts.phi import Action, ColumnPolicy, Generalisation, Identifier, Method, PhiClass
from data_contracts.registry import TableContract, column_policies
from deid.generalise import AGE_POOL, birth_year_pooled, is_pooled_age, year_of, zip3
from deid.identifiers import PERSON_NAMESPACE
from deid.persons import person_identifier
from deid.scrub import TextScrubber, scrub_expression
from deid.shifting import shifted

__all__ = ["TransformState", "person_column", "pseudonymised", "transform_table"]

_PERSON = "__person_id"
_SHIFT = "__shift_days"


@dataclass(frozen=True, kw_only=True)
class TransformState:
    """Everything a table transformation needs besides the table itself.

    Attributes
    ----------
    method
        The de-identification method.
    reference_date
        Day on which ages are computed for 90+ pooling.
    contacts
        ``contact_id`` to canonical ``person_id`` (see :func:`deid.persons.contact_people`).
    pseudonyms
        Per namespace, ``identifier -> pseudonym`` (see :mod:`deid.identifiers`).
    shifts
        ``person_id -> shift_days`` (expert determination).
    scrubber
        Scrubs free-text columns; ``None`` drops them.
    """

    method: Method
    reference_date: dt.date
    contacts: pl.DataFrame
    pseudonyms: Mapping[str, pl.DataFrame]
    shifts: pl.DataFrame
    scrubber: TextScrubber | None = None


def person_column(contract: TableContract) -> tuple[str, str] | None:
    """Return ``(column, entity)`` of the table's person reference, or ``None``.

    Raises
    ------
    ValueError
        If a table refers to persons through more than one column (ambiguous shifts).
    """
    found = [
        (name, policy.entity)
        for name, policy in column_policies(contract.schema).items()
        if policy.entity in PERSON_ENTITIES
    ]
    if len(found) > 1:
        msg = f"table {contract.name!r} has several person columns; dates could not be shifted consistently"
        raise ValueError(msg)
    return (found[0][0], str(found[0][1])) if found else None


def pseudonymised(frame: pl.LazyFrame, column: str, *, table: pl.DataFrame, alias: str) -> pl.LazyFrame:
    """Add ``alias``: the pseudonym of ``column`` looked up in ``table`` (row order kept).

    An identifier missing from the table gets a null pseudonym, never its own value.
    """
    lookup = table.lazy().rename({"identifier": f"{alias}__identifier", "pseudonym": alias})
    return frame.join(
        lookup, left_on=column, right_on=f"{alias}__identifier", how="left", maintain_order="left"
    )


def _moment(source: str, action: Action) -> pl.Expr:
    return shifted(pl.col(source), pl.col(_SHIFT)) if action is Action.SHIFT else pl.col(source)


def _key_alias(name: str) -> str:
    return f"__key__{name}"


def _text_alias(name: str) -> str:
    return f"__text__{name}"


def _name_columns(policies: Mapping[str, ColumnPolicy]) -> list[str]:
    """Columns holding names in the same row as a text (a note's author)."""
    return [
        name
        for name, policy in policies.items()
        if policy.phi_class is PhiClass.DIRECT_IDENTIFIER and policy.identifier is Identifier.NAME
    ]


def _expression(column: OutputColumn, policy: ColumnPolicy, state: TransformState) -> pl.Expr:
    source = pl.col(column.source)
    if column.role == "key":
        return pl.col(_key_alias(column.name))
    if column.role == "text":
        return pl.col(_text_alias(column.name))
    if column.role == "zip3":
        return zip3(source)
    if column.role == "flag":
        return is_pooled_age(source, state.reference_date)
    if column.role == "year":
        if policy.generalisation is Generalisation.BIRTH_YEAR_90_PLUS and column.action is Action.GENERALISE:
            return birth_year_pooled(source, state.reference_date)
        return year_of(_moment(column.source, column.action))
    if column.action is Action.GENERALISE:  # an age: capped at the pool
        return pl.min_horizontal(source, pl.lit(AGE_POOL)).cast(pl.Int32)
    return _moment(column.source, column.action)


def transform_table(frame: pl.LazyFrame, contract: TableContract, state: TransformState) -> pl.LazyFrame:
    """Return ``frame`` (contract-typed) de-identified into its output columns.

    Parameters
    ----------
    frame
        The validated input table.
    contract
        Its contract.
    state
        Keys, contacts, crosswalk and settings of the run.

    Returns
    -------
    polars.LazyFrame
        The output columns of :func:`data_contracts.outputs.output_columns`, in order.
    """
    columns = output_columns(contract, state.method, free_text=state.scrubber is not None)
    policies = column_policies(contract.schema)
    person = person_column(contract)
    if person is not None:
        name, entity = person
        frame = frame.with_columns(
            person_identifier(pl.col(name), entity=entity, contacts=state.contacts).alias(_PERSON)
        )
    if state.scrubber is not None:
        person_id = pl.col(_PERSON) if person is not None else pl.lit(None, pl.String)
        frame = frame.with_columns(
            scrub_expression(
                column.source,
                person=person_id,
                row_names=_name_columns(policies),
                scrubber=state.scrubber,
                label=f"{contract.name}.{column.source}",
            ).alias(_text_alias(column.name))
            for column in columns
            if column.role == "text"
        )
    if any(column.action is Action.SHIFT for column in columns):
        if person is None:
            msg = f"table {contract.name!r} shifts dates but names no person to shift them by"
            raise ValueError(msg)
        shifts = state.shifts.lazy().rename({"person_id": _PERSON, "shift_days": _SHIFT})
        frame = frame.join(shifts, on=_PERSON, how="left", maintain_order="left")
    for column in columns:
        if column.role == "key":
            entity = str(policies[column.source].entity)
            is_person = entity in PERSON_ENTITIES
            namespace = PERSON_NAMESPACE if is_person else entity
            frame = pseudonymised(
                frame,
                _PERSON if is_person else column.source,
                table=state.pseudonyms[namespace],
                alias=_key_alias(column.name),
            )
    return frame.select(
        [_expression(column, policies[column.source], state).alias(column.name) for column in columns]
    )
