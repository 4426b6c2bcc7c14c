"""The study spec: which table, which analyses, which result leads the summary.

A study is written as YAML (``healthtrove analyze STUDY.yaml``) or built from these
frozen, validated objects. It names its data (a named analysis table of the dataset, or
a cohort spec whose per-person variables become the table), then an ordered list of
analyses, each with a name (used for its files) and exactly one kind. Validation errors
name the field (``analyses.1.logistic.formula``), never a value.

Example YAML::

    name: reminders_and_attendance
    title: Appointment reminders and attendance
    question: Do reminders lower no-shows once lead time is taken into account?
    table: appointments
    analyses:
      - name: crude
        logistic: {formula: "no_show ~ reminded"}
      - name: adjusted
        logistic: {formula: "no_show ~ reminded + lead_weeks"}
      - name: reminder_effect
        compare: {crude: crude, adjusted: adjusted, term: reminded}
    headline: reminder_effect
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

import pydantic

from data_contracts.config import FrozenConfig, config_from_mapping, read_yaml_mapping

__all__ = [
    "AnalysisStep",
    "CompareStep",
    "CorrelateStep",
    "ModelStep",
    "PredictStep",
    "RatesStep",
    "StudySpec",
    "load_study",
]

MODEL_KINDS = ("logistic", "poisson", "negative_binomial", "linear")
STEP_KINDS = ("correlate", *MODEL_KINDS, "rates", "predict", "compare")
_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"


class CorrelateStep(FrozenConfig):
    """Pairwise correlations among ``variables``, optionally partial given ``confounders``.

    Attributes
    ----------
    variables
        Columns to correlate, every unordered pair (at least two).
        The measure follows their kinds: Pearson or Spearman, point-biserial, or Cramér's V.
    method
        Measure for numeric pairs: ``auto`` (default, Pearson), ``pearson`` or ``spearman``.
        Other pairs are unaffected.
    confounders
        Numeric or boolean columns partialled out of numeric and point-biserial pairs.
        Empty (default): plain correlations.
    """

    variables: tuple[str, ...] = pydantic.Field(min_length=2)
    method: Literal["auto", "pearson", "spearman"] = "auto"
    confounders: tuple[str, ...] = ()


class ModelStep(FrozenConfig):
    """A regression model: a patsy formula and, for count models, a person-time offset column.

    Attributes
    ----------
    formula
        The patsy formula, outcome on the left (``no_show ~ reminded + lead_weeks``).
        Terms name columns of the study's table.
    offset
        Column of person-time at risk (positive); its log is the offset, so ratios are rate ratios.
        Only for ``poisson`` and ``negative_binomial``; omitted: the ratios compare mean counts.
    """

    formula: str = pydantic.Field(min_length=3)
    offset: str | None = None


class RatesStep(FrozenConfig):
    """Incidence rates of ``events`` per ``person_time``, by strata.

    Attributes
    ----------
    events
        Column of event counts per row (whole numbers, 0 or more).
    person_time
        Column of person-time at risk per row (0 or more), in the unit rates are expressed in.
        Every stratum needs some.
    by
        Stratum columns, one rate per combination; empty (default): one overall rate.
    per
        Rates are per this much person-time (default 1000: per 1,000 units of ``person_time``).
    """

    events: str
    person_time: str
    by: tuple[str, ...] = ()
    per: float = pydantic.Field(default=1000.0, gt=0)


class PredictStep(FrozenConfig):
    """Cross-validated prediction of a binary ``outcome`` from ``features``.

    Attributes
    ----------
    outcome
        Binary column to predict (boolean, or 0 and 1); rows without it are left out.
    features
        Columns to predict from (at least one): numeric, string, boolean or categorical.
    model
        The classifier: ``logistic`` (default) regression or ``gradient_boosting``.
    folds
        Number of stratified cross-validation folds, 2 to 20 (default 5).
    seed
        Random seed of the folds, the gradient boosting and the permutation importance (default 0).
    """

    outcome: str
    features: tuple[str, ...] = pydantic.Field(min_length=1)
    model: Literal["logistic", "gradient_boosting"] = "logistic"
    folds: int = pydantic.Field(default=5, ge=2, le=20)
    seed: int = pydantic.Field(default=0, ge=0)


class CompareStep(FrozenConfig):
    """One term's estimate in a crude and an adjusted model (both named analyses), side by side.

    Attributes
    ----------
    crude
        Name of an earlier model analysis of the study: the crude model.
    adjusted
        Name of an earlier model analysis with the same kind and outcome, adding covariates.
    term
        The term compared, or the column a single term comes from.
        ``reminded`` matches ``reminded[T.True]``.
    """

    crude: str
    adjusted: str
    term: str


class AnalysisStep(FrozenConfig):
    """One named analysis of the study: exactly one kind is given.

    Attributes
    ----------
    name
        Short identifier, unique in the study (lower case, digits, underscores; up to 64 characters).
        It names the analysis's output files and is how ``compare`` and ``headline`` refer to it.
    correlate
        Kind: pairwise correlations.
    logistic
        Kind: logistic regression of a binary outcome; estimates are odds ratios.
    poisson
        Kind: Poisson regression of a count outcome; estimates are rate ratios.
    negative_binomial
        Kind: negative binomial regression of an overdispersed count outcome; estimates are rate ratios.
    linear
        Kind: linear regression of a numeric outcome; estimates are differences in the mean outcome.
    rates
        Kind: incidence rates with exact Poisson intervals.
    predict
        Kind: cross-validated prediction of a binary outcome.
    compare
        Kind: one term's estimate in a crude and an adjusted model, side by side.
    """

    name: str = pydantic.Field(pattern=_NAME_PATTERN)
    correlate: CorrelateStep | None = None
    logistic: ModelStep | None = None
    poisson: ModelStep | None = None
    negative_binomial: ModelStep | None = None
    linear: ModelStep | None = None
    rates: RatesStep | None = None
    predict: PredictStep | None = None
    compare: CompareStep | None = None

    @pydantic.model_validator(mode="after")
    def _one_kind(self) -> Self:
        given = [kind for kind in STEP_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            msg = f"give exactly one of {', '.join(STEP_KINDS)} (got {len(given)})"
            raise ValueError(msg)
        if self.kind not in {"poisson", "negative_binomial"}:
            step = self.settings
            if isinstance(step, ModelStep) and step.offset is not None:
                msg = "offset is only for poisson and negative_binomial models"
                raise ValueError(msg)
        return self

    @property
    def kind(self) -> str:
        """The kind of analysis (``"logistic"``, ``"correlate"``, ...)."""
        return next(kind for kind in STEP_KINDS if getattr(self, kind) is not None)

    @property
    def settings(self) -> CorrelateStep | ModelStep | RatesStep | PredictStep | CompareStep:
        """The settings of its kind."""
        settings = getattr(self, self.kind)
        assert settings is not None  # noqa: S101 - guaranteed by the validator
        return settings  # type: ignore[no-any-return]


class StudySpec(FrozenConfig):
    """A declared study.

    Parameters
    ----------
    name
        Short identifier (lower case, digits, underscores); names the output folder's files.
    title
        What the study is called, for the summary page.
    question
        The question the study answers, for the summary page; empty (default): not shown.
    table
        A named analysis table of the dataset, the study's data; give exactly one of ``table`` and ``cohort``.
        The names are those of :data:`~analysis.studies.ANALYSIS_TABLES`.
    cohort
        A cohort spec file whose per-person variables are the table, instead of ``table``.
        Relative paths are resolved against the study file's folder by :func:`load_study`.
    analyses
        The analyses, run in order (at least one, names unique).
    headline
        The analysis whose result leads the summary (default: the last one).
    alpha
        Intervals have confidence ``1 - alpha`` (default 0.05: 95% intervals), in every analysis.
    """

    name: str = pydantic.Field(pattern=_NAME_PATTERN)
    title: str = pydantic.Field(min_length=1)
    question: str = ""
    table: str | None = None
    cohort: Path | None = None
    analyses: tuple[AnalysisStep, ...] = pydantic.Field(min_length=1)
    headline: str | None = None
    alpha: float = pydantic.Field(default=0.05, gt=0, lt=1)

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.table is None) == (self.cohort is None):
            msg = "give exactly one of table or cohort"
            raise ValueError(msg)
        names = [step.name for step in self.analyses]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            msg = f"analysis names must be unique; repeated: {', '.join(repeated)}"
            raise ValueError(msg)
        for position, step in enumerate(self.analyses):
            if isinstance(step.compare, CompareStep):
                earlier = {other.name: other.kind for other in self.analyses[:position]}
                for role in ("crude", "adjusted"):
                    target = getattr(step.compare, role)
                    if earlier.get(target) not in MODEL_KINDS:
                        msg = f"analyses.{position}.compare.{role} must name an earlier model analysis"
                        raise ValueError(msg)
        if self.headline is not None and self.headline not in names:
            msg = "headline must name one of the analyses"
            raise ValueError(msg)
        return self

    @property
    def headline_step(self) -> AnalysisStep:
        """The analysis leading the summary."""
        wanted = self.headline or self.analyses[-1].name
        return next(step for step in self.analyses if step.name == wanted)


def load_study(path: Path | str) -> StudySpec:
    """Read a YAML study spec; a relative ``cohort`` path is resolved against the file's folder.

    Raises
    ------
    ConfigError
        If the file is missing, not YAML, or does not fit; the message names the file and
        the fields.
    """
    path = Path(path)
    document = read_yaml_mapping(path)
    cohort = document.get("cohort")
    if isinstance(cohort, str) and not Path(cohort).is_absolute():
        document["cohort"] = str(path.parent / cohort)
    return config_from_mapping(document, StudySpec, source=str(path))
