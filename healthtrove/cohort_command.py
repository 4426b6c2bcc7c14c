"""``healthtrove cohort build``: a cohort spec over a de-identified dataset, to files."""

from __future__ import annotations

from pathlib import Path

import click

from healthtrove.console import dataset_option, out_option, progress_reporter

__all__ = ["COHORT_FILES", "cohort_group", "write_cohort"]

COHORT_FILES = ("cohort.parquet", "variables.parquet", "attrition.csv", "cohort.html", "output_log.json")
"""What ``cohort build`` writes into ``--out``."""


@click.group(name="cohort")
def cohort_group() -> None:
    """Slice a de-identified dataset into cohorts (research zone).

    \b
    Example:
      healthtrove cohort build examples/cohorts/population.yaml --data dataset/ --out cohorts/population/
    """


@cohort_group.command(name="build")
@click.argument("spec_file", type=click.Path(path_type=Path, dir_okay=False))
@dataset_option
@out_option
def cohort_build(spec_file: Path, data_dir: Path, out_dir: Path) -> None:
    """Build the cohort SPEC_FILE describes and write it with its variables and attrition.

    Writes cohort.parquet (person_key, index and end; research-zone data),
    variables.parquet (one row per person: demographics, history, engagement, exposure),
    attrition.csv and cohort.html (counts after disclosure control: 1 to 10 suppressed,
    with any count revealing them) and output_log.json (every disclosure check).

    \b
    Example:
      healthtrove cohort build examples/cohorts/population.yaml --data demo-output/dataset --out cohorts/pop
    """
    write_cohort(spec_file, data_dir, out_dir)


def write_cohort(spec_file: Path, data_dir: Path, out_dir: Path) -> None:
    """Build the cohort of ``spec_file`` on ``data_dir``, write it to ``out_dir`` and print its attrition."""
    from cohorts import build, load_spec  # noqa: PLC0415 - keep `healthtrove --help` fast
    from cohorts._disclosed import display_attrition  # noqa: PLC0415

    spec = load_spec(spec_file)
    with progress_reporter("cohort") as report:
        cohort = build(data_dir, spec, progress=report)
        report("variables")
        variables = cohort.variables()
        report("disclosure control")
        attrition = cohort.attrition()
        page = cohort.to_html()
        log = cohort.disclosure_log()
        report("writing")
        out_dir.mkdir(parents=True, exist_ok=True)
        cohort.to_parquet(out_dir / "cohort.parquet")
        variables.write_parquet(out_dir / "variables.parquet", compression="zstd")
        shown = display_attrition(attrition, cohort.policy)
        shown.write_csv(out_dir / "attrition.csv")
        (out_dir / "cohort.html").write_text(page, encoding="utf-8")
        (out_dir / "output_log.json").write_text(log.to_json() + "\n", encoding="utf-8")
    click.echo(f"Cohort {spec.name}: attrition (counts 1 to {cohort.policy.threshold - 1} suppressed)")
    width = max(len(step) for step in shown["step"])
    for step, persons, removed, _ in shown.iter_rows():
        click.echo(f"  {step:<{width}}  {persons:>14} people  ({removed} removed)")
    click.echo(f"Written to {out_dir}: {', '.join(COHORT_FILES)}")
