"""`healthtrove analyze`: a study run in-process, and clear messages for studies that cannot run."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from data_contracts import ConfigError, InputError
from healthtrove.cli import main

from .dataset_files import SAFE_HARBOR, appointments, crm_tasks, patients, write_dataset

STUDY = """\
name: reminders
title: Reminders and attendance
question: Do reminders lower no-shows?
table: appointments
analyses:
  - name: crude
    logistic: {formula: "no_show ~ reminded"}
  - name: adjusted
    logistic: {formula: "no_show ~ reminded + lead_weeks"}
  - name: reminder_effect
    compare: {crude: crude, adjusted: adjusted, term: reminded}
"""


def study_file(folder: Path, formula: str = "no_show ~ reminded", *, name: str = "model") -> Path:
    path = folder / "study.yaml"
    step = f'  - name: {name}\n    logistic: {{formula: "{formula}"}}\n'
    path.write_text(f"name: s\ntitle: T\ntable: appointments\nanalyses:\n{step}", encoding="utf-8")
    return path


def analyze(study: Path, data: Path, out: Path) -> int:
    return main(["analyze", str(study), "--data", str(data), "--out", str(out)])


def simple_appointments(folder: Path, *, no_show: set[int], reminded: set[int]) -> Path:
    """100 appointments of 100 persons; ``no_show`` and ``reminded`` hold the indices that are."""
    start = datetime(2021, 3, 1, 9)
    rows = []
    reminders: list[tuple[str, str, date, bool | None]] = []
    for index in range(100):
        when = start + timedelta(days=index)
        key = f"person{index:03d}"
        status = "no-show" if index in no_show else "attended"
        rows.append((f"a{index}", key, when - timedelta(days=index % 20), when, status))
        if index in reminded:
            reminders.append((key, "Reminder", (when - timedelta(days=2)).date(), None))
    people = patients([(f"person{index:03d}", 1950 + index % 40, None, "F") for index in range(100)])
    return write_dataset(
        folder, {"appointments": appointments(rows), "crm_tasks": crm_tasks(reminders), "patients": people}
    )


def test_analyze_prints_the_summary_and_the_page(
    appointments_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "study.yaml"
    path.write_text(STUDY, encoding="utf-8")
    out = tmp_path / "out"

    assert analyze(path, appointments_data, out) == 0

    printed = capsys.readouterr().out
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert printed.startswith(summary)
    assert "Reminders and attendance\nQuestion: Do reminders lower no-shows?\n" in printed
    assert "odds ratio for reminded:" in printed
    assert f"summary page (open in a browser): {out / 'study.html'}" in printed
    assert f"Written to {out}: 3 tables, 6 figures" in printed
    assert (out / "study.html").is_file()


def test_a_safe_harbor_dataset_refuses_a_day_level_study(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_dataset(tmp_path / "data", {}, method=SAFE_HARBOR)

    code = analyze(study_file(tmp_path), data, tmp_path / "out")

    assert code == ConfigError.exit_code == 3
    err = capsys.readouterr().err
    assert "error: analysis table 'appointments'" in err
    assert "(safe_harbor) keeps years only" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_column_not_in_the_table_is_named(
    appointments_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = analyze(study_file(tmp_path, "no_show ~ reminded + wait_days"), appointments_data, tmp_path / "o")

    assert code == ConfigError.exit_code
    err = capsys.readouterr().err
    assert "column 'wait_days'" in err
    assert "is not in the table" in err
    assert "Traceback" not in err
    assert "patsy" not in err.lower()
    assert not (tmp_path / "o").exists()


def test_a_failing_analysis_is_named_in_the_message(
    appointments_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = study_file(tmp_path, "no_show ~ reminded + wait_days", name="adjusted_for_wait")
    assert analyze(path, appointments_data, tmp_path / "o") == ConfigError.exit_code
    # The progress lines name each step as it starts; the error line itself must name it too.
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "adjusted_for_wait" in errors[0]


def test_a_constant_predictor_is_a_clear_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = simple_appointments(tmp_path / "data", no_show=set(range(0, 100, 4)), reminded=set())

    code = analyze(study_file(tmp_path), data, tmp_path / "out")

    assert code == InputError.exit_code == 4
    err = capsys.readouterr().err
    assert "predictor 'reminded' is constant" in err
    assert "leave it out of the formula" in err
    assert "Traceback" not in err
    assert "statsmodels" not in err.lower()


def test_perfect_separation_is_a_clear_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missed = set(range(0, 100, 3))
    data = simple_appointments(tmp_path / "data", no_show=missed, reminded=missed)

    code = analyze(study_file(tmp_path), data, tmp_path / "out")

    assert code == InputError.exit_code
    err = capsys.readouterr().err
    assert "perfect separation on 'reminded'" in err
    assert "Traceback" not in err
    assert "PerfectSeparation" not in err


def test_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help"]) == 0
    printed = capsys.readouterr().out
    assert "Usage: healthtrove analyze [OPTIONS] STUDY_FILE" in printed
    assert "--data DIRECTORY" in printed
    assert "--override-output-checks" in printed
    assert "examples/studies/reminders_and_attendance.yaml" in printed


def test_help_shows_the_example_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help"]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert "\\b" not in "\n".join(lines)
    command = "healthtrove analyze examples/studies/reminders_and_attendance.yaml"
    assert f"{command} --data demo-output/dataset --out st/" in lines
