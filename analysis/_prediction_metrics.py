"""Metrics of out-of-fold predicted probabilities: AUROC with DeLong's interval, Brier score, calibration.

Pure functions of numpy arrays (outcome 0/1, predicted probability), so each can be
checked by hand on a few numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.stats import norm  # type: ignore[import-untyped]
from sklearn.calibration import calibration_curve

__all__ = ["CALIBRATION_BINS", "Auroc", "CalibrationBins", "auroc_delong", "brier_score", "calibration_bins"]

CALIBRATION_BINS = 10
"""Quantile bins of the predicted probability in the calibration curve."""

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Auroc:
    """The area under the ROC curve, its DeLong standard error and interval."""

    estimate: float
    std_error: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class CalibrationBins:
    """Mean predicted and observed risk per bin, the persons per bin and how many bins were merged.

    ``released`` is false when even one bin of the whole sample would hold too few
    events or non-events; the arrays are then empty.
    """

    predicted: Floats
    observed: Floats
    persons: npt.NDArray[np.int64]
    merged: int
    released: bool = True


def brier_score(outcome: Floats, probability: Floats) -> float:
    """The mean squared difference between the predicted probability and the 0/1 outcome.

    Examples
    --------
    >>> round(brier_score(np.array([1.0, 0.0]), np.array([0.8, 0.4])), 6)  # (0.2^2 + 0.4^2) / 2
    0.1
    """
    return float(np.mean((probability - outcome) ** 2))


def auroc_delong(outcome: Floats, probability: Floats, *, alpha: float) -> Auroc:
    """AUROC with the variance of DeLong, DeLong and Clarke-Pearson (1988).

    The structural components are computed with midranks (Sun and Xu, 2014); ties count
    one half. The interval is ``auc -/+ z se``, clipped to [0, 1].

    Examples
    --------
    >>> auc = auroc_delong(np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.1, 0.6, 0.4, 0.9]), alpha=0.05)
    >>> auc.estimate  # 3 of the 4 event / non-event pairs ordered correctly
    0.75
    """
    events = probability[outcome == 1]
    non_events = probability[outcome == 0]
    m, n = events.size, non_events.size
    rank_all = _midranks(np.concatenate([events, non_events]))
    rank_events = _midranks(events)
    rank_non_events = _midranks(non_events)
    # Placement values: the share of the other group each person outranks.
    v10 = (rank_all[:m] - rank_events) / n
    v01 = 1.0 - (rank_all[m:] - rank_non_events) / m
    estimate = float(v10.mean())
    variance = float(np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n) if m > 1 and n > 1 else float("nan")
    std_error = float(np.sqrt(variance))
    z = float(norm.ppf(1 - alpha / 2))
    return Auroc(
        estimate=estimate,
        std_error=std_error,
        ci_low=max(0.0, estimate - z * std_error),
        ci_high=min(1.0, estimate + z * std_error),
    )


def _midranks(values: Floats) -> Floats:
    """Ranks from 1, tied values sharing the mean of their ranks."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    ranks = np.empty(values.size, dtype=float)
    start = 0
    while start < values.size:
        stop = start
        while stop + 1 < values.size and ordered[stop + 1] == ordered[start]:
            stop += 1
        ranks[order[start : stop + 1]] = (start + stop) / 2 + 1
        start = stop + 1
    return ranks


def calibration_bins(outcome: Floats, probability: Floats, *, smallest: int) -> CalibrationBins:
    """The calibration curve in 10 quantile bins, bins with few persons, events or non-events merged.

    The bins are those of ``sklearn.calibration.calibration_curve(strategy="quantile")``.
    A released bin must hold at least ``smallest`` persons, ``smallest`` events and
    ``smallest`` non-events, since its observed risk times its size gives its events.
    While a bin fails, the bin with the fewest of its rarer outcome (the first on ties) is
    merged with the neighbour holding fewer of that outcome (the next one for the first
    bin, the previous one for the last, the previous one on ties), and the mean
    predicted and observed risk are recomputed over the merged bin. When the whole
    sample fails, no bin is released.

    Examples
    --------
    >>> probability = np.linspace(0.05, 0.95, 200)
    >>> outcome = (np.arange(200) % 2).astype(float)
    >>> bins = calibration_bins(outcome, probability, smallest=11)  # 10 bins of 10 events in 20
    >>> bins.persons.tolist(), bins.merged
    ([40, 40, 40, 40, 40], 5)
    >>> calibration_bins(np.array([1.0, 0.0] * 10), np.linspace(0.1, 0.9, 20), smallest=11).released
    False
    """
    observed, predicted = calibration_curve(
        outcome, probability, n_bins=CALIBRATION_BINS, strategy="quantile"
    )
    edges = np.percentile(probability, np.linspace(0, 100, CALIBRATION_BINS + 1))
    bin_ids = np.searchsorted(edges[1:-1], probability)
    persons = np.bincount(bin_ids, minlength=CALIBRATION_BINS)
    events = np.bincount(bin_ids, weights=outcome, minlength=CALIBRATION_BINS).round().astype(np.int64)
    kept = persons > 0
    groups = [[int(index)] for index in np.flatnonzero(kept)]
    counts = [(int(events[index]), int(persons[index] - events[index])) for index in np.flatnonzero(kept)]
    merged = 0
    while len(groups) > 1 and min(min(pair) for pair in counts) < smallest:
        # Persons are events plus non-events, so a bin with enough of both has enough persons.
        small = min(range(len(counts)), key=lambda index: min(counts[index]))
        rarer = 0 if counts[small][0] <= counts[small][1] else 1  # 0: events, 1: non-events
        if small == 0:
            into = 1
        elif small == len(groups) - 1:
            into = small - 1
        else:
            into = small - 1 if counts[small - 1][rarer] <= counts[small + 1][rarer] else small + 1
        low, high = sorted((small, into))
        groups[low : high + 1] = [groups[low] + groups[high]]
        counts[low : high + 1] = [(counts[low][0] + counts[high][0], counts[low][1] + counts[high][1])]
        merged += 1
    if min(min(pair) for pair in counts) < smallest:
        empty = np.array([], dtype=float)
        return CalibrationBins(empty, empty, np.array([], dtype=np.int64), merged, released=False)
    if merged == 0:
        return CalibrationBins(predicted, observed, persons[kept].astype(np.int64), 0)
    members = [np.isin(bin_ids, group) for group in groups]
    return CalibrationBins(
        predicted=np.array([probability[mask].mean() for mask in members]),
        observed=np.array([outcome[mask].mean() for mask in members]),
        persons=np.array([int(mask.sum()) for mask in members], dtype=np.int64),
        merged=merged,
    )
