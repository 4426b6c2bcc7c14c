"""The result of :func:`analysis.predict`: metrics, permutation importance, calibration and checks."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from matplotlib.figure import Figure

from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["CALIBRATION_SCHEMA", "IMPORTANCE_SCHEMA", "METRIC_SCHEMA", "PredictionResult"]

METRIC_SCHEMA: dict[str, pl.DataType] = {
    "metric": pl.String(),
    "estimate": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "withheld": pl.Boolean(),
    "reason": pl.String(),
}

IMPORTANCE_SCHEMA: dict[str, pl.DataType] = {
    "feature": pl.String(),
    "mean": pl.Float64(),
    "std": pl.Float64(),
}

CALIBRATION_SCHEMA: dict[str, pl.DataType] = {
    "bin": pl.Int64(),
    "predicted": pl.Float64(),
    "observed": pl.Float64(),
    "n": pl.Int64(),
}


@dataclass(frozen=True, eq=False)
class PredictionResult:
    """A cross-validated risk prediction model after output checking.

    Build it with :func:`analysis.predict`. When a check on persons, events or
    non-events fails every number is withheld: the metric table keeps its rows with null
    numbers and a reason, the importance table keeps its features with null numbers, the
    calibration table is empty and ``n`` and ``events`` are ``None``.

    Parameters
    ----------
    model
        ``"logistic"`` or ``"gradient_boosting"``.
    outcome
        The binary outcome column.
    features
        The input features, in the order given.
    folds, seed
        Stratified folds of the cross-validation and the seed of the folds and the model.
    alpha
        The AUROC interval has confidence ``1 - alpha``.
    policy
        The disclosure policy applied; shown counts are rounded as it says.
    metrics
        One row per metric (``auroc``, ``brier``), columns as in :meth:`table`.
    importance_rows
        One row per feature, as in :meth:`importance`.
    calibration_rows
        One row per calibration bin, as in :meth:`calibration`.
    n, events
        Persons (rows with the outcome present) and events; ``None`` when withheld.
    withheld
        Why the numbers are withheld, or ``None``.
    checks
        The output checks applied, for :class:`~cohorts.disclosure.OutputLog`.

    Examples
    --------
    >>> import polars as pl
    >>> from analysis import predict
    >>> table = pl.DataFrame({"case": [1, 0] * 10, "age": list(range(20))})
    >>> result = predict(table, outcome="case", features=["age"])  # 10 events: too few
    >>> result.withheld
    'withheld: failed minimum events'
    >>> result.table()["estimate"].to_list()
    [None, None]
    """

    model: str
    outcome: str
    features: tuple[str, ...]
    folds: int
    seed: int
    alpha: float
    policy: DisclosurePolicy
    metrics: pl.DataFrame
    importance_rows: pl.DataFrame
    calibration_rows: pl.DataFrame
    n: int | None
    events: int | None
    withheld: str | None
    checks: tuple[CheckEntry, ...]

    def table(self) -> pl.DataFrame:
        """The metrics: one row each for ``auroc`` and ``brier``.

        Columns: ``metric``, ``estimate``, ``ci_low``, ``ci_high`` (DeLong interval for the
        AUROC, null for the Brier score), ``withheld`` and ``reason``. Both are computed
        on the out-of-fold predicted probabilities.
        """
        return self.metrics.clone()

    def importance(self) -> pl.DataFrame:
        """Permutation importance per input feature: ``feature``, ``mean``, ``std``.

        The drop in AUROC when the feature is shuffled (5 repeats), for the model refitted
        on all persons and scored on them; sorted by ``mean``, largest first.
        """
        return self.importance_rows.clone()

    def calibration(self) -> pl.DataFrame:
        """The calibration curve: ``bin``, ``predicted`` and ``observed`` mean risk, ``n`` persons.

        Ten quantile bins of the out-of-fold probability; a bin of fewer persons, events
        or non-events than the policy threshold is merged into a neighbour (see
        :attr:`checks`), so every bin holds at least the threshold of each. ``n`` is
        rounded as the policy says. Empty when withheld, or when even one bin of every
        person would fall short.
        """
        return self.calibration_rows.clone()

    def summary(self) -> str:
        """A short text: model, outcome, features, n, events and the metrics."""
        heading = (
            f"{self.model.replace('_', ' ')} prediction of {self.outcome} from {', '.join(self.features)} "
            f"({self.folds}-fold stratified cross-validation, seed {self.seed})"
        )
        lines = [heading]
        if self.withheld is not None:
            lines.append(f"results {self.withheld}")
            return "\n".join(lines)
        lines.append(f"n = {self.n}, events = {self.events}")
        auroc = self.metrics.row(0, named=True)
        brier = self.metrics.row(1, named=True)
        lines.append(
            f"AUROC = {auroc['estimate']:.3f} ({100 * (1 - self.alpha):g}% CI {auroc['ci_low']:.3f} to "
            f"{auroc['ci_high']:.3f}, DeLong), Brier score = {brier['estimate']:.4f}"
        )
        top = self.importance_rows.row(0, named=True)
        lines.append(f"most important feature: {top['feature']} (AUROC drop {top['mean']:.3f})")
        return "\n".join(lines)

    def plot(self) -> Figure:
        """The calibration plot: observed against predicted risk per bin, with the diagonal.

        When the results are withheld the figure holds only that message.
        """
        figure = Figure(figsize=(5.0, 5.0))
        axes = figure.add_subplot()
        axes.plot([0.0, 1.0], [0.0, 1.0], color="grey", linestyle="--", linewidth=1, label="perfect")
        if self.withheld is not None:
            axes.text(0.5, 0.5, f"results {self.withheld}", ha="center", va="center", wrap=True)
        else:
            axes.plot(
                self.calibration_rows["predicted"].to_list(),
                self.calibration_rows["observed"].to_list(),
                marker="o",
                color="black",
                label=self.model.replace("_", " "),
            )
            axes.legend(loc="upper left")
        axes.set_xlim(0.0, 1.0)
        axes.set_ylim(0.0, 1.0)
        axes.set_xlabel("mean predicted risk")
        axes.set_ylabel("observed risk")
        axes.set_title(f"Calibration: {self.outcome}")
        figure.tight_layout()
        return figure

    def _repr_html_(self) -> str:
        """The summary and the metric table, withheld numbers shown as the policy's marker."""
        return result_html(
            self.metrics,
            self.policy,
            hidden=("estimate", "ci_low", "ci_high"),
            suppressed="withheld",
            caption=self.summary(),
            css_class="prediction",
        )
