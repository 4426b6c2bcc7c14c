"""Transform one input table into its de-identified output table, column by column.

Every column's action comes from its contract under the chosen method (see
:mod:`data_contracts.outputs` for the resulting columns). The transformation is a pure
function of a polars frame and the run's state (keys, contacts, crosswalk), so the same
code can later run batch by batch on a cluster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from data_contracts.outputs import PERSON_ENTITIES, OutputColumn, output_columns
from data_contracts.phi import Action, ColumnPolicy, Generalisation, Method
from data_contracts.registry import TableContract, column_policies
from deid.config import ShiftConfig
from deid.generalise import AGE_POOL, birth_year_pooled, is_pooled_age, year_of, zip3
from deid.persons import person_identifier
from deid.pseudonyms import SurrogateCrosswalk, pseudonym_expression
from deid.shifting import shift_offsets, shifted

__all__ = ["PERSON_NAMESPACE", "TransformState", "person_column", "transform_table"]

PERSON_NAMESPACE = "person"
_PERSON = "__person_id"
_SHIFT = "__shift_days"


@dataclass(frozen=True, kw_only=True)
class TransformState:
    """Everything a table transformation needs besides the table itself.

    Attributes
    ----------
    method
        The de-identification method.
    pseudonym_key
        Key for HMAC pseudonyms (derived from the project key).
    shift_key
        Key for per-person date shifts (derived from the project key).
    shift
        Shift range and granularity.
    reference_date
        Day on which ages are computed for 90+ pooling.
    contacts
        ``contact_id`` to canonical ``person_id`` (see :func:`deid.persons.contact_people`).
    crosswalk
        Surrogate crosswalk, or ``None`` for HMAC pseudonyms.
    """

    method: Method
    pseudonym_key: bytes
    shift_key: bytes
    shift: ShiftConfig
    reference_date: dt.date
    contacts: pl.DataFrame
    crosswalk: SurrogateCrosswalk | None = None


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


def _pseudonym(expression: pl.Expr, namespace: str, state: TransformState) -> pl.Expr:
    return pseudonym_expression(
        expression, namespace=namespace, key=state.pseudonym_key, crosswalk=state.crosswalk
    )


def _moment(source: str, action: Action) -> pl.Expr:
    return shifted(pl.col(source), pl.col(_SHIFT)) if action is Action.SHIFT else pl.col(source)


def _expression(column: OutputColumn, policy: ColumnPolicy, state: TransformState) -> pl.Expr:
    source = pl.col(column.source)
    if column.role == "key":
        if policy.entity in PERSON_ENTITIES:
            return _pseudonym(pl.col(_PERSON), PERSON_NAMESPACE, state)
        return _pseudonym(source, str(policy.entity), state)
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
    columns = output_columns(contract, state.method)
    policies = column_policies(contract.schema)
    person = person_column(contract)
    needs_shift = any(column.action is Action.SHIFT for column in columns)
    if person is not None:
        name, entity = person
        frame = frame.with_columns(
            person_identifier(pl.col(name), entity=entity, contacts=state.contacts).alias(_PERSON)
        )
    if needs_shift:
        if person is None:
            msg = f"table {contract.name!r} shifts dates but names no person to shift them by"
            raise ValueError(msg)
        frame = frame.with_columns(
            pl.col(_PERSON)
            .map_batches(
                lambda ids: shift_offsets(
                    ids,
                    key=state.shift_key,
                    max_days=state.shift.max_days,
                    whole_weeks=state.shift.whole_weeks,
                ),
                return_dtype=pl.Int32,
                is_elementwise=True,
            )
            .alias(_SHIFT)
        )
    return frame.select(
        [_expression(column, policies[column.source], state).alias(column.name) for column in columns]
    )
