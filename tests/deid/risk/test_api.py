"""Pin the public API of deid.risk (the lead wires these names into the run and report)."""

from __future__ import annotations

import inspect

import deid.risk


def test_public_api_is_pinned() -> None:
    assert set(deid.risk.__all__) == {
        "DEFINITIONS",
        "SUPPRESSED_VALUE",
        "AttackerRisk",
        "ClassSizeBucket",
        "Hierarchy",
        "LDiversity",
        "Reduction",
        "RiskInputError",
        "RiskReport",
        "RiskTargetUnreachableError",
        "RiskThresholds",
        "RiskVerdict",
        "age_bands",
        "mapping_levels",
        "measure_risk",
        "reduce_risk",
        "risk_verdict",
        "suppress_level",
        "year_bands",
        "zip3_to_state",
    }
    for name in deid.risk.__all__:
        assert hasattr(deid.risk, name)


def test_signatures() -> None:
    assert list(inspect.signature(deid.risk.measure_risk).parameters) == [
        "frame",
        "quasi_identifiers",
        "sensitive",
        "population",
        "population_count",
        "risk_threshold",
    ]
    assert inspect.signature(deid.risk.measure_risk).parameters["risk_threshold"].default == 0.09
    reduce_parameters = inspect.signature(deid.risk.reduce_risk).parameters
    assert list(reduce_parameters)[:5] == ["frame", "hierarchies", "target_k", "max_suppression", "sensitive"]
    assert reduce_parameters["max_suppression"].default == 0.05
    assert list(inspect.signature(deid.risk.risk_verdict).parameters) == ["report", "thresholds"]
