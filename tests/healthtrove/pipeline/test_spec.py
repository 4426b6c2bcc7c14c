"""The pipeline file: validation errors name the field; relative paths; stage order."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_contracts.errors import ConfigError
from healthtrove.pipeline import load_pipeline
from healthtrove.pipeline._stages import plan_stages

SYNTH_DEID = "name: x\nout: o\nsynth: {patients: 5}\ndeid: {method: safe_harbor}\n"
DEMO = Path(__file__).parents[3] / "examples" / "pipelines" / "demo.yaml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pipeline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("name: x\nout: o\nsurprise: 1\n", "surprise"),
        ("name: x\n", "out"),
        ("name: x\nout: o\nsynth: {seed: 1}\n", "synth.patients"),
        ("name: x\nout: o\nsynth: {patients: 5}\ndeid: {method: safe_harbor, emr: e}\n", "emr"),
        ("name: x\nout: o\nsynth: {patients: 5}\ndeid: {method: nothing}\n", "deid.method"),
        ("name: x\nout: o\ncohorts: [a.yaml]\n", "add a deid stage"),
        ("name: x\nout: o\ndeid: {method: safe_harbor}\n", "deid.extract"),
        # two studies with one file name would share an output folder
        (
            SYNTH_DEID + "studies: [a/s.yaml, b/s.yaml]\n",
            "studies",
        ),
    ],
)
def test_invalid_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_pipeline(_write(tmp_path, text))
    assert field in str(error.value)
    assert str(tmp_path / "pipeline.yaml") in str(error.value)


def test_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    text = "name: x\nout: o\ndeid: {method: safe_harbor, extract: x, key_file: k.key}\ncohorts: [c/p.yaml]\n"
    spec = load_pipeline(_write(tmp_path, text))
    assert spec.out == tmp_path / "o"
    assert spec.deid is not None
    assert (spec.deid.extract, spec.deid.key_file) == (tmp_path / "x", tmp_path / "k.key")
    assert spec.cohorts == (tmp_path / "c" / "p.yaml",)


def test_the_demo_pipeline_runs_its_stages_in_dependency_order() -> None:
    spec = load_pipeline(DEMO)
    assert spec.synth is not None
    assert (spec.synth.patients, spec.synth.seed) == (500, 7)
    assert [stage.name for stage in plan_stages(spec)] == [
        "synth",
        "deid",
        "cohort:population",
        "study:reminders_and_attendance",
    ]
    assert spec.out == (DEMO.parent / "../../demo-output").absolute()
