"""`healthtrove cohort build`: files written, counts disclosed, spec errors name the field."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest

from data_contracts import Method
from healthtrove.cli import main
from healthtrove.cohort_command import COHORT_FILES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cohorts"


def test_build_writes_the_cohort_its_variables_and_disclosed_attrition(
    datasets: dict[Method, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "population"
    spec = EXAMPLES / "population.yaml"
    assert (
        main(["cohort", "build", str(spec), "--data", str(datasets[Method.SAFE_HARBOR]), "--out", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "attrition (counts 1 to 10 suppressed)" in printed
    assert sorted(path.name for path in out.iterdir()) == sorted(COHORT_FILES)
    cohort = pl.read_parquet(out / "cohort.parquet")
    assert cohort.columns == ["person_key", "index_year", "end_year"]
    assert pl.read_parquet(out / "variables.parquet").height == cohort.height
    with (out / "attrition.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    shown = [
        int(row[column]) for row in rows for column in ("persons", "persons_removed") if row[column].isdigit()
    ]
    assert all(count == 0 or count >= 11 for count in shown)
    page = (out / "cohort.html").read_text()
    assert "<h4>Attrition</h4>" in page
    assert not any(key in page for key in cohort["person_key"].to_list())
    assert json.loads((out / "output_log.json").read_text())


def test_an_invalid_spec_is_a_config_error_naming_the_field(
    datasets: dict[Method, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "name: bad\nentry: {events: conditions}\ninclusion:\n"
        "  - {name: w, events: {events: sms, window: {start: 3, end: 1}}}\n"
    )
    code = main(
        [
            "cohort",
            "build",
            str(spec),
            "--data",
            str(datasets[Method.SAFE_HARBOR]),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 3
    assert "inclusion.0.events.window" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
