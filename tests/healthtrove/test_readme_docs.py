"""The README's generated CLI and configuration references match the commands and models."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthtrove.cli import cli
from healthtrove.cli_reference import render_reference
from healthtrove.readme_docs import generated_sections, update_readme

README = Path(__file__).parents[2] / "README.md"


def test_the_readme_references_are_fresh() -> None:
    # A stale section means a command's --help or a config model changed: run `make docs`.
    assert update_readme(README, generated_sections(), check=True) == []


def test_the_cli_reference_holds_every_command_and_its_help() -> None:
    reference = render_reference(cli)
    for command in ("analyze", "cohort build", "deid run", "pipeline run", "demo", "synth"):
        assert f"### `healthtrove {command}`" in reference
    assert "Usage: healthtrove pipeline run [OPTIONS] PIPELINE_FILE" in reference
    assert "--override-output-checks" in reference


def test_the_config_reference_describes_every_key() -> None:
    reference = generated_sections()["config-reference"]
    rows = [line for line in reference.splitlines() if line.startswith("| `")]
    assert len(rows) > 60
    assert [row for row in rows if row.rstrip().endswith("|  |")] == []
    assert (
        "| `method` | one of `safe_harbor`, `limited_data_set`, `expert_determination` | required |"
        in reference
    )


def test_a_stale_section_is_found_and_rewritten(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README.read_text(encoding="utf-8"), encoding="utf-8")
    changed = {"cli-reference": "something else"}
    assert update_readme(readme, changed, check=True) == ["cli-reference"]
    assert update_readme(readme, changed) == ["cli-reference"]
    assert "something else" in readme.read_text(encoding="utf-8")
    assert update_readme(readme, changed, check=True) == []


def test_a_readme_without_markers_is_an_error(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no markers"):
        update_readme(readme, {"cli-reference": "x"})
