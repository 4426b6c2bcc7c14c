"""Compile a cohort spec into polars lazy plans over a dataset (no row-by-row Python).

Every plan works on *episodes*: one row per candidate index (person_key, index). ``index``
is a ``Date`` on day-level datasets and the year (``Int32``) on Safe Harbor's. Each rule
becomes a boolean column per episode; attrition and the cohort are aggregates over them.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from cohorts.dataset import Dataset
from cohorts.events import DOMAINS
from cohorts.spec import (
    AgeRule,
    CodeSet,
    CohortSpec,
    EngagementRule,
    EventsRule,
    Exit,
    ExposureRule,
    ObservationValueRule,
    RegionRule,
    Rule,
    Unit,
    Window,
)
from data_contracts.errors import ConfigError

__all__ = [
    "EPISODE",
    "age_at_index",
    "attribute_flag",
    "check_columns",
    "check_resolution",
    "entry_episodes",
    "events",
    "exposures_by_encounter",
    "follow_up",
    "observation_span",
    "observed",
    "offset",
    "person_attributes",
    "rule_flag",
    "with_exit",
]

EPISODE = "episode"
_OUTCOME_COLUMNS = {"opened": "opened", "clicked": "clicked", "replied": "replied"}


def check_resolution(spec: CohortSpec, dataset: Dataset) -> None:
    """Refuse day-level windows on a year-level (Safe Harbor) dataset, naming the fields.

    Raises
    ------
    ConfigError
        Listing every field that needs day-level dates and what works instead.
    """
    fields = spec.day_level_fields() if dataset.resolution == "year" else []
    if fields:
        msg = (
            f"cohort {spec.name!r}: the dataset is Safe Harbor, whose dates are reduced to years, so "
            f"day-level windows cannot be evaluated ({', '.join(fields)}). Express them in years "
            "(unit: years, e.g. window: {start: -1, end: 0, unit: years}); age, sex, region and "
            "year-level rules work. Day-level rules need a limited data set or expert determination."
        )
        raise ConfigError(msg)


def check_columns(spec: CohortSpec, dataset: Dataset) -> None:
    """Check every event selection's table and code column exist, naming the field otherwise.

    Raises
    ------
    ConfigError
        For the first selection whose table or ``code_column`` the dataset lacks.
    """
    for field, code_set in spec.code_sets():
        table = DOMAINS[code_set.events].table
        if not dataset.has(table):
            msg = f"{field}.events: events '{code_set.events}' need table {table!r}, which the dataset lacks"
            raise ConfigError(msg)
        if code_set.code_column is not None and code_set.code_column not in dataset.columns(table):
            msg = f"{field}.code_column: table {table!r} has no column {code_set.code_column!r}"
            raise ConfigError(msg)


def _when(dataset: Dataset, date: str) -> pl.Expr:
    """The event time column: the date (day level) or the year (year level)."""
    if dataset.resolution == "year":
        return pl.col(f"{date}_year").cast(pl.Int32)
    return pl.col(date).cast(pl.Date)


def events(dataset: Dataset, code_set: CodeSet, *extra: str) -> pl.LazyFrame:
    """``person_key``, ``when`` and ``extra`` columns of the events of ``code_set``.

    Raises
    ------
    ConfigError
        If the dataset lacks the domain's table (say, no CRM extract) or a column.
    """
    domain = DOMAINS[code_set.events]
    if not dataset.has(domain.table):
        msg = f"events '{code_set.events}' need table {domain.table!r}, which the dataset lacks"
        raise ConfigError(msg)
    frame = dataset.table(domain.table)
    condition = domain.row_filter()
    codes = code_set.code_list()
    column = code_set.code_column or domain.code
    if code_set.code_column is not None and code_set.code_column not in dataset.columns(domain.table):
        msg = (
            f"code_column: table {domain.table!r} of events '{code_set.events}' "
            f"has no column {code_set.code_column!r}"
        )
        raise ConfigError(msg)
    if codes is not None and column is not None:
        condition = condition & pl.col(column).cast(pl.String).is_in(list(codes))
    when = _when(dataset, domain.date).alias("when")
    return frame.filter(condition).select("person_key", when, *extra).filter(pl.col("when").is_not_null())


def offset(when: pl.Expr, index: pl.Expr, unit: Unit, resolution: str) -> pl.Expr:
    """How far ``when`` lies from ``index`` in ``unit`` (days or whole calendar years)."""
    if resolution == "year":
        return when - index
    if unit == "years":
        return when.dt.year().cast(pl.Int32) - index.dt.year().cast(pl.Int32)
    return (when - index).dt.total_days()


def _in_window(window: Window, resolution: str) -> pl.Expr:
    distance = offset(pl.col("when"), pl.col("index"), window.unit, resolution)
    return distance.is_between(window.start, window.end, closed="both")


def entry_episodes(dataset: Dataset, spec: CohortSpec) -> pl.LazyFrame:
    """One row per candidate index: ``episode``, ``person_key``, ``index``."""
    entries = events(dataset, spec.entry)
    if spec.entry.occurrence == "first":
        entries = entries.group_by("person_key").agg(index=pl.col("when").min())
    elif spec.entry.occurrence == "last":
        entries = entries.group_by("person_key").agg(index=pl.col("when").max())
    else:
        entries = entries.select("person_key", index=pl.col("when")).unique()
    # The episode id is a hash of (person, index), not a row number: the same each time a
    # part of the plan recomputes the entry episodes (the engine may not cache the shared
    # subplan), without sorting them. A collision among n episodes has odds of about
    # n^2 / 2^65 (3e-8 for a million).
    return entries.with_columns(pl.struct("person_key", "index").hash(seed=0).alias(EPISODE))


def observation_span(dataset: Dataset) -> pl.LazyFrame:
    """Per person, ``start`` and ``end``: the first and last day (or year) of their encounters and CRM tasks.

    Raises
    ------
    ConfigError
        If the dataset has neither encounters nor CRM tasks.
    """
    parts = [
        dataset.table(table).select("person_key", _when(dataset, date).alias("when"))
        for table, date in (("encounters", "start"), ("crm_tasks", "activity_date"))
        if dataset.has(table)
    ]
    if not parts:
        msg = "the dataset has neither encounters nor CRM tasks: no person has an observation span"
        raise ConfigError(msg)
    spans = pl.concat(parts).filter(pl.col("when").is_not_null())
    return spans.group_by("person_key").agg(start=pl.col("when").min(), end=pl.col("when").max())


def _shift(index: pl.Expr, amount: int, unit: Unit, resolution: str) -> pl.Expr:
    """``index`` moved by ``amount`` units (calendar years by whole years)."""
    if resolution == "year":
        return index + amount
    if unit == "years":
        return index.dt.offset_by(f"{amount}y")
    return index + pl.duration(days=amount)


def observed(spec: CohortSpec, resolution: str) -> pl.Expr:
    """Whether the episode has the required history before and follow-up after index."""
    window = spec.observation
    before = _shift(pl.col("index"), -window.prior, window.unit, resolution) >= pl.col("start")
    after = _shift(pl.col("index"), window.after, window.unit, resolution) <= pl.col("end")
    return (before & after).fill_null(value=False)


def person_attributes(dataset: Dataset, *, crm: bool = True) -> pl.LazyFrame:
    """Per person: ``birth`` (date or year), ``age_90_plus``, ``sex``, ``state``, ``zip3``.

    Patients' attributes win; CRM-only people get their contact's (no sex in the CRM).
    ``crm=False`` reads patients only: enough when every episode comes from EMR events.
    """
    day_level = dataset.resolution == "day"

    def pick(table: str, columns: dict[str, str | None]) -> pl.LazyFrame | None:
        if not dataset.has(table) or (table == "crm_contacts" and not crm):
            return None
        names = set(dataset.columns(table))
        selected = []
        for alias, column in columns.items():
            if column is not None and column in names:
                value = pl.col(column)
                if column in {"zip", "mailing_postal_code"}:
                    value = value.str.slice(0, 3)
                selected.append(value.alias(alias))
            else:
                selected.append(pl.lit(None).alias(alias))
        frame = dataset.table(table).select("person_key", *selected)
        if table == "patients":
            return frame  # one row per person (its contract's primary key)
        return frame.unique("person_key", keep="first", maintain_order=True)

    birth_patients = "birthdate" if day_level else "birthdate_year"
    patients = pick(
        "patients",
        {
            "birth": birth_patients,
            "age_90_plus": "age_90_plus",
            "sex": "gender",
            "state": "state",
            "zip3": "zip3" if "zip3" in dataset.columns("patients") else "zip",
        },
    )
    contacts = pick(
        "crm_contacts",
        {
            "birth": birth_patients,
            "age_90_plus": "age_90_plus",
            "sex": None,
            "state": "mailing_state",
            "zip3": "mailing_postal_code_zip3"
            if dataset.has("crm_contacts") and "mailing_postal_code_zip3" in dataset.columns("crm_contacts")
            else "mailing_postal_code",
        },
    )
    frames = [frame for frame in (patients, contacts) if frame is not None]
    birth_type = pl.Date if day_level else pl.Int32
    casts = {
        "birth": birth_type,
        "age_90_plus": pl.Boolean,
        "sex": pl.String,
        "state": pl.String,
        "zip3": pl.String,
    }
    frames = [
        frame.with_columns(pl.col(name).cast(dtype) for name, dtype in casts.items()) for frame in frames
    ]
    if len(frames) == 1:
        return frames[0]
    return pl.concat(frames).unique("person_key", keep="first", maintain_order=True)


def age_at_index(resolution: str) -> pl.Expr:
    """Whole years of age on the index date (on years only: index year minus birth year)."""
    if resolution == "year":
        age = pl.col("index") - pl.col("birth")
    else:
        index, birth = pl.col("index"), pl.col("birth")
        before_birthday = (index.dt.month() < birth.dt.month()) | (
            (index.dt.month() == birth.dt.month()) & (index.dt.day() < birth.dt.day())
        )
        age = index.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)
    pooled = pl.col("age_90_plus").fill_null(value=False)
    return pl.when(pooled).then(pl.lit(90, dtype=pl.Int32)).otherwise(age.cast(pl.Int32))


def _counted(episodes: pl.LazyFrame, found: pl.LazyFrame, window: Window, resolution: str) -> pl.LazyFrame:
    """Episodes with ``n``: the events of ``found`` (person_key, when) inside ``window``."""
    joined = episodes.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
    counts = joined.filter(_in_window(window, resolution)).group_by(EPISODE).agg(n=pl.len())
    return (
        episodes.select(EPISODE).join(counts, on=EPISODE, how="left").with_columns(pl.col("n").fill_null(0))
    )


def _between(value: pl.Expr, low: float | None, high: float | None) -> pl.Expr:
    condition = pl.lit(value=True)
    if low is not None:
        condition = condition & (value >= low)
    if high is not None:
        condition = condition & (value <= high)
    return condition.fill_null(value=False)


def _events_flag(dataset: Dataset, episodes: pl.LazyFrame, rule: EventsRule) -> pl.LazyFrame:
    counted = _counted(episodes, events(dataset, rule), rule.window, dataset.resolution)
    return counted.select(EPISODE, flag=_between(pl.col("n"), rule.min_count, rule.max_count))


def _engagement_flag(dataset: Dataset, episodes: pl.LazyFrame, rule: EngagementRule) -> pl.LazyFrame:
    extra: list[str] = []
    condition = pl.lit(value=True)
    if rule.outcome in _OUTCOME_COLUMNS:
        extra.append(_OUTCOME_COLUMNS[rule.outcome])
        condition = pl.col(_OUTCOME_COLUMNS[rule.outcome]).fill_null(value=False)
    elif rule.outcome == "completed":
        extra.append("status")
        condition = pl.col("status") == "Completed"
    if rule.nps_min is not None or rule.nps_max is not None:
        extra.append("nps")
        condition = condition & _between(pl.col("nps"), rule.nps_min, rule.nps_max)
    found = (
        events(dataset, CodeSet(events=rule.events), *extra).filter(condition).select("person_key", "when")
    )
    counted = _counted(episodes, found, rule.window, dataset.resolution)
    return counted.select(EPISODE, flag=_between(pl.col("n"), rule.min_count, rule.max_count))


def _summary(statistic: str, value: pl.Expr) -> pl.Expr:
    if statistic == "last":
        return value.sort_by("when").last()
    if statistic == "first":
        return value.sort_by("when").first()
    summaries = {"max": value.max, "min": value.min, "mean": value.mean}
    return summaries[statistic]()


def _observation_flag(dataset: Dataset, episodes: pl.LazyFrame, rule: ObservationValueRule) -> pl.LazyFrame:
    found = events(dataset, CodeSet(events="observations", codes=rule.codes), "value").with_columns(
        pl.col("value").cast(pl.Float64, strict=False)
    )
    joined = episodes.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
    values = (
        joined.filter(_in_window(rule.window, dataset.resolution) & pl.col("value").is_not_null())
        .group_by(EPISODE)
        .agg(value=_summary(rule.statistic, pl.col("value")))
    )
    flagged = episodes.select(EPISODE).join(values, on=EPISODE, how="left")
    return flagged.select(EPISODE, flag=_between(pl.col("value"), rule.min, rule.max))


def exposures_by_encounter(dataset: Dataset, variable: str, measure: str) -> pl.LazyFrame:
    """``person_key``, ``when`` (the encounter's date) and ``value`` of one exposure measure.

    Raises
    ------
    ConfigError
        If the dataset holds no exposures.
    """
    if not dataset.has("exposures") or not dataset.has("encounters"):
        msg = "exposure rules need the exposures table (run deid with an environment extract)"
        raise ConfigError(msg)
    when = _when(dataset, "start").alias("when")
    encounters = dataset.table("encounters").select("encounter_key", when)
    return (
        dataset.table("exposures")
        .filter(pl.col("variable") == variable)
        .select("encounter_key", "person_key", value=pl.col(measure))
        .join(encounters, on="encounter_key", how="inner")
        .select("person_key", "when", "value")
    )


def _exposure_flag(dataset: Dataset, episodes: pl.LazyFrame, rule: ExposureRule) -> pl.LazyFrame:
    found = exposures_by_encounter(dataset, rule.variable, rule.measure)
    joined = episodes.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
    inside = joined.filter(_in_window(rule.window, dataset.resolution) & pl.col("value").is_not_null())
    if rule.statistic == "days_above":
        summary = (pl.col("value") > rule.above).sum()
    else:
        summary = _summary(rule.statistic, pl.col("value"))
    values = inside.group_by(EPISODE).agg(value=summary)
    flagged = episodes.select(EPISODE).join(values, on=EPISODE, how="left")
    if rule.statistic == "days_above":
        flagged = flagged.with_columns(pl.col("value").fill_null(0))
    return flagged.select(EPISODE, flag=_between(pl.col("value"), rule.min, rule.max))


def attribute_flag(rule: Rule, resolution: str) -> pl.Expr | None:
    """The flag of an age, sex or region rule as an expression over the episode's columns.

    ``None`` for rules that need other tables (:func:`rule_flag` joins those).
    """
    if isinstance(rule.age, AgeRule):
        return _between(age_at_index(resolution), rule.age.min, rule.age.max)
    if rule.sex is not None:
        return pl.col("sex").is_in(list(rule.sex)).fill_null(value=False)
    if isinstance(rule.region, RegionRule):
        in_state = pl.col("state").is_in(list(rule.region.states))
        return (in_state | pl.col("zip3").is_in(list(rule.region.zip3))).fill_null(value=False)
    return None


def rule_flag(dataset: Dataset, episodes: pl.LazyFrame, rule: Rule) -> pl.LazyFrame:
    """``episode`` and ``flag``: whether each episode satisfies ``rule``.

    ``episodes`` must carry ``person_key``, ``index`` and the person attributes.
    """
    expression = attribute_flag(rule, dataset.resolution)
    if expression is not None:
        return episodes.select(EPISODE, flag=expression)
    if rule.events is not None:
        return _events_flag(dataset, episodes, rule.events)
    if rule.engagement is not None:
        return _engagement_flag(dataset, episodes, rule.engagement)
    if rule.observation is not None:
        return _observation_flag(dataset, episodes, rule.observation)
    assert rule.exposure is not None  # noqa: S101 - the remaining kind
    return _exposure_flag(dataset, episodes, rule.exposure)


def with_exit(
    dataset: Dataset, plan: pl.LazyFrame, episodes: pl.LazyFrame, exit_rule: Exit, censor: Sequence[CodeSet]
) -> pl.LazyFrame:
    """``plan`` with ``exit``: the planned end, censored early, capped at the end of the person's data.

    ``plan`` holds ``episode``, ``index`` and ``end`` (the last day of the person's data);
    exit and censoring events are looked up from ``episodes``.
    """
    resolution = dataset.resolution
    if exit_rule.after is not None:
        plan = plan.with_columns(planned=_shift(pl.col("index"), exit_rule.after, exit_rule.unit, resolution))
    elif exit_rule.event is not None:
        plan = plan.join(_first_after(dataset, episodes, exit_rule.event), on=EPISODE, how="left")
    else:
        plan = plan.with_columns(planned=pl.col("end"))
    for code_set in censor:
        censored = _first_after(dataset, episodes, code_set).rename({"planned": "censored"})
        plan = (
            plan.join(censored, on=EPISODE, how="left")
            .with_columns(planned=pl.min_horizontal("planned", "censored"))
            .drop("censored")
        )
    end = pl.min_horizontal(pl.col("planned").fill_null(pl.col("end")), pl.col("end"))
    return plan.with_columns(exit=pl.max_horizontal(end, pl.col("index"))).drop("planned")


def _first_after(dataset: Dataset, episodes: pl.LazyFrame, code_set: CodeSet) -> pl.LazyFrame:
    """Per episode, the first event of ``code_set`` after the index day (``planned``)."""
    joined = episodes.select(EPISODE, "person_key", "index").join(
        events(dataset, code_set), on="person_key", how="inner"
    )
    return joined.filter(pl.col("when") > pl.col("index")).group_by(EPISODE).agg(planned=pl.col("when").min())


def follow_up(resolution: str) -> pl.Expr:
    """Length of follow-up: days (day level) or years (year level) from index to exit."""
    if resolution == "year":
        return (pl.col("exit") - pl.col("index")).cast(pl.Int32)
    return (pl.col("exit") - pl.col("index")).dt.total_days().cast(pl.Int32)
