"""Validation: the example studies recover the generator's planted effects, and how long each takes.

Generates an extract (``--patients``, default 3,000; seed 2024), de-identifies it as a
limited data set, runs every study in ``examples/studies/`` and reports each planted
parameter against the study's estimate and interval, with the time of each study and,
as the baseline measured in the same run, the time of building its analysis table alone.

    .venv/bin/python benchmarks/validate_studies.py --patients 3000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any, cast

import polars as pl
from _report import report

from analysis.models import ModelResult
from analysis.studies import StudyResult, analysis_table, load_study, run_study
from cohorts import Dataset
from data_contracts import Method
from deid import DeidConfig, RiskConfig, run
from deid.synth import generate

STUDIES = Path(__file__).resolve().parents[1] / "examples" / "studies"
SECTION = "## Validation: example studies recover the planted effects"

# (study, analysis, term, how to read the truth, transform of the truth onto the estimate's scale)
CHECKS = (
    (
        "reminders_and_attendance",
        "adjusted",
        "reminded",
        ("reminders_and_no_shows", "true_adjusted_odds_ratio_reminder"),
        float,
    ),
    (
        "engagement_and_follow_up",
        "open_rate",
        "email_open_rate",
        ("engagement_follow_up", "true_log_odds_per_open_rate"),
        math.exp,
    ),
    (
        "satisfaction_and_waits",
        "wait",
        "lead_weeks",
        ("wait_time_satisfaction", "true_slope_per_7_days"),
        float,
    ),
    (
        "channel_and_retention",
        "channel",
        "C(channel, Treatment('Referral'))[T.Social]",
        ("channel_retention", "true_odds_ratios", "Social"),
        float,
    ),
    (
        "channel_and_retention",
        "channel",
        "C(channel, Treatment('Referral'))[T.Mail]",
        ("channel_retention", "true_odds_ratios", "Mail"),
        float,
    ),
    (
        "environment_and_respiratory",
        "exposure",
        "aqi_10",
        ("air_quality_pollen_respiratory", "rate_ratio_per_10_aqi"),
        float,
    ),
    (
        "environment_and_respiratory",
        "exposure",
        "log_pollen",
        ("air_quality_pollen_respiratory", "beta_pollen_per_log1p_count"),
        math.exp,
    ),
)


def _truth_value(truth: dict[str, Any], path: tuple[str, ...]) -> float:
    node: Any = truth
    for key in path:
        node = node[key]
    return float(node)


def _dataset(root: Path, patients: int) -> tuple[Path, dict[str, Any]]:
    os.environ.setdefault("HEALTHTROVE_KEY", "0123456789abcdef0123456789abcdef")
    summary = generate(root / "x", patients=patients, seed=2024, file_format="parquet")
    config = DeidConfig(
        emr=root / "x" / "emr",
        crm=root / "x" / "crm",
        environment=root / "x" / "environment",
        out=root / "dataset",
        method=Method.LIMITED_DATA_SET,
        free_text="drop",
        risk=RiskConfig(enforce=False),
    )
    truth = json.loads((summary.out_dir / "truth" / "effects.json").read_text(encoding="utf-8"))
    return run(config).out, truth


def main() -> int:
    """Generate, de-identify, run the studies and record the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=3_000)
    arguments = parser.parse_args()
    figures: dict[str, str] = {
        "command": f"`.venv/bin/python benchmarks/validate_studies.py --patients {arguments.patients}`"
    }
    with tempfile.TemporaryDirectory() as folder:
        dataset_path, truth = _dataset(Path(folder), arguments.patients)
        dataset = Dataset(dataset_path)
        studies: dict[str, StudyResult] = {}
        for path in sorted(STUDIES.glob("*.yaml")):
            spec = load_study(path)
            started = time.perf_counter()
            studies[spec.name] = run_study(spec, dataset)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            rows = analysis_table(dataset, str(spec.table)).collect().height
            table_seconds = time.perf_counter() - started
            figures[f"{spec.name}: time"] = (
                f"{seconds:.2f} s for {len(spec.analyses)} analyses on {rows:,} rows "
                f"(building the table alone: {table_seconds:.2f} s)"
            )
        covered = 0
        for study_name, analysis, term, truth_path, to_scale in CHECKS:
            result = cast("ModelResult", studies[study_name][analysis])
            row = result.table().filter(pl.col("term") == term).row(0, named=True)
            planted = to_scale(_truth_value(truth, truth_path))
            inside = row["ci_low"] <= planted <= row["ci_high"]
            covered += inside
            figures[f"{study_name} / {analysis} / {term}"] = (
                f"{row['estimate']:.3f} (95% CI {row['ci_low']:.3f} to {row['ci_high']:.3f}); "
                f"planted {planted:.3f}; {'covered' if inside else 'NOT covered'}"
            )
        figures["planted effects covered"] = f"{covered} of {len(CHECKS)}"
    report(SECTION, figures)
    return 0 if covered == len(CHECKS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
