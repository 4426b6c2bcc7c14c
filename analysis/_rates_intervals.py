"""Confidence intervals for rates: exact Poisson (Garwood) and Fay-Feuer gamma intervals."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import chi2  # type: ignore[import-untyped]

__all__ = ["fay_feuer_interval", "poisson_interval"]


def poisson_interval(events: NDArray[np.float64], *, alpha: float) -> tuple[NDArray[np.float64], ...]:
    """Exact (Garwood 1936) limits for Poisson counts, on the count scale.

    Lower ``chi2.ppf(alpha/2, 2d) / 2`` (0 when ``d = 0``), upper
    ``chi2.ppf(1 - alpha/2, 2d + 2) / 2``; divide by person-time for a rate.

    Examples
    --------
    >>> low, high = poisson_interval(np.array([0.0, 10.0]), alpha=0.05)
    >>> [round(float(value), 3) for value in low], [round(float(value), 3) for value in high]
    ([0.0, 4.795], [3.689, 18.39])
    """
    safe_df = np.where(events > 0, 2 * events, 1.0)  # chi2 needs df > 0; the d = 0 limit is set below
    lower = np.where(events > 0, chi2.ppf(alpha / 2, safe_df) / 2, 0.0)
    upper = chi2.ppf(1 - alpha / 2, 2 * events + 2) / 2
    return np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)


def fay_feuer_interval(
    weights: NDArray[np.float64],
    events: NDArray[np.float64],
    person_time: NDArray[np.float64],
    *,
    alpha: float,
) -> tuple[float, float, float]:
    """Directly standardised rate and its Fay & Feuer (1997) gamma interval, per unit of person-time.

    With ``y = sum w d / t``, ``v = sum (w / t)^2 d`` and ``w_M = max w / t``:
    lower ``v / (2y) * chi2.ppf(alpha/2, 2y^2 / v)`` (0 when there are no events), upper
    ``(v + w_M^2) / (2(y + w_M)) * chi2.ppf(1 - alpha/2, 2(y + w_M)^2 / (v + w_M^2))``.
    With one age group the interval is the exact Poisson interval.

    Parameters
    ----------
    weights
        Standard-population weights of the age groups, summing to 1.
    events, person_time
        Events and person-time of each age group (person-time > 0).
    alpha
        One minus the confidence level.

    Returns
    -------
    tuple[float, float, float]
        Adjusted rate, lower and upper limit.

    Examples
    --------
    >>> rate, low, high = fay_feuer_interval(
    ...     np.array([1.0]), np.array([10.0]), np.array([1000.0]), alpha=0.05
    ... )
    >>> round(rate * 1000, 3), round(low * 1000, 3), round(high * 1000, 3)
    (10.0, 4.795, 18.39)
    """
    unit_weights = weights / person_time
    rate = float(np.sum(unit_weights * events))
    variance = float(np.sum(unit_weights**2 * events))
    max_weight = float(np.max(unit_weights))
    lower = 0.0
    if variance > 0:  # no events: the lower limit is 0 and the shape below would be undefined
        lower = variance / (2 * rate) * float(chi2.ppf(alpha / 2, 2 * rate**2 / variance))
    upper_variance = variance + max_weight**2
    upper_mean = rate + max_weight
    upper = (
        upper_variance / (2 * upper_mean) * float(chi2.ppf(1 - alpha / 2, 2 * upper_mean**2 / upper_variance))
    )
    return rate, lower, upper
