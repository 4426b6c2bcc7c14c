from __future__ import annotations

import polars as pl
import pytest

from deid.risk import RiskInputError, RiskThresholds, measure_risk, risk_verdict


def test_failures_are_sentences_of_figures(sample: pl.DataFrame) -> None:
    report = measure_risk(sample, ["sex", "zip3"], risk_threshold=0.2)
    verdict = risk_verdict(report, RiskThresholds(k=11, highest_risk=0.09, records_at_risk=0.05))
    assert not verdict.passed
    assert verdict.failures == (
        "k = 1 is below the threshold 11",
        "the highest record risk 1 is above the threshold 0.09",
        "50.00% of records are at risk (record risk above 0.2), above the threshold 5.00%",
    )


def test_passing_report(sample: pl.DataFrame) -> None:
    report = measure_risk(sample.filter(pl.col("sex") == "F", pl.col("zip3") == "100"), ["sex", "zip3"])
    verdict = risk_verdict(report, RiskThresholds(k=6, highest_risk=1 / 6, records_at_risk=1.0))
    assert verdict.passed
    assert verdict.failures == ()


def test_records_at_risk_unchecked_by_default(sample: pl.DataFrame) -> None:
    report = measure_risk(sample, ["sex", "zip3"])
    verdict = risk_verdict(report, RiskThresholds(k=1, highest_risk=1.0))
    assert verdict.passed


def test_defaults_follow_expert_determination_practice() -> None:
    assert RiskThresholds() == RiskThresholds(k=11, highest_risk=0.09, records_at_risk=None)


@pytest.mark.parametrize(
    "arguments",
    [
        {"k": 0},
        {"k": 2.5},
        {"k": True},
        {"highest_risk": 0},
        {"highest_risk": 1.5},
        {"records_at_risk": -0.1},
    ],
)
def test_thresholds_are_validated(arguments: dict[str, float]) -> None:
    with pytest.raises(RiskInputError, match="RiskThresholds"):
        RiskThresholds(**arguments)  # type: ignore[arg-type]


def test_a_smallest_class_of_eleven_meets_the_default_highest_risk() -> None:
    eleven = measure_risk(pl.DataFrame({"sex": ["F"] * 11 + ["M"] * 12}), ["sex"])
    ten = measure_risk(pl.DataFrame({"sex": ["F"] * 10 + ["M"] * 12}), ["sex"])
    assert risk_verdict(eleven, RiskThresholds()).passed
    assert risk_verdict(ten, RiskThresholds()).failures == (
        "k = 10 is below the threshold 11",
        "the highest record risk 0.1 is above the threshold 0.09",
    )
