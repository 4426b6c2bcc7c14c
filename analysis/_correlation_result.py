"""The result of :func:`analysis.correlate`: a tidy table, a matrix and the disclosure checks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from matplotlib.figure import Figure

from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["RESULT_SCHEMA", "CorrelationResult"]

RESULT_SCHEMA: dict[str, pl.DataType] = {
    "variable_a": pl.String(),
    "variable_b": pl.String(),
    "method": pl.String(),
    "n": pl.Int64(),
    "estimate": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_value": pl.Float64(),
    "p_bh": pl.Float64(),
    "p_bonferroni": pl.Float64(),
    "suppressed": pl.Boolean(),
    "reason": pl.String(),
}

_HIDDEN_WHEN_SUPPRESSED = ("n", "estimate", "ci_low", "ci_high", "p_value", "p_bh", "p_bonferroni")


@dataclass(frozen=True)
class CorrelationResult:
    """Pairwise associations between variables, checked for disclosure.

    Build it with :func:`analysis.correlate`. Suppressed pairs keep their row, with
    ``n``, the estimate, interval and p-values null, ``suppressed`` true and a reason.

    Parameters
    ----------
    variables
        The variables correlated, in the order given.
    confounders
        The numeric variables partialled out (empty for plain correlations).
    alpha
        One minus the confidence level of the intervals.
    policy
        The disclosure policy applied.
    rows
        One row per unordered pair, with the columns of :meth:`table`.
    checks
        The disclosure checks applied, for the output-checking log.

    Examples
    --------
    >>> import polars as pl
    >>> from analysis import correlate
    >>> table = pl.DataFrame({"age": list(range(20)), "visits": [v % 7 for v in range(20)]})
    >>> result = correlate(table, ["age", "visits"])
    >>> result.matrix().columns
    ['variable', 'age', 'visits']
    >>> result.checks[0].rule
    'minimum complete pairs'
    """

    variables: tuple[str, ...]
    confounders: tuple[str, ...]
    alpha: float
    policy: DisclosurePolicy
    rows: pl.DataFrame
    checks: tuple[CheckEntry, ...]

    def table(self) -> pl.DataFrame:
        """The tidy table: one row per pair, columns as in ``RESULT_SCHEMA``.

        Columns are ``variable_a``, ``variable_b``, ``method``, ``n``, ``estimate``,
        ``ci_low``, ``ci_high``, ``p_value``, ``p_bh``, ``p_bonferroni``, ``suppressed``
        and ``reason``.
        """
        return self.rows.clone()

    def matrix(self) -> pl.DataFrame:
        """The estimates as a square matrix: a ``variable`` column, then one column per variable.

        The diagonal is 1; suppressed or undefined pairs are null.
        """
        estimates = {
            (row["variable_a"], row["variable_b"]): row["estimate"] for row in self.rows.iter_rows(named=True)
        }
        columns: dict[str, list[float | None]] = {}
        for column in self.variables:
            columns[column] = [
                1.0 if row == column else estimates.get((row, column), estimates.get((column, row)))
                for row in self.variables
            ]
        return pl.DataFrame(
            {"variable": list(self.variables), **columns},
            schema={"variable": pl.String, **dict.fromkeys(self.variables, pl.Float64)},
        )

    def plot(self) -> Figure:
        """A heatmap of the estimates (suppressed or undefined pairs blank, marked ``n/a``).

        Returns
        -------
        matplotlib.figure.Figure
            One cell per pair, annotated with the estimate; colours from -1 to 1.
        """
        matrix = self.matrix()
        names = list(self.variables)
        values = np.array(
            [[np.nan if value is None else value for value in matrix[name].to_list()] for name in names]
        ).T
        size = 1.0 + 0.7 * len(names)
        figure = Figure(figsize=(size + 1.5, size))
        axes = figure.add_subplot()
        image = axes.imshow(np.ma.masked_invalid(values), cmap="RdBu_r", vmin=-1.0, vmax=1.0)
        axes.set_xticks(range(len(names)), labels=names, rotation=45, ha="right")
        axes.set_yticks(range(len(names)), labels=names)
        for row, column in np.ndindex(values.shape):
            value = values[row, column]
            axes.text(
                column,
                row,
                "n/a" if np.isnan(value) else f"{value:.2f}",
                ha="center",
                va="center",
                fontsize=8,
            )
        figure.colorbar(image, ax=axes, label="estimate")
        axes.set_title("Pairwise associations")
        figure.tight_layout()
        return figure

    def _repr_html_(self) -> str:
        """The tidy table as HTML, each suppressed cell shown as the policy's marker."""
        caption = f"Pairwise associations, {100 * (1 - self.alpha):g}% intervals"
        return result_html(
            self.rows,
            self.policy,
            hidden=_HIDDEN_WHEN_SUPPRESSED,
            suppressed="suppressed",
            caption=caption,
            css_class="correlation",
        )
