"""measure_risk agrees with a direct count on random small frames (Hypothesis)."""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.risk import (
    Hierarchy,
    RiskTargetUnreachableError,
    age_bands,
    measure_risk,
    reduce_risk,
    suppress_level,
)

values = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))
rows = st.lists(st.tuples(values, values, values), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(rows=rows, threshold=st.sampled_from([0.09, 0.2, 0.5, 1.0]))
def test_figures_match_a_direct_count(rows: list[tuple[str | None, ...]], threshold: float) -> None:
    frame = pl.DataFrame(rows, schema={"q1": pl.String, "q2": pl.String, "s": pl.String}, orient="row")
    report = measure_risk(frame, ["q1", "q2"], sensitive=["s"], risk_threshold=threshold)
    sizes = Counter((q1, q2) for q1, q2, _ in rows)
    distinct: defaultdict[tuple[str | None, str | None], set[str | None]] = defaultdict(set)
    for q1, q2, sensitive in rows:
        distinct[q1, q2].add(sensitive)
    assert report.records == len(rows)
    assert report.classes == len(sizes)
    assert report.k == min(sizes.values())
    assert report.sample_uniques == sum(1 for size in sizes.values() if size == 1)
    at_risk = sum(size for size in sizes.values() if 1 / size > threshold)
    assert report.prosecutor.records_at_risk == at_risk / len(rows)
    assert sum(bucket.records for bucket in report.class_sizes) == len(rows)
    assert sum(bucket.classes for bucket in report.class_sizes) == len(sizes)
    assert report.l_diversity[0].distinct_l == min(len(found) for found in distinct.values())
    assert report.l_diversity[0].classes_with_l1 == sum(1 for found in distinct.values() if len(found) == 1)


ages = st.lists(
    st.tuples(st.integers(min_value=20, max_value=99), st.sampled_from(["F", "M"])), min_size=5, max_size=40
)


@settings(max_examples=40, deadline=None)
@given(
    people=ages,
    target_k=st.integers(min_value=2, max_value=4),
    max_suppression=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_reduction_is_the_least_loss_passing_node(
    people: list[tuple[int, str]], target_k: int, max_suppression: float
) -> None:
    frame = pl.DataFrame(people, schema={"age": pl.Int64, "sex": pl.String}, orient="row")
    hierarchies = [age_bands("age", (10, 20)), suppress_level(Hierarchy(column="sex"))]
    limit = int(len(people) * max_suppression + 1e-9)
    losses = {}
    for age_level in range(4):
        for sex_level in range(2):
            generalised = frame.select(
                hierarchies[0].expression(age_level), hierarchies[1].expression(sex_level)
            )
            sizes = generalised.group_by("age", "sex").len()["len"]
            suppressed = int(sizes.filter(sizes < target_k).sum())
            if suppressed <= limit:
                share = (age_level / 3 + sex_level) / 2
                losses[age_level, sex_level] = ((len(people) - suppressed) * share + suppressed) / len(people)
    try:
        reduction = reduce_risk(frame, hierarchies, target_k=target_k, max_suppression=max_suppression)
    except RiskTargetUnreachableError:
        assert not losses
        return
    assert reduction.information_loss == min(losses.values())
    assert reduction.suppressed_records <= limit
    assert reduction.after.k >= target_k
    assert reduction.after.records == len(people) - reduction.suppressed_records
