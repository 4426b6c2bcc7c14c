"""The ``healthtrove`` command: a thin shell over the library, one group per stage.

Errors the user can fix are printed as one line without a traceback and exit with the
code of their class (see :func:`data_contracts.errors.exit_codes`); anything else is a
bug and exits with 70 and a traceback.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

import click

from data_contracts import (
    INPUT_TABLES,
    HealthtroveError,
    LoadedTable,
    Method,
    SiteMappingConfig,
    Source,
    UserError,
    load_tables,
    load_yaml_config,
    tables_of,
)
from data_contracts.config import config_from_mapping, read_yaml_mapping
from data_contracts.docs import render_markdown
from data_contracts.errors import EXIT_INTERNAL_ERROR
from data_contracts.files import unclaimed_files
from healthtrove import __version__
from healthtrove.analyze_command import analyze
from healthtrove.cohort_command import cohort_group
from healthtrove.console import configure_logging, progress_reporter, stderr_console
from healthtrove.pipeline_command import echo_run, echo_verdict, pipeline_group

__all__ = ["cli", "main", "run"]

_DEFAULT_DOCS = Path("docs/data_contracts.md")
SHOW_ERRORS_ENV = "HEALTHTROVE_SHOW_ERRORS"
_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO_COHORT = _EXAMPLES / "cohorts" / "population.yaml"
"""The example cohort the demo builds (present in the repository)."""
DEMO_STUDY = _EXAMPLES / "studies" / "reminders_and_attendance.yaml"
"""The example study the demo runs on day-level datasets (limited data set, expert determination)."""
DEMO_STUDY_YEARS = _EXAMPLES / "studies" / "channel_and_retention.yaml"
"""The example study the demo runs on Safe Harbor's years."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="healthtrove")
@click.option(
    "-v", "--verbose", count=True, help="More log output (-v info, -vv debug). Logs never hold data values."
)
def cli(verbose: int) -> None:
    """De-identified population health research from EMR and CRM extracts.

    One command group per stage. Run any command with --help for its options.

    \b
    Example:
      healthtrove synth --patients 500 --seed 7 --out extract/
      healthtrove contracts validate extract/
    """
    configure_logging(verbosity=verbose)


@cli.command()
@click.option(
    "--patients", type=click.IntRange(min=1), default=1000, show_default=True, help="Number of EMR patients."
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Random seed; same seed, same files.",
)
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True, help="Output folder."
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="File format of the extract tables.",
)
def synth(patients: int, seed: int, out_dir: Path, file_format: str) -> None:
    """Generate a synthetic EMR + CRM + environment extract with gold PHI annotations.

    Writes OUT/emr/, OUT/crm/, OUT/environment/, OUT/gold_phi.jsonl and OUT/truth/
    (linkage truth and planted effect sizes, for tests and benchmarks only).

    \b
    Example:
      healthtrove synth --patients 1000 --seed 42 --out extract/
    """
    _generate(out_dir, patients=patients, seed=seed, file_format=file_format)


def _generate(out_dir: Path, *, patients: int, seed: int, file_format: str) -> None:
    from deid.synth import generate  # noqa: PLC0415 - keep `healthtrove --help` fast

    with progress_reporter("synth") as report:
        summary = generate(
            out_dir,
            patients=patients,
            seed=seed,
            file_format="parquet" if file_format == "parquet" else "csv",
            progress=report,
        )
    total = sum(summary.rows.values())
    click.echo(
        f"Generated {len(summary.rows)} tables, {total:,} rows and {summary.gold_spans:,} gold PHI spans "
        f"in {summary.seconds:.1f} s into {summary.out_dir}"
    )


cli.add_command(cohort_group)
cli.add_command(analyze)
cli.add_command(pipeline_group)


@cli.group()
def contracts() -> None:
    """Inspect and check the data contracts of the input and output tables.

    \b
    Example:
      healthtrove contracts list
      healthtrove contracts validate extract/
      healthtrove contracts docs --check
    """


@contracts.command(name="list")
def list_tables() -> None:
    """List every input table: extract folder, file name, columns, required or not.

    \b
    Example:
      healthtrove contracts list
    """
    for contract in INPUT_TABLES:
        need = "required" if contract.required else "optional"
        columns = len(contract.schema.column_names())
        click.echo(f"{contract.source.value:<12} {contract.file_stem:<22} {columns:>3} columns  {need}")


@contracts.command()
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), default=_DEFAULT_DOCS, show_default=True
)
@click.option("--check", is_flag=True, help="Do not write; exit 3 if the file is stale.")
def docs(out: Path, check: bool) -> None:  # noqa: FBT001 - click passes flags positionally
    """Write the Markdown reference of every table and column from the schemas.

    \b
    Example:
      healthtrove contracts docs --out docs/data_contracts.md
    """
    rendered = render_markdown()
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != rendered:
            raise click.exceptions.Exit(3)
        click.echo(f"{out} is up to date")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rendered, encoding="utf-8")
    click.echo(f"Wrote {out}")


@contracts.command()
@click.argument("extract_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML file mapping a site's headers to contract columns: {tables: {TABLE: {header: column}}}.",
)
@click.option(
    "--drop-undeclared", is_flag=True, help="Drop columns the contracts do not declare instead of failing."
)
@click.option(
    "--source",
    type=click.Choice([source.value for source in Source]),
    help="EXTRACT_DIR is itself one extract folder of this kind (for example a Synthea csv/ export).",
)
def validate(
    extract_dir: Path,
    mapping: Path | None,
    drop_undeclared: bool,  # noqa: FBT001 - click passes flags positionally
    source: str | None,
) -> None:
    """Validate an extract folder (its emr/, crm/ and environment/ subfolders).

    Prints one line per table with its row count; on a contract break, prints what
    failed (file, column, rule, rows) and exits with code 5. Writes nothing.

    \b
    Example:
      healthtrove contracts validate extract/ --mapping site-headers.yaml
      healthtrove contracts validate synthea/output/csv --source emr
    """
    only = Source(source) if source else None
    loaded = _validate_extract(extract_dir, mapping=mapping, drop_undeclared=drop_undeclared, only=only)
    _print_summary(extract_dir, loaded)


def _validate_extract(
    extract_dir: Path, *, mapping: Path | None, drop_undeclared: bool, only: Source | None = None
) -> dict[str, LoadedTable]:
    site = load_yaml_config(mapping, SiteMappingConfig).tables if mapping else {}
    if only is not None:
        folders = {only: extract_dir}
    else:
        folders = {
            source: extract_dir / source.value for source in Source if (extract_dir / source.value).is_dir()
        }
    if not folders:
        msg = (
            f"{extract_dir} holds none of the extract folders emr/, crm/, environment/; "
            "to validate one folder of tables, name its kind with --source"
        )
        raise UserError(msg)
    loaded: dict[str, LoadedTable] = {}
    with progress_reporter("validate") as report:
        for source, folder in folders.items():
            report(source.value)
            loaded |= load_tables(folder, source, site_mapping=site, drop_undeclared=drop_undeclared)
            unread = unclaimed_files(folder, tables_of(source))
            if unread:
                names = ", ".join(path.name for path in unread)
                click.echo(
                    f"  {source.value}: {len(unread)} files have no contract and were not read: {names}"
                )
    return loaded


def _print_summary(extract_dir: Path, loaded: dict[str, LoadedTable]) -> None:
    for name, table in loaded.items():
        notes = []
        if table.absent_columns:
            notes.append(f"{len(table.absent_columns)} nullable columns absent")
        if table.dropped_columns:
            notes.append(f"{len(table.dropped_columns)} undeclared columns dropped")
        extra = f"  ({'; '.join(notes)})" if notes else ""
        click.echo(f"  {table.contract.source.value}/{name:<20} {table.rows:>10,} rows valid{extra}")
    total = sum(table.rows for table in loaded.values())
    click.echo(f"{len(loaded)} tables, {total:,} rows: all valid against their contracts ({extract_dir})")


@cli.group(name="deid")
def deid_group() -> None:
    """De-identify EMR + CRM extracts into a research dataset (trusted zone).

    \b
    Example:
      export HEALTHTROVE_KEY=$(cat project.key)
      healthtrove deid run --emr x/emr --crm x/crm --method safe_harbor --out dataset/
    """


_PATH = click.Path(path_type=Path)


@deid_group.command(name="run")
@click.option("--emr", type=_PATH, help="EMR extract folder (Synthea layout).")
@click.option("--crm", type=_PATH, help="CRM extract folder (Salesforce exports).")
@click.option("--environment", type=_PATH, help="Environment series folder (AQI, pollen, temperature).")
@click.option(
    "--method", type=click.Choice([method.value for method in Method]), help="De-identification method."
)
@click.option("--out", type=_PATH, help="Output dataset folder (published only when the run succeeds).")
@click.option("--config", "config_file", type=_PATH, help="YAML file with any of these settings (flags win).")
@click.option("--key-file", type=_PATH, help="File holding the project key (else HEALTHTROVE_KEY).")
@click.option(
    "--pseudonyms", type=click.Choice(["hmac", "surrogate"]), help="Keyed HMAC (default) or surrogates."
)
@click.option(
    "--crosswalk-dir", type=_PATH, help="Trusted folder for the surrogate crosswalk (never inside --out)."
)
@click.option(
    "--drop-undeclared", is_flag=True, default=None, help="Drop undeclared input columns instead of failing."
)
@click.option(
    "--whole-weeks", is_flag=True, default=None, help="Shift dates by whole weeks (expert determination)."
)
@click.option(
    "--mapping", "site_mapping", type=_PATH, help="YAML mapping of site headers to contract columns."
)
@click.option(
    "--free-text",
    type=click.Choice(["scrub", "drop"]),
    help="Scrub free-text columns with the text engine (default) or drop them.",
)
@click.option(
    "--text-replacement",
    type=click.Choice(["tag", "surrogate"]),
    help="Replace PHI in text by type tags (default) or consistent surrogates.",
)
@click.option(
    "--text-policy",
    type=click.Choice(["high_recall", "balanced"]),
    help="high_recall (default): also replace every word of free text not known to be safe; "
    "balanced: the detectors alone.",
)
@click.option("--text-workers", type=click.IntRange(min=1), help="Processes scrubbing text (default: cores).")
@click.option(
    "--quasi-identifiers",
    help="Comma-separated quasi-identifiers for the risk measures (risk.quasi_identifiers).",
)
@click.option(
    "--k", "risk_k", type=click.IntRange(min=1), help="Smallest equivalence class allowed (risk.k)."
)
@click.option(
    "--highest-risk",
    type=click.FloatRange(min=0.0, max=1.0, min_open=True),
    help="Largest prosecutor risk of any record (risk.highest_risk).",
)
@click.option(
    "--enforce-risk/--report-risk",
    default=None,
    help="Fail the run when risk misses a threshold (default: only expert_determination).",
)
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the report's excerpt sample.")
@click.option("--report-host-name", is_flag=True, default=None, help="Name this machine in the report.")
@click.option(
    "--report-only",
    is_flag=True,
    help="Rebuild the report of the existing dataset in --out; nothing else is run.",
)
def deid_run(config_file: Path | None, report_only: bool, **flags: object) -> None:  # noqa: FBT001
    """Link, enrich, transform, leak-check and publish a de-identified Parquet dataset.

    Every flag has a config-file key of the same name (with underscores); the risk
    flags set keys of the config's ``risk`` mapping. The project key is read from
    HEALTHTROVE_KEY or --key-file and is never logged or written. Every run writes
    report/report.html and report/report.json inside the dataset; a run stopped by a
    gate (leak: exit 8, risk: exit 9) publishes nothing and writes its report to
    OUT.failed-report/.

    \b
    Example:
      healthtrove deid run --emr x/emr --crm x/crm --environment x/environment
        --method expert_determination --out dataset/ --key-file project.key
      healthtrove deid run --report-only --out dataset/ --k 5
    """
    from deid import DeidConfig, RiskConfig, rebuild_report, run  # noqa: PLC0415 - keep `--help` fast

    settings: dict[str, object] = read_yaml_mapping(config_file) if config_file else {}
    whole_weeks = flags.pop("whole_weeks")
    risk = _risk_settings(settings, flags)
    settings |= {name: value for name, value in flags.items() if value is not None}
    if whole_weeks:
        shift = settings.get("shift")
        settings["shift"] = {**(shift if isinstance(shift, dict) else {}), "whole_weeks": True}
    source = str(config_file or "command line")
    if report_only:
        out = settings.get("out")
        if out is None:
            raise click.UsageError("--report-only needs --out, the dataset to report on")
        risk_config = config_from_mapping(risk, RiskConfig, source=source)
        seed = int(settings.get("seed", 0))  # type: ignore[call-overload]
        with progress_reporter("report") as report:
            report("building the report")
            built = rebuild_report(Path(str(out)), risk=risk_config, seed=seed)
        echo_verdict(built.verdict, built.report)
        built.raise_for_gates()
        return
    settings["risk"] = risk
    config = config_from_mapping(settings, DeidConfig, source=source)
    with progress_reporter("deid") as report:
        result = run(config, progress=report)
    total = sum(result.tables.values())
    click.echo(
        f"De-identified ({result.method}): {len(result.tables)} tables, {total:,} rows; leak check passed."
    )
    if result.linkage is not None:
        linkage = result.linkage
        click.echo(f"  CRM contacts linked to EMR patients: {linkage.linked:,} of {linkage.contacts:,}")
    echo_verdict(result.verdict, result.report)
    click.echo(f"  dataset: {result.out}  manifest: {result.manifest}")


def _risk_settings(settings: dict[str, object], flags: dict[str, object]) -> dict[str, object]:
    """The ``risk`` mapping of the config file with the risk flags applied (popped from ``flags``)."""
    risk = settings.pop("risk", None) or {}
    if not isinstance(risk, dict):
        raise click.UsageError("the config key 'risk' must be a mapping")
    quasi = flags.pop("quasi_identifiers")
    names = {"risk_k": "k", "highest_risk": "highest_risk", "enforce_risk": "enforce"}
    updates = {key: flags.pop(flag) for flag, key in names.items()}
    if quasi is not None:
        updates["quasi_identifiers"] = [name.strip() for name in str(quasi).split(",") if name.strip()]
    return {**risk, **{key: value for key, value in updates.items() if value is not None}}


@deid_group.command(name="text")
@click.option(
    "--in",
    "in_path",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Input JSON Lines.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Output JSON Lines.",
)
@click.option(
    "--method",
    type=click.Choice([method.value for method in Method]),
    default=Method.SAFE_HARBOR.value,
    show_default=True,
    help="Which PHI types are replaced; expert_determination also shifts dates.",
)
@click.option(
    "--replace",
    "mode",
    type=click.Choice(["tag", "surrogate"]),
    default="tag",
    show_default=True,
    help="Type tags ([NAME]) or consistent fake values per person.",
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@click.option("--key-file", type=_PATH, help="File holding the project key (else HEALTHTROVE_KEY).")
@click.option("--whole-weeks", is_flag=True, help="Shift dates by whole weeks (expert determination).")
@click.option(
    "--max-shift-days",
    type=click.IntRange(min=7, max=3650),
    default=182,
    show_default=True,
    help="Largest date shift (expert determination); use the value of the structured run.",
)
@click.option(
    "--text-policy",
    type=click.Choice(["high_recall", "balanced"]),
    default="high_recall",
    show_default=True,
    help="high_recall: also replace every word not known to be safe (the safe-list backstop); "
    "balanced: the detectors alone (fewer false alarms, lower recall).",
)
@click.option("--pipeline", help="Installed spaCy pipeline for NER (default: the pinned small English one).")
def deid_text(
    *,
    in_path: Path,
    out_path: Path,
    method: str,
    mode: str,
    workers: int,
    key_file: Path | None,
    whole_weeks: bool,
    max_shift_days: int,
    text_policy: str,
    pipeline: str | None,
) -> None:
    """Scrub PHI from free texts in a JSON Lines file.

    Each input line is {"id": ..., "text": ..., "known_phi": {...}, "person_id": ...}
    (known_phi and person_id optional; known_phi holds lists under names, nicknames,
    relatives, phones, emails, addresses, mrns, other_ids). Each output line is
    {"id": ..., "text": <scrubbed>, "spans": [{"start", "end", "entity_type", "score",
    "source"}]} with offsets into the input text. limited_data_set keeps dates, ages,
    cities and ZIP codes; expert_determination shifts dates by the person's offset.
    Surrogates and date shifts need the project key; tags under the other methods do not.
    The high_recall policy (default) also replaces every word not known to be safe;
    --text-policy balanced runs the detectors alone, for comparison.

    \b
    Example:
      healthtrove deid text --in notes.jsonl --out scrubbed.jsonl --workers 4
      healthtrove deid text --in notes.jsonl --out scrubbed.jsonl --text-policy balanced
      healthtrove deid text --in notes.jsonl --out scrubbed.jsonl
        --method expert_determination --replace surrogate --key-file project.key
    """
    from deid.config import ShiftConfig  # noqa: PLC0415 - keep `healthtrove --help` fast
    from deid.keys import load_project_key  # noqa: PLC0415
    from deid.text import Replacement, TextEngine, TextEngineSettings, TextPolicy  # noqa: PLC0415
    from deid.text._jsonl import read_records, write_records  # noqa: PLC0415

    chosen = Method(method)
    needs_key = mode == "surrogate" or chosen is Method.EXPERT_DETERMINATION
    replacement = Replacement(
        mode="surrogate" if mode == "surrogate" else "tag",
        method=chosen,
        key=load_project_key(key_file) if needs_key else None,
        shift=ShiftConfig(max_days=max_shift_days, whole_weeks=whole_weeks),
    )
    policy: TextPolicy = "balanced" if text_policy == "balanced" else "high_recall"
    settings = TextEngineSettings(workers=workers, policy=policy)
    if pipeline:
        settings = TextEngineSettings(workers=workers, policy=policy, pipeline=pipeline)
    texts = spans = 0
    with (
        progress_reporter("deid text") as report,
        TextEngine(settings) as engine,
        write_records(out_path) as write,
    ):
        report("loading")
        for batch in read_records(in_path):
            scrubbed = engine.scrub(
                [record.text for record in batch],
                [record.known for record in batch],
                replacement=replacement,
                person_ids=[record.person_id for record in batch],
            )
            for record, result in zip(batch, scrubbed, strict=True):
                write(record.id, result.text, result.spans)
                spans += len(result.spans)
            texts += len(batch)
            report(f"{texts:,} texts")
    done = f"{spans:,} spans replaced, {chosen.value}, {mode}, {policy}"
    click.echo(f"Scrubbed {texts:,} texts ({done}) into {out_path}")


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo-output"),
    show_default=True,
)
@click.option("--patients", type=click.IntRange(min=1), default=500, show_default=True)
@click.option("--seed", type=click.IntRange(min=0), default=7, show_default=True, help="Random seed.")
@click.option(
    "--method",
    type=click.Choice([method.value for method in Method]),
    default=Method.SAFE_HARBOR.value,
    show_default=True,
    help="De-identification method.",
)
def demo(out_dir: Path, patients: int, seed: int, method: str) -> None:
    """Run the demo: synthesise an extract, validate it, de-identify it, build a cohort, run a study.

    The demo's project key is a random key written to OUT/trusted/demo.key, beside (never
    inside) the de-identified dataset; real projects keep their key elsewhere. The
    report of the run is written to OUT/dataset/report/, and the example cohort
    examples/cohorts/population.yaml to OUT/cohorts/population/, and the example study
    examples/studies/reminders_and_attendance.yaml (channel_and_retention.yaml on Safe
    Harbor's years) to OUT/studies/. A few hundred generated people
    are too few for the risk thresholds of an expert determination, so the demo reports
    risk without enforcing it under every method.

    \b
    Example:
      healthtrove demo --out demo-output --patients 500
    """
    from healthtrove.pipeline import DeidStage, PipelineSpec, SynthStage, run_pipeline  # noqa: PLC0415

    started = time.perf_counter()
    study = DEMO_STUDY_YEARS if Method(method) is Method.SAFE_HARBOR else DEMO_STUDY
    spec = PipelineSpec(
        name="demo",
        out=out_dir,
        synth=SynthStage(patients=patients, seed=seed),
        deid=DeidStage.model_validate({"method": method, "risk": {"enforce": False}}),
        cohorts=tuple(path for path in (DEMO_COHORT,) if path.is_file()),
        studies=tuple(path for path in (study,) if path.is_file()),
    )
    done = run_pipeline(spec)
    echo_run(done)
    failed = next((stage for stage in done.stages if stage.status == "failed"), None)
    # A tiny demo may have too few people for the study's models: say so, keep the rest.
    study_too_small = (
        failed is not None and failed.name.startswith("study:") and isinstance(done.failure, UserError)
    )
    if failed is not None and not study_too_small:
        done.raise_for_failure()
    extract_dir = out_dir / "extract"
    click.echo(f"Demo finished in {time.perf_counter() - started:.1f} s. Results in {out_dir.resolve()}:")
    click.echo(
        f"  synthetic extract: {extract_dir}/{{emr,crm,environment}}  gold PHI: {extract_dir}/gold_phi.jsonl"
    )
    summary = out_dir / "studies" / study.stem / "summary.txt"
    click.echo("")
    if study_too_small:
        click.echo(f"Example study {study.name}: not run: {done.failure} (try a larger demo: --patients 500)")
    elif summary.is_file():
        click.echo(f"Example study {study.name} (the others are in {study.parent}):")
        click.echo(summary.read_text(encoding="utf-8").rstrip())
        click.echo(f"  summary page (open in a browser): {summary.parent / 'study.html'}")


def _report_bug(error: Exception) -> None:
    """Print where an unexpected error happened, withholding its message by default.

    Library messages (polars, pyarrow) may quote the values they failed on, so the text is
    shown only when ``HEALTHTROVE_SHOW_ERRORS=1`` is set, inside the trusted zone.
    """
    stack = "".join(traceback.format_tb(error.__traceback__))
    if os.environ.get(SHOW_ERRORS_ENV) == "1":
        detail = str(error)
    else:
        detail = f"message withheld as it may quote input values; set {SHOW_ERRORS_ENV}=1 to show it"
    print(
        f"internal error (a bug in healthtrove; please report it):\n{stack}{type(error).__name__}: {detail}",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (for ``python -m healthtrove`` and tests)."""
    try:
        outcome = cli.main(args=argv, prog_name="healthtrove", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        stderr_console().print("Aborted.")
        return 130
    except UserError as error:
        stderr_console().print(f"error: {error}", markup=False, soft_wrap=True)
        return error.exit_code
    except HealthtroveError as error:
        stderr_console().print(f"error ({type(error).__name__}): {error}", markup=False, soft_wrap=True)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - last resort: a bug, shown with its traceback
        _report_bug(error)
        return EXIT_INTERNAL_ERROR
    return outcome if isinstance(outcome, int) else 0


def run() -> None:
    """Console-script entry point: run the CLI and exit with its code."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
