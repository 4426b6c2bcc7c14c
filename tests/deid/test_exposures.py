"""Exposure enrichment: environment series joined on true county and true event date."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import polars as pl
import pytest

from data_contracts import ConfigError, Source, load_extract
from data_contracts.outputs import Exposures
from deid.exposures import EXPOSURE_VARIABLES, daily_series, event_exposures
from deid.synth import generate

BENCHMARKS = Path(__file__).parents[2] / ".." / "shared" / "benchmarks"
OUTPUT_COLUMNS = ["Id", "PATIENT", "variable", "same_day", "lag1", "mean_7d"]
DAY0 = dt.date(2020, 4, 1)
COUNTY = "31055"


def day(offset: int) -> dt.date:
    return DAY0 + dt.timedelta(days=offset)


def series_frame(
    values: dict[int, float | None], *, variable: str = "aqi", fips: str = COUNTY
) -> pl.LazyFrame:
    """A long series of one county: day offset to value (None: the day is absent)."""
    present = {offset: value for offset, value in values.items() if value is not None}
    return pl.LazyFrame(
        {
            "fips": [fips] * len(present),
            "date": [day(offset) for offset in present],
            "variable": [variable] * len(present),
            "value": list(present.values()),
        },
        schema={"fips": pl.String, "date": pl.Date, "variable": pl.String, "value": pl.Float64},
    )


def encounters_on(*offsets: int, patient: str = "p1") -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "Id": [f"e{offset}" for offset in offsets],
            "PATIENT": [patient] * len(offsets),
            "START": [dt.datetime.combine(day(offset), dt.time(10, 30)) for offset in offsets],
        }
    )


def patients_frame(fips: dict[str, str | None]) -> pl.LazyFrame:
    return pl.LazyFrame(
        {"Id": list(fips), "FIPS": list(fips.values()), "FIRST": ["x"] * len(fips)},
        schema={"Id": pl.String, "FIPS": pl.String, "FIRST": pl.String},
    )


def enrich(events: pl.LazyFrame, series: pl.LazyFrame, patients: pl.LazyFrame | None = None) -> pl.DataFrame:
    return event_exposures(
        events,
        event_id="Id",
        person_id="PATIENT",
        event_time="START",
        patients=patients if patients is not None else patients_frame({"p1": COUNTY}),
        series=series,
    ).collect()


def rows_by_event(frame: pl.DataFrame) -> dict[str, tuple[float | None, float | None, float | None]]:
    return {row[0]: tuple(row[3:]) for row in frame.rows()}


# Ten days of data, one every day: 10, 20, ..., 100.
FULL = {offset: 10.0 * (offset + 1) for offset in range(10)}
# Days 0 to 9 with gaps on days 2, 4 and 5: day 6 has 4 of 7 days, day 7 has 4, day 8 has 4.
GAPPY = {**FULL, 2: None, 4: None, 5: None}


@pytest.mark.parametrize(
    ("values", "offset", "expected"),
    [
        pytest.param(FULL, 9, (100.0, 90.0, 70.0), id="same-day-lag1-full-week"),
        pytest.param(FULL, 0, (10.0, None, None), id="first-day-no-lag-no-mean"),
        pytest.param(FULL, 3, (40.0, 30.0, 25.0), id="four-days-is-enough"),
        pytest.param(FULL, 2, (30.0, 20.0, None), id="three-days-is-too-few"),
        pytest.param(GAPPY, 6, (70.0, None, (10.0 + 20.0 + 40.0 + 70.0) / 4), id="gap-lag-null-mean-of-4"),
        pytest.param(GAPPY, 5, (None, None, None), id="gap-day-too-little-data"),
        pytest.param(
            GAPPY, 9, (100.0, 90.0, (40.0 + 70.0 + 80.0 + 90.0 + 100.0) / 5), id="mean-over-days-with-data"
        ),
        pytest.param(GAPPY, 4, (None, 40.0, None), id="gap-day-has-lag1"),
        pytest.param(FULL, 10, (None, 100.0, 75.0), id="day-after-last-has-lag-and-mean"),
        pytest.param(FULL, 12, (None, None, 85.0), id="three-days-after-last-mean-of-4"),
        pytest.param(FULL, 13, (None, None, None), id="four-days-after-last-nothing"),
        pytest.param(FULL, -1, (None, None, None), id="before-first-day-nothing"),
    ],
)
def test_same_day_lag1_and_7_day_mean(
    values: dict[int, float | None], offset: int, expected: tuple[float | None, ...]
) -> None:
    found = rows_by_event(enrich(encounters_on(offset), series_frame(values)))
    if expected == (None, None, None):
        assert found == {}, "an event without any value gets no row, not a row of nulls"
    else:
        assert found[f"e{offset}"] == pytest.approx(expected)


def test_output_is_ids_and_values_only() -> None:
    out = event_exposures(
        encounters_on(9),
        event_id="Id",
        person_id="PATIENT",
        event_time="START",
        patients=patients_frame({"p1": COUNTY}),
        series=series_frame(FULL),
    )
    assert isinstance(out, pl.LazyFrame)
    assert out.collect_schema() == pl.Schema(
        {
            "Id": pl.String,
            "PATIENT": pl.String,
            "variable": pl.String,
            "same_day": pl.Float64,
            "lag1": pl.Float64,
            "mean_7d": pl.Float64,
        }
    )


@pytest.mark.parametrize(
    ("fips", "enriched"),
    [
        pytest.param(COUNTY, True, id="five-digit"),
        pytest.param(None, False, id="no-fips"),
        pytest.param("", False, id="empty-fips"),
        pytest.param("ABCDE", False, id="malformed-fips"),
        pytest.param("31055.0", False, id="float-text-fips"),
        pytest.param("310550", False, id="six-digits"),
        pytest.param("19013", False, id="county-without-series"),
        pytest.param(" 31055 ", True, id="padded-with-spaces"),
    ],
)
def test_patient_county(fips: str | None, enriched: bool) -> None:
    # A series for "00000" too, so that an empty FIPS padded with zeros would show up.
    series = pl.concat([series_frame(FULL), series_frame(FULL, fips="00000")])
    found = enrich(encounters_on(9), series, patients_frame({"p1": fips}))
    assert found.height == (1 if enriched else 0)


def test_lost_leading_zero_of_patient_fips_is_restored() -> None:
    series = series_frame(FULL, fips="06037")
    found = rows_by_event(enrich(encounters_on(9), series, patients_frame({"p1": "6037"})))
    assert found["e9"][0] == 100.0


def test_patient_not_in_patients_table_gets_no_rows() -> None:
    assert enrich(encounters_on(9, patient="nobody"), series_frame(FULL)).height == 0


def test_each_person_gets_their_own_county() -> None:
    series = pl.concat([series_frame(FULL), series_frame({9: 1.0}, fips="31109")])
    events = pl.concat([encounters_on(9, patient="p1"), encounters_on(9, patient="p2")]).with_columns(
        Id=pl.Series(["a", "b"])
    )
    found = rows_by_event(enrich(events, series, patients_frame({"p1": COUNTY, "p2": "31109"})))
    assert found["a"][0] == 100.0
    assert found["b"][0] == 1.0


@pytest.mark.parametrize(
    ("start", "dtype", "expected_day"),
    [
        pytest.param(dt.datetime(2020, 4, 5, 23, 59), pl.Datetime("us"), 4, id="naive-is-utc"),
        pytest.param(dt.datetime(2020, 4, 5, 0, 0), pl.Datetime("ms"), 4, id="midnight"),
        pytest.param(
            dt.datetime(2020, 4, 5, 23, 30, tzinfo=dt.UTC), pl.Datetime("us", "UTC"), 4, id="utc-aware"
        ),
        # 20:00 in Chicago (CDT, UTC-5) on 5 April is 01:00 UTC on 6 April.
        pytest.param(
            dt.datetime(2020, 4, 6, 1, 0, tzinfo=dt.UTC),
            pl.Datetime("us", "America/Chicago"),
            5,
            id="other-zone-to-utc-date",
        ),
        pytest.param(dt.date(2020, 4, 5), pl.Date, 4, id="date"),
    ],
)
def test_event_time_maps_to_its_utc_calendar_date(
    start: dt.datetime | dt.date, dtype: pl.DataType, expected_day: int
) -> None:
    events = pl.LazyFrame({"Id": ["e"], "PATIENT": ["p1"], "START": pl.Series([start]).cast(dtype)})
    found = rows_by_event(enrich(events, series_frame(FULL)))
    assert found["e"][0] == FULL[expected_day]


def test_several_variables_at_once_in_variable_order() -> None:
    series = pl.concat(
        [
            series_frame({9: 3.0}, variable="tmean_c"),
            series_frame(FULL, variable="aqi"),
            series_frame({8: 7.0}, variable="pollen_total"),
        ]
    )
    found = enrich(encounters_on(9), series)
    assert found.select("variable", "same_day", "lag1").rows() == [
        ("aqi", 100.0, 90.0),
        ("pollen_total", None, 7.0),
        ("tmean_c", 3.0, None),
    ]


def test_output_follows_event_order() -> None:
    events = encounters_on(9, 3, 7, 5)
    assert enrich(events, series_frame(FULL))["Id"].to_list() == ["e9", "e3", "e7", "e5"]


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        pytest.param({"event_id": "missing"}, r"events lacks the column\(s\) \['missing'\]", id="event-id"),
        pytest.param({"event_time": "variable"}, "events lacks", id="event-time"),
        pytest.param({"event_id": "variable"}, "event_id='variable' clashes", id="reserved-name"),
        pytest.param({"event_time": "PATIENT"}, "expected Date or Datetime", id="time-is-text"),
    ],
)
def test_bad_arguments_are_config_errors(arguments: dict[str, str], match: str) -> None:
    options = {"event_id": "Id", "person_id": "PATIENT", "event_time": "START", **arguments}
    with pytest.raises(ConfigError, match=match):
        event_exposures(
            encounters_on(1), patients=patients_frame({"p1": COUNTY}), series=series_frame(FULL), **options
        )


def test_patients_without_fips_column_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"patients lacks the column\(s\) \['FIPS'\]"):
        event_exposures(
            encounters_on(1),
            event_id="Id",
            person_id="PATIENT",
            event_time="START",
            patients=pl.LazyFrame({"Id": ["p1"]}),
            series=series_frame(FULL),
        )


# daily_series ------------------------------------------------------------------------


def aqi_table(rows: list[tuple[str, str, dt.date, int]]) -> pl.LazyFrame:
    state, county, date, aqi = zip(*rows, strict=True)
    return pl.LazyFrame(
        {
            "State Name": ["x"] * len(rows),
            "State Code": list(state),
            "County Code": list(county),
            "Date": list(date),
            "AQI": list(aqi),
            "Category": ["Good"] * len(rows),
        }
    )


@pytest.mark.parametrize(
    ("state", "county", "fips"),
    [
        pytest.param("31", "055", "31055", id="already-padded"),
        pytest.param("6", "37", "06037", id="both-padded"),
        pytest.param("06", "1", "06001", id="county-padded"),
    ],
)
def test_aqi_fips_is_state_code_plus_county_code(state: str, county: str, fips: str) -> None:
    series = daily_series({"daily_aqi": aqi_table([(state, county, DAY0, 42)])}).collect()
    assert series.rows() == [(fips, DAY0, "aqi", 42.0)]


def test_rows_without_a_valid_county_or_value_are_dropped() -> None:
    table = aqi_table([("", "055", DAY0, 1), ("31", "55x", DAY0, 2), ("31", "055", DAY0, 3)])
    assert daily_series({"daily_aqi": table}).collect()["value"].to_list() == [3.0]


def test_integer_epa_codes_are_padded_too() -> None:
    table = aqi_table([("6", "37", DAY0, 42)]).with_columns(
        pl.col("State Code", "County Code").cast(pl.Int64)
    )
    assert daily_series({"daily_aqi": table}).collect()["fips"].to_list() == ["06037"]


def test_pollen_is_summed_over_taxa_per_county_day() -> None:
    pollen = pl.LazyFrame(
        {
            "FIPS": [COUNTY, COUNTY, COUNTY, COUNTY, "31109"],
            "DATE": [DAY0, DAY0, DAY0, day(1), DAY0],
            "TAXON": ["Quercus (Oak)", "Ulmus (Elm)", "Poaceae (Grass)", "Quercus (Oak)", "Quercus (Oak)"],
            "COUNT": [30, 12, 0, 5, 7],
        }
    )
    series = daily_series({"pollen": pollen}).collect()
    assert series.rows() == [
        (COUNTY, DAY0, "pollen_total", 42.0),
        (COUNTY, day(1), "pollen_total", 5.0),
        ("31109", DAY0, "pollen_total", 7.0),
    ]


def test_temperature_is_the_daily_mean() -> None:
    temperature = pl.LazyFrame({"FIPS": [COUNTY], "DATE": [DAY0], "TMAX_C": [20.5], "TMEAN_C": [12.25]})
    assert daily_series({"temperature": temperature}).collect().rows() == [(COUNTY, DAY0, "tmean_c", 12.25)]


def test_absent_tables_are_skipped_and_nothing_gives_an_empty_series() -> None:
    empty = daily_series({})
    assert empty.collect_schema() == pl.Schema(
        {"fips": pl.String, "date": pl.Date, "variable": pl.String, "value": pl.Float64}
    )
    assert empty.collect().height == 0
    only_aqi = daily_series({"daily_aqi": aqi_table([("31", "055", DAY0, 1)]), "weather": pl.LazyFrame()})
    assert only_aqi.collect()["variable"].to_list() == ["aqi"]


def test_environment_table_without_its_value_column_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"'temperature' lacks the column\(s\) \['TMEAN_C'\]"):
        daily_series({"temperature": pl.LazyFrame({"FIPS": [COUNTY], "DATE": [DAY0]})})


# Generated data ----------------------------------------------------------------------

SYNTH_PATIENTS = 300
SYNTH_SEED = 20


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, pl.LazyFrame], pl.DataFrame]:
    summary = generate(
        tmp_path_factory.mktemp("exposures") / "extract", patients=SYNTH_PATIENTS, seed=SYNTH_SEED
    )
    emr = load_extract(summary.out_dir / "emr", Source.EMR)
    environment = load_extract(summary.out_dir / "environment", Source.ENVIRONMENT)
    return emr, daily_series(environment).collect()


def test_synthetic_series_cover_every_variable_once_per_county_day(
    synthetic: tuple[dict[str, pl.LazyFrame], pl.DataFrame],
) -> None:
    _, series = synthetic
    assert set(series["variable"].unique()) == set(EXPOSURE_VARIABLES)
    assert not series.select("fips", "date", "variable").is_duplicated().any()
    assert series["fips"].str.contains(r"^\d{5}$").all()


@pytest.mark.parametrize("table", ["encounters", "appointments"])
def test_every_synthetic_event_in_the_window_is_enriched_as_a_direct_lookup(
    synthetic: tuple[dict[str, pl.LazyFrame], pl.DataFrame], table: str
) -> None:
    emr, series = synthetic
    out = event_exposures(
        emr[table],
        event_id="Id",
        person_id="PATIENT",
        event_time="START",
        patients=emr["patients"],
        series=series.lazy(),
    ).collect()
    assert out.columns == OUTPUT_COLUMNS
    # Once the ids are pseudonymised, the output is the research-zone exposures table.
    Exposures.validate(out.rename({"Id": "encounter_key", "PATIENT": "person_key"}))

    first, last = series["date"].min(), series["date"].max()
    events = (
        emr[table]
        .select("Id", "PATIENT", date=pl.col("START").dt.date())
        .join(emr["patients"].select(PATIENT="Id", fips="FIPS"), on="PATIENT")
        .filter(pl.col("fips").is_not_null(), pl.col("date").is_between(first, last))
        .filter(pl.col("fips").is_in(series["fips"].implode()))
        .collect()
    )
    assert events.height > 100
    for variable in EXPOSURE_VARIABLES:
        enriched = set(out.filter(pl.col("variable") == variable)["Id"])
        assert set(events["Id"]) <= enriched, f"{variable}: some events in the window got no row"

    lookup = {(fips, date, variable): value for fips, date, variable, value in series.iter_rows()}
    found = {(row[0], row[2]): row[3:] for row in out.iter_rows()}
    for event, _, date, fips in random.Random(SYNTH_SEED).sample(events.rows(), 40):
        for variable in EXPOSURE_VARIABLES:
            week = [lookup.get((fips, date - dt.timedelta(days=back), variable)) for back in range(7)]
            known = [value for value in week if value is not None]
            expected = (week[0], week[1], sum(known) / len(known) if len(known) >= 4 else None)
            assert found[(event, variable)] == pytest.approx(expected)


# Real public data (optional) ---------------------------------------------------------


@pytest.mark.realdata
def test_nebraska_encounters_get_real_epa_aqi(tmp_path: Path) -> None:
    emr_folder = BENCHMARKS / "synthea_nebraska"
    aqi_file = BENCHMARKS / "epa_aqi" / "daily_aqi_by_county_2020.csv"
    if not (emr_folder.is_dir() and aqi_file.is_file()):
        pytest.skip(f"real benchmark data not found under {BENCHMARKS.resolve()} (a user's clone has none)")
    environment_folder = tmp_path / "environment"
    environment_folder.mkdir()
    (environment_folder / aqi_file.name).symlink_to(aqi_file.resolve())
    emr = load_extract(emr_folder, Source.EMR)
    series = daily_series(load_extract(environment_folder, Source.ENVIRONMENT)).collect()

    in_spring_2020 = emr["encounters"].filter(
        pl.col("START").is_between(dt.datetime(2020, 1, 1), dt.datetime(2020, 6, 1), closed="left")
    )
    out = event_exposures(
        in_spring_2020,
        event_id="Id",
        person_id="PATIENT",
        event_time="START",
        patients=emr["patients"],
        series=series.lazy(),
    ).collect()
    epa_days = set(series.select("fips", "date").iter_rows())
    reported = (
        in_spring_2020.select("Id", date=pl.col("START").dt.date())
        .join(emr["encounters"].select("Id", "PATIENT"), on="Id")
        .join(emr["patients"].select(PATIENT="Id", fips="FIPS"), on="PATIENT")
        .collect()
    )
    expected = {event for event, date, _, fips in reported.iter_rows() if (fips, date) in epa_days}

    assert out["variable"].unique().to_list() == ["aqi"]
    assert len(expected) > 0
    assert expected <= set(out.drop_nulls("same_day")["Id"])
    assert out["same_day"].drop_nulls().is_between(0, 500).all()
    assert out["mean_7d"].drop_nulls().is_between(0, 500).all()
