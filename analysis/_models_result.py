"""The result of a regression model: tidy estimates, a short summary, a forest plot and its checks."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._effect_plot import effect_figure
from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["RESULT_SCHEMA", "ModelResult"]

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "term": pl.String(),
    "estimate": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "coefficient": pl.Float64(),
    "std_error": pl.Float64(),
    "withheld": pl.Boolean(),
    "reason": pl.String(),
}

_ESTIMATE_NAMES = {
    "logistic": "odds ratio",
    "poisson": "rate ratio",
    "negative_binomial": "rate ratio",
    "linear": "difference",
}
"""What the estimate of each model is; every model but ``linear`` reports ratios."""


@dataclass(frozen=True, eq=False)
class ModelResult:
    """A fitted regression model after output checking.

    Build it with :func:`analysis.logistic`, :func:`analysis.poisson`,
    :func:`analysis.negative_binomial` or :func:`analysis.linear`. When a check fails (and
    no override was given) every number is withheld: the table keeps its terms with null
    numbers, and ``n``, ``events``, the fit statistics and the dispersion are ``None``.

    Parameters
    ----------
    model
        ``"logistic"``, ``"poisson"``, ``"negative_binomial"`` or ``"linear"``; it sets the
        scale of the estimates (ratios, or differences for ``"linear"``).
    formula
        The patsy formula fitted.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        The disclosure policy applied; shown counts are rounded as it says.
    rows
        One row per model term (``Intercept`` first), columns as in :meth:`table`.
    n, events
        Persons used (complete cases) and events (sum of the outcome); ``None`` when withheld,
        and ``events`` is always ``None`` for a linear model.
    df_model, df_resid
        Model and residual degrees of freedom; ``None`` when withheld.
    statistics
        Fit statistics as ``(name, value)`` pairs (log-likelihood, AIC, ...; for a linear
        model also ``r_squared``, ``adjusted_r_squared`` and ``residual_std_error``).
    overdispersion
        Poisson only: Pearson chi-square over residual degrees of freedom.
    nb_alpha
        Negative binomial only: the estimated dispersion ``alpha`` (variance ``mu + alpha mu^2``).
    notes
        Warnings about the fit (overdispersion, convergence).
    withheld
        Why the estimates are withheld, or ``None``.
    checks
        The output checks applied, for :class:`~cohorts.disclosure.OutputLog`.

    Examples
    --------
    >>> import polars as pl
    >>> from analysis import logistic
    >>> table = pl.DataFrame({"case": [1, 0, 0, 0] * 15, "exposed": [1, 1, 0, 0, 0] * 12, "age": range(60)})
    >>> result = logistic(table, "case ~ exposed + age")  # 15 cases for 2 parameters
    >>> result.withheld
    'withheld: failed events per variable'
    >>> result.table()["estimate"].to_list()
    [None, None, None]
    """

    model: str
    formula: str
    alpha: float
    policy: DisclosurePolicy
    rows: pl.DataFrame
    n: int | None
    events: int | None
    df_model: int | None
    df_resid: int | None
    statistics: tuple[tuple[str, float], ...]
    overdispersion: float | None
    nb_alpha: float | None
    notes: tuple[str, ...]
    withheld: str | None
    checks: tuple[CheckEntry, ...]

    @property
    def estimate_name(self) -> str:
        """What :meth:`table`'s ``estimate`` is: ``"odds ratio"``, ``"rate ratio"`` or ``"difference"``."""
        return _ESTIMATE_NAMES[self.model]

    @property
    def null_value(self) -> float:
        """The estimate of no effect: 1 for a ratio, 0 for a difference."""
        return 0.0 if self.model == "linear" else 1.0

    def table(self) -> pl.DataFrame:
        """The tidy table: one row per term.

        Columns: ``term``, ``estimate`` (the ratio ``exp(coefficient)``: odds ratio or rate
        ratio; for a linear model the coefficient itself, a difference in the mean
        outcome), ``ci_low``, ``ci_high`` (Wald interval, exponentiated; t interval for a
        linear model), ``p_value`` (Wald; t test for a linear model), ``coefficient``,
        ``std_error`` (log scale for ratios), ``withheld`` and ``reason``.
        """
        return self.rows.clone()

    def summary(self) -> str:
        """A short text: model, formula, n, events, df, fit statistics, each term's estimate, notes."""
        lines = [f"{self.model.replace('_', ' ')} regression ({self.estimate_name}s): {self.formula}"]
        if self.withheld is not None:
            lines.append(f"estimates {self.withheld}")
            return "\n".join(lines)
        events = "" if self.events is None else f", events = {self.events}"
        lines.append(f"n = {self.n}{events}, df model = {self.df_model}, df residual = {self.df_resid}")
        lines.append(", ".join(f"{name} = {value:.4g}" for name, value in self.statistics))
        terms = self.rows.filter(pl.col("term") != "Intercept")
        width = max((len(term) for term in terms["term"]), default=0)
        confidence = f"{1 - self.alpha:.0%} CI"
        lines.extend(
            f"  {row['term']:<{width}}  {row['estimate']:.3f} ({confidence} {row['ci_low']:.3f} to "
            f"{row['ci_high']:.3f}), p = {row['p_value']:.3g}"
            for row in terms.iter_rows(named=True)
        )
        if self.overdispersion is not None:
            lines.append(f"overdispersion (Pearson chi2 / df residual) = {self.overdispersion:.3f}")
        if self.nb_alpha is not None:
            lines.append(f"negative binomial alpha = {self.nb_alpha:.4g}")
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)

    def plot(self) -> Figure:
        """A forest plot of the estimates and intervals of every term but the intercept.

        Ratios are drawn on a log axis with the null line at 1, differences (linear) on a
        linear axis with the null line at 0.

        When the estimates are withheld the figure holds only that message.
        """
        terms = self.rows.filter(pl.col("term") != "Intercept")
        if self.withheld is not None:
            figure = Figure(figsize=(6.0, 1.0 + 0.4 * max(terms.height, 1)))
            axes = figure.add_subplot()
            axes.set_axis_off()
            axes.text(0.5, 0.5, f"estimates {self.withheld}", ha="center", va="center")
            return figure
        return effect_figure(
            terms["term"].to_list(),
            terms["estimate"].to_list(),
            terms["ci_low"].to_list(),
            terms["ci_high"].to_list(),
            null_value=self.null_value,
            xlabel=f"{self.estimate_name} ({100 * (1 - self.alpha):g}% CI)",
            title=self.formula,
            log_scale=self.model != "linear",
        )

    def _repr_html_(self) -> str:
        """The summary and the tidy table, withheld numbers shown as the policy's marker."""
        numbers = [name for name, dtype in self.rows.schema.items() if dtype.is_float()]
        labelled = self.rows.rename({"estimate": self.estimate_name})
        return result_html(
            labelled,
            self.policy,
            hidden=[self.estimate_name if name == "estimate" else name for name in numbers],
            suppressed="withheld",
            caption=self.summary(),
            css_class="model",
        )
