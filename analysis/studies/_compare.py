"""One term's estimate in a crude and an adjusted model, side by side, with a sentence on the change.

Confounding is the commonest way a correlation study misleads: reminders go to
appointments booked far ahead, which are missed more often, so reminded appointments
look worse until lead time is adjusted for. :func:`compare_adjustment` puts the two
estimates of one term next to each other and says in words how the adjustment moved it,
and whether it crossed the null (1 for ratios, 0 for differences).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._effect_plot import effect_figure
from analysis._models_inputs import formula_variables
from analysis.models import ModelResult
from cohorts.disclosure import CheckEntry
from data_contracts import ConfigError

__all__ = ["Comparison", "compare_adjustment"]


@dataclass(frozen=True, eq=False)
class Comparison:
    """A term's crude and adjusted estimates and the sentence explaining the change.

    Parameters
    ----------
    term
        The model term compared (as the model tables name it).
    estimate_name
        ``"odds ratio"``, ``"rate ratio"`` or ``"difference"``.
    adjusted_for
        The columns the adjusted model adds.
    rows
        Two rows (``crude``, ``adjusted``): estimate, interval, p-value, whether withheld.
    explanation
        The sentence; says the estimates are withheld when either model's are.
    checks
        The output check of the comparison (it only repeats released numbers).
    """

    term: str
    estimate_name: str
    adjusted_for: tuple[str, ...]
    rows: pl.DataFrame
    explanation: str
    checks: tuple[CheckEntry, ...]

    def table(self) -> pl.DataFrame:
        """The two rows (``model`` crude, adjusted): term, estimate, interval, p-value, withheld."""
        return self.rows

    def summary(self) -> str:
        """The explanation, after the two estimates."""
        lines = [f"{self.estimate_name} for {self.term}:"]
        for row in self.rows.iter_rows(named=True):
            lines.append(f"  {row['model']:<9} {_interval(row)}")
        lines.append(self.explanation)
        return "\n".join(lines)

    def plot(self) -> Figure:
        """The two estimates as a forest plot."""
        ratio = self.estimate_name != "difference"
        return effect_figure(
            self.rows["model"].to_list(),
            self.rows["estimate"].to_list(),
            self.rows["ci_low"].to_list(),
            self.rows["ci_high"].to_list(),
            null_value=1.0 if ratio else 0.0,
            xlabel=self.estimate_name,
            title=f"{self.term}: crude and adjusted",
            log_scale=ratio,
        )

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{html.escape(row['model'])}</td><td>{html.escape(_interval(row))}</td></tr>"
            for row in self.rows.iter_rows(named=True)
        )
        return (
            f"<table><caption>{html.escape(self.estimate_name)} for {html.escape(self.term)}</caption>"
            f"{cells}</table><p>{html.escape(self.explanation)}</p>"
        )


def compare_adjustment(
    crude: ModelResult, adjusted: ModelResult, *, term: str, output: str = "comparison"
) -> Comparison:
    """Put ``term``'s estimate from a ``crude`` and an ``adjusted`` model side by side.

    Parameters
    ----------
    crude, adjusted
        Fitted models of the same kind and outcome; the adjusted one adds covariates.
    term
        The term, or the column a single term comes from (``reminded`` matches
        ``reminded[T.True]``).
    output
        Name of the output, for the check.

    Returns
    -------
    Comparison

    Raises
    ------
    ConfigError
        If the models differ in kind or outcome, or the term is in neither, or matches
        several terms.

    Examples
    --------
    >>> import polars as pl
    >>> from analysis import logistic
    >>> lead = [0] * 100 + [1] * 100
    >>> reminded = [0] * 80 + [1] * 20 + [0] * 20 + [1] * 80
    >>> no_show = [1] * 8 + [0] * 72 + [1] * 1 + [0] * 19 + [1] * 8 + [0] * 12 + [1] * 24 + [0] * 56
    >>> table = pl.DataFrame({"no_show": no_show, "reminded": reminded, "lead": lead})
    >>> crude = logistic(table, "no_show ~ reminded")
    >>> adjusted = logistic(table, "no_show ~ reminded + lead")
    >>> comparison = compare_adjustment(crude, adjusted, term="reminded")
    >>> comparison.rows["estimate"].round(2).to_list()  # crude (25 / 75) / (16 / 84) = 1.75
    [1.75, 0.61]
    >>> comparison.explanation.startswith("Adjusted for lead, the odds ratio crosses 1")
    True
    """
    if crude.model != adjusted.model:
        msg = (
            f"{output}: the crude model is {crude.model} and the adjusted one {adjusted.model}; "
            "compare models of one kind"
        )
        raise ConfigError(msg)
    crude_vars = formula_variables(crude.formula, model=crude.model)
    adjusted_vars = formula_variables(adjusted.formula, model=adjusted.model)
    if crude_vars.outcome != adjusted_vars.outcome:
        outcomes = f"{crude_vars.outcome}, {adjusted_vars.outcome}"
        msg = f"{output}: the two models have different outcomes ({outcomes}); compare models of one outcome"
        raise ConfigError(msg)
    added = tuple(name for name in adjusted_vars.predictors if name not in crude_vars.predictors)
    estimate_name = crude.estimate_name
    chosen = _term(crude, term, output=output)
    rows = pl.concat(
        [
            _term_row(crude, chosen, label="crude", output=output),
            _term_row(adjusted, chosen, label="adjusted", output=output),
        ]
    )
    check = CheckEntry(
        output=output,
        rule="derived from checked outputs",
        cells_checked=2,
        cells_suppressed=int(rows["withheld"].sum()),
        detail="repeats one term of two models whose own checks are logged; withheld where either is",
    )
    explanation = _explanation(rows, estimate_name=estimate_name, term=chosen, added=added)
    return Comparison(
        term=chosen,
        estimate_name=estimate_name,
        adjusted_for=added,
        rows=rows,
        explanation=explanation,
        checks=(check,),
    )


def _term(model: ModelResult, term: str, *, output: str) -> str:
    terms = [str(name) for name in model.table()["term"]]
    if term in terms:
        return term
    matches = [name for name in terms if name.startswith(f"{term}[")]
    if len(matches) != 1:
        found = "no term" if not matches else f"{len(matches)} terms"
        msg = f"{output}: {found} of the crude model matches {term!r}; its terms are {', '.join(terms)}"
        raise ConfigError(msg)
    return matches[0]


def _term_row(model: ModelResult, term: str, *, label: str, output: str) -> pl.DataFrame:
    rows = model.table().filter(pl.col("term") == term)
    if rows.height != 1:
        msg = f"{output}: the {label} model has no term {term!r}"
        raise ConfigError(msg)
    return rows.select(
        model=pl.lit(label),
        term="term",
        estimate="estimate",
        ci_low="ci_low",
        ci_high="ci_high",
        p_value="p_value",
        withheld="withheld",
    )


def _interval(row: dict[str, object]) -> str:
    if row["withheld"] or row["estimate"] is None:
        return "withheld"
    return f"{row['estimate']:.3f} ({row['ci_low']:.3f} to {row['ci_high']:.3f})"


def _explanation(rows: pl.DataFrame, *, estimate_name: str, term: str, added: tuple[str, ...]) -> str:
    if bool(rows["withheld"].any()):
        return "The comparison is withheld because a model's estimates are withheld by the output checks."
    crude, adjusted = (float(value) for value in rows["estimate"])
    null = 0.0 if estimate_name == "difference" else 1.0
    covariates = ", ".join(added) if added else "the added terms"
    null_text = f"{null:g}"
    if (crude - null) * (adjusted - null) < 0:
        side = "below" if adjusted < null else "above"
        return (
            f"Adjusted for {covariates}, the {estimate_name} crosses {null_text}: {crude:.3f} crude, "
            f"{adjusted:.3f} adjusted (now {side} {null_text}). The crude association of {term} is "
            f"confounded by {covariates} and reverses once they are taken into account."
        )
    change = adjusted - crude if estimate_name == "difference" else adjusted / crude - 1
    change_text = f"{change:+.3f}" if estimate_name == "difference" else f"{change:+.1%}"
    direction = "towards" if abs(adjusted - null) < abs(crude - null) else "away from"
    return (
        f"Adjusted for {covariates}, the {estimate_name} moves from {crude:.3f} to {adjusted:.3f} "
        f"({change_text}), {direction} {null_text}, without crossing it."
    )
