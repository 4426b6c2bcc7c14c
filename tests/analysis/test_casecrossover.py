"""Time-stratified referents checked by hand; conditional logistic regression on planted effects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from matplotlib.figure import Figure

from analysis import CaseCrossoverResult, case_crossover_referents, conditional_logistic
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError, InputError

LOG_ODDS_PER_UNIT = 0.04


def _march_series() -> pl.DataFrame:
    days = pl.date_range(dt.date(2021, 2, 1), dt.date(2021, 3, 31), eager=True)
    return pl.DataFrame({"day": days, "pm10": [float(day.day) for day in days]})


def _referents(
    events: pl.DataFrame, series: pl.DataFrame, *, date: str = "day", by: str | None = None
) -> pl.DataFrame:
    return case_crossover_referents(
        events, person="person", event_date="event", series=series, date=date, exposure="pm10", by=by
    )


def test_an_event_on_wednesday_10_march_2021_has_the_other_march_wednesdays_as_referents() -> None:
    events = pl.DataFrame({"person": [1], "event": [dt.date(2021, 3, 10)]})
    strata = _referents(events, _march_series())
    assert dt.date(2021, 3, 10).weekday() == 2  # a Wednesday
    assert [day.day for day in strata["day"]] == [3, 10, 17, 24, 31]
    assert strata["case"].to_list() == [0, 1, 0, 0, 0]
    assert strata["pm10"].to_list() == [3.0, 10.0, 17.0, 24.0, 31.0]
    assert strata["stratum"].unique().to_list() == [0]


def test_referents_stay_in_the_calendar_month_of_each_event_and_strata_follow_person_and_date() -> None:
    events = pl.DataFrame(
        {"person": [2, 1], "event": [dt.datetime(2021, 3, 1, 14, 30), dt.datetime(2021, 2, 28, 8, 0)]}
    )
    strata = _referents(events, _march_series())
    first = strata.filter(pl.col("stratum") == 0)
    second = strata.filter(pl.col("stratum") == 1)
    # Person 1, Sunday 28 February: 7, 14, 21 February; person 2, Monday 1 March: 8, 15, 22, 29 March.
    assert first["person"].unique().to_list() == [1]
    assert [day.isoformat() for day in first["day"]] == [
        "2021-02-07",
        "2021-02-14",
        "2021-02-21",
        "2021-02-28",
    ]
    assert [day.day for day in second["day"]] == [1, 8, 15, 22, 29]
    assert second["case"].to_list() == [1, 0, 0, 0, 0]


def test_referents_are_matched_on_the_by_column_and_missing_days_have_null_exposure() -> None:
    series = pl.concat(
        [
            _march_series().with_columns(region=pl.lit("north")),
            _march_series().with_columns(region=pl.lit("south"), pm10=pl.col("pm10") * 100),
        ]
    ).filter(pl.col("day") != dt.date(2021, 3, 17))
    events = pl.DataFrame({"person": [1], "event": [dt.date(2021, 3, 10)], "region": ["south"]})
    strata = _referents(events, series, by="region")
    assert strata["region"].unique().to_list() == ["south"]
    assert strata["pm10"].to_list() == [300.0, 1000.0, None, 2400.0, 3100.0]


def test_referents_reject_missing_columns_and_repeated_days_naming_the_column() -> None:
    events = pl.DataFrame({"person": [1], "event": [dt.date(2021, 3, 10)]})
    with pytest.raises(ConfigError, match="'pm25'"):
        case_crossover_referents(
            events, person="person", event_date="event", series=_march_series(), date="day", exposure="pm25"
        )
    with pytest.raises(InputError, match="'day'"):
        _referents(events, pl.concat([_march_series(), _march_series()]))
    with pytest.raises(InputError, match="'event'"):
        _referents(events.with_columns(pl.col("event").cast(pl.String)), _march_series())
    with pytest.raises(ConfigError, match="'event'"):
        _referents(events, _march_series().rename({"day": "event"}), date="event")


def _simulated_events(seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two years of daily pm10 and events whose daily rate is ``exp(a + LOG_ODDS_PER_UNIT * pm10)``."""
    rng = np.random.default_rng(seed)
    days = pl.date_range(dt.date(2019, 1, 1), dt.date(2020, 12, 31), eager=True)
    pm10 = rng.gamma(3.0, 10.0, days.len())
    counts = rng.poisson(np.exp(0.3 + LOG_ODDS_PER_UNIT * (pm10 - 30)))
    series = pl.DataFrame({"day": days, "pm10": pm10})
    events = pl.DataFrame({"event": np.repeat(days.to_numpy(), counts)}).with_columns(
        person=pl.int_range(pl.len())
    )
    return events, series


def test_conditional_logistic_recovers_a_planted_odds_ratio_within_its_interval() -> None:
    events, series = _simulated_events(seed=11)
    strata = _referents(events, series)
    result = conditional_logistic(strata, exposures=["pm10"], per=10.0)
    row = result.table().row(0, named=True)
    planted = np.exp(10 * LOG_ODDS_PER_UNIT)
    assert row["ci_low"] < planted < row["ci_high"]
    assert row["p_value"] < 0.001
    assert result.n_strata == events.height
    assert result.n_dropped == 0
    assert isinstance(result, CaseCrossoverResult)


def test_frequency_weights_equal_replicating_the_strata() -> None:
    events, series = _simulated_events(seed=5)
    events = events.filter(pl.col("event") < dt.date(2019, 7, 1))
    replicated = conditional_logistic(_referents(events, series), exposures=["pm10"])
    per_day = events.group_by("event").agg(deaths=pl.len(), person=pl.first("person"))
    weighted = conditional_logistic(
        _referents(per_day, series).join(per_day.select("person", "deaths"), on="person"),
        exposures=["pm10"],
        weight="deaths",
    )
    expected = replicated.table().row(0, named=True)
    got = weighted.table().row(0, named=True)
    for column in ("odds_ratio", "ci_low", "ci_high"):
        assert got[column] == pytest.approx(expected[column], rel=1e-4)
    assert weighted.n_cases == events.height
    assert weighted.n_strata == per_day.height


def test_too_few_case_strata_withhold_every_estimate_and_log_the_check() -> None:
    events, series = _simulated_events(seed=2)
    strata = _referents(events.head(5), series)
    result = conditional_logistic(strata, exposures=["pm10"], policy=DisclosurePolicy(threshold=11))
    row = result.table().row(0, named=True)
    assert row["suppressed"] is True
    assert (row["odds_ratio"], row["ci_low"], row["ci_high"], row["p_value"]) == (None, None, None, None)
    assert result.n_strata is None
    assert result.n_cases is None
    check = result.checks[0]
    assert (check.rule, check.cells_checked, check.cells_suppressed) == ("minimum case strata", 1, 1)
    assert "[suppressed]" in result._repr_html_()
    assert "[suppressed]" in result.summary()


def test_rows_with_missing_exposure_are_dropped_and_counted() -> None:
    events, series = _simulated_events(seed=3)
    strata = _referents(events, series)
    holes = strata.with_columns(
        pl.when(pl.int_range(pl.len()) % 50 == 7).then(None).otherwise(pl.col("pm10")).alias("pm10")
    )
    result = conditional_logistic(holes, exposures=["pm10"])
    assert result.n_dropped == holes["pm10"].null_count() > 0
    assert result.n_rows <= strata.height - result.n_dropped
    assert result.table()["odds_ratio"].item() is not None


def test_conditional_logistic_errors_name_the_column() -> None:
    data = pl.DataFrame({"stratum": [1, 1], "case": [1, 2], "pm10": [1.0, 2.0], "label": ["a", "b"]})
    with pytest.raises(ConfigError, match="'no2'"):
        conditional_logistic(data, exposures=["no2"])
    with pytest.raises(InputError, match="'label'"):
        conditional_logistic(data, exposures=["label"])
    with pytest.raises(InputError, match="'case'"):
        conditional_logistic(data, exposures=["pm10"])
    with pytest.raises(ConfigError, match="exposures"):
        conditional_logistic(data, exposures=[])


def test_the_result_renders_a_summary_a_table_and_a_figure() -> None:
    events, series = _simulated_events(seed=4)
    result = conditional_logistic(_referents(events, series), exposures=["pm10"], per=10.0)
    assert isinstance(result.plot(), Figure)
    assert "OR" in result.summary()
    assert "<table" in result._repr_html_()
    assert result.table().columns == [
        "exposure",
        "per",
        "odds_ratio",
        "ci_low",
        "ci_high",
        "p_value",
        "suppressed",
        "reason",
    ]
