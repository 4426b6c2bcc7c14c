"""One run per output folder: a live lock refuses a second run; a stale one is taken over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from data_contracts.errors import PipelineLockedError
from healthtrove.cli import main
from healthtrove.pipeline import LOCK_FILE


def test_a_run_holding_the_lock_refuses_a_second_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = project.parent / "out" / LOCK_FILE
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(f"{holder.pid}\n", encoding="utf-8")
        assert main(["pipeline", "run", str(project)]) == PipelineLockedError.exit_code == 10
    finally:
        holder.kill()
        holder.wait()
    assert str(lock) in capsys.readouterr().err
    assert lock.read_text(encoding="utf-8").strip() == str(holder.pid)


def test_a_stale_lock_is_taken_over_with_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = project.parent / "out" / LOCK_FILE
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    lock.write_text(ended.stdout.decode(), encoding="utf-8")
    assert main(["pipeline", "run", str(project)]) == 0
    assert "stale lock" in capsys.readouterr().err
    assert not lock.exists()
