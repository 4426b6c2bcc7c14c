"""Running a study and writing it: estimates match direct fits, files are checked, complete and stable."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analysis import ModelResult, logistic
from analysis.studies import (
    AnalysisStep,
    CompareStep,
    Comparison,
    CorrelateStep,
    ModelStep,
    StudyFiles,
    StudyResult,
    StudySpec,
    analysis_table,
    run_study,
    write_study,
)
from cohorts import Dataset
from data_contracts import InputError

from .dataset_files import appointments, crm_tasks, patients, write_dataset

PLANTED_REMINDER_OR = math.exp(-0.8)

SPEC = StudySpec(
    name="reminders",
    title="Reminders and attendance",
    question="Do reminders lower no-shows once lead time is taken into account?",
    table="appointments",
    analyses=(
        AnalysisStep(
            name="associations", correlate=CorrelateStep(variables=("no_show", "reminded", "lead_weeks"))
        ),
        AnalysisStep(name="crude", logistic=ModelStep(formula="no_show ~ reminded")),
        AnalysisStep(name="adjusted", logistic=ModelStep(formula="no_show ~ reminded + lead_weeks")),
        AnalysisStep(
            name="reminder_effect", compare=CompareStep(crude="crude", adjusted="adjusted", term="reminded")
        ),
    ),
)
NAMES = ("associations", "crude", "adjusted", "reminder_effect")


@pytest.fixture(scope="module")
def study(appointments_data: Path) -> StudyResult:
    return run_study(SPEC, appointments_data)


@pytest.fixture(scope="module")
def written(study: StudyResult, tmp_path_factory: pytest.TempPathFactory) -> StudyFiles:
    return write_study(study, tmp_path_factory.mktemp("study-out") / "reminders")


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_models_equal_direct_fits_on_the_analysis_table(
    study: StudyResult, appointments_data: Path
) -> None:
    table = analysis_table(Dataset(appointments_data), "appointments")
    crude, adjusted = study["crude"], study["adjusted"]

    assert_frame_equal(crude.table(), logistic(table, "no_show ~ reminded", output="crude").table())
    assert_frame_equal(
        adjusted.table(), logistic(table, "no_show ~ reminded + lead_weeks", output="adjusted").table()
    )
    comparison = study["reminder_effect"]
    assert isinstance(comparison, Comparison)
    assert comparison.rows["model"].to_list() == ["crude", "adjusted"]
    for model in (crude, adjusted):
        estimate = model.table().filter(pl.col("term") == "reminded")["estimate"].item()
        label = "crude" if model is crude else "adjusted"
        assert comparison.rows.filter(pl.col("model") == label)["estimate"].item() == estimate


def test_adjusting_for_lead_time_recovers_the_planted_reminder_effect(study: StudyResult) -> None:
    rows = study["reminder_effect"].table()
    crude, adjusted = rows.row(0, named=True), rows.row(1, named=True)
    assert adjusted["ci_low"] < PLANTED_REMINDER_OR < adjusted["ci_high"]
    assert adjusted["ci_high"] < 1
    # The confounded crude estimate lies closer to 1 than the adjusted one.
    assert abs(math.log(crude["estimate"])) < abs(math.log(adjusted["estimate"]))


def test_the_study_describes_its_data(study: StudyResult) -> None:
    assert study.method == "limited_data_set"
    assert study.source == "analysis table appointments"
    assert study.rows == 600
    assert [analysis.name for analysis in study.analyses] == list(NAMES)
    assert [analysis.kind for analysis in study.analyses] == ["correlate", "logistic", "logistic", "compare"]
    assert study.headline.name == "reminder_effect"
    lines = study.summary().splitlines()
    assert lines[:2] == [
        "Reminders and attendance",
        "Question: Do reminders lower no-shows once lead time is taken into account?",
    ]
    assert lines[2].startswith("Data: analysis table appointments")
    assert "600 rows" in lines[2]
    assert "limited_data_set dataset" in lines[2]
    assert "odds ratio for reminded:" in lines


def test_write_study_writes_exactly_the_listed_files(written: StudyFiles) -> None:
    folder = written.folder
    expected = {
        *(f"tables/{name}.csv" for name in NAMES),
        *(f"figures/{name}.{suffix}" for name in NAMES for suffix in ("png", "svg")),
        "study.html",
        "summary.txt",
        "output_log.json",
    }
    assert set(files_under(folder)) == expected
    assert {path.relative_to(folder).as_posix() for path in written.tables} == {
        f"tables/{name}.csv" for name in NAMES
    }
    assert len(written.figures) == 2 * len(NAMES)
    assert written.html == folder / "study.html"


def test_the_csv_tables_hold_the_results(study: StudyResult, written: StudyFiles) -> None:
    for name in NAMES:
        csv = pl.read_csv(written.folder / "tables" / f"{name}.csv")
        expected = study[name].table()
        assert csv.columns == expected.columns
        assert csv.height == expected.height
    crude = pl.read_csv(written.folder / "tables" / "crude.csv")
    assert crude["term"].to_list() == ["Intercept", "reminded"]
    assert crude["estimate"].to_list() == pytest.approx(study["crude"].table()["estimate"].to_list())


def test_the_summary_file_is_the_study_summary(study: StudyResult, written: StudyFiles) -> None:
    assert written.summary.read_text(encoding="utf-8") == study.summary() + "\n"


def test_the_html_page_inlines_every_figure_and_loads_nothing(written: StudyFiles) -> None:
    page = written.html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert "@import" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?(?:#|data:))""", page)
    assert page.count("<svg") == len(NAMES)
    assert "<?xml" not in page
    for name in NAMES:
        assert f"<h2>{name} " in page
    assert "<h2>Output-checking log</h2>" in page


def test_the_html_page_has_no_url_but_svg_namespaces(written: StudyFiles) -> None:
    page = written.html.read_text(encoding="utf-8")
    without_namespaces = re.sub(r"""xmlns(?::\w+)?="[^"]*\"""", "", page)
    assert re.findall(r"https?://\S+", without_namespaces) == []


def test_the_output_log_lists_every_analysis_check(study: StudyResult, written: StudyFiles) -> None:
    logged = json.loads(written.output_log.read_text(encoding="utf-8"))
    assert [entry["output"] for entry in logged] == [
        check.output for analysis in study.analyses for check in analysis.result.checks
    ]
    assert logged == [
        dataclasses.asdict(check) for analysis in study.analyses for check in analysis.result.checks
    ]
    assert {entry["output"] for entry in logged} == set(NAMES)
    model_rules = {entry["rule"] for entry in logged if entry["output"] == "crude"}
    assert {"minimum persons", "minimum events", "events per variable"} <= model_rules
    assert all(entry["cells_suppressed"] == 0 for entry in logged)


def test_a_rerun_into_another_folder_writes_identical_bytes(
    appointments_data: Path, written: StudyFiles, tmp_path: Path
) -> None:
    first = files_under(written.folder)
    for attempt in range(2):
        again = write_study(run_study(SPEC, appointments_data), tmp_path / f"again{attempt}")
        second = files_under(again.folder)
        assert sorted(first) == sorted(second)
        differing = [name for name in first if first[name] != second[name]]
        assert differing == []


def test_a_rerun_of_the_written_result_writes_identical_bytes(study: StudyResult, tmp_path: Path) -> None:
    # Writing is deterministic given the results: figures (PNG and SVG), tables, page and log.
    one = files_under(write_study(study, tmp_path / "one").folder)
    two = files_under(write_study(study, tmp_path / "two").folder)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_an_analysis_table_has_the_same_row_order_on_every_build(appointments_data: Path) -> None:
    dataset = Dataset(appointments_data)
    first = analysis_table(dataset, "appointments").collect()
    for _ in range(3):
        assert_frame_equal(analysis_table(dataset, "appointments").collect(), first)


def test_no_person_key_reaches_any_output(appointments_data: Path, written: StudyFiles) -> None:
    keys = pl.read_parquet(appointments_data / "patients.parquet")["person_key"].to_list()
    assert len(keys) == 300
    for name, content in files_under(written.folder).items():
        leaked = [key for key in keys if key.encode() in content]
        assert leaked == [], name


NO_SHOWS = frozenset({3, 10, 17, 30, 41, 56, 77, 92})


def rare_no_shows(folder: Path) -> Path:
    """100 appointments of 100 persons, 8 no-shows: too few events to release a model."""
    start = datetime(2021, 3, 1, 9)
    rows = []
    reminders: list[tuple[str, str, date, bool | None]] = []
    for index in range(100):
        when = start + timedelta(days=index)
        status = "no-show" if index in NO_SHOWS else "attended"
        rows.append((f"a{index}", f"person{index:03d}", when - timedelta(days=index % 20), when, status))
        if index % 2:
            reminders.append((f"person{index:03d}", "Reminder", (when - timedelta(days=2)).date(), None))
    people = patients([(f"person{index:03d}", 1950 + index % 40, None, "F") for index in range(100)])
    return write_dataset(
        folder,
        {
            "appointments": appointments(rows),
            "crm_tasks": crm_tasks(reminders),
            "patients": people,
        },
    )


def test_a_model_with_too_few_events_is_written_withheld(tmp_path: Path) -> None:
    data = rare_no_shows(tmp_path / "data")
    table = analysis_table(Dataset(data), "appointments").collect()
    assert int(table["no_show"].sum()) == 8
    spec = StudySpec(
        name="rare",
        title="Rare no-shows",
        table="appointments",
        analyses=(
            AnalysisStep(name="crude", logistic=ModelStep(formula="no_show ~ reminded")),
            AnalysisStep(name="adjusted", logistic=ModelStep(formula="no_show ~ reminded + lead_weeks")),
            AnalysisStep(
                name="reminder_effect",
                compare=CompareStep(crude="crude", adjusted="adjusted", term="reminded"),
            ),
        ),
        headline="crude",
    )

    study = run_study(spec, data)
    files = write_study(study, tmp_path / "out")

    crude = study["crude"]
    assert isinstance(crude, ModelResult)
    assert crude.withheld == "withheld: failed minimum events, events per variable"
    csv = pl.read_csv(files.folder / "tables" / "crude.csv")
    assert csv["term"].to_list() == ["Intercept", "reminded"]
    for column in ("estimate", "ci_low", "ci_high", "p_value", "coefficient", "std_error"):
        assert csv[column].null_count() == csv.height, column
    assert csv["withheld"].to_list() == [True, True]
    effect = pl.read_csv(files.folder / "tables" / "reminder_effect.csv")
    assert effect["estimate"].null_count() == 2
    page = files.html.read_text(encoding="utf-8")
    assert "estimates withheld: failed minimum events" in page
    assert "The comparison is withheld" in page
    assert "estimates withheld: failed minimum events" in files.summary.read_text(encoding="utf-8")
    logged = json.loads(files.output_log.read_text(encoding="utf-8"))
    failed = [entry for entry in logged if entry["output"] == "crude" and entry["cells_suppressed"]]
    assert [entry["rule"] for entry in failed] == ["minimum events", "events per variable"]


def test_a_table_below_the_threshold_hides_its_row_count_and_cells(tmp_path: Path) -> None:
    start = datetime(2021, 3, 1, 9)
    rows = [
        (
            f"a{index}",
            f"person{index}",
            start,
            start + timedelta(days=index + 1),
            "no-show" if index % 2 else "attended",
        )
        for index in range(8)
    ]
    people = patients([(f"person{index}", 1960 + index, None, "M") for index in range(8)])
    data = write_dataset(
        tmp_path / "data",
        {"appointments": appointments(rows), "crm_tasks": crm_tasks([]), "patients": people},
    )
    spec = StudySpec(
        name="tiny",
        title="A <tiny> & study",
        table="appointments",
        analyses=(AnalysisStep(name="pairs", correlate=CorrelateStep(variables=("no_show", "lead_weeks"))),),
    )

    study = run_study(spec, data)
    files = write_study(study, tmp_path / "out")

    assert study.rows is None
    assert "fewer than 11 rows" in study.summary()
    pairs = study["pairs"].table()
    assert pairs["estimate"].to_list() == [None]
    assert pairs["n"].to_list() == [None]
    page = files.html.read_text(encoding="utf-8")
    assert "<title>A &lt;tiny&gt; &amp; study</title>" in page
    assert "<tiny>" not in page
    assert "fewer than 11 rows" in page


def test_a_dataset_lacking_a_table_the_builder_reads_is_an_input_error(tmp_path: Path) -> None:
    start = datetime(2021, 3, 1, 9)
    data = write_dataset(
        tmp_path / "data",
        {"appointments": appointments([("a0", "p0", start, start + timedelta(days=3), "attended")])},
    )
    with pytest.raises(InputError, match="has no table 'crm_tasks'"):
        run_study(SPEC, data)
