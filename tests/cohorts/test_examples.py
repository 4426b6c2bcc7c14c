"""The example specs in examples/cohorts/ build on generated data under every method."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cohorts import build, load_spec
from data_contracts import Method

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cohorts").glob("*.yaml"))


def test_there_are_population_engagement_and_environment_examples() -> None:
    assert {path.stem for path in EXAMPLES} >= {"population", "engagement", "environment"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("method", [Method.SAFE_HARBOR, Method.EXPERT_DETERMINATION])
def test_example_builds_a_cohort(example: Path, method: Method, datasets: dict[Method, Path]) -> None:
    cohort = build(datasets[method], load_spec(example))
    attrition = cohort.raw_attrition()
    persons = attrition["persons"].to_list()
    assert persons == sorted(persons, reverse=True)
    assert persons[0] > persons[-1] > 0, "each example selects some, not all, people"
    assert len(cohort) == cohort.table.height
    variables = cohort.variables()
    assert variables.height == cohort.table.height
    assert variables["age_at_index"].null_count() == 0


def test_variables_are_byte_identical_across_builds(datasets: dict[Method, Path], tmp_path: Path) -> None:
    # Exposure means are summed as exact decimals: a float sum in arrival order varied in its last bit.
    spec = load_spec(EXAMPLES[[path.stem for path in EXAMPLES].index("population")])
    written = []
    for attempt in range(3):
        path = tmp_path / f"variables{attempt}.parquet"
        build(datasets[Method.EXPERT_DETERMINATION], spec).variables().write_parquet(path)
        written.append(path.read_bytes())
    assert written[0] == written[1] == written[2]
    means = pl.read_parquet(tmp_path / "variables0.parquet").select(pl.col("^.*_mean_7d_mean$"))
    assert means.width >= 1
    assert means.null_count().sum_horizontal().item() < means.height * means.width
