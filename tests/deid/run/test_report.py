"""Every run writes report/report.html and report/report.json; gates fail runs with their exit codes."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_contracts import Method, Source, load_tables
from data_contracts.errors import RiskGateError
from data_contracts.phi import PhiClass
from data_contracts.registry import column_policies
from deid import RiskConfig, rebuild_report
from deid import pipeline as run_module
from deid.pipeline import DeidResult
from deid.report import REPORT_FOLDER, REPORT_HTML, REPORT_JSON, failed_report_folder
from deid.text._measured import measured_figures

from .conftest import RunDeid

GOLDEN_SHAPE = Path(__file__).with_name("report_shape.json")
UPDATE_GOLDEN = "HEALTHTROVE_UPDATE_GOLDEN"
_MIN_TEXT_VALUE = 5
"""Shorter words and numbers are too common to search for (``Ann``, ``2019``, counts)."""


def _report(result: DeidResult) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((result.out / REPORT_FOLDER / REPORT_JSON).read_text())
    return report


# Objects whose keys are names from the data or the software (tables, columns, entity
# types, recognizers, steps, packages): their shape is the union of their values' shapes.
_NAMED_KEYS = frozenset(
    {
        "columns",
        "free_text.by_recognizer",
        "free_text.by_recognizer.*",
        "free_text.safe_list",
        "free_text.replaced",
        "free_text.replaced.*",
        "free_text.texts",
        "inputs",
        "outputs",
        "safe_harbor.checklist.input_columns",
        "residual.leak_check.values_checked",
        "residual.leak_check.record_aware.texts_checked",
        "residual.leak_check.record_aware.common_word_texts",
        "residual.text_rescan.by_type",
        "linkage.by_rule",
        "seconds",
        "risk.sources",
        "risk.measures.definitions",
        "run.versions",
        "safe_harbor.geography.records_with_zip3_000",
        "safe_harbor.geography.ages_90_plus_pooled",
    }
)


def _shape(value: object, path: str = "") -> object:
    """The structure of a JSON value: object keys, list element shapes, leaf types."""
    if isinstance(value, dict):
        if path in _NAMED_KEYS:
            return {"*": _union([_shape(inner, f"{path}.*") for inner in value.values()])}
        return {key: _shape(inner, f"{path}.{key}".lstrip(".")) for key, inner in sorted(value.items())}
    if isinstance(value, list):
        return [_union([_shape(inner, path) for inner in value])]
    return "null" if value is None else type(value).__name__


def _union(shapes: list[object]) -> object:
    """One shape for many: objects merged key by key, leaf types joined with ``|``."""
    if not shapes:
        return "empty"
    if all(isinstance(shape, dict) for shape in shapes):
        keys = sorted({key for shape in shapes for key in shape})  # type: ignore[attr-defined]
        return {key: _union([shape[key] for shape in shapes if key in shape]) for key in keys}  # type: ignore[index]
    if all(isinstance(shape, list) for shape in shapes):
        return [_union([inner for shape in shapes for inner in shape])]  # type: ignore[attr-defined]
    leaves = {part for shape in shapes if isinstance(shape, str) for part in shape.split("|")}
    return "|".join(sorted(leaves - {"empty"} or leaves))


def test_each_method_writes_both_report_files(published: dict[Method, DeidResult]) -> None:
    for method, result in published.items():
        folder = result.out / REPORT_FOLDER
        assert result.report == folder / REPORT_HTML
        report = _report(result)
        assert report["run"]["method"] == method.value
        assert report["verdict"]["status"] == "pass"
        assert report["verdict"]["gates"]["leak_check"] == "pass"
        assert report["verdict"]["gates"]["risk"] == "reported"
        html = (folder / REPORT_HTML).read_text()
        assert "De-identification report" in html
        assert html.index('id="verdict"') < html.index('id="run"')
        assert not failed_report_folder(result.out).exists()


def test_report_json_structure_matches_the_golden_file(scrubbed: dict[Method, DeidResult]) -> None:
    shape = _shape(_report(scrubbed[Method.EXPERT_DETERMINATION]))
    if os.environ.get(UPDATE_GOLDEN) == "1":
        GOLDEN_SHAPE.write_text(json.dumps(shape, indent=2, sort_keys=True) + "\n")
    golden = json.loads(GOLDEN_SHAPE.read_text())
    assert shape == golden, (
        f"report.json changed shape; if intended, bump REPORT_SCHEMA_VERSION and rerun with {UPDATE_GOLDEN}=1"
    )


def test_report_html_is_self_contained(scrubbed: dict[Method, DeidResult]) -> None:
    html = (scrubbed[Method.SAFE_HARBOR].report or Path()).read_text()
    assert "<script" not in html
    assert " src=" not in html
    assert "<link" not in html
    assert "url(" not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)
    assert "<svg" in html


def _identifier_values(extract: Path) -> Iterator[str]:
    """Every input value of a direct identifier, record key, free text or full date column."""
    for source in (Source.EMR, Source.CRM):
        for table in load_tables(extract / source.value, source).values():
            policies = column_policies(table.contract.schema)
            frame = table.frame.collect()
            for column, policy in policies.items():
                if column not in frame.columns:
                    continue
                identifying = policy.phi_class in {PhiClass.DIRECT_IDENTIFIER, PhiClass.RECORD_KEY}
                full_date = frame.schema[column] in {pl.Date(), pl.Datetime("us")} and policy.identifier
                if identifying or full_date:
                    yield from (str(value) for value in frame.get_column(column).drop_nulls().unique())
            if table.contract.name == "patients":
                yield from (f"{first} {last}" for first, last in frame.select("FIRST", "LAST").iter_rows())


def _searchable(value: str) -> bool:
    return len(value) >= _MIN_TEXT_VALUE and not (value.isdigit() and len(value) < 7)


def test_report_states_the_text_policy_and_the_measured_figures(scrubbed: dict[Method, DeidResult]) -> None:
    result = scrubbed[Method.SAFE_HARBOR]
    free_text = _report(result)["free_text"]
    assert free_text["policy"] == "high_recall"
    assert {"wordfreq", "simple-icd-10-cm", "drug-named-entity-recognition"} <= set(free_text["safe_list"])
    shipped = measured_figures()
    assert free_text["measured"]["version"] == shipped.version
    figures = free_text["measured"]["figures"]
    assert len(figures) == len(shipped.of("high_recall")) > 0
    html = (result.out / REPORT_FOLDER / REPORT_HTML).read_text()
    assert "Text policy: <code>high_recall</code>" in html
    for figure in figures:
        assert f"<td>{figure['corpus']}</td><td>{figure['style']}</td>" in html
        assert f"{figure['recall']:.3f}" in html


def test_report_holds_no_input_value(small_extract: Path, scrubbed: dict[Method, DeidResult]) -> None:
    values = {value for value in _identifier_values(small_extract) if _searchable(value)}
    assert len(values) > 1_000
    for result in scrubbed.values():
        folder = result.out / REPORT_FOLDER
        report = _report(result)
        assert report["free_text"]["excerpts"], "the scrubbed run shows de-identified excerpts"
        for path in (folder / REPORT_JSON, folder / REPORT_HTML):
            text = path.read_text()
            tokens = set(re.findall(r"[\w@.+:-]+", text))
            whole = {value for value in values if " " in value and value in text}
            assert not values & tokens, f"{path.name} holds input values"
            assert not whole, f"{path.name} holds input names"


def test_report_counts_match_the_run(scrubbed: dict[Method, DeidResult]) -> None:
    result = scrubbed[Method.SAFE_HARBOR]
    report = _report(result)
    checklist = {row["identifier"]: row for row in report["safe_harbor"]["checklist"]}
    assert checklist["names"]["verdict"] == "removed"
    assert checklist["names"]["text_detections"] > 0
    assert checklist["names"]["values_transformed"] > 0
    assert checklist["social_security_numbers"]["input_columns"] == {"patients.SSN": "drop"}
    assert checklist["full_face_photographs"]["verdict"] == "not present"
    assert report["outputs"]["patients"]["rows"] == result.tables["patients"]
    measures = report["risk"]["measures"]
    assert measures["records"] == result.tables["persons"]
    assert report["residual"]["text_rescan"]["texts_scanned"] > 0
    assert report["date_shifting"] is None
    shifted = _report(scrubbed[Method.EXPERT_DETERMINATION])["date_shifting"]
    assert shifted["persons"] > 0
    assert -182 <= shifted["min_days"] < 0 < shifted["max_days"] <= 182
    assert "HEALTHTROVE_KEY" not in json.dumps(report)


def test_a_planted_unique_combination_fails_with_exit_9(
    extract: Path, run_deid: RunDeid, tmp_path: Path
) -> None:
    risk = {"quasi_identifiers": ["sex"], "k": 5, "enforce": True}
    passing = run_deid(tmp_path / "ok", Method.EXPERT_DETERMINATION, risk=risk)
    assert passing.verdict["gates"]["risk"] == "pass"

    planted = tmp_path / "planted"
    for source in ("emr", "crm", "environment"):
        (planted / source).mkdir(parents=True)
        for file in (extract / source).iterdir():
            (planted / source / file.name).symlink_to(file)
    patients = pl.read_csv(extract / "emr" / "patients.csv", infer_schema_length=0)
    patients = patients.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("U")).otherwise(pl.col("GENDER")).alias("GENDER")
    )
    (planted / "emr" / "patients.csv").unlink()
    patients.write_csv(planted / "emr" / "patients.csv")

    out = tmp_path / "out"
    with pytest.raises(RiskGateError) as caught:
        run_module.run(
            run_module.DeidConfig.model_validate(
                {
                    "emr": planted / "emr",
                    "crm": planted / "crm",
                    "environment": planted / "environment",
                    "out": out,
                    "method": Method.EXPERT_DETERMINATION,
                    "free_text": "drop",
                    "risk": risk,
                }
            )
        )
    assert caught.value.exit_code == 9
    assert "k = 1" in str(caught.value)
    assert not out.exists()
    report = json.loads((failed_report_folder(out) / REPORT_JSON).read_text())
    assert report["verdict"]["gates"] == {"leak_check": "pass", "risk": "fail"}
    assert report["risk"]["measures"]["k"] == 1
    assert report["risk"]["measures"]["sample_uniques"] == 1


def test_report_only_rebuilds_with_new_thresholds(published: dict[Method, DeidResult]) -> None:
    dataset = published[Method.SAFE_HARBOR].out
    lenient = rebuild_report(dataset, risk=RiskConfig(quasi_identifiers=("sex",), k=2, enforce=True))
    assert lenient.verdict["status"] == "pass"
    strict = rebuild_report(dataset, risk=RiskConfig(k=11, enforce=True))
    assert strict.verdict["gates"]["risk"] == "fail"
    with pytest.raises(RiskGateError):
        strict.raise_for_gates()
    assert json.loads((dataset / REPORT_FOLDER / REPORT_JSON).read_text())["verdict"]["status"] == "fail"
    rebuild_report(dataset, risk=RiskConfig())  # leave the shared dataset's report as the run wrote it


def test_result_shows_a_compact_summary_in_jupyter(published: dict[Method, DeidResult]) -> None:
    html = published[Method.SAFE_HARBOR]._repr_html_()
    assert "PASS" in html
    assert "k = " in html
    assert "leak check: pass" in html
