"""Regression models on an analysis table, with output checks: logistic, Poisson, negative binomial, linear.

Each function takes a one-row-per-person polars table and a patsy formula
(``"outcome ~ exposure + age + C(region)"``), fits the model with statsmodels on the
complete cases of the columns the formula uses, and returns a :class:`ModelResult`
with ratios (``exp`` of the coefficients) and Wald intervals, or for :func:`linear`
differences in the mean outcome with t intervals. Before release the model
is checked (persons, events, events per variable, residual degrees of freedom and
the size of every categorical level); when a check fails every estimate is withheld,
unless ``override=True`` is given inside the secure environment (logged as a check).

Examples
--------
>>> import polars as pl
>>> table = pl.DataFrame({
...     "case": [1] * 30 + [0] * 20 + [1] * 20 + [0] * 30,
...     "exposed": [True] * 50 + [False] * 50,
... })
>>> row = logistic(table, "case ~ exposed").table().row(1, named=True)
>>> row["term"], round(row["estimate"], 4)  # (30 * 30) / (20 * 20)
('exposed[T.True]', 2.25)
"""

from __future__ import annotations

import logging

import numpy as np
import polars as pl

from analysis._models_disclosure import ModelCounts, check_model
from analysis._models_fit import Fit, fit
from analysis._models_inputs import Design, check_alpha, design, formula_variables, persons_and_events
from analysis._models_result import RESULT_SCHEMA, ModelResult
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError

__all__ = ["ModelResult", "linear", "logistic", "negative_binomial", "poisson"]

_OUTCOME_KINDS = {"logistic": "binary", "poisson": "count", "negative_binomial": "count", "linear": "numeric"}

logger = logging.getLogger(__name__)


def logistic(
    table: pl.DataFrame | pl.LazyFrame,
    formula: str,
    *,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    output: str = "logistic",
) -> ModelResult:
    """Logistic regression (``statsmodels`` ``Logit``); estimates are odds ratios.

    Parameters
    ----------
    table
        One row per person; collected first if lazy. Rows missing any column of the
        formula are left out (complete cases).
    formula
        Patsy formula ``outcome ~ predictors``; the outcome is boolean or 0/1. String,
        boolean and ``C(...)`` predictors are categorical.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
    override
        Release the estimates even when a check fails; only inside the secure
        environment. The override is recorded in :attr:`ModelResult.checks`.
    output
        Name of the output, for the checks.

    Returns
    -------
    ModelResult
        Odds ratio ``exp(b)``, Wald interval ``exp(b -/+ z se)`` and Wald p-value per term.
        Withheld when persons, events or non-events are small, fewer than 10 of the
        rarer outcome per parameter, residual df below the threshold or a categorical
        level is small.

    Raises
    ------
    ConfigError
        If the formula cannot be parsed, names a column not in the table, or ``alpha``
        is out of range.
    InputError
        If the outcome is not binary or constant, a predictor is constant, the
        predictors are collinear, a term separates the outcome perfectly, or there are
        fewer events (or non-events) than parameters.

    Examples
    --------
    >>> table = pl.DataFrame({"case": [1, 0, 0, 1, 0] * 40, "age": list(range(200))})
    >>> result = logistic(table, "case ~ age")
    >>> result.table()["term"].to_list(), result.n, result.events
    (['Intercept', 'age'], 200, 80)
    """
    return _model(
        table,
        formula,
        model="logistic",
        offset=None,
        alpha=alpha,
        policy=policy,
        override=override,
        output=output,
    )


def poisson(
    table: pl.DataFrame | pl.LazyFrame,
    formula: str,
    *,
    offset: str | None = None,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    output: str = "poisson",
) -> ModelResult:
    """Poisson regression (``statsmodels`` GLM, log link); estimates are rate ratios.

    Overdispersion, Pearson chi-square over residual degrees of freedom, is reported in
    :attr:`ModelResult.overdispersion`; above 1.5 a note suggests :func:`negative_binomial`.

    Parameters
    ----------
    table, formula, alpha, policy, override, output
        As in :func:`logistic`; the outcome holds counts (whole numbers >= 0).
    offset
        Column of person-time at risk (positive); its log is the offset, so the ratios
        are rate ratios. Without it the ratios compare mean counts.

    Returns
    -------
    ModelResult
        Rate ratio ``exp(b)`` with Wald interval and p-value per term.

    Raises
    ------
    ConfigError, InputError
        As in :func:`logistic`; also if the offset is not positive.

    Examples
    --------
    >>> table = pl.DataFrame({
    ...     "events": [2, 1, 0, 3] * 25, "years": [1.0, 2.0, 1.5, 2.5] * 25, "smoker": [1, 1, 0, 0] * 25,
    ... })
    >>> result = poisson(table, "events ~ smoker", offset="years")
    >>> round(result.table()["estimate"][1], 4)  # (75 / 75) / (75 / 100)
    1.3333
    """
    return _model(
        table,
        formula,
        model="poisson",
        offset=offset,
        alpha=alpha,
        policy=policy,
        override=override,
        output=output,
    )


def negative_binomial(
    table: pl.DataFrame | pl.LazyFrame,
    formula: str,
    *,
    offset: str | None = None,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    output: str = "negative_binomial",
) -> ModelResult:
    """Negative binomial (NB2) regression by maximum likelihood; estimates are rate ratios.

    The dispersion ``alpha`` (variance ``mu + alpha mu^2``) is estimated with the
    coefficients (``statsmodels`` ``NegativeBinomial``) and reported in
    :attr:`ModelResult.nb_alpha`; it is not a row of the table.

    Parameters
    ----------
    table, formula, offset, alpha, policy, override, output
        As in :func:`poisson`.

    Returns
    -------
    ModelResult
        Rate ratio ``exp(b)`` with Wald interval and p-value per term.

    Raises
    ------
    ConfigError, InputError
        As in :func:`poisson`.

    Examples
    --------
    >>> table = pl.DataFrame({"visits": [0, 1, 5, 0, 9, 2, 0, 3] * 10, "older": [0, 1] * 40})
    >>> result = negative_binomial(table, "visits ~ older")
    >>> result.nb_alpha is not None and result.nb_alpha > 0
    True
    """
    return _model(
        table,
        formula,
        model="negative_binomial",
        offset=offset,
        alpha=alpha,
        policy=policy,
        override=override,
        output=output,
    )


def linear(
    table: pl.DataFrame | pl.LazyFrame,
    formula: str,
    *,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    output: str = "linear",
) -> ModelResult:
    """Linear regression by ordinary least squares (``statsmodels`` ``OLS``); estimates are differences.

    Each estimate is the coefficient itself: the difference in the mean outcome per unit
    of a numeric predictor, or between a level and the reference level of a categorical
    one (the intercept is the mean outcome at zero / the reference). Intervals and
    p-values use the t distribution on the residual degrees of freedom. The R squared,
    adjusted R squared and residual standard error are in :attr:`ModelResult.statistics`.

    Parameters
    ----------
    table, formula, alpha, policy, override, output
        As in :func:`logistic`; the outcome is numeric (a boolean or 0/1 outcome gives a
        linear probability model).

    Returns
    -------
    ModelResult
        Difference ``b``, interval ``b -/+ t(1 - alpha/2, df residual) se`` and t-test
        p-value per term; ``events`` is ``None``. Withheld when persons are few, residual
        df are below the threshold or a categorical level is small; for a 0/1 outcome also
        when events or non-events are few.

    Raises
    ------
    ConfigError
        As in :func:`logistic`.
    InputError
        If the outcome is not numeric or is constant, a predictor is constant, the
        predictors are collinear or fit the outcome exactly, or there are no more persons
        than parameters.

    Examples
    --------
    >>> table = pl.DataFrame({"sbp": [120.0, 124.0, 131.0, 135.0] * 10, "age": [40, 50, 60, 70] * 10})
    >>> result = linear(table, "sbp ~ age")
    >>> row = result.table().row(1, named=True)
    >>> row["term"], round(row["estimate"], 4), row["estimate"] == row["coefficient"]  # cov / var = 260 / 500
    ('age', 0.52, True)
    >>> round(dict(result.statistics)["r_squared"], 4), result.events
    (0.9869, None)
    """
    return _model(
        table,
        formula,
        model="linear",
        offset=None,
        alpha=alpha,
        policy=policy,
        override=override,
        output=output,
    )


def _model(
    table: pl.DataFrame | pl.LazyFrame,
    formula: str,
    *,
    model: str,
    offset: str | None,
    alpha: float,
    policy: DisclosurePolicy | None,
    override: bool,
    output: str,
) -> ModelResult:
    check_alpha(alpha, model=model)
    if not isinstance(override, bool):
        raise ConfigError(f"{model}: override must be True or False.")
    if offset is not None and not isinstance(offset, str):
        raise ConfigError(f"{model}: offset must be the name of a person-time column, or None.")
    policy = policy or DisclosurePolicy()
    frame = table.collect() if isinstance(table, pl.LazyFrame) else table
    variables = formula_variables(formula, model=model)
    kind = _OUTCOME_KINDS[model]
    built = design(frame, formula, variables, model=model, offset=offset, outcome_kind=kind)
    persons, events = persons_and_events(built, kind=kind, model=model, outcome=variables.outcome)
    fitted = fit(built, model=model, alpha=alpha)
    terms = len(built.column_terms)
    # A 0/1 outcome of a linear model is binary too: its events and non-events are checked.
    binary = events is not None and kind in ("binary", "numeric")
    verdict = check_model(
        ModelCounts(
            persons=persons,
            events=events,
            non_events=persons - events if binary and events is not None else None,
            parameters=terms - int("Intercept" in built.column_terms),
            df_resid=fitted.df_resid,
            level_counts=built.level_counts,
            events_per_variable=model == "logistic",
        ),
        policy=policy,
        override=override,
        output=output,
        terms=terms,
    )
    logger.info("%s: fitted %d terms, %s", output, terms, "withheld" if verdict.withheld else "released")
    released = verdict.withheld is None
    return ModelResult(
        model=model,
        formula=formula,
        alpha=float(alpha),
        policy=policy,
        rows=_rows(built, fitted, withheld=verdict.withheld, ratio=model != "linear"),
        n=policy.round_count(persons) if released else None,
        events=policy.round_count(events) if released and events is not None and kind != "numeric" else None,
        df_model=fitted.df_model if released else None,
        df_resid=fitted.df_resid if released else None,
        statistics=fitted.statistics if released else (),
        overdispersion=fitted.overdispersion if released else None,
        nb_alpha=fitted.nb_alpha if released else None,
        notes=fitted.notes if released else (),
        withheld=verdict.withheld,
        checks=verdict.checks,
    )


def _rows(built: Design, fitted: Fit, *, withheld: str | None, ratio: bool) -> pl.DataFrame:
    names = [str(name) for name in built.exog.columns]
    if withheld is not None:
        nulls = [None] * len(names)
        columns: dict[str, object] = {
            name: nulls for name in RESULT_SCHEMA if name not in ("term", "withheld", "reason")
        }
        return pl.DataFrame(
            {"term": names, **columns, "withheld": [True] * len(names), "reason": [withheld] * len(names)},
            schema=RESULT_SCHEMA,
        )
    # Ratio models report exp(coefficient); a linear model reports the coefficient itself.
    scale = np.exp if ratio else np.asarray
    return pl.DataFrame(
        {
            "term": names,
            "estimate": scale(fitted.coefficients),
            "ci_low": scale(fitted.ci_low),
            "ci_high": scale(fitted.ci_high),
            "p_value": fitted.p_values,
            "coefficient": fitted.coefficients,
            "std_error": fitted.std_errors,
            "withheld": [False] * len(names),
            "reason": [None] * len(names),
        },
        schema=RESULT_SCHEMA,
    )
