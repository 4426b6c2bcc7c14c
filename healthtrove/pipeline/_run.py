"""Run a pipeline: skip what is up to date, run the rest in order, write the run summary."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import click

from data_contracts.errors import EXIT_INTERNAL_ERROR, ConfigError, HealthtroveError
from healthtrove import __version__
from healthtrove.pipeline._lock import pipeline_lock
from healthtrove.pipeline._spec import PipelineSpec
from healthtrove.pipeline._stages import Stage, plan_stages
from healthtrove.pipeline._state import fresh_work_folder, publish_stage, read_stamp_key, write_stamp

__all__ = ["PAUSE_ENV", "SUMMARY_FILE", "PipelineRun", "StageOutcome", "run_pipeline"]

SUMMARY_FILE = "pipeline_run.json"
PAUSE_ENV = "HEALTHTROVE_PIPELINE_PAUSE_IN"
"""For tests only: name a stage, and that stage pauses for ten minutes after writing its
outputs into its temporary folder, before publishing them, so a test can kill the run
mid-stage. It changes no output."""

Status = Literal["ran", "skipped (up to date)", "failed", "not run"]


@dataclass(frozen=True, kw_only=True)
class StageOutcome:
    """How one stage went.

    Attributes
    ----------
    name
        The stage's name.
    status
        ``ran``, ``skipped (up to date)``, ``failed`` or ``not run`` (after a failure).
    key
        The stage's key (``None`` if it could not be computed or the stage did not start).
    seconds
        Wall-clock time spent on it.
    outputs
        Its output folder.
    error
        The error's class name when it failed.
    exit_code
        The error's exit code when it failed.
    message
        The error's message (our messages hold no data values; others are withheld).
    """

    name: str
    status: Status
    key: str | None
    seconds: float
    outputs: Path
    error: str | None = None
    exit_code: int | None = None
    message: str | None = None


@dataclass(frozen=True, kw_only=True)
class PipelineRun:
    """What a pipeline run did; :meth:`raise_for_failure` re-raises a stage's error."""

    name: str
    out: Path
    stages: tuple[StageOutcome, ...]
    summary: Path
    failure: Exception | None = None

    def raise_for_failure(self) -> None:
        """Raise the error that stopped the run, if any."""
        if self.failure is not None:
            raise self.failure


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _forced(stages: Sequence[Stage], force: Collection[str]) -> set[str]:
    """The forced stages and everything downstream of them."""
    names = [stage.name for stage in stages]
    unknown = sorted(set(force) - set(names))
    if unknown:
        msg = f"--force: no stage named {', '.join(unknown)}; the stages are: {', '.join(names)}"
        raise ConfigError(msg)
    forced = set(force)
    for stage in stages:  # dependency order, so one pass reaches every descendant
        if forced.intersection(stage.depends):
            forced.add(stage.name)
    return forced


def _pause_for_tests(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) == stage:
        click.echo(f"pipeline: {stage}: pausing ({PAUSE_ENV} is set)", err=True)
        time.sleep(600)


def _failed(stage: Stage, key: str | None, started: float, error: Exception) -> StageOutcome:
    ours = isinstance(error, HealthtroveError)
    return StageOutcome(
        name=stage.name,
        status="failed",
        key=key,
        seconds=round(time.perf_counter() - started, 3),
        outputs=stage.folder,
        error=type(error).__name__,
        exit_code=error.exit_code if isinstance(error, HealthtroveError) else EXIT_INTERNAL_ERROR,
        message=str(error) if ours else "message withheld: it may quote input values",
    )


def _run_stage(
    stage: Stage, *, keys: dict[str, str], forced: set[str]
) -> tuple[StageOutcome, Exception | None]:
    started = time.perf_counter()
    started_at = _now()
    key = None
    work = None
    try:
        key = stage.key([keys[name] for name in stage.depends])
        keys[stage.name] = key
        if stage.name not in forced and read_stamp_key(stage.folder) == key:
            click.echo(f"pipeline: {stage.name}: up to date, skipped", err=True)
            outcome = StageOutcome(
                name=stage.name, status="skipped (up to date)", key=key, seconds=0.0, outputs=stage.folder
            )
            return outcome, None
        click.echo(f"pipeline: {stage.name}: running", err=True)
        work = stage.folder if stage.publishes_itself else fresh_work_folder(stage.folder)
        result = stage.run(work)
        _pause_for_tests(stage.name)
        seconds = round(time.perf_counter() - started, 3)
        stamp = {
            "stage": stage.name,
            "key": key,
            "healthtrove_version": __version__,
            "started_at": started_at,
            "finished_at": _now(),
            "seconds": seconds,
            "counts": dict(result.counts),
        }
        write_stamp(work, stamp)
        if work != stage.folder:
            publish_stage(work, stage.folder)
    except Exception as error:  # noqa: BLE001 - recorded in the summary, re-raised by the caller
        if work is not None and work != stage.folder:
            shutil.rmtree(work, ignore_errors=True)
        return _failed(stage, key, started, error), error
    if result.console:
        click.echo(result.console.replace(str(work), str(stage.folder)), nl=False)
    return StageOutcome(name=stage.name, status="ran", key=key, seconds=seconds, outputs=stage.folder), None


def _summary(spec: PipelineSpec, outcomes: Sequence[StageOutcome], *, started_at: str) -> dict[str, object]:
    stages: list[Mapping[str, object]] = []
    for outcome in outcomes:
        entry: dict[str, object] = {
            "name": outcome.name,
            "status": outcome.status,
            "key": outcome.key,
            "seconds": outcome.seconds,
            "outputs": outcome.outputs.relative_to(spec.out).as_posix(),
        }
        if outcome.error is not None:
            entry |= {"error": outcome.error, "exit_code": outcome.exit_code, "message": outcome.message}
        stages.append(entry)
    return {
        "pipeline": spec.name,
        "healthtrove_version": __version__,
        "started_at": started_at,
        "finished_at": _now(),
        "stages": stages,
    }


def run_pipeline(spec: PipelineSpec, *, force: Collection[str] = ()) -> PipelineRun:
    """Run the stages of ``spec`` that are not up to date, in dependency order.

    A stage is up to date when its output folder's stamp holds its key; ``force`` names
    stages to rerun anyway, with everything downstream of them. The run stops at the
    first failing stage (later stages are ``not run``); the summary is written to
    ``OUT/pipeline_run.json`` either way.

    Raises
    ------
    ConfigError
        If ``force`` names a stage the pipeline does not have.
    PipelineLockedError
        If another run holds the lock on ``spec.out``.
    """
    stages = plan_stages(spec)
    forced = _forced(stages, force)
    keys: dict[str, str] = {}
    outcomes: list[StageOutcome] = []
    failure: Exception | None = None
    with pipeline_lock(spec.out):
        started_at = _now()
        try:
            for stage in stages:
                if failure is not None:
                    outcomes.append(
                        StageOutcome(
                            name=stage.name, status="not run", key=None, seconds=0.0, outputs=stage.folder
                        )
                    )
                    continue
                outcome, failure = _run_stage(stage, keys=keys, forced=forced)
                outcomes.append(outcome)
        finally:
            summary = spec.out / SUMMARY_FILE
            document = _summary(spec, outcomes, started_at=started_at)
            summary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return PipelineRun(name=spec.name, out=spec.out, stages=tuple(outcomes), summary=summary, failure=failure)
