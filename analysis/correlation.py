"""How the variables of an analysis table relate: pairwise correlations with disclosure control.

:func:`correlate` takes a one-row-per-person table (e.g. from ``cohorts.Cohort.variables()``)
and returns a :class:`CorrelationResult` with one row per pair of variables. Each pair is
measured on its complete pairs (persons with both values, and every confounder, present);
a pair measured on fewer persons than the disclosure threshold is suppressed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence

import numpy as np
import polars as pl
from statsmodels.stats.multitest import multipletests

from analysis._correlation_inputs import Kind, check_arguments, complete_pairs, kind_of, numeric_codes
from analysis._correlation_result import RESULT_SCHEMA, CorrelationResult
from analysis._correlation_stats import Estimate, cramers_v, linear_correlation
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["CorrelationResult", "correlate"]

logger = logging.getLogger(__name__)

_NO_ESTIMATE = Estimate(None, None, None, None)


def correlate(
    table: pl.DataFrame | pl.LazyFrame,
    variables: Sequence[str],
    *,
    method: str = "auto",
    confounders: Sequence[str] = (),
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    output: str = "correlation",
) -> CorrelationResult:
    """Correlate every unordered pair of ``variables``, suppressing pairs from too few persons.

    The measure depends on the kinds of the two variables. A variable with exactly two
    distinct values (boolean, 0/1, two categories) is *binary*; other numeric columns are
    *numeric*; other string or categorical columns are *categorical*.

    - numeric with numeric: Pearson's r (``method="pearson"`` or ``"auto"``) with a
      Fisher-z interval and a t-test p-value, or Spearman's rho (``method="spearman"``)
      with a Fisher-z interval using the Bonett-Wright standard error
      ``sqrt((1 + rho^2 / 2) / (n - 3))`` and a t-test p-value as in ``scipy.stats.spearmanr``;
    - numeric with binary: the point-biserial correlation (Pearson's r with the binary
      variable coded 0/1: ``True``, the larger number or the later category in sort
      order is 1), with a Fisher-z interval;
    - binary or categorical with binary or categorical: Cramér's V (no bias correction)
      with the p-value of the chi-square test of independence (no continuity
      correction). No interval is computed for V: ``ci_low`` and ``ci_high`` are null;
    - categorical (three or more categories) with numeric: no measure; the row has a
      null estimate and says so in ``reason``.

    With ``confounders``, numeric and point-biserial pairs are partial correlations: both
    variables (ranks of every variable, for Spearman) are residualised on the confounders
    by least squares and the residuals correlated; the t-test uses ``n - 2 - k`` degrees
    of freedom and the Fisher z ``n - 3 - k``, for ``k`` confounders. Cramér's V is not
    adjusted (its ``reason`` says so).

    Parameters
    ----------
    table
        One row per person; collected first if lazy.
    variables
        At least two column names.
    method
        ``"auto"`` (Pearson), ``"pearson"`` or ``"spearman"``; used for numeric pairs only.
    confounders
        Numeric (or boolean) columns to partial out.
    alpha
        One minus the confidence level of the intervals (0.05 gives 95% intervals).
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
        A pair is suppressed when the policy hides its number of complete pairs; shown
        ``n`` are rounded as the policy says.
    output
        Name of the output, for the checks.

    Returns
    -------
    CorrelationResult
        Adjusted p-values (Benjamini-Hochberg ``p_bh`` and Bonferroni ``p_bonferroni``)
        are computed over the released p-values only, so a suppressed pair cannot be
        inferred from them.

    Raises
    ------
    ConfigError
        Fewer than two variables, a column not in the table, a column given twice, an
        unknown ``method`` or an ``alpha`` outside (0, 1).
    InputError
        A constant variable, a non-numeric confounder or a column of another type.

    Examples
    --------
    >>> import polars as pl
    >>> table = pl.DataFrame({
    ...     "age": [30, 41, 52, 60, 35, 47, 58, 66, 29, 50, 44, 71],
    ...     "visits": [2, 3, 5, 6, 2, 4, 6, 8, 1, 4, 3, 9],
    ... })
    >>> row = correlate(table, ["age", "visits"]).table().row(0, named=True)
    >>> row["method"], row["n"], round(row["estimate"], 3), row["suppressed"]
    ('pearson', 12, 0.982, False)
    >>> correlate(table.head(8), ["age", "visits"]).table()["estimate"].to_list()
    [None]
    """
    frame = table.collect() if isinstance(table, pl.LazyFrame) else table
    policy = policy or DisclosurePolicy()
    check_arguments(frame, variables, method=method, confounders=confounders, alpha=alpha)
    kinds = {column: kind_of(frame, column) for column in variables}
    rows = [
        _pair_row(
            frame, first, second, kinds, method=method, confounders=confounders, alpha=alpha, policy=policy
        )
        for first, second in itertools.combinations(variables, 2)
    ]
    rows_frame = _with_adjusted_p(pl.DataFrame(rows, schema=RESULT_SCHEMA, orient="row"), alpha)
    suppressed = int(rows_frame["suppressed"].sum())
    checks = [
        CheckEntry(
            output,
            "minimum complete pairs",
            rows_frame.height,
            suppressed,
            f"associations from fewer than {policy.threshold} complete pairs suppressed "
            "(n, estimate, interval and p-values set to null)",
        )
    ]
    if policy.rounding is not None:
        checks.append(
            CheckEntry(
                output,
                "rounding",
                rows_frame.height - suppressed,
                0,
                f"numbers of complete pairs rounded to the nearest multiple of {policy.rounding}",
            )
        )
    logger.info("correlated %d pairs, %d suppressed", rows_frame.height, suppressed)
    return CorrelationResult(
        variables=tuple(variables),
        confounders=tuple(confounders),
        alpha=float(alpha),
        policy=policy,
        rows=rows_frame,
        checks=tuple(checks),
    )


def _measure(first: Kind, second: Kind, method: str) -> str | None:
    """The measure for a pair of kinds, or ``None`` when none applies."""
    kinds = {first, second}
    if kinds == {Kind.NUMERIC}:
        return "spearman" if method == "spearman" else "pearson"
    if kinds == {Kind.NUMERIC, Kind.BINARY}:
        return "point_biserial"
    if Kind.NUMERIC in kinds:
        return None
    return "cramers_v"


def _pair_row(
    frame: pl.DataFrame,
    first: str,
    second: str,
    kinds: dict[str, Kind],
    *,
    method: str,
    confounders: Sequence[str],
    alpha: float,
    policy: DisclosurePolicy,
) -> tuple[object, ...]:
    measure = _measure(kinds[first], kinds[second], method)
    pairs = complete_pairs(frame, [first, second, *confounders])
    n = pairs.height
    suppressed = policy.hides(n)
    estimate, reason = _NO_ESTIMATE, _reason_without_estimate(measure, n, policy)
    if reason is None and measure is not None:
        estimate = _estimate(pairs, first, second, measure, confounders=confounders, alpha=alpha)
        if estimate.estimate is None:
            reason = "a variable is constant within the complete pairs (after adjustment)"
        elif measure == "cramers_v" and confounders:
            reason = "not adjusted for confounders"
    shown_n = None if suppressed else policy.round_count(n)
    return (
        first,
        second,
        measure or "none",
        shown_n,
        estimate.estimate,
        estimate.ci_low,
        estimate.ci_high,
        estimate.p_value,
        None,
        None,
        suppressed,
        reason,
    )


def _reason_without_estimate(measure: str | None, n: int, policy: DisclosurePolicy) -> str | None:
    """Why a pair gets no estimate before any is computed, or ``None`` if it gets one."""
    # Small n first: even a pair without a measure must not show a small count.
    if policy.hides(n):
        return f"fewer than {policy.threshold} complete pairs"
    if n == 0:
        return "no complete pairs"
    if measure is None:
        return "no measure for a numeric and a multi-category variable"
    return None


def _estimate(
    pairs: pl.DataFrame,
    first: str,
    second: str,
    measure: str,
    *,
    confounders: Sequence[str],
    alpha: float,
) -> Estimate:
    first_values = numeric_codes(pairs.get_column(first))
    second_values = numeric_codes(pairs.get_column(second))
    if measure == "cramers_v":
        return cramers_v(first_values, second_values)
    adjustment = (
        np.column_stack([numeric_codes(pairs.get_column(column)) for column in confounders])
        if confounders
        else np.empty((pairs.height, 0))
    )
    return linear_correlation(
        first_values, second_values, adjustment, ranked=measure == "spearman", alpha=alpha
    )


def _with_adjusted_p(rows: pl.DataFrame, alpha: float) -> pl.DataFrame:
    """Fill ``p_bh`` and ``p_bonferroni`` from the p-values that are present."""
    present = rows["p_value"].is_not_null().to_numpy()
    if not present.any():
        return rows
    p_values = rows["p_value"].to_numpy()[present]
    adjusted = {}
    for column, name in (("p_bh", "fdr_bh"), ("p_bonferroni", "bonferroni")):
        values = np.full(rows.height, np.nan)
        values[present] = multipletests(p_values, alpha=alpha, method=name)[1]
        adjusted[column] = pl.Series(column, values).fill_nan(None)
    return rows.with_columns(**adjusted)
