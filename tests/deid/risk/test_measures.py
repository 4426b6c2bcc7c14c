from __future__ import annotations

import json

import polars as pl
import pytest

from deid.risk import DEFINITIONS, RiskInputError, measure_risk
from tests.deid.risk.conftest import PLANTED

QUASI = ["sex", "zip3"]


def test_sample_figures_match_hand_counts(sample: pl.DataFrame) -> None:
    report = measure_risk(sample, QUASI, sensitive=["dx", "outcome"])
    assert (report.records, report.classes, report.k) == (12, 4, 1)
    assert report.sample_uniques == 1
    assert report.sample_uniques_share == 1 / 12
    assert report.prosecutor.records_at_risk == 1.0  # 1/f_j > 0.09 for every f_j <= 11
    assert report.prosecutor.highest == 1.0
    assert report.prosecutor.average == 4 / 12
    assert report.journalist is None
    assert report.marketer == 4 / 12
    assert [(bucket.label, bucket.classes, bucket.records) for bucket in report.class_sizes] == [
        ("1", 1, 1),
        ("2", 1, 2),
        ("3-4", 1, 3),
        ("5-10", 1, 6),
        ("11-19", 0, 0),
        ("20-49", 0, 0),
        ("50-99", 0, 0),
        ("100+", 0, 0),
    ]
    assert [(entry.attribute, entry.distinct_l, entry.classes_with_l1) for entry in report.l_diversity] == [
        ("dx", 1, 2),
        ("outcome", 1, 3),
    ]


def test_records_at_risk_follow_the_threshold(sample: pl.DataFrame) -> None:
    # 1/f_j > 0.2 for the classes of 1, 2 and 3: 6 of 12 records.
    assert measure_risk(sample, QUASI, risk_threshold=0.2).prosecutor.records_at_risk == 0.5
    # 1/f_j > 0.5 only for the unique: 1 of 12; a class of 2 (risk exactly 0.5) is not at risk.
    assert measure_risk(sample, QUASI, risk_threshold=0.5).prosecutor.records_at_risk == 1 / 12


def test_l_diversity_without_the_unique(sample: pl.DataFrame) -> None:
    report = measure_risk(sample.filter(pl.col("zip3") != "200"), QUASI, sensitive=["dx"])
    # (F,100) 2 values, (M,100) 1, (F,null) 2 with null counted as a value.
    assert (report.l_diversity[0].distinct_l, report.l_diversity[0].classes_with_l1) == (1, 1)
    report = measure_risk(sample.filter(pl.col("sex") == "F"), QUASI, sensitive=["dx"])
    assert (report.l_diversity[0].distinct_l, report.l_diversity[0].classes_with_l1) == (2, 0)


def test_journalist_and_marketer_with_population_counts(
    sample: pl.DataFrame, population_counts: pl.DataFrame
) -> None:
    report = measure_risk(sample, QUASI, population=population_counts, population_count="people")
    assert report.journalist is not None
    # F_j = 30, 10, 4 and 1 (absent from the population: F_j = f_j); 1/F_j > 0.09 for 10, 4, 1.
    assert report.journalist.records_at_risk == 6 / 12
    assert report.journalist.highest == 1.0
    assert report.journalist.average == pytest.approx((6 / 30 + 3 / 10 + 2 / 4 + 1 / 1) / 12, rel=1e-12)
    assert report.marketer == report.journalist.average
    assert report.prosecutor.highest == 1.0  # the sample figures are unchanged


def test_population_one_row_per_person_equals_counts(
    sample: pl.DataFrame, population_counts: pl.DataFrame
) -> None:
    people = population_counts.select(pl.exclude("people").repeat_by(pl.col("people")).explode())
    assert people.height == 94
    by_person = measure_risk(sample, QUASI, population=people)
    by_count = measure_risk(sample, QUASI, population=population_counts, population_count="people")
    assert by_person == by_count


def test_population_present_for_every_class(sample: pl.DataFrame) -> None:
    population = pl.DataFrame(
        {"sex": ["F", "M", "F", "M"], "zip3": ["100", "100", None, "200"], "people": [30, 10, 4, 5]}
    )
    report = measure_risk(sample, QUASI, population=population, population_count="people")
    assert report.journalist is not None
    assert report.journalist.highest == 1 / 4
    assert report.journalist.records_at_risk == 6 / 12
    assert report.journalist.average == pytest.approx((6 / 30 + 3 / 10 + 2 / 4 + 1 / 5) / 12, rel=1e-12)


def test_population_smaller_than_the_sample_is_raised_to_it(sample: pl.DataFrame) -> None:
    population = pl.DataFrame({"sex": ["F"], "zip3": ["100"], "people": [2]})
    report = measure_risk(sample, QUASI, population=population, population_count="people")
    assert report.journalist is not None
    assert report.journalist.average == report.prosecutor.average


def test_null_is_a_value_of_its_own() -> None:
    frame = pl.DataFrame({"zip3": [None, None, "100", "null"], "age": [None, None, 40, None]})
    report = measure_risk(frame, ["zip3", "age"])
    assert (report.classes, report.k, report.sample_uniques) == (3, 1, 2)
    all_null = measure_risk(pl.DataFrame({"zip3": [None, None, None]}, schema={"zip3": pl.String}), ["zip3"])
    assert (all_null.classes, all_null.k) == (1, 3)


def test_lazy_and_eager_give_the_same_report(sample: pl.DataFrame, population_counts: pl.DataFrame) -> None:
    eager = measure_risk(
        sample, QUASI, sensitive=["dx"], population=population_counts, population_count="people"
    )
    lazy = measure_risk(
        sample.lazy(), QUASI, sensitive=["dx"], population=population_counts.lazy(), population_count="people"
    )
    assert eager == lazy


def test_to_dict_is_json_with_stable_keys(sample: pl.DataFrame, population_counts: pl.DataFrame) -> None:
    report = measure_risk(
        sample, QUASI, sensitive=["dx"], population=population_counts, population_count="people"
    )
    as_dict = report.to_dict()
    assert list(as_dict) == [
        "quasi_identifiers",
        "records",
        "classes",
        "k",
        "sample_uniques",
        "sample_uniques_share",
        "class_sizes",
        "risk_threshold",
        "prosecutor",
        "journalist",
        "marketer",
        "l_diversity",
        "definitions",
    ]
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict["definitions"] == dict(DEFINITIONS)
    assert measure_risk(sample, QUASI).to_dict()["journalist"] is None


def test_every_figure_has_a_definition(sample: pl.DataFrame) -> None:
    report = measure_risk(sample, QUASI)
    top_level = {
        key for key in report.to_dict() if key not in {"quasi_identifiers", "risk_threshold", "definitions"}
    }
    named = {key.split(".")[0] for key in report.definitions}
    assert top_level <= named | {"l_diversity"}
    assert {f"prosecutor.{name}" for name in report.prosecutor.to_dict()} <= set(report.definitions)


def test_no_data_value_in_outputs(sample: pl.DataFrame, population_counts: pl.DataFrame) -> None:
    frame = sample.with_columns(pl.lit(PLANTED).alias("zip3"))
    report = measure_risk(frame, QUASI, sensitive=["dx"])
    assert PLANTED not in repr(report)
    assert PLANTED not in json.dumps(report.to_dict())


@pytest.mark.parametrize(
    ("quasi", "sensitive", "expected"),
    [
        (["sex", "missing_column"], [], "missing_column"),
        (["sex"], ["no_such_attribute"], "no_such_attribute"),
        (["sex", "sex"], [], "sex"),
        (["sex"], ["sex"], "sex"),
        ([], [], "empty"),
    ],
)
def test_column_errors_name_the_column_not_values(
    sample: pl.DataFrame, quasi: list[str], sensitive: list[str], expected: str
) -> None:
    with pytest.raises(RiskInputError, match=expected) as caught:
        measure_risk(sample, quasi, sensitive=sensitive)
    assert PLANTED not in str(caught.value)


def test_empty_frame_is_a_value_error(sample: pl.DataFrame) -> None:
    with pytest.raises(ValueError, match="no rows") as caught:
        measure_risk(sample.filter(pl.col("dx") == "nothing"), QUASI, sensitive=["dx"])
    assert PLANTED not in str(caught.value)


def test_population_errors_name_the_column_not_values(sample: pl.DataFrame) -> None:
    population = pl.DataFrame({"sex": [PLANTED], "zip3": [123]})
    with pytest.raises(RiskInputError, match="zip3") as caught:
        measure_risk(sample, QUASI, population=population)
    assert PLANTED not in str(caught.value)
    with pytest.raises(RiskInputError, match="people") as caught:
        measure_risk(sample, QUASI, population=population, population_count="people")
    assert PLANTED not in str(caught.value)


def test_threshold_out_of_range(sample: pl.DataFrame) -> None:
    with pytest.raises(RiskInputError, match="risk_threshold"):
        measure_risk(sample, QUASI, risk_threshold=0)
