"""Tests of analysis.predict on seeded simulated data, and of its metrics against hand computations."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from matplotlib.figure import Figure
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_auc_score

from analysis import PredictionResult, predict
from analysis._prediction_metrics import auroc_delong, brier_score, calibration_bins
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError, InputError

PLANTED = "zq987654"  # a value planted in the data that must never reach a message


def simulated(persons: int = 600, *, seed: int = 7) -> pl.DataFrame:
    """A planted strong predictor, a weak one, pure noise and a categorical noise column."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=persons)
    weak = rng.normal(size=persons)
    logit = 4.0 * signal + 0.5 * weak
    case = (rng.random(persons) < 1 / (1 + np.exp(-logit))).astype(int)
    return pl.DataFrame(
        {
            "case": case,
            "signal": signal,
            "weak": weak,
            "noise": rng.normal(size=persons),
            "region": rng.choice(["north", "south", "east"], size=persons),
        }
    )


def metric(result: PredictionResult, name: str) -> dict[str, object]:
    return result.table().filter(pl.col("metric") == name).row(0, named=True)


@pytest.fixture(scope="module")
def strong() -> PredictionResult:
    return predict(simulated(), outcome="case", features=["noise", "region", "weak", "signal"])


def test_brier_score_by_hand() -> None:
    outcome = np.array([1.0, 0.0, 1.0, 0.0])
    probability = np.array([0.9, 0.2, 0.6, 0.5])
    # (0.1^2 + 0.2^2 + 0.4^2 + 0.5^2) / 4 = (0.01 + 0.04 + 0.16 + 0.25) / 4
    assert brier_score(outcome, probability) == pytest.approx(0.115)


def test_delong_auc_and_variance_by_hand() -> None:
    outcome = np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
    probability = np.array([0.9, 0.7, 0.4, 0.5, 0.3, 0.1])
    auc = auroc_delong(outcome, probability, alpha=0.05)
    # 8 of the 9 event / non-event pairs are ordered correctly.
    assert auc.estimate == pytest.approx(8 / 9)
    # Placement values: events outrank [1, 1, 2/3] of the non-events, non-events are
    # outranked by [2/3, 1, 1] of the events; variance = var(v10)/3 + var(v01)/3 (ddof 1).
    v10, v01 = np.array([1, 1, 2 / 3]), np.array([1 / 3, 0, 0])
    variance = np.var(v10, ddof=1) / 3 + np.var(v01, ddof=1) / 3
    assert auc.std_error == pytest.approx(np.sqrt(variance))
    assert auc.ci_low == pytest.approx(8 / 9 - 1.959963984540054 * np.sqrt(variance))
    assert auc.ci_high == 1.0  # clipped


def test_delong_matches_sklearn_auc_with_ties() -> None:
    rng = np.random.default_rng(3)
    outcome = rng.integers(0, 2, size=200).astype(float)
    probability = np.round(rng.random(200), 1)  # many ties
    auc = auroc_delong(outcome, probability, alpha=0.05)
    assert auc.estimate == pytest.approx(roc_auc_score(outcome, probability))
    assert auc.ci_low < auc.estimate < auc.ci_high


def test_calibration_bins_match_sklearn_when_nothing_is_merged() -> None:
    rng = np.random.default_rng(5)
    probability = 0.25 + 0.5 * rng.random(1000)  # some 25 or more events and non-events per bin
    outcome = (rng.random(1000) < probability).astype(float)
    bins = calibration_bins(outcome, probability, smallest=11)
    observed, predicted = calibration_curve(outcome, probability, n_bins=10, strategy="quantile")
    assert bins.merged == 0
    assert bins.persons.tolist() == [100] * 10
    np.testing.assert_allclose(bins.predicted, predicted)
    np.testing.assert_allclose(bins.observed, observed)


def test_small_calibration_bins_are_merged_with_their_means_recomputed() -> None:
    probability = np.linspace(0.01, 0.99, 150)
    outcome = (np.arange(150) % 3 == 0).astype(float)
    bins = calibration_bins(outcome, probability, smallest=20)
    # Ten bins of 15 persons, 5 events each. Merges, fewest events first (first on ties),
    # into the neighbour with fewer events (previous on ties): 0+1, 2+3, 4+5, 6+7, 8+9
    # (five bins of 10 events), then 01+23 (20 events), 45+67, and 89 into 4567 (the last).
    assert bins.merged == 8
    assert bins.persons.tolist() == [60, 90]
    np.testing.assert_allclose(bins.predicted, [probability[:60].mean(), probability[60:].mean()])
    np.testing.assert_allclose(bins.observed, [20 / 60, 30 / 90])
    assert bins.released


def bins_with_events(events_per_bin: list[int], *, size: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Equal quantile bins of ``size`` persons, the first ``events`` of each bin with the event."""
    probability = np.linspace(0.01, 0.99, size * len(events_per_bin))
    outcome = np.concatenate([(np.arange(size) < events).astype(float) for events in events_per_bin])
    return outcome, probability


def test_a_bin_with_enough_persons_but_few_events_is_merged_into_the_neighbour_with_fewer() -> None:
    events_per_bin = [15, 15, 15, 18, 2, 12, 15, 15, 15, 15]  # bin 4: 30 persons, 2 events
    outcome, probability = bins_with_events(events_per_bin)
    bins = calibration_bins(outcome, probability, smallest=11)
    # Bin 4 merges with bin 5 (12 events) rather than bin 3 (18 events).
    assert bins.merged == 1
    assert bins.persons.tolist() == [30, 30, 30, 30, 60, 30, 30, 30, 30]
    np.testing.assert_allclose(bins.observed, [0.5, 0.5, 0.5, 0.6, 14 / 60, 0.5, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(bins.predicted[4], probability[120:180].mean())
    released_events = np.round(bins.observed * bins.persons)
    assert released_events.min() >= 11
    assert (bins.persons - released_events).min() >= 11


def test_a_bin_with_few_non_events_is_merged_too() -> None:
    outcome, probability = bins_with_events([15, 15, 15, 15, 15, 15, 15, 15, 15, 25])  # 5 non-events
    bins = calibration_bins(outcome, probability, smallest=11)
    assert bins.persons.tolist() == [30] * 8 + [60]
    np.testing.assert_allclose(bins.observed[-1], 40 / 60)


def test_no_calibration_bin_is_released_when_the_whole_sample_falls_short() -> None:
    outcome, probability = bins_with_events([1] * 10, size=20)  # 10 events in all
    bins = calibration_bins(outcome, probability, smallest=11)
    assert not bins.released
    assert bins.persons.size == bins.predicted.size == bins.observed.size == 0
    assert bins.merged == 9


def test_planted_feature_predicts_well_and_ranks_first(strong: PredictionResult) -> None:
    auroc = metric(strong, "auroc")
    assert auroc["estimate"] > 0.85
    assert auroc["ci_low"] <= auroc["estimate"] <= auroc["ci_high"]
    assert strong.importance()["feature"][0] == "signal"
    assert strong.importance().columns == ["feature", "mean", "std"]
    # One row per input feature: the one-hot columns of region count as one feature.
    assert sorted(strong.importance()["feature"]) == ["noise", "region", "signal", "weak"]
    assert strong.n == 600


def test_pure_noise_is_near_one_half_within_its_interval() -> None:
    table = simulated(seed=11).with_columns(
        case=pl.Series(np.random.default_rng(12).integers(0, 2, size=600))
    )
    result = predict(table, outcome="case", features=["noise", "region"], seed=4)
    auroc = metric(result, "auroc")
    assert auroc["ci_low"] <= 0.5 <= auroc["ci_high"]
    assert abs(auroc["estimate"] - 0.5) < 0.1


def test_brier_beats_an_uninformative_model(strong: PredictionResult) -> None:
    brier = metric(strong, "brier")
    assert 0.0 < brier["estimate"] < 0.25  # better than predicting 0.5 for everyone
    assert brier["ci_low"] is None


def test_calibration_table_covers_every_person(strong: PredictionResult) -> None:
    calibration = strong.calibration()
    assert calibration.columns == ["bin", "predicted", "observed", "n"]
    assert calibration["n"].sum() == 600
    assert calibration["bin"].to_list() == list(range(1, calibration.height + 1))


def test_gradient_boosting_also_finds_the_planted_feature() -> None:
    result = predict(
        simulated(), outcome="case", features=["signal", "noise"], model="gradient_boosting", folds=3
    )
    assert metric(result, "auroc")["estimate"] > 0.8
    assert result.importance()["feature"][0] == "signal"


def test_same_seed_gives_identical_results() -> None:
    first = predict(simulated(300), outcome="case", features=["signal", "region"], seed=2)
    second = predict(simulated(300), outcome="case", features=["signal", "region"], seed=2)
    assert first.table().equals(second.table())
    assert first.importance().equals(second.importance())


def test_missing_feature_values_are_imputed_and_missing_outcomes_dropped() -> None:
    table = simulated(300).with_columns(
        signal=pl.when(pl.int_range(pl.len()) % 10 == 0).then(None).otherwise(pl.col("signal")),
        region=pl.when(pl.int_range(pl.len()) % 7 == 0).then(None).otherwise(pl.col("region")),
        case=pl.when(pl.int_range(pl.len()) == 0).then(None).otherwise(pl.col("case")),
    )
    result = predict(table.lazy(), outcome="case", features=["signal", "region"])
    assert result.n == 299
    assert metric(result, "auroc")["estimate"] > 0.8


def test_boolean_and_categorical_features_are_one_hot_encoded() -> None:
    table = simulated(300).with_columns(
        positive=pl.col("signal") > 0, region=pl.col("region").cast(pl.Categorical)
    )
    result = predict(table, outcome="case", features=["positive", "region"])
    assert metric(result, "auroc")["estimate"] > 0.75
    assert result.importance()["feature"][0] == "positive"


def test_too_few_events_withholds_every_number() -> None:
    table = simulated(200).with_columns(case=(pl.int_range(pl.len()) < 8).cast(pl.Int64))
    result = predict(table, outcome="case", features=["signal"], folds=5)
    assert result.withheld == "withheld: failed minimum events"
    assert result.table()["estimate"].null_count() == 2
    assert result.table()["reason"].to_list() == [result.withheld] * 2
    assert result.importance()["mean"].null_count() == 1
    assert result.calibration().height == 0
    assert result.n is None
    assert result.events is None
    assert [entry.cells_suppressed for entry in result.checks] == [0, 1]
    assert "withheld" in result.summary()
    assert isinstance(result.plot(), Figure)


def test_too_few_persons_withholds() -> None:
    table = pl.DataFrame({"case": [0, 1] * 5, "age": list(range(10))})
    result = predict(table, outcome="case", features=["age"], folds=2, policy=DisclosurePolicy(threshold=12))
    # Fewer persons than the threshold means fewer events too.
    assert result.withheld == "withheld: failed minimum persons, minimum events"
    assert [entry.cells_suppressed for entry in result.checks] == [1, 1]


def test_small_calibration_bins_are_recorded_as_a_check() -> None:
    result = predict(simulated(100), outcome="case", features=["signal"])
    (entry,) = [entry for entry in result.checks if entry.rule == "calibration bin size"]
    # The ten out-of-fold bins of 10 hold 0, 0, 0, 3, 2, 2, 8, 9, 10, 10 events: every bin
    # from the bottom up to the 11th event leaves fewer than 11 non-events above it, so
    # all ten are merged into one bin of everyone.
    assert (entry.cells_checked, entry.cells_suppressed) == (10, 9)
    assert "events or non-events" in entry.detail
    calibration = calibration_rows(result)
    assert calibration == [(100, 44)]
    assert result.events == 44


def calibration_rows(result: PredictionResult) -> list[tuple[int, int]]:
    """Persons and events (observed risk times persons) of each released calibration bin."""
    return [
        (row["n"], round(row["observed"] * row["n"])) for row in result.calibration().iter_rows(named=True)
    ]


def test_every_released_calibration_bin_has_enough_events_and_non_events() -> None:
    result = predict(simulated(600), outcome="case", features=["signal"])
    rows = calibration_rows(result)
    assert len(rows) > 1
    assert sum(persons for persons, _ in rows) == 600
    assert all(events >= 11 and persons - events >= 11 for persons, events in rows)


@pytest.mark.parametrize(
    ("change", "features", "error", "names"),
    [
        ({"case": pl.lit(2)}, ["signal"], InputError, "'case'"),
        ({"case": pl.lit(PLANTED)}, ["signal"], InputError, "'case'"),
        ({"case": pl.lit(1)}, ["signal"], InputError, "'case'"),
        ({}, ["signal", "absent"], ConfigError, "'absent'"),
        ({"flat": pl.lit(PLANTED)}, ["signal", "flat"], InputError, "'flat'"),
        ({"when": pl.date(2020, 1, 1)}, ["signal", "when"], InputError, "'when'"),
        ({"case": (pl.int_range(pl.len()) < 3).cast(pl.Int64)}, ["signal"], InputError, "fewer events"),
    ],
)
def test_clear_errors_name_the_column_never_a_value(
    change: dict[str, pl.Expr], features: list[str], error: type[Exception], names: str
) -> None:
    table = simulated(100).with_columns(**change)
    with pytest.raises(error, match=names) as raised:
        predict(table, outcome="case", features=features)
    assert PLANTED not in str(raised.value)


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        ({"model": "forest"}, "model"),
        ({"folds": 1}, "folds"),
        ({"alpha": 1.5}, "alpha"),
        ({"features": []}, "features"),
        ({"features": ["case"]}, "outcome"),
    ],
)
def test_bad_arguments_are_config_errors(arguments: dict[str, object], names: str) -> None:
    keywords: dict[str, object] = {"outcome": "case", "features": ["signal"], **arguments}
    with pytest.raises(ConfigError, match=names):
        predict(simulated(100), **keywords)  # type: ignore[arg-type]


def test_summary_plot_and_html(strong: PredictionResult) -> None:
    assert "AUROC" in strong.summary()
    assert "DeLong" in strong.summary()
    figure = strong.plot()
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    assert axes.lines[0].get_xydata().tolist() == [[0.0, 0.0], [1.0, 1.0]]  # the diagonal
    assert "auroc" in strong._repr_html_()
