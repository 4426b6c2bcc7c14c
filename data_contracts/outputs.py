"""The de-identified output tables, derived from the input contracts and the method.

The research zone reads only these tables. Each input table of the EMR and CRM
extracts becomes one output table whose columns follow from each input column's action
under the chosen method, by fixed naming rules:

- ``drop``: no output column;
- ``scrub``: the scrubbed text under its own name (or no column when free text is dropped);
- ``pseudonymise``: ``person_key`` for patient and contact keys (one person, one key in
  every table), ``<entity>_key`` for any other record key;
- ``generalise``: ``<name>_zip3``, ``<name>_year`` (``birthdate_year`` is null for
  people pooled as 90+, flagged by ``age_90_plus``), or a capped age with ``age_90_plus``;
- ``shift``: the shifted date under its own name plus ``<name>_year``;
- ``keep``: the column under its own name; a kept date also gets ``<name>_year``.

Names are snake case (``ActivityDate`` -> ``activity_date``, ``MRN__c`` -> ``mrn``).
Two further tables come from the pipeline itself: ``persons`` and ``exposures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import dataframely as dy
import polars as pl

from data_contracts import phi
from data_contracts.phi import Action, Generalisation, Identifier, Method, PhiClass
from data_contracts.registry import INPUT_TABLES, Source, TableContract, column_policies

__all__ = [
    "AGE_90_PLUS_COLUMN",
    "PERSON_ENTITIES",
    "PERSON_KEY",
    "Exposures",
    "OutputColumn",
    "Persons",
    "output_columns",
    "output_table_name",
    "output_tables",
    "snake_case",
]

PERSON_KEY = "person_key"
PERSON_ENTITIES = frozenset({"patient", "contact"})
AGE_90_PLUS_COLUMN = "age_90_plus"

_CRM_TABLE_NAMES = {
    "Contact": "crm_contacts",
    "Task": "crm_tasks",
    "Campaign": "crm_campaigns",
    "CampaignMember": "crm_campaign_members",
    "Payment__c": "crm_payments",
    "SurveyResponse__c": "crm_survey_responses",
}


@dataclass(frozen=True, kw_only=True)
class OutputColumn:
    """One column of a de-identified output table.

    Attributes
    ----------
    name
        Output column name.
    dtype
        Its polars dtype.
    source
        The input column it derives from.
    action
        The action that produced it.
    role
        What the column holds: ``value``, ``key``, ``year``, ``zip3``, ``flag``, ``text``.
    quasi_identifier
        Whether it counts among the quasi-identifiers for re-identification risk.
    """

    name: str
    dtype: pl.DataType
    source: str
    action: Action
    role: str
    quasi_identifier: bool


def snake_case(name: str) -> str:
    """Return the output spelling of an input column name.

    Examples
    --------
    >>> [snake_case(n) for n in ["ActivityDate", "MRN__c", "BASE_ENCOUNTER_COST", "NPS__c", "Id"]]
    ['activity_date', 'mrn', 'base_encounter_cost', 'nps', 'id']
    """
    base = name.removesuffix("__c")
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", base)
    return re.sub(r"[^0-9a-zA-Z]+", "_", spaced).strip("_").lower()


def output_table_name(contract: TableContract) -> str:
    """Return the output table name of an input table (``Task`` -> ``crm_tasks``)."""
    return _CRM_TABLE_NAMES.get(contract.name, snake_case(contract.name))


def _key_name(entity: str) -> str:
    return PERSON_KEY if entity in PERSON_ENTITIES else f"{entity}_key"


def _year(name: str, source: str, action: Action) -> OutputColumn:
    return OutputColumn(
        name=f"{name}_year",
        dtype=pl.Int32(),
        source=source,
        action=action,
        role="year",
        quasi_identifier=True,
    )


def _flag(source: str) -> OutputColumn:
    return OutputColumn(
        name=AGE_90_PLUS_COLUMN,
        dtype=pl.Boolean(),
        source=source,
        action=Action.GENERALISE,
        role="flag",
        quasi_identifier=True,
    )


def _generalised(name: str, source: str, policy: phi.ColumnPolicy) -> list[OutputColumn]:
    how = policy.generalisation
    if how is Generalisation.ZIP3:
        zip3 = "zip3" if name == "zip" else f"{name}_zip3"
        return [
            OutputColumn(
                name=zip3,
                dtype=pl.String(),
                source=source,
                action=Action.GENERALISE,
                role="zip3",
                quasi_identifier=True,
            )
        ]
    if how is Generalisation.YEAR:
        return [_year(name, source, Action.GENERALISE)]
    if how is Generalisation.BIRTH_YEAR_90_PLUS:
        return [_year(name, source, Action.GENERALISE), _flag(source)]
    capped = OutputColumn(
        name=name,
        dtype=pl.Int32(),
        source=source,
        action=Action.GENERALISE,
        role="value",
        quasi_identifier=True,
    )
    return [capped, _flag(source)]


def _columns_for(
    source: str, column: dy.Column, policy: phi.ColumnPolicy, method: Method, *, free_text: bool
) -> list[OutputColumn]:
    action = policy.action(method)
    name = snake_case(source)
    quasi = policy.phi_class is PhiClass.QUASI_IDENTIFIER
    if action is Action.DROP or (action is Action.SCRUB and not free_text):
        return []
    if action is Action.SCRUB:
        return [
            OutputColumn(
                name=name,
                dtype=pl.String(),
                source=source,
                action=action,
                role="text",
                quasi_identifier=False,
            )
        ]
    if action is Action.PSEUDONYMISE:
        key = _key_name(policy.entity or name)
        return [
            OutputColumn(
                name=key, dtype=pl.String(), source=source, action=action, role="key", quasi_identifier=False
            )
        ]
    if action is Action.GENERALISE:
        return _generalised(name, source, policy)
    value = OutputColumn(
        name=name, dtype=column.dtype, source=source, action=action, role="value", quasi_identifier=quasi
    )
    is_date = policy.identifier is Identifier.DATE and column.dtype in {pl.Date(), pl.Datetime("us")}
    return [value, _year(name, source, action)] if is_date else [value]


def output_columns(
    contract: TableContract, method: Method, *, free_text: bool = True
) -> tuple[OutputColumn, ...]:
    """Return the output columns of ``contract``'s table under ``method``, in input order.

    ``free_text=False`` leaves out the scrubbed free-text columns (a run that drops them).

    Examples
    --------
    >>> from data_contracts.registry import table_contract
    >>> [c.name for c in output_columns(table_contract("conditions"), Method.SAFE_HARBOR)]
    ['start_year', 'stop_year', 'person_key', 'encounter_key', 'system', 'code', 'description']
    """
    policies = column_policies(contract.schema)
    columns: list[OutputColumn] = []
    for source, column in contract.schema.columns().items():
        for output in _columns_for(source, column, policies[source], method, free_text=free_text):
            if output.name not in {existing.name for existing in columns}:
                columns.append(output)
    return tuple(columns)


def output_tables() -> tuple[TableContract, ...]:
    """Return the input tables that become output tables (EMR and CRM, not environment)."""
    return tuple(contract for contract in INPUT_TABLES if contract.source is not Source.ENVIRONMENT)


class Persons(dy.Schema):
    """``persons``: one row per person, EMR patient or CRM contact or both."""

    person_key = dy.String(
        primary_key=True, description="Pseudonymous person key.", metadata=phi.record_key("person")
    )
    in_emr = dy.Bool(description="The person is an EMR patient.", metadata=phi.safe())
    in_crm = dy.Bool(description="The person has at least one CRM contact.", metadata=phi.safe())
    link_rule = dy.String(
        nullable=True,
        description="Rule that linked the CRM contact to the EMR, if linked.",
        metadata=phi.safe(),
    )


class Exposures(dy.Schema):
    """``exposures``: environment values at each encounter, joined on the true date and county."""

    encounter_key = dy.String(
        primary_key=True, description="Pseudonymous encounter key.", metadata=phi.record_key("encounter")
    )
    variable = dy.String(primary_key=True, description="aqi, pollen_total or tmean_c.", metadata=phi.safe())
    person_key = dy.String(description="Pseudonymous person key.", metadata=phi.record_key("person"))
    same_day = dy.Float64(nullable=True, description="Value on the encounter day.", metadata=phi.sensitive())
    lag1 = dy.Float64(nullable=True, description="Value on the day before.", metadata=phi.sensitive())
    mean_7d = dy.Float64(
        nullable=True, description="Mean of the 7 days ending on the encounter day.", metadata=phi.sensitive()
    )
