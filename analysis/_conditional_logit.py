"""Conditional logistic regression with optional frequency weights per stratum, as odds ratios."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import stats  # type: ignore[import-untyped]
from statsmodels.discrete.conditional_models import ConditionalLogit

__all__ = ["odds_ratio_rows"]


def odds_ratio_rows(
    frame: pl.DataFrame,
    *,
    case: str,
    stratum: str,
    exposures: Sequence[str],
    weight: str | None,
    per: float,
    alpha: float,
) -> list[tuple[object, ...]]:
    """Fit the model; one row per exposure in the order of ``RESULT_SCHEMA``.

    ``frame`` holds informative strata only, sorted by ``stratum``. With ``weight``,
    each stratum's log-likelihood and score are multiplied by its weight (frequency
    weights); the Hessian, taken numerically from the score, follows.
    """
    groups = frame[stratum].rank("dense").cast(pl.Int64).to_numpy()
    endog = frame[case].cast(pl.Float64).to_numpy()
    exog = frame.select(pl.col(exposures).cast(pl.Float64)).to_numpy()
    if weight is None:
        model = ConditionalLogit(endog, exog, groups=groups)
    else:
        first = frame.select(pl.col(weight).first().over(stratum))[weight].to_numpy()
        _, start = np.unique(groups, return_index=True)
        model = _WeightedConditionalLogit(endog, exog, groups=groups, group_weights=first[start])
    fitted = model.fit(method="bfgs", maxiter=500, disp=False)
    beta = np.asarray(fitted.params, dtype=float)
    se = np.asarray(fitted.bse, dtype=float)
    z = stats.norm.ppf(1 - alpha / 2)
    p_values = 2 * stats.norm.sf(np.abs(beta / se))
    return [
        (
            name,
            float(per),
            float(np.exp(per * beta[index])),
            float(np.exp(per * (beta[index] - z * se[index]))),
            float(np.exp(per * (beta[index] + z * se[index]))),
            float(p_values[index]),
            False,
            None,
        )
        for index, name in enumerate(exposures)
    ]


class _WeightedConditionalLogit(ConditionalLogit):  # type: ignore[misc]
    """``ConditionalLogit`` whose groups carry frequency weights (log-likelihood and score weighted)."""

    def __init__(
        self,
        endog: npt.NDArray[np.float64],
        exog: npt.NDArray[np.float64],
        *,
        groups: npt.NDArray[np.int64],
        group_weights: npt.NDArray[np.float64],
    ) -> None:
        super().__init__(endog, exog, groups=groups)
        self._group_weights = np.asarray(group_weights, dtype=float)

    def loglike(self, params: npt.NDArray[np.float64]) -> float:
        return float(
            sum(weight * self.loglike_grp(index, params) for index, weight in enumerate(self._group_weights))
        )

    def score(self, params: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        total = np.zeros(self.k_params)
        for index, weight in enumerate(self._group_weights):
            total += weight * self.score_grp(index, params)
        return total
