"""Assemble the report's facts (``report.json``) from a run's manifest and its output dataset.

Everything here is a count, a share, a name of a table, column, rule or recognizer, a
version, a hash or a time; the only text taken from the data is the handful of excerpts,
and those come from the *de-identified* output. Nothing is read from the inputs: the
run records what it knew about them (row counts, per-column counts, linkage and
shifting summaries) in its manifest, and ``--report-only`` rebuilds the report from
the published dataset alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from data_contracts.errors import InputError
from data_contracts.phi import Method
from deid.config import RiskConfig
from deid.generalise import RESTRICTED_ZIP3, RESTRICTED_ZIP3_REPLACEMENT, RESTRICTED_ZIP3_VERSION
from deid.publish import MANIFEST_FILE
from deid.report._checklist import safe_harbor_checklist
from deid.report._risk import risk_section
from deid.report._text import rescan, sample_excerpts, text_columns

if TYPE_CHECKING:
    from deid.text import TextEngine

__all__ = ["REPORT_KIND", "REPORT_SCHEMA_VERSION", "build_report", "read_manifest"]

REPORT_KIND = "healthtrove.deid_report"
REPORT_SCHEMA_VERSION = 1
"""Bumped whenever a key of ``report.json`` is renamed, removed or changes meaning."""


def _tables(dataset: Path, manifest: Mapping[str, Any]) -> dict[str, pl.LazyFrame]:
    return {name: pl.scan_parquet(dataset / facts["file"]) for name, facts in manifest["outputs"].items()}


def _count(tables: Mapping[str, pl.LazyFrame], table: str, column: str, expression: pl.Expr) -> int:
    if table not in tables or column not in tables[table].collect_schema().names():
        return 0
    return int(tables[table].select(expression.sum()).collect().item() or 0)


def _geography(tables: Mapping[str, pl.LazyFrame]) -> dict[str, Any]:
    zip3_columns = [("patients", "zip3"), ("crm_contacts", "mailing_postal_code_zip3")]
    pooled_columns = [("patients", "age_90_plus"), ("crm_contacts", "age_90_plus")]
    return {
        "restricted_zip3_version": RESTRICTED_ZIP3_VERSION,
        "restricted_zip3_prefixes": sorted(RESTRICTED_ZIP3),
        "records_with_zip3_000": {
            f"{table}.{column}": _count(tables, table, column, pl.col(column) == RESTRICTED_ZIP3_REPLACEMENT)
            for table, column in zip3_columns
        },
        "ages_90_plus_pooled": {
            f"{table}.{column}": _count(tables, table, column, pl.col(column).cast(pl.Int64))
            for table, column in pooled_columns
        },
    }


def _verdict(manifest: Mapping[str, Any], risk: Mapping[str, Any]) -> dict[str, Any]:
    leak = manifest["leak_check"]
    reasons: list[str] = []
    if not leak["passed"]:
        reasons.append(
            f"the leak check found input identifiers in the output ({len(leak['findings'])} finding(s))"
        )
    risk_failed = not risk["verdict"]["passed"]
    if risk_failed and risk["enforced"]:
        reasons.extend(risk["verdict"]["failures"])
    notes = []
    if risk_failed and not risk["enforced"]:
        notes.append(
            "re-identification risk is above the thresholds; under this method it is reported, not enforced"
        )
    return {
        "status": "fail" if reasons else "pass",
        "released": not reasons,
        "reasons": reasons,
        "notes": notes,
        "gates": {
            "leak_check": "pass" if leak["passed"] else "fail",
            "risk": ("pass" if not risk_failed else "fail") if risk["enforced"] else "reported",
        },
    }


def read_manifest(dataset: Path) -> dict[str, Any]:
    """The run manifest of ``dataset`` (a published or staged de-identified dataset)."""
    path = dataset / MANIFEST_FILE
    if not path.is_file():
        msg = f"{dataset} is not a de-identified dataset: {MANIFEST_FILE} is missing"
        raise InputError(msg)
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def build_report(
    dataset: Path,
    *,
    risk: RiskConfig,
    seed: int,
    engine: TextEngine | None = None,
    excerpts: bool = True,
) -> dict[str, Any]:
    """Build the facts of ``report.json`` for the dataset in ``dataset``.

    Parameters
    ----------
    dataset
        Folder holding the output Parquet tables and ``manifest.json``.
    risk
        Quasi-identifiers and thresholds of the risk measures.
    seed
        Seed of the excerpt and re-scan samples.
    engine
        Text engine for the residual re-scan of output text; without one the re-scan
        is reported as not run.
    excerpts
        Show de-identified excerpts; ``False`` withholds them (a run whose leak check
        failed: its output text may hold identifiers).

    Returns
    -------
    dict
        The report, JSON-ready (the README's report section describes each part).
    """
    manifest = read_manifest(dataset)
    method = Method(manifest["method"])
    tables = _tables(dataset, manifest)
    columns = text_columns(tables, method)
    free_text = dict(manifest["free_text"])
    free_text["excerpts"] = sample_excerpts(tables, columns, seed=seed) if excerpts else []
    free_text["excerpts_withheld"] = not excerpts
    risk_facts = risk_section(tables, method, risk)
    return {
        "kind": REPORT_KIND,
        "schema_version": REPORT_SCHEMA_VERSION,
        "verdict": _verdict(manifest, risk_facts),
        "run": manifest["run"],
        "inputs": manifest["inputs"],
        "outputs": manifest["outputs"],
        "safe_harbor": {
            "checklist": safe_harbor_checklist(
                manifest["columns"], free_text.get("replaced", {}), manifest["leak_check"]["findings"]
            ),
            "geography": _geography(tables),
        },
        "columns": manifest["columns"],
        "columns_dropped": manifest["columns_dropped"],
        "free_text": free_text,
        "linkage": manifest["linkage"],
        "date_shifting": manifest["date_shifting"],
        "residual": {
            "leak_check": manifest["leak_check"],
            "text_rescan": None
            if engine is None or not columns
            else rescan(tables, columns, engine=engine, seed=seed),
        },
        "risk": risk_facts,
        "seconds": manifest["seconds"],
    }
