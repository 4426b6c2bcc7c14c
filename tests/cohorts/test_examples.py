"""The example specs in examples/cohorts/ build on generated data under every method."""

from __future__ import annotations

from pathlib import Path

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
