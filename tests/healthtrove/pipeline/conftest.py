"""A small pipeline project (40 generated people, free text dropped) and one finished run of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from healthtrove.cli import main

EXAMPLES = Path(__file__).parents[3] / "examples"
KEY = "0123456789abcdef0123456789abcdef"
STUDY = """\
name: attendance
title: Reminders and attendance
table: appointments
analyses:
  - name: associations
    correlate:
      variables: [no_show, reminded, lead_weeks]
"""
PIPELINE = """\
name: test
out: out
synth: {patients: 40, seed: 3}
deid: {method: limited_data_set, key_file: test.key, free_text: drop, risk: {enforce: false}}
cohorts: [specs/population.yaml]
studies: [specs/attendance.yaml]
"""


def make_project(folder: Path) -> Path:
    """Write the pipeline file, its cohort and study specs and a fixed test key into ``folder``."""
    specs = folder / "specs"
    specs.mkdir(parents=True)
    for name in ("population.yaml", "respiratory_infections.txt"):
        shutil.copy(EXAMPLES / "cohorts" / name, specs / name)
    (specs / "attendance.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "test.key").write_text(KEY + "\n", encoding="utf-8")
    (folder / "pipeline.yaml").write_text(PIPELINE, encoding="utf-8")
    return folder / "pipeline.yaml"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEALTHTROVE_OFFLINE", "1")
    monkeypatch.setenv("CI", "1")


@pytest.fixture(scope="package")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder after one complete run (copy it before changing anything)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHTROVE_OFFLINE", "1")
        patch.setenv("CI", "1")
        pipeline = make_project(tmp_path_factory.mktemp("finished"))
        assert main(["pipeline", "run", str(pipeline)]) == 0
    return pipeline.parent


@pytest.fixture
def project(finished: Path, tmp_path: Path) -> Path:
    """A copy of the finished project, free to change; returns its pipeline file."""
    copy = tmp_path / "project"
    shutil.copytree(finished, copy, symlinks=True)
    return copy / "pipeline.yaml"
