"""Running a declared study: build its table, run each analysis, collect every output check."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from analysis.correlation import correlate
from analysis.models import ModelResult, linear, logistic, negative_binomial, poisson
from analysis.prediction import predict
from analysis.rates import incidence_rates
from analysis.studies._compare import compare_adjustment
from analysis.studies._spec import (
    AnalysisStep,
    CompareStep,
    CorrelateStep,
    ModelStep,
    PredictStep,
    RatesStep,
    StudySpec,
)
from analysis.studies._tables import ANALYSIS_TABLES, analysis_table
from cohorts import Dataset
from cohorts.disclosure import CheckEntry, DisclosurePolicy, OutputLog
from data_contracts import ConfigError, InputError

__all__ = ["AnalysisResult", "StudyAnalysis", "StudyResult", "run_study"]

logger = logging.getLogger(__name__)

_MODELS: dict[str, Callable[..., ModelResult]] = {
    "logistic": logistic,
    "poisson": poisson,
    "negative_binomial": negative_binomial,
    "linear": linear,
}


class AnalysisResult(Protocol):
    """What every analysis result offers a study: a tidy table, its checks and an HTML view."""

    @property
    def checks(self) -> tuple[CheckEntry, ...]:
        """The output checks applied."""

    def table(self) -> pl.DataFrame:
        """The tidy result table, after disclosure control."""

    def _repr_html_(self) -> str: ...


@dataclass(frozen=True)
class StudyAnalysis:
    """One analysis of a study and its result."""

    name: str
    kind: str
    result: AnalysisResult

    def summary(self) -> str | None:
        """The result's text summary, when it has one."""
        summarise = getattr(self.result, "summary", None)
        return str(summarise()) if callable(summarise) else None


@dataclass(frozen=True, eq=False)
class StudyResult:
    """A study after every analysis ran and passed output checking.

    Parameters
    ----------
    spec
        The study spec.
    method
        The de-identification method of the dataset analysed.
    source
        What the table is: a named analysis table or a cohort's variables.
    row
        What one row of the table stands for.
    rows
        Rows of the table, rounded as the policy says; ``None`` when below the threshold.
    analyses
        Each analysis with its result, in the spec's order.
    log
        Every output check, in order.
    policy
        The disclosure policy applied.
    """

    spec: StudySpec
    method: str
    source: str
    row: str
    rows: int | None
    analyses: tuple[StudyAnalysis, ...]
    log: OutputLog
    policy: DisclosurePolicy

    def __getitem__(self, name: str) -> AnalysisResult:
        for analysis in self.analyses:
            if analysis.name == name:
                return analysis.result
        msg = f"no analysis named {name!r}; the study has {', '.join(a.name for a in self.analyses)}"
        raise KeyError(msg)

    @property
    def headline(self) -> StudyAnalysis:
        """The analysis leading the summary."""
        wanted = self.spec.headline_step.name
        return next(analysis for analysis in self.analyses if analysis.name == wanted)

    def summary(self) -> str:
        """A few lines: the question, the data, and the headline result."""
        rows = f"{self.rows:,}" if self.rows is not None else f"fewer than {self.policy.threshold}"
        lines = [self.spec.title]
        if self.spec.question:
            lines.append(f"Question: {self.spec.question}")
        lines.append(f"Data: {self.source}: {rows} rows, each {self.row}; {self.method} dataset.")
        headline = self.headline.summary()
        if headline is not None:
            lines.extend(["", headline])
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from analysis.studies._page import study_page  # noqa: PLC0415 - jinja2 only when rendering

        return study_page(self, figures={}, standalone=False)


def run_study(
    spec: StudySpec,
    data: Dataset | Path | str,
    *,
    policy: DisclosurePolicy | None = None,
    override: bool = False,
    progress: Callable[[str], None] | None = None,
) -> StudyResult:
    """Run ``spec`` on a de-identified dataset.

    Parameters
    ----------
    spec
        The study (see :func:`load_study`).
    data
        The dataset folder ``deid run`` published, or a :class:`~cohorts.Dataset`.
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
    override
        Release model estimates even when a model check fails; only inside the secure
        environment. Recorded in the output-checking log.
    progress
        Called with the name of each step as it starts.

    Returns
    -------
    StudyResult

    Raises
    ------
    ConfigError
        If the table is unknown or needs day-level dates the dataset lacks, or an analysis
        names a column the table does not have.
    InputError
        If the dataset or a table it needs is missing, or an analysis cannot be fitted
        (constant column, perfect separation, too few events); the message names the
        analysis.
    """
    dataset = data if isinstance(data, Dataset) else Dataset(Path(data))
    policy = policy or DisclosurePolicy()
    report = progress or (lambda _step: None)
    report("analysis table")
    table, source, row = _study_table(spec, dataset)
    log = OutputLog()
    done: dict[str, AnalysisResult] = {}
    analyses: list[StudyAnalysis] = []
    for step in spec.analyses:
        report(step.name)
        try:
            result = _run_step(step, table, done=done, alpha=spec.alpha, policy=policy, override=override)
        except (ConfigError, InputError) as error:
            raise type(error)(f"study {spec.name}, analysis {step.name}: {error}") from None
        done[step.name] = result
        analyses.append(StudyAnalysis(name=step.name, kind=step.kind, result=result))
        log.add(*result.checks)
    logger.info("study %s: %d analyses, %d output checks", spec.name, len(analyses), len(log))
    return StudyResult(
        spec=spec,
        method=dataset.method,
        source=source,
        row=row,
        rows=None if policy.is_small(table.height) else policy.round_count(table.height),
        analyses=tuple(analyses),
        log=log,
        policy=policy,
    )


def _study_table(spec: StudySpec, dataset: Dataset) -> tuple[pl.DataFrame, str, str]:
    if spec.table is not None:
        frame = analysis_table(dataset, spec.table).collect()  # checks the name first
        return frame, f"analysis table {spec.table}", ANALYSIS_TABLES[spec.table].row
    from cohorts import build, load_spec  # noqa: PLC0415 - only cohort studies need the builder

    assert spec.cohort is not None  # noqa: S101 - the spec requires one of table or cohort
    cohort_spec = load_spec(spec.cohort)
    cohort = build(dataset, cohort_spec)
    return cohort.variables(), f"cohort {cohort_spec.name}", "a person in the cohort"


def _run_step(
    step: AnalysisStep,
    table: pl.DataFrame,
    *,
    done: dict[str, AnalysisResult],
    alpha: float,
    policy: DisclosurePolicy,
    override: bool,
) -> AnalysisResult:
    settings: Any = step.settings
    if isinstance(settings, CorrelateStep):
        return correlate(
            table,
            settings.variables,
            method=settings.method,
            confounders=settings.confounders,
            alpha=alpha,
            policy=policy,
            output=step.name,
        )
    if isinstance(settings, ModelStep):
        extra = {"offset": settings.offset} if step.kind in ("poisson", "negative_binomial") else {}
        return _MODELS[step.kind](
            table, settings.formula, alpha=alpha, policy=policy, override=override, output=step.name, **extra
        )
    if isinstance(settings, RatesStep):
        return incidence_rates(
            table,
            events=settings.events,
            person_time=settings.person_time,
            by=settings.by,
            per=settings.per,
            alpha=alpha,
            policy=policy,
            output=step.name,
        )
    if isinstance(settings, PredictStep):
        return predict(
            table,
            outcome=settings.outcome,
            features=settings.features,
            model=settings.model,
            folds=settings.folds,
            seed=settings.seed,
            alpha=alpha,
            policy=policy,
            output=step.name,
        )
    assert isinstance(settings, CompareStep)  # noqa: S101 - the step kinds are exhaustive
    crude, adjusted = done[settings.crude], done[settings.adjusted]
    assert isinstance(crude, ModelResult)  # noqa: S101 - the spec checks both are models
    assert isinstance(adjusted, ModelResult)  # noqa: S101
    return compare_adjustment(crude, adjusted, term=settings.term, output=step.name)
