"""Pin the public API of each package, and the zone boundary."""

from __future__ import annotations

import importlib
import pkgutil

import data_contracts
import deid
import healthtrove.cli

EXPECTED_DATA_CONTRACTS = {
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
    "LoadedTable",
    "Method",
    "PhiClass",
    "LeakGateError",
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
}


def test_data_contracts_public_api_is_pinned() -> None:
    assert set(data_contracts.__all__) == EXPECTED_DATA_CONTRACTS
    for name in data_contracts.__all__:
        assert hasattr(data_contracts, name)


def test_deid_public_api() -> None:
    assert set(deid.__all__) == {
        "DeidConfig",
        "DeidResult",
        "RiskConfig",
        "ShiftConfig",
        "rebuild_report",
        "run",
    }
    assert callable(deid.run)


def test_cohorts_disclosure_public_api() -> None:
    import cohorts.disclosure  # noqa: PLC0415

    assert set(cohorts.disclosure.__all__) == {
        "CheckEntry",
        "Checked",
        "CheckedSequence",
        "DisclosurePolicy",
        "OutputLog",
        "check_sequence",
        "display",
        "suppress_counts",
        "suppress_sequence",
    }
    for name in cohorts.disclosure.__all__:
        assert hasattr(cohorts.disclosure, name)


def test_cli_public_api() -> None:
    assert set(healthtrove.cli.__all__) == {"cli", "main", "run"}


def test_research_zone_never_imports_deid() -> None:
    import sys  # noqa: PLC0415

    for package_name in ("cohorts", "analysis"):
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            importlib.import_module(module.name)
    deid_loaded_by_research = [
        name
        for name, module in sys.modules.items()
        if name.startswith(("cohorts", "analysis")) and "deid" in getattr(module, "__dict__", {})
    ]
    assert deid_loaded_by_research == []
    assert deid.__doc__


PINNED_APIS = {
    "analysis": {
        "CaseCrossoverResult",
        "CorrelationResult",
        "ModelResult",
        "PredictionResult",
        "RateTable",
        "TimeSeriesResult",
        "case_crossover_referents",
        "conditional_logistic",
        "correlate",
        "incidence_rates",
        "linear",
        "logistic",
        "negative_binomial",
        "poisson",
        "poisson_timeseries",
        "predict",
        "standardised_rates",
    },
    "analysis.studies": {
        "ANALYSIS_TABLES",
        "AnalysisResult",
        "AnalysisStep",
        "AnalysisTable",
        "CompareStep",
        "Comparison",
        "CorrelateStep",
        "ModelStep",
        "PredictStep",
        "RESPIRATORY_REASONS",
        "RatesStep",
        "StudyAnalysis",
        "StudyFiles",
        "StudyResult",
        "StudySpec",
        "analysis_table",
        "compare_adjustment",
        "load_study",
        "run_study",
        "write_study",
    },
    "healthtrove.pipeline": {
        "DeidStage",
        "LOCK_FILE",
        "PipelineRun",
        "PipelineSpec",
        "STAMP_FILE",
        "SUMMARY_FILE",
        "StageOutcome",
        "SynthStage",
        "load_pipeline",
        "run_pipeline",
    },
}


def test_analysis_studies_and_pipeline_public_apis() -> None:
    for module_name, names in PINNED_APIS.items():
        module = importlib.import_module(module_name)
        assert set(module.__all__) == names, module_name
        for name in names:
            assert hasattr(module, name), f"{module_name}.{name}"
