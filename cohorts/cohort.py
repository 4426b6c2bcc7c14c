"""``cohorts.build(dataset, spec) -> Cohort``: the cohort, its attrition and its analysis variables."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from cohorts._disclosed import disclosed_attrition, disclosed_profile, html_page
from cohorts._plan import (
    EPISODE,
    attribute_flag,
    check_columns,
    check_resolution,
    entry_episodes,
    observation_span,
    observed,
    person_attributes,
    rule_flag,
    with_exit,
)
from cohorts._variables import default_window, variables_plan
from cohorts.dataset import Dataset
from cohorts.disclosure import DisclosurePolicy, OutputLog
from cohorts.events import DOMAINS
from cohorts.spec import CodeSet, CohortSpec, Window, load_spec

__all__ = ["Cohort", "build"]

ENTRY_STEP = "entry events"
OBSERVATION_STEP = "observation window"
_OBSERVED = "observed"


def _flag(index: int) -> str:
    return f"rule_{index}"


def _all(flags: list[str]) -> pl.Expr:
    """True where every flag is (True everywhere for no flag)."""
    return pl.all_horizontal(flags) if flags else pl.col(EPISODE).is_not_null()


@dataclass(frozen=True)
class Cohort:
    """A built cohort: its episodes, the rule each passed, and what follows from them.

    Attributes
    ----------
    spec
        The spec it was built from.
    dataset
        The de-identified dataset it was built on.
    episodes
        Every candidate episode (person_key, index, observation span, person attributes,
        one boolean per rule, exit). Research-zone data: never shown as counts directly.
    """

    spec: CohortSpec
    dataset: Dataset
    episodes: pl.DataFrame = field(repr=False)

    @property
    def _flags(self) -> list[str]:
        return [_OBSERVED, *(_flag(index) for index in range(len(self.spec.inclusion)))]

    def _included(self) -> pl.DataFrame:
        """The episodes passing every rule, sorted by person and index (a stable order)."""
        return self.episodes.filter(pl.all_horizontal(self._flags)).sort("person_key", "index")

    @property
    def table(self) -> pl.DataFrame:
        """The cohort: ``person_key``, index and end (``*_date`` on day-level data, ``*_year`` always)."""
        included = self._included()
        if self.dataset.resolution == "year":
            return included.select("person_key", index_year="index", end_year="exit")
        return included.select(
            "person_key",
            index_date="index",
            end_date="exit",
            index_year=pl.col("index").dt.year().cast(pl.Int32),
            end_year=pl.col("exit").dt.year().cast(pl.Int32),
        )

    def __len__(self) -> int:
        return self._included().height

    def raw_attrition(self) -> pl.DataFrame:
        """Attrition without disclosure control (trusted use and tests only).

        Returns
        -------
        polars.DataFrame
            Per step in order (entry, observation window, each rule): ``step``,
            ``persons``, ``episodes`` remaining, ``persons_removed``, and for rules
            ``persons_if_dropped``: persons in the final cohort if only that rule were
            dropped (its impact).
        """
        flags = self._flags
        frame = self.episodes
        steps = [ENTRY_STEP, OBSERVATION_STEP, *(rule.name for rule in self.spec.inclusion)]
        conditions = [pl.col(EPISODE).is_not_null()] + [
            pl.all_horizontal(flags[: position + 1]) for position in range(len(flags))
        ]
        remaining = frame.select(
            *(
                pl.col("person_key").filter(condition).n_unique().alias(f"p{i}")
                for i, condition in enumerate(conditions)
            ),
            *(condition.sum().alias(f"e{i}") for i, condition in enumerate(conditions)),
            *(
                pl.col("person_key").filter(_all([f for f in flags if f != flag])).n_unique().alias(f"d{i}")
                for i, flag in enumerate(flags)
            ),
        ).row(0, named=True)
        persons = [remaining[f"p{i}"] for i in range(len(steps))]
        return pl.DataFrame(
            {
                "step": steps,
                "persons": persons,
                "episodes": [int(remaining[f"e{i}"]) for i in range(len(steps))],
                "persons_removed": [0] + [before - after for before, after in itertools.pairwise(persons)],
                "persons_if_dropped": [None] + [remaining[f"d{i}"] for i in range(len(flags))],
            },
            schema={
                "step": pl.String,
                "persons": pl.Int64,
                "episodes": pl.Int64,
                "persons_removed": pl.Int64,
                "persons_if_dropped": pl.Int64,
            },
        )

    def variables(
        self,
        *,
        window: Window | None = None,
        counts: Mapping[str, CodeSet | Mapping[str, object]] | None = None,
        outcomes: Mapping[str, CodeSet | Mapping[str, object]] | None = None,
    ) -> pl.DataFrame:
        """One row per cohort episode of analysis variables.

        Parameters
        ----------
        window
            History window for counts, engagement and exposure summaries (default: the
            365 days before index; the year before on Safe Harbor data).
        counts
            Extra event counts in the window, by name (``n_<name>``).
        outcomes
            Events after index up to the end of follow-up, by name: a flag ``<name>``
            and ``<name>_time`` (days or years to the first).

        Returns
        -------
        polars.DataFrame
            ``person_key``, ``index_date`` and ``end_date`` (``index_year`` and
            ``end_year`` on Safe Harbor data), ``age_at_index``, ``sex``, ``state``,
            ``zip3``, ``follow_up``, ``n_*`` history counts (encounters, conditions,
            medications, reminders, emails, emails opened, calls, calls completed, SMS,
            campaign responses, appointments attended and missed), ``nps_last``,
            ``<exposure>_mean_7d_mean`` and ``_max`` per exposure variable, and outcomes.
        """
        plan = variables_plan(
            self.dataset,
            self._included().lazy(),
            window=window or default_window(self.dataset.resolution),
            counts=_code_sets(counts),
            outcomes=_code_sets(outcomes),
        )
        return plan.collect()

    @property
    def policy(self) -> DisclosurePolicy:
        """Disclosure control for every count shown (threshold from the spec)."""
        return DisclosurePolicy(threshold=self.spec.disclosure_threshold)

    def attrition(self) -> pl.DataFrame:
        """Attrition as a person may see it: people remaining and removed per step, rule impact.

        Counts from 1 to threshold - 1, and counts from which such a count could be
        derived, are null (see :func:`cohorts.disclosure.check_sequence`).
        """
        return disclosed_attrition(self.raw_attrition(), self.policy)[0]

    def profile(self) -> dict[str, pl.DataFrame]:
        """People in the cohort by sex, age band at index and state, after disclosure control."""
        return disclosed_profile(self.variables(), self.policy)[0]

    def disclosure_log(self) -> OutputLog:
        """Every disclosure check applied to the attrition and the profile (no value)."""
        attrition = disclosed_attrition(self.raw_attrition(), self.policy)[1]
        profile = disclosed_profile(self.variables(), self.policy)[1]
        return OutputLog((*attrition, *profile))

    def to_html(self, *, standalone: bool = True) -> str:
        """The attrition and profile as a small HTML page (or a fragment)."""
        return html_page(
            self.spec.name,
            self.spec.description,
            self.attrition(),
            self.profile(),
            self.policy,
            standalone=standalone,
        )

    def _repr_html_(self) -> str:
        return self.to_html(standalone=False)

    def to_parquet(self, path: Path) -> Path:
        """Write the cohort table (research-zone data) to ``path``; return it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.table.write_parquet(path, compression="zstd")
        return path


def _crm_entry(spec: CohortSpec) -> bool:
    """Whether entry events can belong to CRM-only people (CRM domains)."""
    return DOMAINS[spec.entry.events].table.startswith("crm_")


def _code_sets(given: Mapping[str, CodeSet | Mapping[str, object]] | None) -> dict[str, CodeSet]:
    return {
        name: value if isinstance(value, CodeSet) else CodeSet.model_validate(value)
        for name, value in (given or {}).items()
    }


def build(
    dataset: Dataset | Path | str,
    spec: CohortSpec | Path | str,
    *,
    progress: Callable[[str], None] | None = None,
) -> Cohort:
    """Build the cohort ``spec`` describes on a de-identified ``dataset``.

    The spec compiles to one polars lazy plan (entry episodes joined with the observation
    span, person attributes, one flag per rule and the exit), collected once.

    Parameters
    ----------
    dataset
        A published de-identified dataset (folder or :class:`Dataset`).
    spec
        A :class:`CohortSpec` or the path of its YAML file.
    progress
        Called with each stage's name.

    Returns
    -------
    Cohort

    Raises
    ------
    ConfigError
        If the spec asks for day-level windows on a Safe Harbor dataset, or names a
        domain whose table the dataset lacks.
    InputError
        If ``dataset`` is not a de-identified dataset.
    """
    data = dataset if isinstance(dataset, Dataset) else Dataset(Path(dataset))
    cohort_spec = spec if isinstance(spec, CohortSpec) else load_spec(Path(spec))
    check_resolution(cohort_spec, data)
    check_columns(cohort_spec, data)
    report = progress or (lambda _: None)
    report("planning")
    episodes = (
        entry_episodes(data, cohort_spec)
        .join(observation_span(data), on="person_key", how="left")
        .join(person_attributes(data, crm=_crm_entry(cohort_spec)), on="person_key", how="left")
    )
    plan = episodes.with_columns(observed(cohort_spec, data.resolution).alias(_OBSERVED))
    for index, rule in enumerate(cohort_spec.inclusion):
        expression = attribute_flag(rule, data.resolution)
        if expression is not None:  # age, sex, region: a column of the episode itself
            plan = plan.with_columns(expression.alias(_flag(index)))
        else:
            flag = rule_flag(data, episodes, rule).rename({"flag": _flag(index)})
            plan = plan.join(flag, on=EPISODE, how="left")
    plan = with_exit(data, plan, episodes, cohort_spec.exit, cohort_spec.censor)
    flags = [_OBSERVED, *(_flag(index) for index in range(len(cohort_spec.inclusion)))]
    plan = plan.with_columns(pl.col(flags).fill_null(value=False))
    report("building")
    built = plan.collect()
    if built[EPISODE].n_unique() != built.height:  # two episodes share a hash: odds ~1e-8
        msg = "two cohort episodes share an id (a hash collision); please report this"
        raise RuntimeError(msg)
    return Cohort(spec=cohort_spec, dataset=data, episodes=built)
