"""Shared core of healthtrove: table contracts, PHI policies, errors, config and loaders.

Imports nothing else of ours; both the trusted zone (``deid``) and the research zone
(``cohorts``, ``analysis``) depend on it.
"""

import logging

from data_contracts.config import FrozenConfig, SiteMappingConfig, load_yaml_config
from data_contracts.errors import (
    ConfigError,
    HealthtroveError,
    InputError,
    InputValidationError,
    KeyMissingError,
    LeakGateError,
    PrivacyGateError,
    RiskGateError,
    UserError,
)
from data_contracts.loaders import LoadedTable, load_extract, load_table, load_tables
from data_contracts.phi import Action, ColumnPolicy, Generalisation, Identifier, Method, PhiClass
from data_contracts.registry import (
    INPUT_TABLES,
    Source,
    TableContract,
    column_policies,
    table_contract,
    tables_of,
)

__all__ = [
    "INPUT_TABLES",
    "Action",
    "ColumnPolicy",
    "ConfigError",
    "FrozenConfig",
    "Generalisation",
    "HealthtroveError",
    "Identifier",
    "InputError",
    "InputValidationError",
    "KeyMissingError",
    "LeakGateError",
    "LoadedTable",
    "Method",
    "PhiClass",
    "PrivacyGateError",
    "RiskGateError",
    "SiteMappingConfig",
    "Source",
    "TableContract",
    "UserError",
    "column_policies",
    "load_extract",
    "load_table",
    "load_tables",
    "load_yaml_config",
    "table_contract",
    "tables_of",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
