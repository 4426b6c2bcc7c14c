"""The result of :func:`analysis.conditional_logistic`: odds ratios after disclosure control."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._effect_plot import effect_figure
from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["RESULT_SCHEMA", "CaseCrossoverResult"]

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "exposure": pl.String(),
    "per": pl.Float64(),
    "odds_ratio": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "suppressed": pl.Boolean(),
    "reason": pl.String(),
}


@dataclass(frozen=True, eq=False)
class CaseCrossoverResult:
    """Odds ratios from a conditional logistic regression, checked for disclosure.

    Build it with :func:`analysis.conditional_logistic`.

    Parameters
    ----------
    estimates
        One row per exposure with the columns of ``RESULT_SCHEMA``: the odds ratio per
        ``per`` units, its interval and Wald p-value; all null when withheld.
    checks
        The disclosure checks applied, for :class:`~cohorts.disclosure.OutputLog`.
    n_strata
        Informative strata used (a case and at least one referent); ``None`` when withheld.
    n_cases
        Case events used (sum of the weights of the case rows); ``None`` when withheld.
    n_rows
        Rows used in the fit.
    n_dropped
        Rows dropped for a missing value in a used column.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        The disclosure policy applied.

    Examples
    --------
    >>> from analysis import conditional_logistic
    >>> data = pl.DataFrame({"stratum": [1, 1], "case": [1, 0], "pm10": [30.0, 20.0]})
    >>> result = conditional_logistic(data, exposures=["pm10"])
    >>> result.table().select("odds_ratio", "suppressed").row(0)
    (None, True)
    >>> result.checks[0].rule
    'minimum case strata'
    """

    estimates: pl.DataFrame
    checks: tuple[CheckEntry, ...]
    n_strata: int | None
    n_cases: int | None
    n_rows: int
    n_dropped: int
    alpha: float
    policy: DisclosurePolicy

    def table(self) -> pl.DataFrame:
        """The tidy table: one row per exposure (see :attr:`estimates`)."""
        return self.estimates.clone()

    def summary(self) -> str:
        """A few lines of plain text: the counts used, then one line per exposure."""
        level = f"{100 * (1 - self.alpha):g}%"
        lines = [
            "Case-crossover: conditional logistic regression",
            (
                f"case strata: {_shown(self.n_strata, self.policy)}, case events: "
                f"{_shown(self.n_cases, self.policy)}, rows dropped for missing values: "
                f"{_shown(self.n_dropped, self.policy)}"
            ),
        ]
        for row in self.estimates.iter_rows(named=True):
            if row["suppressed"] or row["odds_ratio"] is None:
                lines.append(
                    f"{row['exposure']} (per {row['per']:g}): {self.policy.marker} ({row['reason']})"
                )
                continue
            lines.append(
                f"{row['exposure']} (per {row['per']:g}): OR {row['odds_ratio']:.4f} "
                f"({level} CI {row['ci_low']:.4f} to {row['ci_high']:.4f}), p = {row['p_value']:.3g}"
            )
        return "\n".join(lines)

    def plot(self) -> Figure:
        """A forest plot of the odds ratios (log scale) with their intervals."""
        return effect_figure(
            [f"{row['exposure']} (per {row['per']:g})" for row in self.estimates.iter_rows(named=True)],
            self.estimates["odds_ratio"].to_list(),
            self.estimates["ci_low"].to_list(),
            self.estimates["ci_high"].to_list(),
            null_value=1.0,
            xlabel=f"odds ratio ({100 * (1 - self.alpha):g}% CI)",
            title="Case-crossover",
            log_scale=True,
        )

    def _repr_html_(self) -> str:
        """The odds ratios as HTML, each suppressed cell shown as the policy's marker."""
        caption = f"Case-crossover odds ratios, {100 * (1 - self.alpha):g}% intervals"
        return result_html(
            self.estimates,
            self.policy,
            hidden=[name for name in self.estimates.columns if name != "reason"],
            caption=caption,
            css_class="case-crossover",
        )


def _shown(count: int | None, policy: DisclosurePolicy) -> str:
    if count is None or policy.hides(count):
        return policy.marker
    return str(policy.round_count(count))
