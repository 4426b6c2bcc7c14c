"""Risk prediction with cross-validation and output checks: logistic regression or gradient boosting.

:func:`predict` takes a one-row-per-person table, a binary outcome and a list of
features, and evaluates a scikit-learn pipeline by stratified k-fold out-of-fold
predictions: AUROC with a DeLong interval, Brier score and a calibration curve, plus
the permutation importance of every input feature. Numbers are withheld when persons,
events or non-events are fewer than the disclosure threshold; calibration bins with
fewer persons, events or non-events are merged into a neighbour.

Examples
--------
>>> import numpy as np
>>> import polars as pl
>>> rng = np.random.default_rng(1)
>>> risk = rng.normal(size=400)
>>> table = pl.DataFrame({"case": (risk + rng.normal(size=400) > 0).astype(int), "risk": risk})
>>> result = predict(table, outcome="case", features=["risk"])
>>> result.table()["metric"].to_list(), result.table()["estimate"][0] > 0.7
(['auroc', 'brier'], True)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from analysis._prediction_inputs import Inputs, check_arguments, inputs
from analysis._prediction_metrics import CalibrationBins, auroc_delong, brier_score, calibration_bins
from analysis._prediction_result import CALIBRATION_SCHEMA, IMPORTANCE_SCHEMA, METRIC_SCHEMA, PredictionResult
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["PredictionResult", "predict"]

logger = logging.getLogger(__name__)

IMPORTANCE_REPEATS = 5
"""Shuffles per feature in the permutation importance."""


def predict(
    table: pl.DataFrame | pl.LazyFrame,
    *,
    outcome: str,
    features: Sequence[str],
    model: str = "logistic",
    folds: int = 5,
    seed: int = 0,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    output: str = "prediction",
) -> PredictionResult:
    """Cross-validated prediction of a binary outcome, with AUROC, Brier score, calibration and importance.

    The pipeline standardises numeric features after imputing missing values with the
    median, one-hot encodes categorical features (string, boolean, categorical; missing
    as its own level; levels unseen in training ignored), then fits
    ``LogisticRegression(max_iter=1000)`` or
    ``HistGradientBoostingClassifier(random_state=seed)``. Out-of-fold probabilities
    come from ``StratifiedKFold(folds, shuffle=True, random_state=seed)``.

    Parameters
    ----------
    table
        One row per person; collected first if lazy. Rows without the outcome are left out.
    outcome
        Binary column (boolean, or 0 and 1).
    features
        Columns to predict from: numeric, string, boolean or categorical.
    model
        ``"logistic"`` or ``"gradient_boosting"``.
    folds
        Number of stratified cross-validation folds (at least 2).
    seed
        Seed of the folds, the gradient boosting and the permutation importance.
    alpha
        The AUROC interval has confidence ``1 - alpha``.
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
    output
        Name of the output, for the checks.

    Returns
    -------
    PredictionResult
        AUROC (DeLong's interval: the variance of the Mann-Whitney statistic from its
        structural components, ``auc -/+ z se`` clipped to [0, 1]) and Brier score of the
        out-of-fold probabilities; calibration in 10 quantile bins
        (``sklearn.calibration.calibration_curve``), a bin with fewer persons, events or
        non-events than the threshold merged into the neighbour with fewer of the failing
        count (none released if one bin of everyone would fail); permutation importance
        (``roc_auc``, 5 repeats) of each input feature for the model refitted on all
        persons. Everything is withheld when persons, events or non-events are fewer
        than the threshold.

    Raises
    ------
    ConfigError
        If an argument is out of range or a column is not in the table.
    InputError
        If the outcome is not binary, a feature is constant or of an unsupported type,
        or there are fewer events (or non-events) than folds.
    """
    names = check_arguments(
        outcome=outcome, features=features, model=model, folds=folds, seed=seed, alpha=alpha
    )
    policy = policy or DisclosurePolicy()
    frame = table.collect() if isinstance(table, pl.LazyFrame) else table
    data = inputs(frame, outcome=outcome, features=names, folds=folds)
    persons = int(data.outcome.size)
    events = int(data.outcome.sum())
    checks, withheld = _check_counts(persons, events, policy=policy, output=output)
    common: dict[str, Any] = {
        "model": model,
        "outcome": outcome,
        "features": names,
        "folds": folds,
        "seed": seed,
        "alpha": float(alpha),
        "policy": policy,
    }
    if withheld is not None:
        logger.info("%s: withheld before fitting", output)
        return PredictionResult(
            **common,
            metrics=_metric_rows(None, withheld=withheld, alpha=alpha),
            importance_rows=pl.DataFrame(
                {"feature": list(names), "mean": [None] * len(names), "std": [None] * len(names)},
                schema=IMPORTANCE_SCHEMA,
            ),
            calibration_rows=pl.DataFrame(schema=CALIBRATION_SCHEMA),
            n=None,
            events=None,
            withheld=withheld,
            checks=checks,
        )
    pipeline = _pipeline(data, model=model, seed=seed)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    probability = cross_val_predict(
        pipeline, data.features, data.outcome, cv=splitter, method="predict_proba"
    )[:, 1]
    target = data.outcome.astype(float)
    bins = calibration_bins(target, probability, smallest=policy.threshold)
    checks += (_calibration_check(bins, policy=policy, output=output),)
    fitted = pipeline.fit(data.features, data.outcome)
    importance = permutation_importance(
        fitted,
        data.features,
        data.outcome,
        scoring="roc_auc",
        n_repeats=IMPORTANCE_REPEATS,
        random_state=seed,
    )
    logger.info("%s: %d-fold cross-validation done, released", output, folds)
    return PredictionResult(
        **common,
        metrics=_metric_rows((target, probability), withheld=None, alpha=alpha),
        importance_rows=pl.DataFrame(
            {"feature": list(names), "mean": importance.importances_mean, "std": importance.importances_std},
            schema=IMPORTANCE_SCHEMA,
        ).sort(["mean", "feature"], descending=[True, False]),
        calibration_rows=pl.DataFrame(
            {
                "bin": list(range(1, bins.persons.size + 1)),
                "predicted": bins.predicted,
                "observed": bins.observed,
                "n": [policy.round_count(int(size)) for size in bins.persons],
            },
            schema=CALIBRATION_SCHEMA,
        ),
        n=policy.round_count(persons),
        events=policy.round_count(events),
        withheld=None,
        checks=checks,
    )


def _pipeline(data: Inputs, *, model: str, seed: int) -> Pipeline:
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    transformers = [
        (name, step, list(columns))
        for name, step, columns in (
            ("numeric", numeric, data.numeric),
            ("categorical", encoder, data.categorical),
        )
        if columns
    ]
    classifier = (
        LogisticRegression(max_iter=1000)
        if model == "logistic"
        else HistGradientBoostingClassifier(random_state=seed)
    )
    return Pipeline([("features", ColumnTransformer(transformers)), ("classifier", classifier)])


def _calibration_check(bins: CalibrationBins, *, policy: DisclosurePolicy, output: str) -> CheckEntry:
    """The check entry of the calibration merge: bins before merging, and how many were merged away."""
    detail = (
        f"calibration bins with fewer than {policy.threshold} persons, events or non-events merged with "
        "the neighbouring bin holding fewer of the failing count (a bin's observed risk times its "
        "size gives its events)"
    )
    if bins.released:
        return CheckEntry(
            output, "calibration bin size", int(bins.persons.size) + bins.merged, bins.merged, detail
        )
    before = bins.merged + 1
    return CheckEntry(
        output,
        "calibration bin size",
        before,
        before,
        f"{detail}; even one bin of every person falls short, so no calibration bin is released",
    )


def _check_counts(
    persons: int, events: int, *, policy: DisclosurePolicy, output: str
) -> tuple[tuple[CheckEntry, ...], str | None]:
    rules = [
        (
            "minimum persons",
            persons < policy.threshold or policy.hides(persons),
            f"predictions from fewer than {policy.threshold} persons withheld",
        ),
        (
            "minimum events",
            any(count < policy.threshold or policy.hides(count) for count in (events, persons - events)),
            f"predictions with fewer than {policy.threshold} events (or non-events) withheld",
        ),
    ]
    failed = [rule for rule, failing, _ in rules if failing]
    checks = tuple(CheckEntry(output, rule, 1, int(failing), detail) for rule, failing, detail in rules)
    return checks, ("withheld: failed " + ", ".join(failed)) if failed else None


def _metric_rows(
    predictions: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None,
    *,
    withheld: str | None,
    alpha: float,
) -> pl.DataFrame:
    if predictions is None:
        return pl.DataFrame(
            {
                "metric": ["auroc", "brier"],
                "estimate": [None, None],
                "ci_low": [None, None],
                "ci_high": [None, None],
                "withheld": [True, True],
                "reason": [withheld, withheld],
            },
            schema=METRIC_SCHEMA,
        )
    target, probability = predictions
    auroc = auroc_delong(target, probability, alpha=alpha)
    return pl.DataFrame(
        {
            "metric": ["auroc", "brier"],
            "estimate": [auroc.estimate, brier_score(target, probability)],
            "ci_low": [auroc.ci_low, None],
            "ci_high": [auroc.ci_high, None],
            "withheld": [False, False],
            "reason": [None, None],
        },
        schema=METRIC_SCHEMA,
    )
