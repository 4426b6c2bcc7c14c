"""Exposure-response curves: a natural cubic spline of the exposure and its pointwise intervals.

Used by :func:`analysis.poisson_timeseries` when ``exposure_df`` is given. The exposure
enters the model as a centred patsy ``cr()`` basis (R's ``ns()``); the log rate ratio at
``x`` against a reference ``r`` is ``(B(x) - B(r)) @ beta``, with the delta-method
variance ``(B(x) - B(r)) @ V @ (B(x) - B(r))'`` from the (quasi-Poisson scaled)
covariance ``V`` of the spline coefficients. Messages name parameters, never a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
from patsy import build_design_matrices, dmatrix  # type: ignore[import-untyped]
from scipy import stats  # type: ignore[import-untyped]

from data_contracts import ConfigError, InputError

__all__ = [
    "CURVE_SCHEMA",
    "GRID_POINTS",
    "GRID_QUANTILES",
    "ExposureSpline",
    "check_curve_options",
    "check_within_range",
    "checked_reference",
    "curve_grid",
    "joint_wald_p",
    "response_curve",
]

CURVE_SCHEMA: dict[str, pl.DataType] = {
    "exposure": pl.Float64(),
    "rate_ratio": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
}
GRID_POINTS = 50
"""Evenly spaced exposure values at which the curve is evaluated (plus the reference)."""
GRID_QUANTILES = (0.01, 0.99)
"""The grid spans these quantiles of the exposure, where the spline is supported by data."""

_FORMULA = "cr(x, df=df, constraints='center') - 1"


@dataclass(frozen=True)
class ExposureSpline:
    """A centred natural cubic regression spline basis fitted to the exposure values.

    Build it with :meth:`fit`; :meth:`basis` evaluates the same basis (same knots and
    centring) at other values.

    Examples
    --------
    >>> spline = ExposureSpline.fit(np.linspace(0.0, 10.0, 101), df=4)
    >>> spline.basis(np.array([2.0, 5.0])).shape
    (2, 4)
    """

    design_info: Any
    df: int

    @classmethod
    def fit(cls, values: npt.NDArray[np.float64], df: int) -> ExposureSpline:
        """The basis with ``df`` columns, knots at quantiles of ``values``."""
        if np.unique(values).size <= df:
            raise InputError(
                f"the exposure has too few distinct values for a spline with exposure_df={df}; "
                "use a smaller exposure_df or a linear term (exposure_df=None)."
            )
        matrix = dmatrix(_FORMULA, {"x": values, "df": df}, return_type="matrix")
        return cls(design_info=matrix.design_info, df=df)

    def basis(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The basis evaluated at ``values``: one row per value, ``df`` columns."""
        (matrix,) = build_design_matrices([self.design_info], {"x": values, "df": self.df})
        return np.asarray(matrix, dtype=float)


def check_curve_options(
    *, exposure_df: int | None, reference: float | None, curve_at: Sequence[float], output: str
) -> tuple[float, ...]:
    """Check ``exposure_df`` (None or a whole number >= 3), ``reference`` and ``curve_at``.

    Returns ``curve_at`` as a tuple of floats.
    """
    if exposure_df is not None and (
        isinstance(exposure_df, bool) or not isinstance(exposure_df, int) or exposure_df < 3
    ):
        raise ConfigError(
            f"{output}: exposure_df must be None (a linear term) or a whole number of degrees of "
            "freedom >= 3, such as 4."
        )
    if not isinstance(curve_at, list | tuple) or not all(_is_finite_number(value) for value in curve_at):
        raise ConfigError(f"{output}: curve_at must be a list of finite numbers on the exposure's scale.")
    if reference is not None and not _is_finite_number(reference):
        raise ConfigError(f"{output}: reference must be a finite number on the exposure's scale.")
    for name, given in (("reference", reference is not None), ("curve_at", bool(curve_at))):
        if given and exposure_df is None:
            raise ConfigError(f"{output}: {name} applies only to a curve; pass exposure_df as well.")
    return tuple(float(value) for value in curve_at)


def _is_finite_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and bool(np.isfinite(value))


def check_within_range(
    points: Sequence[float], values: npt.NDArray[np.float64], *, name: str, output: str
) -> None:
    """Raise :class:`ConfigError` naming ``name`` if a point lies outside the range of ``values``."""
    if points and (not values.size or min(points) < values.min() or max(points) > values.max()):
        raise ConfigError(
            f"{output}: {name} must lie within the range of the exposure on the days used; "
            "choose values the data cover."
        )


def checked_reference(reference: float | None, values: npt.NDArray[np.float64], *, output: str) -> float:
    """``reference`` as a float (the lowest of ``values`` when ``None``), checked to lie in their range."""
    if reference is None:
        return float(values.min()) if values.size else 0.0
    check_within_range([reference], values, name="reference", output=output)
    return float(reference)


def curve_grid(
    values: npt.NDArray[np.float64], reference: float, extra: Sequence[float] = ()
) -> npt.NDArray[np.float64]:
    """``GRID_POINTS`` values from the 1st to the 99th percentile of ``values``, ``reference`` and ``extra``.

    Examples
    --------
    >>> grid = curve_grid(np.linspace(0.0, 100.0, 10_001), reference=0.0)
    >>> grid.size, float(grid[0]), float(grid[1]), float(grid[-1])
    (51, 0.0, 1.0, 99.0)
    """
    low, high = np.quantile(values, GRID_QUANTILES)
    return np.unique(np.concatenate([np.linspace(low, high, GRID_POINTS), [reference], extra]))


def response_curve(
    spline: ExposureSpline,
    *,
    coefficients: npt.NDArray[np.float64],
    covariance: npt.NDArray[np.float64],
    grid: npt.NDArray[np.float64],
    reference: float,
    alpha: float,
) -> pl.DataFrame:
    """Rate ratios against ``reference`` at each ``grid`` value, with pointwise Wald intervals.

    Examples
    --------
    With coefficients that make the spline term linear in ``x`` (a natural spline
    reproduces straight lines), the curve is ``exp(slope * (x - reference))``:

    >>> x = np.linspace(0.0, 10.0, 101)
    >>> spline = ExposureSpline.fit(x, df=4)
    >>> coefficients = np.linalg.lstsq(spline.basis(x), 0.1 * (x - x.mean()), rcond=None)[0]
    >>> curve = response_curve(
    ...     spline, coefficients=coefficients, covariance=np.eye(4) * 1e-4,
    ...     grid=np.array([0.0, 5.0]), reference=0.0, alpha=0.05,
    ... )
    >>> [round(value, 4) for value in curve["rate_ratio"]]
    [1.0, 1.6487]
    >>> curve.row(0)
    (0.0, 1.0, 1.0, 1.0)
    """
    difference = spline.basis(grid) - spline.basis(np.array([reference]))
    # The reference row is zero by construction; pin it so its interval has zero width exactly.
    difference[grid == reference] = 0.0
    log_ratio = difference @ coefficients
    se = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", difference, covariance, difference), 0.0))
    z = stats.norm.ppf(1 - alpha / 2)
    return pl.DataFrame(
        {
            "exposure": grid,
            "rate_ratio": np.exp(log_ratio),
            "ci_low": np.exp(log_ratio - z * se),
            "ci_high": np.exp(log_ratio + z * se),
        },
        schema=CURVE_SCHEMA,
    )


def joint_wald_p(coefficients: npt.NDArray[np.float64], covariance: npt.NDArray[np.float64]) -> float:
    """The p-value of the Wald test that every spline coefficient is 0 (chi-square, ``len`` df).

    Examples
    --------
    >>> round(joint_wald_p(np.array([1.0, 1.0]), np.eye(2)), 4)  # chi-square 2 on 2 df
    0.3679
    """
    statistic = float(coefficients @ np.linalg.solve(covariance, coefficients))
    return float(stats.chi2.sf(statistic, coefficients.size))
