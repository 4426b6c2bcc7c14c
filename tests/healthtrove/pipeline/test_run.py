"""`healthtrove pipeline run` in-process: up-to-date keys, --force, the run summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthtrove.cli import main
from healthtrove.pipeline import LOCK_FILE, STAMP_FILE, SUMMARY_FILE

from .conftest import KEY

STAGES = ["synth", "deid", "cohort:population", "study:attendance"]


def _statuses(pipeline: Path) -> dict[str, str]:
    summary = json.loads((pipeline.parent / "out" / SUMMARY_FILE).read_text(encoding="utf-8"))
    return {stage["name"]: stage["status"] for stage in summary["stages"]}


def _files(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != SUMMARY_FILE
    }


def test_first_run_runs_every_stage_and_stamps_it(finished: Path) -> None:
    out = finished / "out"
    assert _statuses(finished / "pipeline.yaml") == dict.fromkeys(STAGES, "ran")
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert summary["pipeline"] == "test"
    folders = {"synth": "extract", "deid": "dataset", "cohort:population": "cohorts/population"}
    folders["study:attendance"] = "studies/attendance"
    for stage in summary["stages"]:
        assert stage["outputs"] == folders[stage["name"]]
        stamp = json.loads((out / stage["outputs"] / STAMP_FILE).read_text(encoding="utf-8"))
        assert stamp["key"] == stage["key"]
        assert stamp["stage"] == stage["name"]
    assert (out / "dataset" / "report" / "report.html").is_file()
    assert (out / "cohorts" / "population" / "cohort.parquet").is_file()
    assert (out / "studies" / "attendance" / "study.html").is_file()
    assert not (out / LOCK_FILE).exists()
    assert not list(out.rglob(".*.running"))
    everything = b"".join(_files(out).values()) + (out / SUMMARY_FILE).read_bytes()
    assert KEY.encode() not in everything


def test_second_run_skips_every_stage_and_changes_no_byte(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(project.parent / "out")
    assert main(["pipeline", "run", str(project)]) == 0
    assert _statuses(project) == dict.fromkeys(STAGES, "skipped (up to date)")
    assert _files(project.parent / "out") == before
    printed = capsys.readouterr().out
    assert all(f"{name}" in printed for name in STAGES)
    assert "run summary:" in printed


def test_changing_a_study_reruns_only_that_study(project: Path) -> None:
    study = project.parent / "specs" / "attendance.yaml"
    study.write_text(study.read_text(encoding="utf-8").replace("lead_weeks", "lead_days"), encoding="utf-8")
    assert main(["pipeline", "run", str(project)]) == 0
    expected = dict.fromkeys(STAGES, "skipped (up to date)") | {"study:attendance": "ran"}
    assert _statuses(project) == expected


def test_force_reruns_only_that_cohort(project: Path) -> None:
    stamp = project.parent / "out" / "cohorts" / "population" / STAMP_FILE
    first = json.loads(stamp.read_text(encoding="utf-8"))
    assert main(["pipeline", "run", str(project), "--force", "cohort:population"]) == 0
    expected = dict.fromkeys(STAGES, "skipped (up to date)") | {"cohort:population": "ran"}
    assert _statuses(project) == expected
    again = json.loads(stamp.read_text(encoding="utf-8"))
    assert again["key"] == first["key"]
    assert again["finished_at"] >= first["finished_at"]


def test_force_deid_reruns_it_and_everything_after_it(project: Path) -> None:
    assert main(["pipeline", "run", str(project), "--force", "deid"]) == 0
    assert _statuses(project) == {"synth": "skipped (up to date)"} | dict.fromkeys(STAGES[1:], "ran")


def test_force_of_an_unknown_stage_names_the_stages(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pipeline", "run", str(project), "--force", "cohort:nothing"]) == 3
    err = capsys.readouterr().err
    assert "cohort:nothing" in err
    assert "cohort:population" in err


def test_a_failing_stage_is_recorded_stops_the_run_and_frees_the_lock(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.parent / "specs" / "population.yaml").write_text("name: broken\nentry: 3\n", encoding="utf-8")
    assert main(["pipeline", "run", str(project), "--force", "deid"]) == 3
    summary = json.loads((project.parent / "out" / SUMMARY_FILE).read_text(encoding="utf-8"))
    by_name = {stage["name"]: stage for stage in summary["stages"]}
    assert by_name["deid"]["status"] == "ran"
    assert by_name["cohort:population"]["status"] == "failed"
    assert by_name["cohort:population"]["error"] == "ConfigError"
    assert by_name["cohort:population"]["exit_code"] == 3
    assert by_name["study:attendance"]["status"] == "not run"
    assert not (project.parent / "out" / LOCK_FILE).exists()
    assert "population.yaml" in capsys.readouterr().err
