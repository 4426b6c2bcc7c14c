"""One row per cohort episode of analysis variables: demographics, history, engagement, exposure, outcomes."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from cohorts._plan import EPISODE, age_at_index, events, exposures_by_encounter, follow_up, offset
from cohorts.dataset import Dataset
from cohorts.spec import CodeSet, Unit, Window

__all__ = ["default_window", "variables_plan"]

_EXACT = pl.Decimal(38, 9)
"""Exposure values are summed as decimals with 9 places, so a mean does not depend on row order."""
_HISTORY: Mapping[str, CodeSet] = {
    "encounters": CodeSet(events="encounters"),
    "conditions": CodeSet(events="conditions"),
    "medications": CodeSet(events="medications"),
    "reminders": CodeSet(events="reminders"),
    "emails": CodeSet(events="emails"),
    "calls": CodeSet(events="calls"),
    "sms": CodeSet(events="sms"),
    "campaign_responses": CodeSet(events="campaign_responses"),
    "appointments_attended": CodeSet(events="appointments", codes=("attended",)),
    "appointments_no_show": CodeSet(events="appointments", codes=("no-show",)),
}
"""Counts of events in the history window, by variable name (``n_<name>``)."""


def default_window(resolution: str) -> Window:
    """The history window: the 365 days before index, or the year before on Safe Harbor data."""
    if resolution == "year":
        return Window(start=-1, end=-1, unit="years")
    return Window(start=-365, end=-1)


def _count(
    dataset: Dataset, cohort: pl.LazyFrame, found: pl.LazyFrame, window: Window, name: str
) -> pl.LazyFrame:
    joined = cohort.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
    distance = offset(pl.col("when"), pl.col("index"), window.unit, dataset.resolution)
    inside = joined.filter(distance.is_between(window.start, window.end, closed="both"))
    return inside.group_by(EPISODE).agg(pl.len().cast(pl.Int32).alias(name))


def _table_present(dataset: Dataset, code_set: CodeSet) -> bool:
    from cohorts.events import DOMAINS  # noqa: PLC0415 - small lookup

    return dataset.has(DOMAINS[code_set.events].table)


def _history(
    dataset: Dataset, cohort: pl.LazyFrame, window: Window, counts: Mapping[str, CodeSet]
) -> list[pl.LazyFrame]:
    parts = [
        _count(dataset, cohort, events(dataset, code_set), window, f"n_{name}")
        for name, code_set in {**_HISTORY, **counts}.items()
        if _table_present(dataset, code_set)
    ]
    if dataset.has("crm_tasks"):
        opened = events(dataset, CodeSet(events="emails"), "opened").filter(
            pl.col("opened").fill_null(value=False)
        )
        parts.append(_count(dataset, cohort, opened.select("person_key", "when"), window, "n_emails_opened"))
        answered = events(dataset, CodeSet(events="calls"), "status").filter(pl.col("status") == "Completed")
        parts.append(
            _count(dataset, cohort, answered.select("person_key", "when"), window, "n_calls_completed")
        )
    return parts


def _nps(dataset: Dataset, cohort: pl.LazyFrame, window: Window) -> pl.LazyFrame | None:
    if not dataset.has("crm_survey_responses"):
        return None
    found = events(dataset, CodeSet(events="surveys"), "nps")
    joined = cohort.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
    distance = offset(pl.col("when"), pl.col("index"), window.unit, dataset.resolution)
    inside = joined.filter(distance.is_between(window.start, window.end, closed="both"))
    return inside.group_by(EPISODE).agg(nps_last=pl.col("nps").sort_by("when").last())


def _exposure(dataset: Dataset, cohort: pl.LazyFrame, window: Window) -> list[pl.LazyFrame]:
    if not dataset.has("exposures") or not dataset.has("encounters"):
        return []
    variables = dataset.table("exposures").select(pl.col("variable").unique()).collect().to_series().sort()
    parts = []
    for variable in variables.to_list():
        found = exposures_by_encounter(dataset, variable, "mean_7d")
        joined = cohort.select(EPISODE, "person_key", "index").join(found, on="person_key", how="inner")
        distance = offset(pl.col("when"), pl.col("index"), window.unit, dataset.resolution)
        inside = joined.filter(distance.is_between(window.start, window.end, closed="both"))
        parts.append(
            inside.group_by(EPISODE).agg(
                # Summed as exact decimals (9 places): a float sum depends on the order rows
                # arrive in, which varies between runs, and reruns must write identical bytes.
                (pl.col("value").cast(_EXACT).sum().cast(pl.Float64) / pl.col("value").count()).alias(
                    f"{variable}_mean_7d_mean"
                ),
                pl.col("value").max().alias(f"{variable}_mean_7d_max"),
            )
        )
    return parts


def _outcomes(dataset: Dataset, cohort: pl.LazyFrame, outcomes: Mapping[str, CodeSet]) -> list[pl.LazyFrame]:
    parts = []
    unit: Unit = "years" if dataset.resolution == "year" else "days"
    for name, code_set in outcomes.items():
        joined = cohort.select(EPISODE, "person_key", "index", "exit").join(
            events(dataset, code_set), on="person_key", how="inner"
        )
        after = joined.filter((pl.col("when") > pl.col("index")) & (pl.col("when") <= pl.col("exit")))
        parts.append(
            after.group_by(EPISODE).agg(
                pl.lit(value=True).alias(name),
                offset(pl.col("when").min(), pl.col("index").first(), unit, dataset.resolution)
                .cast(pl.Int32)
                .alias(f"{name}_time"),
            )
        )
    return parts


def variables_plan(
    dataset: Dataset,
    cohort: pl.LazyFrame,
    *,
    window: Window,
    counts: Mapping[str, CodeSet],
    outcomes: Mapping[str, CodeSet],
) -> pl.LazyFrame:
    """The analysis table of the included ``cohort`` episodes (see :meth:`Cohort.variables`)."""
    base = cohort.select(
        EPISODE,
        "person_key",
        "index",
        "exit",
        age_at_index=age_at_index(dataset.resolution),
        sex="sex",
        state="state",
        zip3="zip3",
        follow_up=follow_up(dataset.resolution),
    )
    parts = [*_history(dataset, cohort, window, counts), *_exposure(dataset, cohort, window)]
    nps = _nps(dataset, cohort, window)
    if nps is not None:
        parts.append(nps)
    parts.extend(_outcomes(dataset, cohort, outcomes))
    table = base
    for part in parts:
        table = table.join(part, on=EPISODE, how="left", maintain_order="left")
    counts_columns = [name for name in table.collect_schema().names() if name.startswith("n_")]
    flags = list(outcomes)
    table = table.with_columns(
        pl.col(counts_columns).fill_null(0),
        pl.col(flags).fill_null(value=False),
    ).drop(EPISODE)
    if dataset.resolution == "year":
        return table.rename({"index": "index_year", "exit": "end_year"})
    return table.rename({"index": "index_date", "exit": "end_date"})
