"""The pipeline YAML file: which stages to run, with which settings, into which folder.

Relative paths in the file (``out``, ``deid.extract``, ``deid.key_file``, the cohort and
study specs, and the other paths of ``deid``) are relative to the file's own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pydantic

from data_contracts.config import FrozenConfig, config_from_mapping, read_yaml_mapping
from deid.config import DeidConfig

__all__ = ["DeidStage", "PipelineSpec", "SynthStage", "load_pipeline"]

_SET_BY_PIPELINE = ("emr", "crm", "environment", "out")
_DEID_PATHS = ("extract", "key_file", "site_mapping", "crosswalk_dir")


class SynthStage(FrozenConfig):
    """Generate a synthetic extract into ``OUT/extract`` (see ``healthtrove synth``).

    Attributes
    ----------
    patients
        Number of EMR patients.
    seed
        Random seed; same seed, same files.
    format
        File format of the extract tables.
    """

    patients: int = pydantic.Field(ge=1)
    seed: int = pydantic.Field(default=0, ge=0)
    format: Literal["csv", "parquet"] = "csv"


class DeidStage(DeidConfig):
    """De-identify the extract into ``OUT/dataset`` (its report in ``OUT/dataset/report/``).

    Every key of a ``deid run`` config file is accepted except the folders the pipeline
    sets (``emr``, ``crm``, ``environment``, ``out``).

    Attributes
    ----------
    extract
        A folder holding ``emr/`` (and optionally ``crm/``, ``environment/``); default:
        the synth stage's output.
    key_file
        The project key; default: a random demo key created once in
        ``OUT/trusted/demo.key`` (real projects keep their key elsewhere).
    """

    extract: Path | None = None
    # The pipeline sets these; a value in the file is refused by the validator below.
    emr: None = None  # type: ignore[assignment]
    out: None = None  # type: ignore[assignment]

    @pydantic.model_validator(mode="before")
    @classmethod
    def _folders_set_by_pipeline(cls, data: object) -> object:
        if isinstance(data, dict):
            given = [name for name in _SET_BY_PIPELINE if name in data]
            if given:
                msg = f"{', '.join(given)}: set by the pipeline; name the extract folder with extract"
                raise ValueError(msg)
        return data

    @pydantic.model_validator(mode="after")
    def _crosswalk_outside_output(self) -> DeidStage:
        # Checked on the full DeidConfig, once the pipeline has chosen the output folder.
        if self.pseudonyms == "surrogate" and self.crosswalk_dir is None:
            msg = "pseudonyms 'surrogate' needs crosswalk_dir, a trusted-zone folder outside the output"
            raise ValueError(msg)
        return self

    def config(self, *, extract: Path, out: Path, key_file: Path) -> DeidConfig:
        """The ``DeidConfig`` of this stage on ``extract``, writing into ``out``."""
        settings = self.model_dump(exclude={"extract", *_SET_BY_PIPELINE})
        folders = {name: extract / name for name in ("crm", "environment") if (extract / name).is_dir()}
        settings |= {"emr": extract / "emr", "out": out, "key_file": key_file, **folders}
        return config_from_mapping(settings, DeidConfig, source="pipeline deid stage")


class PipelineSpec(FrozenConfig):
    """A batch pipeline: synth → deid (with its report) → cohorts and studies.

    Attributes
    ----------
    name
        The pipeline's name (in the run summary).
    out
        Root output folder.
    synth
        Optional: generate the extract.
    deid
        De-identify the extract; needed by cohorts and studies.
    cohorts
        Cohort spec files, each built into ``OUT/cohorts/<file stem>/``.
    studies
        Study spec files, each run into ``OUT/studies/<file stem>/``.
    """

    name: str = pydantic.Field(min_length=1)
    out: Path
    synth: SynthStage | None = None
    deid: DeidStage | None = None
    cohorts: tuple[Path, ...] = ()
    studies: tuple[Path, ...] = ()

    @pydantic.model_validator(mode="after")
    def _stages_fit_together(self) -> PipelineSpec:
        if (self.cohorts or self.studies) and self.deid is None:
            msg = "cohorts and studies read the de-identified dataset: add a deid stage"
            raise ValueError(msg)
        if self.deid is not None and self.deid.extract is None and self.synth is None:
            msg = "deid.extract is needed when there is no synth stage"
            raise ValueError(msg)
        for field, files in (("cohorts", self.cohorts), ("studies", self.studies)):
            stems = [path.stem for path in files]
            if len(set(stems)) != len(stems):
                msg = f"{field}: two spec files share a file name; each needs its own output folder"
                raise ValueError(msg)
        return self


def _relative_to(folder: Path, value: object) -> object:
    if isinstance(value, str) and not Path(value).is_absolute():
        return str(folder / value)
    return value


def load_pipeline(path: Path | str) -> PipelineSpec:
    """Read a pipeline YAML file; relative paths are resolved against its folder.

    Raises
    ------
    ConfigError
        If the file is missing, not YAML or does not fit :class:`PipelineSpec`; the
        message names the file and the fields.

    Examples
    --------
    >>> spec = load_pipeline("examples/pipelines/demo.yaml")
    >>> spec.deid.method.value, [path.stem for path in spec.studies]
    ('limited_data_set', ['reminders_and_attendance'])
    """
    path = Path(path)
    document = read_yaml_mapping(path)
    folder = path.parent.absolute()
    if "out" in document:
        document["out"] = _relative_to(folder, document["out"])
    for field in ("cohorts", "studies"):
        files = document.get(field)
        if isinstance(files, list):
            document[field] = [_relative_to(folder, item) for item in files]
    deid = document.get("deid")
    if isinstance(deid, dict):
        deid = {**deid, **{name: _relative_to(folder, deid[name]) for name in _DEID_PATHS if name in deid}}
        risk = deid.get("risk")
        if isinstance(risk, dict) and "population" in risk:
            deid["risk"] = {**risk, "population": _relative_to(folder, risk["population"])}
        document["deid"] = deid
    return config_from_mapping(document, PipelineSpec, source=str(path))
