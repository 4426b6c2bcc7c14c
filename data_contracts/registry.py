"""The catalogue of input tables: where each lives, its schema and header tolerance.

A :class:`TableContract` ties a schema to a file name within an extract folder
(``emr/``, ``crm/``, ``environment/``) and lists the older header names that map onto
a column. A file may omit any nullable column (Synthea versions differ): it is read as
nulls and the load summary says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import dataframely as dy

from data_contracts.phi import POLICY_METADATA_KEY, ColumnPolicy
from data_contracts.schemas import crm, emr, environment

__all__ = [
    "INPUT_TABLES",
    "Source",
    "TableContract",
    "column_policies",
    "table_contract",
    "tables_of",
]


class Source(StrEnum):
    """Which extract folder a table belongs to."""

    EMR = "emr"
    CRM = "crm"
    ENVIRONMENT = "environment"


@dataclass(frozen=True, kw_only=True)
class TableContract:
    """How one input table is found, read and validated.

    Parameters
    ----------
    name
        Table name used in messages and outputs (``patients``, ``Contact``).
    source
        The extract folder it lives in.
    schema
        The dataframely schema: columns, types, nullability, primary key, checks.
    file_stem
        File name without extension; ``.csv`` and ``.parquet`` are both accepted. A
        trailing ``*`` matches several files (yearly EPA downloads), read as one table.
    required
        Whether an extract without this table is an error.
    header_aliases
        Other header names (older Synthea versions, site spellings) for a column.
    """

    name: str
    source: Source
    schema: type[dy.Schema]
    file_stem: str
    required: bool = False
    header_aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        known = set(self.schema.column_names())
        unknown = set(self.header_aliases.values()) - known
        if unknown:
            msg = f"contract {self.name!r} refers to columns its schema lacks: {sorted(unknown)}"
            raise ValueError(msg)


def _aliases(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


INPUT_TABLES: tuple[TableContract, ...] = (
    TableContract(
        name="patients",
        source=Source.EMR,
        schema=emr.Patients,
        file_stem="patients",
        required=True,
    ),
    TableContract(
        name="encounters",
        source=Source.EMR,
        schema=emr.Encounters,
        file_stem="encounters",
        required=True,
        header_aliases=_aliases(COST="BASE_ENCOUNTER_COST"),
    ),
    TableContract(
        name="conditions",
        source=Source.EMR,
        schema=emr.Conditions,
        file_stem="conditions",
    ),
    TableContract(
        name="medications",
        source=Source.EMR,
        schema=emr.Medications,
        file_stem="medications",
        header_aliases=_aliases(COST="BASE_COST"),
    ),
    TableContract(
        name="observations",
        source=Source.EMR,
        schema=emr.Observations,
        file_stem="observations",
    ),
    TableContract(
        name="procedures",
        source=Source.EMR,
        schema=emr.Procedures,
        file_stem="procedures",
        header_aliases=_aliases(DATE="START", COST="BASE_COST"),
    ),
    TableContract(
        name="immunizations",
        source=Source.EMR,
        schema=emr.Immunizations,
        file_stem="immunizations",
        header_aliases=_aliases(COST="BASE_COST"),
    ),
    TableContract(
        name="allergies",
        source=Source.EMR,
        schema=emr.Allergies,
        file_stem="allergies",
    ),
    TableContract(name="careplans", source=Source.EMR, schema=emr.Careplans, file_stem="careplans"),
    TableContract(
        name="providers",
        source=Source.EMR,
        schema=emr.Providers,
        file_stem="providers",
        header_aliases=_aliases(UTILIZATION="ENCOUNTERS"),
    ),
    TableContract(
        name="organizations",
        source=Source.EMR,
        schema=emr.Organizations,
        file_stem="organizations",
    ),
    TableContract(
        name="payers",
        source=Source.EMR,
        schema=emr.Payers,
        file_stem="payers",
    ),
    TableContract(name="notes", source=Source.EMR, schema=emr.Notes, file_stem="notes"),
    TableContract(name="appointments", source=Source.EMR, schema=emr.Appointments, file_stem="appointments"),
    TableContract(name="Contact", source=Source.CRM, schema=crm.Contact, file_stem="Contact", required=True),
    TableContract(name="Task", source=Source.CRM, schema=crm.Task, file_stem="Task"),
    TableContract(name="Campaign", source=Source.CRM, schema=crm.Campaign, file_stem="Campaign"),
    TableContract(
        name="CampaignMember", source=Source.CRM, schema=crm.CampaignMember, file_stem="CampaignMember"
    ),
    TableContract(name="Payment__c", source=Source.CRM, schema=crm.Payment, file_stem="Payment__c"),
    TableContract(
        name="SurveyResponse__c", source=Source.CRM, schema=crm.SurveyResponse, file_stem="SurveyResponse__c"
    ),
    TableContract(
        name="daily_aqi",
        source=Source.ENVIRONMENT,
        schema=environment.DailyAqi,
        file_stem="daily_aqi_by_county*",
    ),
    TableContract(
        name="pollen", source=Source.ENVIRONMENT, schema=environment.DailyPollen, file_stem="pollen"
    ),
    TableContract(
        name="temperature",
        source=Source.ENVIRONMENT,
        schema=environment.DailyTemperature,
        file_stem="temperature",
    ),
)


def tables_of(source: Source) -> tuple[TableContract, ...]:
    """Return the contracts of one extract folder, in catalogue order."""
    return tuple(contract for contract in INPUT_TABLES if contract.source is source)


def table_contract(name: str) -> TableContract:
    """Return the contract of the input table called ``name``.

    Raises
    ------
    KeyError
        If no input table has that name; the message lists the known names.
    """
    for contract in INPUT_TABLES:
        if contract.name == name:
            return contract
    known = ", ".join(contract.name for contract in INPUT_TABLES)
    msg = f"no input table named {name!r}; known tables: {known}"
    raise KeyError(msg)


def column_policies(schema: type[dy.Schema]) -> dict[str, ColumnPolicy]:
    """Return the PHI policy of every column of ``schema``, by column name.

    Raises
    ------
    ValueError
        If a column declares no policy: every contract column must (fail closed).
    """
    policies: dict[str, ColumnPolicy] = {}
    for name, column in schema.columns().items():
        policy = (column.metadata or {}).get(POLICY_METADATA_KEY)
        if not isinstance(policy, ColumnPolicy):
            msg = f"column {name!r} of schema {schema.__name__} declares no PHI policy"
            raise ValueError(msg)
        policies[name] = policy
    return policies
