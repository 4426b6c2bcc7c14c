"""Fitting a :class:`~analysis._models_inputs.Design` with statsmodels, with errors users can act on.

Statsmodels warnings and errors (separation, singular Hessian, no convergence) become
:class:`InputError` or a note, naming the term rather than any value of the data.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    HessianInversionWarning,
    PerfectSeparationError,
    PerfectSeparationWarning,
)

from analysis._models_inputs import Design
from data_contracts import InputError

__all__ = ["Fit", "fit"]

OVERDISPERSION_LIMIT = 1.5
"""Pearson chi-square over residual df above which a Poisson fit is flagged as overdispersed."""

_EXACT_FIT = 1e-12
"""Residual over total sum of squares at or below which a linear fit counts as exact."""


@dataclass(frozen=True)
class Fit:
    """The numbers of a fitted model, on the coefficient scale (log for the ratio models)."""

    coefficients: npt.NDArray[np.float64]
    std_errors: npt.NDArray[np.float64]
    p_values: npt.NDArray[np.float64]
    ci_low: npt.NDArray[np.float64]
    ci_high: npt.NDArray[np.float64]
    df_model: int
    df_resid: int
    statistics: tuple[tuple[str, float], ...]
    overdispersion: float | None
    nb_alpha: float | None
    notes: tuple[str, ...]


def fit(design: Design, *, model: str, alpha: float) -> Fit:
    """Fit ``design`` as a ``"logistic"``, ``"poisson"``, ``"negative_binomial"`` or ``"linear"`` model.

    A linear model (ordinary least squares) has t-based intervals and p-values.
    """
    if model == "logistic":
        _check_separation(design)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = _fit_statsmodels(design, model=model)
        except (PerfectSeparationError, np.linalg.LinAlgError):
            raise InputError(_separation_message(model, None)) from None
    kinds = {warning.category for warning in caught}
    converged = bool(getattr(result, "mle_retvals", {}).get("converged", getattr(result, "converged", True)))
    if model == "logistic" and (
        PerfectSeparationWarning in kinds or not converged or _fitted_at_bounds(result)
    ):
        raise InputError(_separation_message(model, None))
    k = design.exog.shape[1]
    params = np.asarray(result.params, dtype=float)[:k]
    std_errors = np.asarray(result.bse, dtype=float)[:k]
    if not np.all(np.isfinite(std_errors)):
        raise InputError(_separation_message(model, None))
    if model == "linear" and not float(result.ssr) > _EXACT_FIT * float(result.centered_tss):
        raise InputError(
            f"{model}: the predictors fit the outcome exactly (no residual variation), so no interval "
            "can be estimated; if the outcome is computed from a predictor, leave that term out."
        )
    interval = np.asarray(result.conf_int(alpha=alpha), dtype=float)[:k]
    notes: list[str] = []
    if not converged or ConvergenceWarning in kinds or HessianInversionWarning in kinds:
        notes.append("the fit did not converge cleanly; treat the estimates with caution")
    overdispersion = None
    if model == "poisson":
        overdispersion = float(result.pearson_chi2 / result.df_resid) if result.df_resid > 0 else None
        if overdispersion is not None and overdispersion > OVERDISPERSION_LIMIT:
            notes.append(
                f"overdispersion (Pearson chi2 / residual df) above {OVERDISPERSION_LIMIT}: the Poisson "
                "intervals are too narrow; consider negative_binomial"
            )
    nb_alpha = float(np.asarray(result.params)[-1]) if model == "negative_binomial" else None
    return Fit(
        coefficients=params,
        std_errors=std_errors,
        p_values=np.asarray(result.pvalues, dtype=float)[:k],
        ci_low=interval[:, 0],
        ci_high=interval[:, 1],
        df_model=round(result.df_model),
        df_resid=round(result.df_resid),
        statistics=_statistics(result, model=model),
        overdispersion=overdispersion,
        nb_alpha=nb_alpha,
        notes=tuple(notes),
    )


def _fit_statsmodels(design: Design, *, model: str) -> Any:
    if model == "linear":
        return sm.OLS(design.outcome, design.exog).fit()
    if model == "logistic":
        return sm.Logit(design.outcome, design.exog).fit(disp=0, maxiter=100)
    if model == "poisson":
        glm = sm.GLM(design.outcome, design.exog, family=sm.families.Poisson(), offset=design.log_offset)
        return glm.fit()
    return sm.NegativeBinomial(design.outcome, design.exog, offset=design.log_offset).fit(disp=0, maxiter=200)


def _fitted_at_bounds(result: Any) -> bool:
    """Whether some fitted probability is 0 or 1 to machine precision: separation by several terms."""
    with np.errstate(over="ignore"):
        fitted = np.asarray(result.predict(), dtype=float)
    return bool(np.any((fitted < 1e-10) | (fitted > 1 - 1e-10)))


def _statistics(result: Any, *, model: str) -> tuple[tuple[str, float], ...]:
    shared = (("log_likelihood", float(result.llf)), ("aic", float(result.aic)))
    if model == "linear":
        # The residual standard error is sqrt(residual sum of squares / residual df).
        return (
            *shared,
            ("r_squared", float(result.rsquared)),
            ("adjusted_r_squared", float(result.rsquared_adj)),
            ("residual_std_error", float(np.sqrt(result.scale))),
        )
    if model == "logistic":
        return (*shared, ("pseudo_r2", float(result.prsquared)), ("lr_p_value", float(result.llr_pvalue)))
    if model == "poisson":
        return (*shared, ("deviance", float(result.deviance)), ("pearson_chi2", float(result.pearson_chi2)))
    return (*shared, ("lr_p_value", float(result.llr_pvalue)))


def _check_separation(design: Design) -> None:
    """Raise if one design column alone separates the outcome (completely or quasi-completely)."""
    events = design.outcome == 1
    for index, term in enumerate(design.column_terms):
        if term == "Intercept":
            continue
        column = design.exog.iloc[:, index].to_numpy(dtype=float)
        with_event, without = column[events], column[~events]
        if with_event.min() >= without.max() or with_event.max() <= without.min():
            raise InputError(_separation_message("logistic", term))


def _separation_message(model: str, term: str | None) -> str:
    where = f"on {term!r}" if term else "in the predictors"
    return (
        f"{model}: perfect separation {where}: the outcome is (almost) fully predicted, so the "
        "odds ratio is infinite and cannot be estimated; merge categories, drop the term, or use "
        "exact or penalised (Firth) logistic regression."
    )
