"""The statistics behind :func:`analysis.correlate`: pure functions on numpy arrays.

Every function takes complete pairs only (no missing values) and returns an
:class:`Estimate`; none of them knows about tables, columns or disclosure control.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats  # type: ignore[import-untyped]

__all__ = [
    "Estimate",
    "cramers_v",
    "fisher_interval",
    "linear_correlation",
    "residualise",
]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Estimate:
    """One association: the estimate, its confidence interval and p-value (each may be missing)."""

    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None


def residualise(values: FloatArray, confounders: FloatArray) -> FloatArray:
    """Residuals of ``values`` after a least-squares fit on an intercept and ``confounders``.

    Parameters
    ----------
    values
        One value per person.
    confounders
        A two-dimensional array, one row per person and one column per confounder; with
        no columns the values are only centred.

    Examples
    --------
    >>> import numpy as np
    >>> residualise(np.array([1.0, 2.0, 3.0]), np.array([[1.0], [2.0], [3.0]])).round(12) + 0.0
    array([0., 0., 0.])
    """
    design = np.column_stack([np.ones(len(values)), confounders])
    coefficients, *_ = np.linalg.lstsq(design, values, rcond=None)
    residuals: FloatArray = values - design @ coefficients
    return residuals


def fisher_interval(estimate: float, standard_error: float, alpha: float) -> tuple[float, float]:
    """Confidence interval for a correlation by Fisher's z transform.

    Parameters
    ----------
    estimate
        The correlation, from -1 to 1.
    standard_error
        Standard error of ``atanh(estimate)``, e.g. ``1 / sqrt(n - 3)`` for Pearson's r.
    alpha
        One minus the confidence level.

    Examples
    --------
    >>> low, high = fisher_interval(0.5, 1 / 3, 0.05)
    >>> round(low, 4), round(high, 4)
    (-0.1036, 0.8345)
    """
    if abs(estimate) >= 1.0:
        return estimate, estimate
    centre = math.atanh(estimate)
    half_width = float(stats.norm.ppf(1 - alpha / 2)) * standard_error
    return math.tanh(centre - half_width), math.tanh(centre + half_width)


def _t_test_p(estimate: float, degrees_of_freedom: int) -> float | None:
    """Two-sided p-value of ``H0: rho = 0`` from ``t = r sqrt(df / (1 - r^2))``."""
    if degrees_of_freedom < 1:
        return None
    if abs(estimate) >= 1.0:
        return 0.0
    t_statistic = estimate * math.sqrt(degrees_of_freedom / (1 - estimate**2))
    return float(2 * stats.t.sf(abs(t_statistic), degrees_of_freedom))


def linear_correlation(
    first: FloatArray,
    second: FloatArray,
    confounders: FloatArray,
    *,
    ranked: bool,
    alpha: float,
) -> Estimate:
    """Pearson's r (or Spearman's rho when ``ranked``), partial on ``confounders``.

    Parameters
    ----------
    first, second
        Complete pairs, one value each per person.
    confounders
        One row per person and one column per confounder (may have no columns).
    ranked
        Use average ranks of every variable (Spearman); the interval then uses the
        Bonett-Wright standard error ``sqrt((1 + rho^2 / 2) / (n - 3 - k))``.
    alpha
        One minus the confidence level.

    Returns
    -------
    Estimate
        All missing when either variable is constant after adjustment; the interval is
        missing when ``n - 3 - k < 1`` and the p-value when ``n - 2 - k < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> x, y = np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([2.0, 1.0, 4.0, 3.0, 5.0])
    >>> linear_correlation(x, y, np.empty((5, 0)), ranked=False, alpha=0.05).estimate
    0.8
    """
    if ranked:
        first, second = stats.rankdata(first), stats.rankdata(second)
        if confounders.shape[1]:
            confounders = np.column_stack([stats.rankdata(column) for column in confounders.T])
    residual_first = residualise(first, confounders)
    residual_second = residualise(second, confounders)
    spread = math.sqrt(float(residual_first @ residual_first) * float(residual_second @ residual_second))
    if spread <= 1e-12 * max(1.0, float(np.abs(first).max()) * float(np.abs(second).max())):
        return Estimate(None, None, None, None)
    estimate = float(np.clip(residual_first @ residual_second / spread, -1.0, 1.0))
    n, k = len(first), confounders.shape[1]
    interval: tuple[float | None, float | None] = (None, None)
    if n - 3 - k >= 1:
        variance_factor = 1 + estimate**2 / 2 if ranked else 1.0
        interval = fisher_interval(estimate, math.sqrt(variance_factor / (n - 3 - k)), alpha)
    return Estimate(estimate, interval[0], interval[1], _t_test_p(estimate, n - 2 - k))


def cramers_v(first: FloatArray, second: FloatArray) -> Estimate:
    """Cramér's V (without bias correction) and the chi-square test of independence.

    Parameters
    ----------
    first, second
        Category codes of complete pairs (any numbers; each distinct number is a category).

    Returns
    -------
    Estimate
        ``V = sqrt(chi2 / (n * (min(rows, columns) - 1)))`` with the p-value of Pearson's
        chi-square test (no continuity correction). The interval is always missing: no
        bootstrap interval is computed.

    Examples
    --------
    >>> import numpy as np
    >>> codes = np.array([0.0, 0.0, 1.0, 1.0])
    >>> cramers_v(codes, codes).estimate
    1.0
    """
    _, first_codes = np.unique(first, return_inverse=True)
    _, second_codes = np.unique(second, return_inverse=True)
    shape = (int(first_codes.max()) + 1, int(second_codes.max()) + 1)
    if min(shape) < 2:
        return Estimate(None, None, None, None)
    observed = np.zeros(shape, dtype=np.float64)
    np.add.at(observed, (first_codes, second_codes), 1.0)
    chi2, p_value, *_ = stats.chi2_contingency(observed, correction=False)
    estimate = math.sqrt(float(chi2) / (len(first) * (min(shape) - 1)))
    return Estimate(min(estimate, 1.0), None, None, float(p_value))
