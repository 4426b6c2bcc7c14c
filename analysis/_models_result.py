"""The result of a regression model: tidy ratios, a short summary, a forest plot and its checks."""

from __future__ import annotations

import html
from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

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

_RATIO_NAMES = {"logistic": "odds ratio", "poisson": "rate ratio", "negative_binomial": "rate ratio"}


@dataclass(frozen=True, eq=False)
class ModelResult:
    """A fitted regression model after output checking.

    Build it with :func:`analysis.logistic`, :func:`analysis.poisson` or
    :func:`analysis.negative_binomial`. When a check fails (and no override was given)
    every number is withheld: the table keeps its terms with null numbers, and ``n``,
    ``events``, the fit statistics and the dispersion are ``None``.

    Parameters
    ----------
    model
        ``"logistic"``, ``"poisson"`` or ``"negative_binomial"``.
    formula
        The patsy formula fitted.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        The disclosure policy applied; shown counts are rounded as it says.
    rows
        One row per model term (``Intercept`` first), columns as in :meth:`table`.
    n, events
        Persons used (complete cases) and events (sum of the outcome); ``None`` when withheld.
    df_model, df_resid
        Model and residual degrees of freedom; ``None`` when withheld.
    statistics
        Fit statistics as ``(name, value)`` pairs (log-likelihood, AIC, ...).
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

    def table(self) -> pl.DataFrame:
        """The tidy table: one row per term.

        Columns: ``term``, ``estimate`` (the ratio ``exp(coefficient)``: odds ratio or rate
        ratio), ``ci_low``, ``ci_high`` (Wald interval, exponentiated), ``p_value`` (Wald),
        ``coefficient``, ``std_error`` (log scale), ``withheld`` and ``reason``.
        """
        return self.rows.clone()

    def summary(self) -> str:
        """A short text: model, formula, n, events, degrees of freedom, fit statistics and notes."""
        ratio = _RATIO_NAMES[self.model]
        lines = [f"{self.model.replace('_', ' ')} regression ({ratio}s): {self.formula}"]
        if self.withheld is not None:
            lines.append(f"estimates {self.withheld}")
            return "\n".join(lines)
        lines.append(
            f"n = {self.n}, events = {self.events}, df model = {self.df_model}, df residual = {self.df_resid}"
        )
        lines.append(", ".join(f"{name} = {value:.4g}" for name, value in self.statistics))
        if self.overdispersion is not None:
            lines.append(f"overdispersion (Pearson chi2 / df residual) = {self.overdispersion:.3f}")
        if self.nb_alpha is not None:
            lines.append(f"negative binomial alpha = {self.nb_alpha:.4g}")
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)

    def plot(self) -> Figure:
        """A forest plot of the ratios and intervals of every term but the intercept, on a log axis.

        When the estimates are withheld the figure holds only that message.
        """
        terms = self.rows.filter(pl.col("term") != "Intercept")
        figure = Figure(figsize=(6.0, 1.0 + 0.4 * max(terms.height, 1)))
        axes = figure.add_subplot()
        if self.withheld is not None:
            axes.set_axis_off()
            axes.text(0.5, 0.5, f"estimates {self.withheld}", ha="center", va="center")
            return figure
        positions = list(range(terms.height))[::-1]
        estimates = terms["estimate"].to_list()
        lower = [estimate - low for estimate, low in zip(estimates, terms["ci_low"].to_list(), strict=True)]
        upper = [
            high - estimate for estimate, high in zip(estimates, terms["ci_high"].to_list(), strict=True)
        ]
        axes.errorbar(estimates, positions, xerr=[lower, upper], fmt="s", color="black", capsize=3)
        axes.axvline(1.0, color="grey", linestyle="--", linewidth=1)
        axes.set_xscale("log")
        axes.set_yticks(positions, terms["term"].to_list())
        axes.set_xlabel(f"{_RATIO_NAMES[self.model]} ({100 * (1 - self.alpha):g}% CI)")
        figure.tight_layout()
        return figure

    def _repr_html_(self) -> str:
        numbers = [name for name, dtype in self.rows.schema.items() if dtype == pl.Float64]
        shown = self.rows.with_columns(
            pl.when(pl.col("withheld"))
            .then(pl.lit(self.policy.marker))
            .otherwise(pl.col(name).round(4).cast(pl.String))
            .alias(name)
            for name in numbers
        )
        caption = "<br>".join(html.escape(line) for line in self.summary().splitlines())
        return f"<p>{caption}</p>{shown._repr_html_()}"
