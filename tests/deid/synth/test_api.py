"""The public API of deid.synth: its names, arguments, progress and output folder rules."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import deid.synth
from data_contracts.errors import ConfigError
from data_contracts.registry import INPUT_TABLES
from deid.synth import SynthSummary, generate

STAGE_MESSAGE = re.compile(r"^(chunk \d+/\d+: )?[a-z ]+$")


def test_public_names_are_pinned() -> None:
    assert sorted(deid.synth.__all__) == ["SynthSummary", "generate"]
    fields = [field.name for field in dataclasses.fields(SynthSummary)]
    assert fields == ["out_dir", "rows", "gold_spans", "seconds"]


def test_summary_counts_every_input_table(small_extract: SynthSummary) -> None:
    assert set(small_extract.rows) == {contract.name for contract in INPUT_TABLES}
    assert small_extract.rows["patients"] == 300
    assert all(count > 0 for count in small_extract.rows.values())
    assert small_extract.gold_spans > 0
    assert small_extract.seconds > 0


def test_layout(small_extract: SynthSummary) -> None:
    names = sorted(path.name for path in small_extract.out_dir.iterdir() if not path.name.startswith("."))
    assert names == ["crm", "emr", "environment", "gold_phi.jsonl", "truth"]
    truth = sorted(path.name for path in (small_extract.out_dir / "truth").iterdir())
    assert truth == ["README.md", "effects.json", "linkage.csv"]
    environment = sorted(path.name for path in (small_extract.out_dir / "environment").iterdir())
    assert environment == ["daily_aqi_by_county_2019_2023.csv", "pollen.csv", "temperature.csv"]
    assert "never" in (small_extract.out_dir / "truth" / "README.md").read_text(encoding="utf-8")


def test_progress_messages_are_stage_names_only(tmp_path: Path) -> None:
    messages: list[str] = []
    generate(tmp_path / "out", patients=15, seed=3, progress=messages.append)
    assert "environment" in messages
    assert any(message.endswith("encounters") for message in messages)
    assert all(STAGE_MESSAGE.match(message) for message in messages), messages


def test_refuses_a_foreign_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "keep.txt").write_text("not the generator's", encoding="utf-8")
    with pytest.raises(ConfigError, match="not empty"):
        generate(target, patients=5, seed=1)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "not the generator's"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine"]


def test_replaces_its_own_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "out"
    generate(target, patients=5, seed=1)
    (target / "emr" / "stale.csv").write_text("x", encoding="utf-8")
    summary = generate(target, patients=6, seed=2)
    assert summary.rows["patients"] == 6
    assert not (target / "emr" / "stale.csv").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_accepts_an_empty_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert generate(tmp_path / "empty", patients=5, seed=1).rows["patients"] == 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"patients": 0, "seed": 1}, "patients"),
        ({"patients": 5, "seed": -1}, "seed"),
        ({"patients": 5, "seed": 1, "file_format": "xlsx"}, "file_format"),
    ],
)
def test_rejects_bad_arguments(tmp_path: Path, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(tmp_path / "out", **arguments)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("patients", [1, 2, 3])
def test_tiny_extracts_still_follow_the_contracts(tmp_path: Path, patients: int) -> None:
    for seed in range(3):
        summary = generate(tmp_path / f"out{seed}", patients=patients, seed=seed)
        assert summary.rows["patients"] == patients
        assert set(summary.rows) == {contract.name for contract in INPUT_TABLES}
