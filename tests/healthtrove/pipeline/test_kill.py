"""A pipeline killed mid-stage resumes and ends with the outputs of an uninterrupted run."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from healthtrove.cli import main
from healthtrove.pipeline import LOCK_FILE, STAMP_FILE, SUMMARY_FILE
from healthtrove.pipeline._run import PAUSE_ENV

from .conftest import make_project

TIMING_KEYS = {"started_at", "finished_at", "seconds"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
TIMING_SECTION = re.compile(r'<h2 id="timing">.*?</table>', flags=re.DOTALL)


def _without_timings(node: object) -> object:
    if isinstance(node, dict):
        return {key: _without_timings(value) for key, value in node.items() if key not in TIMING_KEYS}
    if isinstance(node, list):
        return [_without_timings(item) for item in node]
    return node


def _comparable(path: Path) -> object:
    """The file's bytes, minus the timing fields of stamps and the deid manifest and report."""
    if path.suffix == ".json" and (path.name == STAMP_FILE or "dataset" in path.parts):
        return _without_timings(json.loads(path.read_text(encoding="utf-8")))
    if path.name == "report.html":
        return TIMING_SECTION.sub("", TIMESTAMP.sub("", path.read_text(encoding="utf-8")))
    return path.read_bytes()


def _assert_same_outputs(out: Path, reference: Path) -> None:
    files = sorted(
        path.relative_to(out) for path in out.rglob("*") if path.is_file() and path.name != SUMMARY_FILE
    )
    assert files == sorted(
        path.relative_to(reference)
        for path in reference.rglob("*")
        if path.is_file() and path.name != SUMMARY_FILE
    )
    for relative in files:
        assert _comparable(out / relative) == _comparable(reference / relative), relative


def _run_until_paused(pipeline: Path, stage: str) -> subprocess.Popen[str]:
    env = os.environ | {PAUSE_ENV: stage, "CI": "1", "HEALTHTROVE_OFFLINE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "healthtrove", "pipeline", "run", str(pipeline)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if f"pipeline: {stage}: pausing" in line:
            return process
    pytest.fail(f"the pipeline ended before pausing in {stage} (exit {process.wait()})")


def test_killed_mid_stage_resumes_and_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    pipeline = make_project(tmp_path / "project")
    out = pipeline.parent / "out"
    assert main(["pipeline", "run", str(pipeline)]) == 0
    reference = out.rename(tmp_path / "reference")  # the same out path for both runs

    process = _run_until_paused(pipeline, "deid")
    try:
        assert (out / "extract" / STAMP_FILE).is_file()
        assert (out / "dataset" / "manifest.json").is_file()
        assert not (out / "dataset" / STAMP_FILE).exists()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert (out / LOCK_FILE).exists()

    assert main(["pipeline", "run", str(pipeline)]) == 0
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    statuses = {stage["name"]: stage["status"] for stage in summary["stages"]}
    assert statuses == {
        "synth": "skipped (up to date)",
        "deid": "ran",
        "cohort:population": "ran",
        "study:attendance": "ran",
    }
    assert not (out / LOCK_FILE).exists()
    _assert_same_outputs(out, reference)
