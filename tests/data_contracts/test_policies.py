"""Every contract column declares a PHI policy, and the defaults follow HIPAA.md."""

from __future__ import annotations

import pytest

from data_contracts import INPUT_TABLES, Action, Identifier, Method, PhiClass, column_policies
from data_contracts.outputs import Exposures, Persons, output_columns, output_tables
from data_contracts.phi import ColumnPolicy, Generalisation

ALL_INPUT_COLUMNS = [
    (contract.name, name, policy)
    for contract in INPUT_TABLES
    for name, policy in column_policies(contract.schema).items()
]
IDS = [f"{table}.{column}" for table, column, _ in ALL_INPUT_COLUMNS]

# Safe Harbor categories that no method may keep (limited data sets keep dates and
# city/state/ZIP only, HIPAA.md 164.514(e)).
NEVER_KEPT = set(Identifier) - {Identifier.DATE, Identifier.GEOGRAPHY}


@pytest.mark.parametrize(("table", "column", "policy"), ALL_INPUT_COLUMNS, ids=IDS)
def test_safe_harbor_keeps_no_identifier(table: str, column: str, policy: ColumnPolicy) -> None:
    action = policy.action(Method.SAFE_HARBOR)
    if policy.identifier is not None and policy.phi_class is not PhiClass.RECORD_KEY:
        assert action in {Action.DROP, Action.GENERALISE}, f"{table}.{column} would survive Safe Harbor"


@pytest.mark.parametrize(("table", "column", "policy"), ALL_INPUT_COLUMNS, ids=IDS)
def test_direct_identifiers_are_dropped_by_every_method(
    table: str, column: str, policy: ColumnPolicy
) -> None:
    if policy.identifier in NEVER_KEPT and policy.phi_class is not PhiClass.RECORD_KEY:
        assert set(policy.actions().values()) == {Action.DROP}, f"{table}.{column}"


@pytest.mark.parametrize(("table", "column", "policy"), ALL_INPUT_COLUMNS, ids=IDS)
def test_free_text_is_always_scrubbed(table: str, column: str, policy: ColumnPolicy) -> None:
    assert (policy.phi_class is PhiClass.FREE_TEXT) == (Action.SCRUB in policy.actions().values()), column


@pytest.mark.parametrize(("table", "column", "policy"), ALL_INPUT_COLUMNS, ids=IDS)
def test_record_keys_are_pseudonymised(table: str, column: str, policy: ColumnPolicy) -> None:
    if policy.phi_class is PhiClass.RECORD_KEY:
        assert set(policy.actions().values()) == {Action.PSEUDONYMISE}, column


def test_expected_classes_of_key_columns() -> None:
    policies = {(table, column): policy for table, column, policy in ALL_INPUT_COLUMNS}
    birth = policies["patients", "BIRTHDATE"]
    assert birth.generalisation is Generalisation.BIRTH_YEAR_90_PLUS
    assert birth.actions() == {
        Method.SAFE_HARBOR: Action.GENERALISE,
        Method.LIMITED_DATA_SET: Action.KEEP,
        Method.EXPERT_DETERMINATION: Action.SHIFT,
    }
    assert policies["patients", "ZIP"].generalisation is Generalisation.ZIP3
    assert policies["patients", "CITY"].action(Method.SAFE_HARBOR) is Action.DROP
    assert policies["patients", "CITY"].action(Method.LIMITED_DATA_SET) is Action.KEEP
    assert policies["Contact", "MRN__c"].identifier is Identifier.MRN
    assert policies["notes", "TEXT"].phi_class is PhiClass.FREE_TEXT
    assert policies["Task", "Description"].phi_class is PhiClass.FREE_TEXT


def test_policy_rejects_keeping_a_direct_identifier() -> None:
    with pytest.raises(ValueError, match="direct identifier cannot be kept"):
        ColumnPolicy(
            phi_class=PhiClass.DIRECT_IDENTIFIER,
            identifier=Identifier.NAME,
            safe_harbor=Action.DROP,
            limited_data_set=Action.KEEP,
            expert_determination=Action.DROP,
        )


def test_policy_rejects_generalise_without_how() -> None:
    with pytest.raises(ValueError, match="must name its generalisation"):
        ColumnPolicy(
            phi_class=PhiClass.QUASI_IDENTIFIER,
            identifier=Identifier.DATE,
            safe_harbor=Action.GENERALISE,
            limited_data_set=Action.KEEP,
            expert_determination=Action.SHIFT,
        )


def test_every_person_level_output_table_is_keyed_by_person_key() -> None:
    reference_tables = {"providers", "organizations", "payers", "Campaign"}
    for contract in output_tables():
        for method in Method:
            names = [column.name for column in output_columns(contract, method)]
            assert len(names) == len(set(names)), contract.name
            assert ("person_key" in names) != (contract.name in reference_tables), contract.name
    for schema in (Persons, Exposures):
        assert "person_key" in schema.column_names()
        column_policies(schema)  # raises when a column declares no policy


def test_no_output_column_carries_an_identifier_safe_harbor_removes() -> None:
    for contract in output_tables():
        policies = column_policies(contract.schema)
        for column in output_columns(contract, Method.SAFE_HARBOR):
            policy = policies[column.source]
            if policy.phi_class is PhiClass.DIRECT_IDENTIFIER:
                pytest.fail(f"{contract.name}.{column.source} reaches the Safe Harbor output")
            if policy.identifier is Identifier.DATE:
                assert column.role in {"year", "flag"}, column


def test_every_column_is_described() -> None:
    schemas = [contract.schema for contract in INPUT_TABLES] + [Persons, Exposures]
    for schema in schemas:
        for name, column in schema.columns().items():
            assert column.description, f"{schema.__name__}.{name} has no description"
