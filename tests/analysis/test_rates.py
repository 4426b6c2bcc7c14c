"""Incidence and standardised rates against textbook and hand-computed values."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2  # type: ignore[import-untyped]

from analysis import RateTable, incidence_rates, standardised_rates
from cohorts.disclosure import CheckEntry, DisclosurePolicy
from data_contracts import ConfigError, InputError

LENIENT = DisclosurePolicy(threshold=2)  # lets the textbook examples with few events through


def _one_row(**columns: object) -> pl.DataFrame:
    return pl.DataFrame({name: [value] for name, value in columns.items()})


def test_ten_events_in_1000_person_years_matches_the_exact_poisson_table() -> None:
    # Exact 95% limits for a Poisson count of 10 are 4.7954 and 18.3904 (e.g. Haenszel,
    # Loveland & Sirken 1962; Rothman, Modern Epidemiology); per 1,000 person-years here.
    table = _one_row(events=10, years=1000.0, people=400)
    rates = incidence_rates(table, events="events", person_time="years", persons="people", policy=LENIENT)
    row = rates.table().row(0, named=True)
    assert row["rate"] == pytest.approx(10.0)
    assert row["ci_low"] == pytest.approx(4.7954, abs=5e-4)
    assert row["ci_high"] == pytest.approx(18.3904, abs=5e-4)
    assert (row["persons"], row["events"], row["person_time"]) == (400, 10, 1000.0)
    assert row["suppressed"] is False
    assert row["reason"] is None


def test_zero_events_give_a_zero_lower_limit_and_an_upper_limit_of_3_689_over_t() -> None:
    table = pl.DataFrame({"events": [0] * 20, "years": [25.0] * 20})
    row = incidence_rates(table, events="events", person_time="years", per=1.0).table().row(0, named=True)
    assert row["rate"] == 0.0
    assert row["ci_low"] == 0.0
    assert row["ci_high"] == pytest.approx(3.6889 / 500.0, rel=1e-4)


def test_rates_are_summed_per_stratum_and_sorted_and_accept_lazy_frames() -> None:
    table = pl.LazyFrame(
        {
            "region": ["south", "north", "south", "north"],
            "events": [20, 30, 40, 10],
            "years": [1000.0, 500.0, 2000.0, 1500.0],
            "people": [100, 50, 200, 150],
        }
    )
    rates = incidence_rates(table, events="events", person_time="years", by=["region"], persons="people")
    result = rates.table()
    assert result["region"].to_list() == ["north", "south"]
    assert result["events"].to_list() == [40, 60]
    assert result["persons"].to_list() == [200, 300]
    assert result["rate"].to_list() == pytest.approx([20.0, 20.0])
    expected_high = chi2.ppf(0.975, 2 * 40 + 2) / 2 / 2000.0 * 1000.0
    assert result["ci_high"][0] == pytest.approx(expected_high)
    assert isinstance(rates, RateTable)
    assert rates.per == 1000.0


def test_a_stratum_with_five_events_is_suppressed_with_its_complement() -> None:
    table = pl.DataFrame(
        {
            "region": ["east", "north", "south"],
            "events": [5, 40, 30],
            "years": [1000.0, 2000.0, 2500.0],
            "people": [300, 500, 600],
        }
    )
    rates = incidence_rates(table, events="events", person_time="years", by="region", persons="people")
    result = rates.table()
    assert result["suppressed"].to_list() == [True, False, True]
    assert result["reason"][0] == "events from 1 to 10"
    assert result["reason"][2].startswith("complementary")
    for column in ("persons", "events", "person_time", "rate", "ci_low", "ci_high"):
        assert result[column][0] is None
        assert result[column][2] is None
    assert result["rate"][1] == pytest.approx(20.0)
    assert rates.checks == (
        CheckEntry(
            "rates",
            "primary",
            6,
            1,
            "strata with events or persons from 1 to 10 suppressed (rate and interval)",
        ),
        CheckEntry(
            "rates",
            "complementary",
            3,
            1,
            "further strata suppressed so no suppressed stratum, nor a small sum of them, "
            "follows from the totals over strata",
        ),
    )
    page = rates._repr_html_()
    assert "[suppressed]" in page
    assert ">5<" not in page


def test_a_stratum_of_few_persons_is_suppressed_even_with_many_events() -> None:
    table = pl.DataFrame(
        {"group": ["a"] * 3 + ["b"] * 30 + ["c"] * 30, "events": [9] * 63, "years": [1.0] * 63}
    )
    result = incidence_rates(table, events="events", person_time="years", by=["group"]).table()
    assert result["reason"][0] == "persons from 1 to 10"
    assert result["suppressed"].to_list() == [True, True, False]


def _age_data() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "area": ["a", "a", "b", "b"],
            "age": ["young", "old", "young", "old"],
            "events": [20, 60, 30, 30],
            "years": [10000.0, 5000.0, 5000.0, 10000.0],
            "people": [900, 500, 450, 950],
        }
    )


STANDARD = pl.DataFrame({"age": ["young", "old"], "population": [3000, 1000]})


def test_direct_standardisation_matches_a_hand_computation() -> None:
    rates = standardised_rates(
        _age_data(),
        events="events",
        person_time="years",
        age_group="age",
        standard=STANDARD,
        by=["area"],
        persons="people",
        per=1000.0,
    )
    result = rates.table()
    # weights 0.75 and 0.25. Area a: 0.75 * 20/10000 + 0.25 * 60/5000 = 0.0015 + 0.003 = 4.5 per 1000;
    # area b: 0.75 * 30/5000 + 0.25 * 30/10000 = 0.0045 + 0.00075 = 5.25 per 1000.
    assert result["adjusted_rate"].to_list() == pytest.approx([4.5, 5.25])
    # crude: 80 / 15000 and 60 / 15000 per 1000
    assert result["crude_rate"].to_list() == pytest.approx([80 / 15.0, 60 / 15.0])
    assert result["crude_ci_low"][0] == pytest.approx(chi2.ppf(0.025, 160) / 2 / 15.0)
    assert result["persons"].to_list() == [1400, 1400]
    assert "rate" not in result.columns


def test_fay_feuer_interval_matches_the_formula_computed_by_hand() -> None:
    table = _age_data().filter(pl.col("area") == "a")
    row = (
        standardised_rates(
            table,
            events="events",
            person_time="years",
            age_group="age",
            standard=STANDARD,
            persons="people",
            per=1.0,
        )
        .table()
        .row(0, named=True)
    )
    # w/t = 0.75/10000 = 7.5e-5 and 0.25/5000 = 5e-5
    y = 0.0045
    v = 7.5e-5**2 * 20 + 5e-5**2 * 60  # 1.125e-7 + 1.5e-7
    assert v == pytest.approx(2.625e-7)
    w_max = 7.5e-5
    lower = v / (2 * y) * chi2.ppf(0.025, 2 * y**2 / v)
    upper = (v + w_max**2) / (2 * (y + w_max)) * chi2.ppf(0.975, 2 * (y + w_max) ** 2 / (v + w_max**2))
    assert row["adjusted_ci_low"] == pytest.approx(lower)
    assert row["adjusted_ci_high"] == pytest.approx(upper)
    # shape 2y^2/v = 154.29 and scale v/(2y) = 2.917e-5: the interval is about (3.55, 5.64) per 1000
    assert (row["adjusted_ci_low"] * 1000, row["adjusted_ci_high"] * 1000) == pytest.approx(
        (3.552, 5.644), abs=1e-3
    )


def test_fay_feuer_with_one_age_group_is_the_exact_poisson_interval() -> None:
    table = _one_row(age="all", events=10, years=1000.0, people=300)
    standard = pl.DataFrame({"age": ["all"], "weight": [1.0]})
    standardised = (
        standardised_rates(
            table,
            events="events",
            person_time="years",
            age_group="age",
            standard=standard,
            persons="people",
            per=1000.0,
            policy=LENIENT,
        )
        .table()
        .row(0, named=True)
    )
    assert standardised["adjusted_ci_low"] == pytest.approx(4.7954, abs=5e-4)
    assert standardised["adjusted_ci_high"] == pytest.approx(18.3904, abs=5e-4)
    assert standardised["crude_ci_high"] == pytest.approx(standardised["adjusted_ci_high"])


def test_weights_and_populations_give_the_same_rates() -> None:
    by_weight = pl.DataFrame({"age": ["old", "young"], "weight": [1.0, 3.0]})
    kwargs = {
        "events": "events",
        "person_time": "years",
        "age_group": "age",
        "by": ["area"],
        "persons": "people",
    }
    assert (
        standardised_rates(_age_data(), standard=by_weight, **kwargs)
        .table()
        .equals(  # type: ignore[arg-type]
            standardised_rates(_age_data(), standard=STANDARD, **kwargs).table()  # type: ignore[arg-type]
        )
    )


def test_an_age_group_of_the_standard_with_no_person_time_is_an_error() -> None:
    standard = pl.DataFrame({"age": ["young", "old", "oldest"], "population": [3, 1, 1]})
    with pytest.raises(InputError, match=r"'age'.*no person-time"):
        standardised_rates(
            _age_data(), events="events", person_time="years", age_group="age", standard=standard, by=["area"]
        )
    weightless = standard.with_columns(population=pl.Series([3, 1, 0]))
    result = standardised_rates(
        _age_data(),
        events="events",
        person_time="years",
        age_group="age",
        standard=weightless,
        by=["area"],
        persons="people",
        per=1000.0,
    ).table()
    assert result["adjusted_rate"].to_list() == pytest.approx([4.5, 5.25])


def test_a_standard_missing_an_age_group_of_the_data_is_an_error() -> None:
    standard = pl.DataFrame({"age": ["young"], "population": [3]})
    with pytest.raises(ConfigError, match="lacks 1 age group") as error:
        standardised_rates(
            _age_data(), events="events", person_time="years", age_group="age", standard=standard
        )
    assert "old" not in str(error.value)


@pytest.mark.parametrize(
    ("table", "column", "problem"),
    [
        (_one_row(years=1.0), "events", "not in the table"),
        (_one_row(events=1), "years", "not in the table"),
        (_one_row(events=-987654, years=1.0), "events", "negative"),
        (_one_row(events=1, years=-987654.0), "years", "negative"),
        (_one_row(events="987654", years=1.0), "events", "must be numeric"),
        (_one_row(events=True, years=1.0), "events", "must be numeric"),
        (_one_row(events=1.5, years=1.0), "events", "fractional"),
        (
            pl.DataFrame({"events": [None, 1]}, schema={"events": pl.Int64}).with_columns(years=1.0),
            "events",
            "nulls",
        ),
        (pl.DataFrame(schema={"events": pl.Int64, "years": pl.Float64}), "", "no rows"),
        (_one_row(events=0, years=0.0), "years", "sums to 0"),
    ],
)
def test_bad_input_raises_an_input_error_naming_the_column_not_the_value(
    table: pl.DataFrame, column: str, problem: str
) -> None:
    with pytest.raises(InputError, match=problem) as error:
        incidence_rates(table, events="events", person_time="years")
    assert f"'{column}'" in str(error.value) or not column
    assert "987654" not in str(error.value)


def test_a_missing_stratum_column_is_named() -> None:
    with pytest.raises(InputError, match="'region'"):
        incidence_rates(_one_row(events=1, years=1.0), events="events", person_time="years", by=["region"])


@pytest.mark.parametrize(("option", "value"), [("per", 0.0), ("per", -1.0), ("alpha", 0.0), ("alpha", 1.5)])
def test_out_of_range_options_raise_a_config_error(option: str, value: float) -> None:
    with pytest.raises(ConfigError, match=option):
        incidence_rates(
            _one_row(events=1, years=1.0), events="events", person_time="years", **{option: value}
        )  # type: ignore[arg-type]


def test_a_malformed_standard_raises_a_config_error() -> None:
    both = STANDARD.with_columns(weight=pl.lit(1.0))
    with pytest.raises(ConfigError, match="exactly one of 'weight' or 'population'"):
        standardised_rates(_age_data(), events="events", person_time="years", age_group="age", standard=both)
    repeated = pl.DataFrame({"age": ["young", "young", "old"], "weight": [1.0, 1.0, 1.0]})
    with pytest.raises(ConfigError, match="each age group once"):
        standardised_rates(
            _age_data(), events="events", person_time="years", age_group="age", standard=repeated
        )


def test_age_groups_of_another_dtype_in_the_standard_are_a_config_error() -> None:
    standard = pl.DataFrame({"age": [1, 2], "population": [3, 1]})
    with pytest.raises(ConfigError, match="dtype"):
        standardised_rates(
            _age_data(), events="events", person_time="years", age_group="age", standard=standard
        )


def test_an_age_group_missing_from_one_stratum_only_is_an_error() -> None:
    table = _age_data().filter(~((pl.col("area") == "b") & (pl.col("age") == "old")))
    with pytest.raises(InputError, match="1 combination"):
        standardised_rates(
            table, events="events", person_time="years", age_group="age", standard=STANDARD, by=["area"]
        )


def test_standardised_rates_suppress_a_small_stratum_and_accept_lazy_frames() -> None:
    small = pl.DataFrame(
        {
            "area": ["c", "c"],
            "age": ["young", "old"],
            "events": [2, 3],
            "years": [900.0, 800.0],
            "people": [90, 80],
        }
    )
    table = pl.concat([_age_data(), small]).lazy()
    rates = standardised_rates(
        table,
        events="events",
        person_time="years",
        age_group="age",
        standard=STANDARD,
        by=["area"],
        persons="people",
        per=1000.0,
    )
    result = rates.table()
    assert result["area"].to_list() == ["a", "b", "c"]
    assert result["suppressed"].to_list() == [False, True, True]  # b: fewest events of the shown strata
    assert result["adjusted_rate"][0] == pytest.approx(4.5)
    assert result.filter("suppressed").drop("area", "suppressed", "reason").null_count().row(0) == (2,) * 9
    assert rates.checks[0].output == "standardised_rates"


def test_a_rounding_policy_rounds_the_shown_counts() -> None:
    table = _one_row(events=23, years=1000.0, people=1234)
    policy = DisclosurePolicy(rounding=5)
    row = (
        incidence_rates(table, events="events", person_time="years", persons="people", policy=policy)
        .table()
        .row(0, named=True)
    )
    assert (row["events"], row["persons"]) == (25, 1235)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 60)), min_size=1, max_size=6))
def test_no_suppressed_stratum_can_be_recovered_from_the_totals(strata: list[tuple[int, int]]) -> None:
    table = pl.DataFrame(
        {
            "stratum": list(range(len(strata))),
            "events": [events for events, _ in strata],
            "people": [max(events, people) for events, people in strata],
            "years": [100.0] * len(strata),
        }
    )
    result = incidence_rates(
        table, events="events", person_time="years", by=["stratum"], persons="people"
    ).table()
    policy = DisclosurePolicy()
    shown = result.filter(~pl.col("suppressed"))
    assert not any(policy.is_small(count) for count in [*shown["events"], *shown["persons"]])
    hidden = table.filter(result["suppressed"])
    if shown.height and hidden.height:
        assert hidden.height > 1
        assert not policy.is_small(hidden["events"].sum())
        assert not policy.is_small(hidden["people"].sum())
