"""``healthtrove pipeline run``: run a declared batch pipeline, skipping what is up to date."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from healthtrove.pipeline import PipelineRun

__all__ = ["echo_run", "echo_verdict", "pipeline_group"]


@click.group(name="pipeline")
def pipeline_group() -> None:
    """Run declared batch pipelines (synth, deid with its report, cohorts, studies).

    \b
    Example:
      healthtrove pipeline run examples/pipelines/demo.yaml
    """


@pipeline_group.command(name="run")
@click.argument("pipeline_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--force",
    "force",
    multiple=True,
    metavar="STAGE",
    help="Rerun STAGE (synth, deid, cohort:NAME, study:NAME) and every stage after it; repeatable.",
)
def pipeline_run(pipeline_file: Path, force: tuple[str, ...]) -> None:
    """Run the stages PIPELINE_FILE declares, in dependency order, into its out folder.

    Stages: synth (OUT/extract), deid (OUT/dataset, with its report in
    OUT/dataset/report/), then each cohort (OUT/cohorts/NAME/) and each study
    (OUT/studies/NAME/). A stage is skipped when its folder's .stage.json holds the
    hash of its settings, input files, upstream stages and healthtrove version; a stage
    is written to a temporary folder renamed into place when finished, so a killed run
    resumes at the stage it was in. Writes OUT/pipeline_run.json, holds
    OUT/.pipeline.lock while running (a second run on the same folder exits 10), and
    exits with the failing stage's error code.

    \b
    Example:
      healthtrove pipeline run examples/pipelines/demo.yaml
      healthtrove pipeline run examples/pipelines/demo.yaml --force study:reminders_and_attendance
    """
    from healthtrove.pipeline import load_pipeline, run_pipeline  # noqa: PLC0415 - keep --help fast

    done = run_pipeline(load_pipeline(pipeline_file), force=force)
    echo_run(done)
    done.raise_for_failure()


def echo_run(done: PipelineRun) -> None:
    """Print each stage's status, then where to look: the report and its verdict, cohorts, study pages."""
    click.echo(f"Pipeline {done.name}:")
    width = max((len(stage.name) for stage in done.stages), default=0)
    for stage in done.stages:
        click.echo(f"  {stage.name:<{width}}  {stage.status:<20}  {stage.outputs}")
    finished = {
        stage.name: stage.outputs for stage in done.stages if stage.status in ("ran", "skipped (up to date)")
    }
    if "deid" in finished:
        report = finished["deid"] / "report"
        click.echo(f"  de-identified dataset: {finished['deid']}")
        verdict_file = report / "report.json"
        if verdict_file.is_file():
            echo_verdict(json.loads(verdict_file.read_text(encoding="utf-8"))["verdict"], None)
        click.echo(f"  report (open in a browser): {report / 'report.html'}")
    for name, folder in finished.items():
        if name.startswith("cohort:"):
            click.echo(f"  cohort {name.removeprefix('cohort:')}: {folder / 'cohort.html'}")
        elif name.startswith("study:"):
            click.echo(f"  study {name.removeprefix('study:')} (open in a browser): {folder / 'study.html'}")
    click.echo(f"  run summary: {done.summary}")


def echo_verdict(verdict: Mapping[str, Any], report_path: Path | None) -> None:
    """Print a de-identification verdict (status, gates, notes) and the report's path."""
    gates = verdict.get("gates", {})
    click.echo(
        f"  verdict: {str(verdict.get('status', '?')).upper()} "
        f"(leak check {gates.get('leak_check', '?')}, risk {gates.get('risk', '?')})"
    )
    for note in verdict.get("notes", []):
        click.echo(f"  note: {note}")
    if report_path is not None:
        click.echo(f"  report: {report_path}")
