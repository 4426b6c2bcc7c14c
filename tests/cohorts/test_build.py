"""cohorts.build on a hand-made dataset whose every count is computed by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from cohorts import CohortSpec, build
from data_contracts.errors import ConfigError

INDEX = dt.date(2022, 6, 15)


def _day(offset: int) -> dt.date:
    return INDEX + dt.timedelta(days=offset)


def _write(folder: Path, method: str, tables: dict[str, pl.DataFrame]) -> Path:
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    manifest = {"method": method, "outputs": {name: {"file": f"{name}.parquet"} for name in tables}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def _tables() -> dict[str, pl.DataFrame]:
    """Five people; ``a``..``d`` have asthma on INDEX, ``e`` has none.

    - a: born INDEX - 40 years (birthday on the index day: age 40), NE, F, reminders at -365 and -1
    - b: born a day after a's birthday 30 years before (age 29), NE, M, one reminder at -366 (outside)
    - c: age 70, IA, F, reminder on the index day (0) and one at +1
    - d: no birth date (missing), NE, F; no encounters before index (observation fails)
    - e: no asthma
    """
    people = ["a", "b", "c", "d", "e"]
    patients = pl.DataFrame(
        {
            "person_key": people,
            "birthdate": [
                dt.date(1982, 6, 15),
                dt.date(1992, 6, 16),
                dt.date(1952, 1, 1),
                None,
                dt.date(1990, 1, 1),
            ],
            "gender": ["F", "M", "F", "F", "M"],
            "state": ["NE", "NE", "IA", "NE", "NE"],
            "zip3": ["681", "680", "500", "681", "681"],
        }
    )
    encounters = pl.DataFrame(
        {
            "encounter_key": ["a1", "a2", "b1", "b2", "c1", "c2", "d1", "e1"],
            "person_key": ["a", "a", "b", "b", "c", "c", "d", "e"],
            "start": [
                dt.datetime.combine(day, dt.time(9))
                for day in [_day(-400), INDEX, _day(-400), INDEX, _day(-400), _day(30), INDEX, _day(-400)]
            ],
            "code": ["x"] * 8,
        }
    )
    conditions = pl.DataFrame(
        {
            "person_key": ["a", "b", "c", "d", "e"],
            "start": [INDEX, INDEX, INDEX, INDEX, _day(-10)],
            "code": ["195967001"] * 4 + ["10509002"],
        }
    )
    tasks = pl.DataFrame(
        {
            "person_key": ["a", "a", "b", "c", "c"],
            "type": ["Reminder"] * 5,
            "activity_date": [_day(-365), _day(-1), _day(-366), _day(0), _day(1)],
            "status": ["Completed"] * 5,
            "opened": [None] * 5,
        },
        schema_overrides={"opened": pl.Boolean},
    )
    exposures = pl.DataFrame(
        {
            "encounter_key": ["a2", "b2", "c1", "a2"],
            "variable": ["aqi", "aqi", "aqi", "pollen_total"],
            "person_key": ["a", "b", "c", "a"],
            "same_day": [120.0, 40.0, 150.0, 10.0],
            "lag1": [110.0, 30.0, 140.0, 10.0],
            "mean_7d": [105.0, 35.0, 145.0, 10.0],
        }
    )
    persons = pl.DataFrame({"person_key": people, "in_emr": [True] * 5, "in_crm": [True] * 5})
    return {
        "persons": persons,
        "patients": patients,
        "encounters": encounters,
        "conditions": conditions,
        "crm_tasks": tasks,
        "exposures": exposures,
    }


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("cohort") / "lds", "limited_data_set", _tables())


def _spec(**overrides: object) -> CohortSpec:
    document: dict[str, object] = {
        "name": "asthma",
        "entry": {"events": "conditions", "codes": ["195967001"]},
        "observation": {"prior": 365},
        **overrides,
    }
    return CohortSpec.model_validate(document)


def _attrition(dataset: Path, spec: CohortSpec) -> list[tuple[str, int, int, int | None]]:
    frame = build(dataset, spec).raw_attrition()
    return list(frame.select("step", "persons", "persons_removed", "persons_if_dropped").iter_rows())


def test_entry_and_observation_window(dataset: Path) -> None:
    cohort = build(dataset, _spec())
    assert _attrition(dataset, _spec())[:2] == [("entry events", 4, 0, None), ("observation window", 3, 1, 4)]
    assert sorted(cohort.table["person_key"].to_list()) == ["a", "b", "c"]
    assert cohort.table["index_date"].unique().to_list() == [INDEX]


def test_attrition_arithmetic_and_impact(dataset: Path) -> None:
    spec = _spec(
        inclusion=[
            {"name": "Nebraska", "region": {"states": ["NE"]}},
            {"name": "women", "sex": ["F"]},
        ]
    )
    assert _attrition(dataset, spec) == [
        ("entry events", 4, 0, None),
        ("observation window", 3, 1, 2),  # dropping it keeps a and d (the Nebraska women)
        ("Nebraska", 2, 1, 2),  # a, b remain; dropping Nebraska keeps a and c (women)
        ("women", 1, 1, 2),  # a remains; dropping 'women' keeps a, b
    ]


def test_window_edges_are_inclusive_and_the_index_day_counts(dataset: Path) -> None:
    def kept(start: int, end: int) -> list[str]:
        rule = {"name": "reminder", "events": {"events": "reminders", "window": {"start": start, "end": end}}}
        return sorted(build(dataset, _spec(inclusion=[rule])).table["person_key"].to_list())

    assert kept(-365, -1) == ["a"]  # a at -365 and -1; b's at -366 is outside
    assert kept(-366, -1) == ["a", "b"]
    assert kept(0, 0) == ["c"]  # the index day itself
    assert kept(1, 1) == ["c"]
    assert kept(-364, -2) == []


def test_counts_and_absence(dataset: Path) -> None:
    two = {
        "name": "two",
        "events": {"events": "reminders", "window": {"start": -365, "end": -1}, "min_count": 2},
    }
    none = {
        "name": "none",
        "events": {
            "events": "reminders",
            "window": {"start": -365, "end": 0},
            "max_count": 0,
            "min_count": 0,
        },
    }
    assert build(dataset, _spec(inclusion=[two])).table["person_key"].to_list() == ["a"]
    assert build(dataset, _spec(inclusion=[none])).table["person_key"].to_list() == ["b"]


def test_age_at_index_counts_birthdays(dataset: Path) -> None:
    variables = build(dataset, _spec()).variables()
    ages = dict(zip(variables["person_key"], variables["age_at_index"], strict=True))
    assert ages == {"a": 40, "b": 29, "c": 70}
    adults = {"name": "40 to 69", "age": {"min": 40, "max": 69}}
    assert build(dataset, _spec(inclusion=[adults])).table["person_key"].to_list() == ["a"]


def test_missing_birth_date_fails_an_age_rule(dataset: Path) -> None:
    spec = _spec(observation={"prior": 0}, inclusion=[{"name": "any age", "age": {"min": 0}}])
    assert sorted(build(dataset, spec).table["person_key"].to_list()) == [
        "a",
        "b",
        "c",
    ]  # d has no birth date


def test_exposure_rule_against_hand_values(dataset: Path) -> None:
    def kept(**exposure: object) -> list[str]:
        rule = {"name": "aqi", "exposure": {"variable": "aqi", **exposure}}
        return sorted(build(dataset, _spec(inclusion=[rule])).table["person_key"].to_list())

    assert kept(min=100) == ["a"]  # index-day encounters: a 105, b 35 (c's is at -400)
    assert kept(window={"start": -400, "end": 0}, min=100) == ["a", "c"]
    assert kept(measure="same_day", max=50) == ["b"]
    assert kept(window={"start": -400, "end": 0}, statistic="days_above", above=100, min=1) == ["a", "c"]


def test_exit_after_a_fixed_offset_is_capped_at_the_end_of_data(dataset: Path) -> None:
    table = build(dataset, _spec(exit={"after": 10})).table
    ends = dict(zip(table["person_key"], table["end_date"], strict=True))
    assert ends == {"a": INDEX, "b": INDEX, "c": _day(10)}  # a and b have no data after index


def test_day_windows_are_refused_on_safe_harbor_and_year_windows_work(tmp_path: Path) -> None:
    tables = _tables()
    years = {
        "patients": tables["patients"]
        .with_columns(birthdate_year=pl.col("birthdate").dt.year())
        .drop("birthdate"),
        "encounters": tables["encounters"].with_columns(start_year=pl.col("start").dt.year()).drop("start"),
        "conditions": tables["conditions"].with_columns(start_year=pl.col("start").dt.year()).drop("start"),
        "crm_tasks": tables["crm_tasks"]
        .with_columns(activity_date_year=pl.col("activity_date").dt.year())
        .drop("activity_date"),
        "persons": tables["persons"],
    }
    dataset = _write(tmp_path / "sh", "safe_harbor", years)
    rule = {"name": "reminder", "events": {"events": "reminders", "window": {"start": -365, "end": -1}}}
    with pytest.raises(ConfigError, match=r"observation, inclusion\.0\.events\.window") as caught:
        build(dataset, _spec(inclusion=[rule]))
    assert "unit: years" in str(caught.value)
    yearly = {
        "name": "reminder",
        "events": {"events": "reminders", "window": {"start": -1, "end": 0, "unit": "years"}},
    }
    cohort = build(dataset, _spec(observation={"prior": 1, "unit": "years"}, inclusion=[yearly]))
    assert sorted(cohort.table["person_key"].to_list()) == ["a", "b", "c"]
    assert cohort.table.columns == ["person_key", "index_year", "end_year"]
    ages = dict(zip(*cohort.variables().select("person_key", "age_at_index").to_dict().values(), strict=True))
    assert ages == {"a": 40, "b": 30, "c": 70}  # year minus year: b's birthday is not known


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"entry": {"events": "conditions"}, "colour": "red"}, "colour"),
        ({"entry": {"events": "diagnoses"}}, "entry.events"),
        ({"entry": {"events": "conditions", "codes": []}}, "entry"),
        ({"entry": {"events": "reminders", "codes": ["x"]}}, "entry"),
        (
            {
                "entry": {"events": "conditions"},
                "inclusion": [
                    {"name": "w", "events": {"events": "reminders", "window": {"start": 5, "end": 1}}}
                ],
            },
            "inclusion.0.events.window",
        ),
        ({"entry": {"events": "conditions"}, "inclusion": [{"name": "x"}]}, "inclusion.0"),
    ],
)
def test_invalid_specs_name_the_field(document: dict[str, object], field: str) -> None:
    from data_contracts.config import config_from_mapping  # noqa: PLC0415

    with pytest.raises(ConfigError) as caught:
        config_from_mapping({"name": "bad", **document}, CohortSpec, source="spec.yaml")
    assert field in str(caught.value)


def test_shown_attrition_never_reveals_a_small_count(dataset: Path) -> None:
    spec = _spec(
        observation={"prior": 0},
        inclusion=[{"name": "Nebraska", "region": {"states": ["NE"]}}, {"name": "women", "sex": ["F"]}],
        disclosure_threshold=3,
    )
    cohort = build(dataset, spec)
    assert cohort.raw_attrition()["persons"].to_list() == [4, 4, 3, 2]
    shown = cohort.attrition()
    persons = shown["persons"].to_list()
    assert persons == [4, 4, None, None]  # 3 is one below 4; 2 is small
    assert shown["persons_removed"].to_list() == [0, 0, None, None]
    visible = [count for count in persons if count is not None]
    assert all(count >= 3 or count == 0 for count in visible)
    assert all(abs(a - b) >= 3 or a == b for a in visible for b in visible)
    profile = cohort.profile()
    assert profile["sex"]["people"].to_list() == [None]  # two women: small
    html = cohort._repr_html_()
    assert "[suppressed]" in html
    assert "Attrition" in html
    entries = cohort.disclosure_log().to_dict()
    assert {entry["output"] for entry in entries} >= {"attrition.persons", "profile.sex"}


def test_an_unknown_code_column_or_missing_table_names_the_field(dataset: Path) -> None:
    column = _spec(
        inclusion=[
            {
                "name": "r",
                "events": {
                    "events": "conditions",
                    "code_column": "colour",
                    "codes": ["1"],
                    "window": {"start": -1, "end": 0},
                },
            }
        ]
    )
    with pytest.raises(
        ConfigError, match=r"inclusion\.0\.events\.code_column: table 'conditions' has no column 'colour'"
    ):
        build(dataset, column)
    table = _spec(censor=[{"events": "surveys"}])
    with pytest.raises(
        ConfigError, match=r"censor\.0\.events: events 'surveys' need table 'crm_survey_responses'"
    ):
        build(dataset, table)


def test_yaml_and_python_give_the_same_spec(tmp_path: Path) -> None:
    from cohorts import load_spec  # noqa: PLC0415
    from cohorts.spec import AgeRule, Entry, EventsRule, Exit, Observation, Rule, Window  # noqa: PLC0415

    path = tmp_path / "spec.yaml"
    path.write_text(
        "name: asthma\n"
        "entry: {events: conditions, codes: ['195967001'], occurrence: first}\n"
        "observation: {prior: 365}\n"
        "inclusion:\n"
        "  - {name: adults, age: {min: 18}}\n"
        "  - name: reminded\n"
        "    events: {events: reminders, window: {start: -365, end: -1}, min_count: 2}\n"
        "exit: {after: 30}\n"
    )
    built = CohortSpec(
        name="asthma",
        entry=Entry(events="conditions", codes=("195967001",), occurrence="first"),
        observation=Observation(prior=365),
        inclusion=(
            Rule(name="adults", age=AgeRule(min=18)),
            Rule(
                name="reminded",
                events=EventsRule(events="reminders", window=Window(start=-365, end=-1), min_count=2),
            ),
        ),
        exit=Exit(after=30),
    )
    assert load_spec(path) == built
    with pytest.raises(ValueError, match="frozen"):
        built.name = "other"  # type: ignore[misc]
