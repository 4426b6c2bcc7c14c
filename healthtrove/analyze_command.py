"""``healthtrove analyze``: a declared study over a de-identified dataset, to checked files."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from healthtrove.console import dataset_option, out_option, progress_reporter

__all__ = ["analyze", "run_and_write_study"]

logger = logging.getLogger(__name__)


@click.command(name="analyze")
@click.argument("study_file", type=click.Path(path_type=Path, dir_okay=False))
@dataset_option
@out_option
@click.option(
    "--override-output-checks",
    is_flag=True,
    help="Release model estimates that fail an output check (inside the secure environment only; logged).",
)
def analyze(study_file: Path, data_dir: Path, out_dir: Path, *, override_output_checks: bool) -> None:
    """Run the study STUDY_FILE declares and write its checked outputs.

    A study names an analysis table of the dataset (appointments, chronic_follow_up,
    survey_waits, retention, encounter_exposures) or a cohort spec, and a list of
    analyses (correlate, logistic, poisson, negative_binomial, linear, rates, predict,
    compare). Writes tables/*.csv, figures/*.png and *.svg, study.html (self-contained),
    summary.txt and output_log.json (every output check). Counts from 1 to 10 are
    suppressed and models failing a check are withheld.

    \b
    Example:
      healthtrove analyze examples/studies/reminders_and_attendance.yaml --data demo-output/dataset --out st/
    """
    run_and_write_study(study_file, data_dir, out_dir, override=override_output_checks)


def run_and_write_study(study_file: Path, data_dir: Path, out_dir: Path, *, override: bool = False) -> Path:
    """Run the study of ``study_file`` on ``data_dir``, write it to ``out_dir``, print its summary.

    Returns the path of the study's HTML page.
    """
    from analysis.studies import load_study, run_study, write_study  # noqa: PLC0415 - keep --help fast

    spec = load_study(study_file)
    if override:
        logger.warning(
            "study %s: output checks overridden; keep the outputs inside the secure environment", spec.name
        )
    with progress_reporter("analyze") as report:
        study = run_study(spec, data_dir, override=override, progress=report)
        report("writing")
        files = write_study(study, out_dir)
    click.echo(study.summary())
    click.echo("")
    click.echo(
        f"Written to {out_dir}: {len(files.tables)} tables, {len(files.figures)} figures, "
        f"{files.summary.name}, {files.output_log.name} ({len(study.log)} output checks)"
    )
    click.echo(f"  summary page (open in a browser): {files.html}")
    return files.html
