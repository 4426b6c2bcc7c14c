from __future__ import annotations

import polars as pl
import pytest

from deid.risk import (
    Hierarchy,
    RiskInputError,
    RiskTargetUnreachableError,
    age_bands,
    reduce_risk,
    suppress_level,
)
from tests.deid.risk.conftest import PLANTED

AGES = [21, 23, 35, 47, 52, 58, 61, 63, 77, 85]


@pytest.fixture
def people() -> pl.DataFrame:
    """Every age once as F and once as M: exact age alone gives classes of 2."""
    return pl.DataFrame({"age": AGES * 2, "sex": ["F"] * 10 + ["M"] * 10, "dx": ["a", "b"] * 10})


def _hierarchies() -> list[Hierarchy]:
    # age: 0 as is, 1 decades, 2 twenty-year bands, 3 "*"; sex: 0 as is, 1 "*".
    return [age_bands("age", (10, 20)), suppress_level(Hierarchy(column="sex"))]


def test_least_loss_node_is_chosen_over_the_first_passing_one(people: pl.DataFrame) -> None:
    # (age 0, sex 1) passes first (no suppression, loss 1/2); (1, 0) suppresses 8 records;
    # (2, 0) suppresses the two 85-year-olds: loss (18 * 1/3 + 2) / 20 = 0.4, the least.
    reduction = reduce_risk(people, _hierarchies(), target_k=2, max_suppression=0.1, sensitive=["dx"])
    assert dict(reduction.levels) == {"age": 2, "sex": 0}
    assert reduction.suppressed_records == 2
    assert reduction.information_loss == pytest.approx(0.4, rel=1e-12)
    # top, (0,0), (0,1), (1,0), (2,0); (1,1), (3,0), (2,1) are pruned by their loss bound.
    assert reduction.nodes_checked == 5
    assert (reduction.before.k, reduction.after.k, reduction.after.records) == (1, 3, 18)
    assert reduction.after.l_diversity[0].attribute == "dx"
    generalised = reduction.frame.collect()
    assert generalised.height == 18
    assert sorted(set(generalised["age"].to_list())) == ["20-39", "40-59", "60-79"]


def test_max_suppression_is_respected(people: pl.DataFrame) -> None:
    reduction = reduce_risk(people, _hierarchies(), target_k=2, max_suppression=0.0)
    assert dict(reduction.levels) == {"age": 0, "sex": 1}
    assert reduction.suppressed_records == 0
    assert reduction.information_loss == 0.5
    assert reduction.after.k == 2


def test_apply_generalises_another_frame(people: pl.DataFrame) -> None:
    reduction = reduce_risk(people, _hierarchies(), target_k=2, max_suppression=0.1)
    other = pl.DataFrame({"age": [30, 99], "sex": ["F", None]})
    assert reduction.apply(other).collect().to_dict(as_series=False) == {
        "age": ["20-39", "80-99"],
        "sex": ["F", None],
    }
    with pytest.raises(RiskInputError, match="sex"):
        reduction.apply(other.drop("sex"))


def test_null_classes_are_suppressed_like_any_other() -> None:
    frame = pl.DataFrame({"zip3": [None, None, None, "100", "100", "100", "200"]}, schema={"zip3": pl.String})
    hierarchy = suppress_level(Hierarchy(column="zip3"))
    reduction = reduce_risk(frame, [hierarchy], target_k=3, max_suppression=0.2)
    assert (reduction.levels["zip3"], reduction.suppressed_records) == (0, 1)
    assert reduction.after.records == 6
    assert reduction.after.classes == 2


def test_population_is_generalised_for_the_after_report(people: pl.DataFrame) -> None:
    population = people.with_columns(pl.lit(10).alias("people"))
    reduction = reduce_risk(
        people,
        _hierarchies(),
        target_k=2,
        max_suppression=0.1,
        population=population,
        population_count="people",
    )
    assert reduction.after.journalist is not None
    assert reduction.after.journalist.highest == 1 / 30


def test_lazy_and_eager_choose_the_same(people: pl.DataFrame) -> None:
    eager = reduce_risk(people, _hierarchies(), target_k=2, max_suppression=0.1)
    lazy = reduce_risk(people.lazy(), _hierarchies(), target_k=2, max_suppression=0.1)
    assert (eager.levels, eager.suppressed_records, eager.after) == (
        lazy.levels,
        lazy.suppressed_records,
        lazy.after,
    )


def test_unreachable_target_is_a_clear_error_without_values(people: pl.DataFrame) -> None:
    planted = people.with_columns(pl.lit(PLANTED).alias("sex"))
    with pytest.raises(RiskTargetUnreachableError, match="suppression limit") as caught:
        reduce_risk(planted, _hierarchies(), target_k=21, max_suppression=0.5)
    assert PLANTED not in str(caught.value)
    assert "20 of 20 records" in str(caught.value)


def test_repr_holds_no_values(people: pl.DataFrame) -> None:
    planted = people.with_columns(pl.lit(PLANTED).alias("sex"))
    reduction = reduce_risk(planted, _hierarchies(), target_k=2, max_suppression=0.1)
    assert PLANTED not in repr(reduction)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"target_k": 0}, "target_k"),
        ({"target_k": 2, "max_suppression": 1.5}, "max_suppression"),
    ],
)
def test_arguments_are_validated(people: pl.DataFrame, arguments: dict[str, float], expected: str) -> None:
    with pytest.raises(RiskInputError, match=expected):
        reduce_risk(people, _hierarchies(), **arguments)  # type: ignore[arg-type]


def test_hierarchies_are_validated(people: pl.DataFrame) -> None:
    with pytest.raises(RiskInputError, match="age"):
        reduce_risk(people, [age_bands("age"), age_bands("age")], target_k=2)
    with pytest.raises(RiskInputError, match="non-empty"):
        reduce_risk(people, [], target_k=2)
    with pytest.raises(RiskInputError, match="missing"):
        reduce_risk(people, [age_bands("missing")], target_k=2)
