"""The stages of a pipeline: what each reads, how its key is made, and how it runs.

Order is fixed by dependencies: synth → deid (which writes the report inside the
dataset, so "report" is part of deid) → each cohort and each study (both read the
dataset; they are independent of one another).
"""

from __future__ import annotations

import contextlib
import io
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pydantic

from analysis.studies import load_study
from cohorts import load_spec
from deid import run as deid_run
from deid.keys import load_project_key
from deid.publish import file_sha256
from deid.synth import generate
from healthtrove.analyze_command import run_and_write_study
from healthtrove.cohort_command import write_cohort
from healthtrove.console import progress_reporter
from healthtrove.pipeline._spec import DeidStage, PipelineSpec, SynthStage
from healthtrove.pipeline._state import folder_digest, stage_key

__all__ = ["Stage", "StageResult", "demo_key", "plan_stages"]

_KEY_PURPOSE = "healthtrove pipeline: detect a change of project key"


@dataclass(frozen=True, kw_only=True)
class StageResult:
    """What a finished stage reports: counts for its stamp and text for the console.

    Attributes
    ----------
    counts
        Row or file counts by name (never a data value).
    console
        What the stage printed, shown once its outputs are in place.
    """

    counts: Mapping[str, int] = field(default_factory=dict)
    console: str = ""


@dataclass(frozen=True, kw_only=True)
class Stage:
    """One stage: its name, output folder, the stages it reads from, its key and its runner.

    Attributes
    ----------
    name
        ``synth``, ``deid``, ``cohort:<stem>`` or ``study:<stem>``.
    folder
        Where its outputs are once finished.
    depends
        Names of the stages it reads from.
    key
        Given the keys of ``depends`` (in order), return the stage's key.
    run
        Run the stage writing into the given folder: an empty temporary one, renamed into
        place afterwards, or ``folder`` itself when ``publishes_itself``.
    publishes_itself
        The runner writes ``folder`` atomically on its own (``deid.run`` does, so its
        report names the real dataset folder).
    """

    name: str
    folder: Path
    depends: tuple[str, ...]
    key: Callable[[Sequence[str]], str]
    run: Callable[[Path], StageResult]
    publishes_itself: bool = False


def _printed(work: Callable[[], object]) -> str:
    """Run ``work`` and return what it printed on stdout."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        work()
    return buffer.getvalue()


def _synth_stage(settings: SynthStage, folder: Path) -> Stage:
    def key(_: Sequence[str]) -> str:
        return stage_key(stage="synth", settings=settings.model_dump(mode="json"), inputs={})

    def run(work: Path) -> StageResult:
        with progress_reporter("synth") as report:
            summary = generate(
                work,
                patients=settings.patients,
                seed=settings.seed,
                file_format=settings.format,
                progress=report,
            )
        return StageResult(counts=dict(summary.rows))

    return Stage(name="synth", folder=folder, depends=(), key=key, run=run)


def demo_key(folder: Path) -> Path:
    """Create (once) a random demo project key in the trusted ``folder``; return its path."""
    key_file = folder / "demo.key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        key_file.chmod(0o600)
    return key_file


def _deid_stage(settings: DeidStage, *, out: Path, has_synth: bool) -> Stage:
    folder = out / "dataset"
    extract = settings.extract or out / "extract"

    def key_file() -> Path:
        return settings.key_file or demo_key(out / "trusted")

    def key(depends: Sequence[str]) -> str:
        config = settings.config(extract=extract, out=folder, key_file=key_file())
        inputs = {
            # A derived value (its own purpose), never the key: rotating the key reruns deid.
            "project key": load_project_key(config.key_file).derive(_KEY_PURPOSE).hex(),
        }
        if not has_synth:
            inputs["extract"] = folder_digest(extract)
        for name, path in (
            ("site_mapping", config.site_mapping),
            ("risk.population", config.risk.population),
        ):
            if path is not None:
                inputs[name] = folder_digest(path) if path.is_dir() else file_sha256(path)
        return stage_key(
            stage="deid", settings={"settings_sha256": config.settings_hash()}, inputs=inputs, depends=depends
        )

    def run(work: Path) -> StageResult:
        config = settings.config(extract=extract, out=work, key_file=key_file())
        with progress_reporter("deid") as report:
            result = deid_run(config, progress=report)
        return StageResult(counts=dict(result.tables))

    depends = ("synth",) if has_synth else ()
    return Stage(name="deid", folder=folder, depends=depends, key=key, run=run, publishes_itself=True)


def _code_files(node: object) -> list[Path]:
    """Every ``codes_file`` a loaded cohort spec refers to."""
    found: list[Path] = []
    if isinstance(node, pydantic.BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "codes_file" and isinstance(value, Path):
                found.append(value)
            else:
                found.extend(_code_files(value))
    elif isinstance(node, (list, tuple)):
        for item in node:
            found.extend(_code_files(item))
    return found


def _cohort_inputs(spec_file: Path, prefix: str) -> dict[str, str]:
    inputs = {prefix: file_sha256(spec_file)}
    for path in _code_files(load_spec(spec_file)):
        inputs[f"{prefix} codes {path.name}"] = file_sha256(path)
    return inputs


def _cohort_stage(spec_file: Path, *, folder: Path, dataset: Path) -> Stage:
    name = f"cohort:{spec_file.stem}"

    def key(depends: Sequence[str]) -> str:
        return stage_key(stage=name, settings={}, inputs=_cohort_inputs(spec_file, "spec"), depends=depends)

    def run(work: Path) -> StageResult:
        printed = _printed(lambda: write_cohort(spec_file, dataset, work))
        return StageResult(counts={"files": _count_files(work)}, console=printed)

    return Stage(name=name, folder=folder, depends=("deid",), key=key, run=run)


def _study_stage(spec_file: Path, *, folder: Path, dataset: Path) -> Stage:
    name = f"study:{spec_file.stem}"

    def key(depends: Sequence[str]) -> str:
        inputs = {"spec": file_sha256(spec_file)}
        cohort = load_study(spec_file).cohort
        if cohort is not None:
            inputs |= _cohort_inputs(cohort, "cohort spec")
        return stage_key(stage=name, settings={}, inputs=inputs, depends=depends)

    def run(work: Path) -> StageResult:
        printed = _printed(lambda: run_and_write_study(spec_file, dataset, work))
        return StageResult(counts={"files": _count_files(work)}, console=printed)

    return Stage(name=name, folder=folder, depends=("deid",), key=key, run=run)


def _count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def plan_stages(spec: PipelineSpec) -> tuple[Stage, ...]:
    """The stages of ``spec`` in dependency order.

    Examples
    --------
    >>> from healthtrove.pipeline import load_pipeline
    >>> [stage.name for stage in plan_stages(load_pipeline("examples/pipelines/demo.yaml"))]
    ['synth', 'deid', 'cohort:population', 'study:reminders_and_attendance']
    """
    stages: list[Stage] = []
    if spec.synth is not None:
        stages.append(_synth_stage(spec.synth, spec.out / "extract"))
    if spec.deid is not None:
        stages.append(_deid_stage(spec.deid, out=spec.out, has_synth=spec.synth is not None))
    dataset = spec.out / "dataset"
    stages.extend(
        _cohort_stage(path, folder=spec.out / "cohorts" / path.stem, dataset=dataset) for path in spec.cohorts
    )
    stages.extend(
        _study_stage(path, folder=spec.out / "studies" / path.stem, dataset=dataset) for path in spec.studies
    )
    return tuple(stages)
