"""The example studies recover the generator's planted effects on a de-identified dataset.

3,000 generated patients (the size the generator's own effect tests use) are
de-identified as a limited data set; each study in ``examples/studies/`` runs on the
result, and the true parameter written by the generator (``truth/effects.json``) must lie
inside the study's confidence interval.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from analysis.models import ModelResult
from analysis.studies import Comparison, StudyResult, load_study, run_study
from data_contracts import Method
from deid import DeidConfig, RiskConfig, run
from deid.synth import generate

pytestmark = pytest.mark.slow

STUDIES = Path(__file__).resolve().parents[2] / "examples" / "studies"
TEST_KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A limited data set from 3,000 generated patients, and the generator's true effects."""
    root = tmp_path_factory.mktemp("planted")
    summary = generate(root / "x", patients=3_000, seed=2024, file_format="parquet")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHTROVE_KEY", TEST_KEY)
        config = DeidConfig(
            emr=root / "x" / "emr",
            crm=root / "x" / "crm",
            environment=root / "x" / "environment",
            out=root / "dataset",
            method=Method.LIMITED_DATA_SET,
            free_text="drop",
            risk=RiskConfig(enforce=False),
        )
        dataset = run(config).out
    truth = json.loads((summary.out_dir / "truth" / "effects.json").read_text(encoding="utf-8"))
    return dataset, truth


def _study(dataset: Path, name: str) -> StudyResult:
    return run_study(load_study(STUDIES / f"{name}.yaml"), dataset)


def _row(study: StudyResult, analysis: str, term: str) -> dict[str, Any]:
    result = study[analysis]
    assert isinstance(result, ModelResult)
    assert result.withheld is None
    return result.table().filter(pl.col("term") == term).row(0, named=True)


def _covers(row: dict[str, Any], value: float) -> bool:
    return bool(row["ci_low"] <= value <= row["ci_high"])


def test_reminders_study_recovers_the_adjusted_odds_ratio_and_shows_the_confounding(
    planted: tuple[Path, dict[str, Any]],
) -> None:
    dataset, truth = planted
    study = _study(dataset, "reminders_and_attendance")
    true_odds_ratio = truth["reminders_and_no_shows"]["true_adjusted_odds_ratio_reminder"]
    adjusted = _row(study, "adjusted", "reminded")
    assert _covers(adjusted, true_odds_ratio)
    assert adjusted["ci_high"] < 1
    lead = _row(study, "adjusted", "lead_weeks")
    assert _covers(
        {**lead, "ci_low": math.log(lead["ci_low"]), "ci_high": math.log(lead["ci_high"])},
        truth["reminders_and_no_shows"]["true_log_odds_per_lead_week"],
    )
    comparison = study["reminder_effect"]
    assert isinstance(comparison, Comparison)
    crude, adjusted_estimate = comparison.rows["estimate"].to_list()
    assert crude > 1 > adjusted_estimate
    assert "crosses 1" in comparison.explanation
    assert "lead_weeks" in comparison.explanation


def test_engagement_study_recovers_the_open_rate_effect(planted: tuple[Path, dict[str, Any]]) -> None:
    dataset, truth = planted
    row = _row(_study(dataset, "engagement_and_follow_up"), "open_rate", "email_open_rate")
    assert _covers(row, math.exp(truth["engagement_follow_up"]["true_log_odds_per_open_rate"]))
    assert row["ci_low"] > 1


def test_satisfaction_study_recovers_the_slope_per_week_of_wait(planted: tuple[Path, dict[str, Any]]) -> None:
    dataset, truth = planted
    row = _row(_study(dataset, "satisfaction_and_waits"), "wait", "lead_weeks")
    assert _covers(row, truth["wait_time_satisfaction"]["true_slope_per_7_days"])
    assert row["ci_high"] < 0


def test_retention_study_recovers_every_channel_odds_ratio(planted: tuple[Path, dict[str, Any]]) -> None:
    dataset, truth = planted
    study = _study(dataset, "channel_and_retention")
    odds_ratios = truth["channel_retention"]["true_odds_ratios"]
    reference = truth["channel_retention"]["reference_channel"]
    for channel, odds_ratio in odds_ratios.items():
        if channel == reference:
            continue
        row = _row(study, "channel", f"C(channel, Treatment('{reference}'))[T.{channel}]")
        assert _covers(row, odds_ratio), channel
    social = _row(study, "channel", f"C(channel, Treatment('{reference}'))[T.Social]")
    assert social["ci_high"] < 1


def test_environment_study_recovers_the_air_quality_and_pollen_rate_ratios(
    planted: tuple[Path, dict[str, Any]],
) -> None:
    dataset, truth = planted
    study = _study(dataset, "environment_and_respiratory")
    effects = truth["air_quality_pollen_respiratory"]
    aqi = _row(study, "exposure", "aqi_10")
    pollen = _row(study, "exposure", "log_pollen")
    assert _covers(aqi, effects["rate_ratio_per_10_aqi"])
    assert _covers(pollen, math.exp(effects["beta_pollen_per_log1p_count"]))
    assert aqi["ci_low"] > 1
    assert pollen["ci_low"] > 1
