"""Tests of analysis.correlate against values computed by hand (math) or by other scipy routines."""

from __future__ import annotations

import math
import random

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis import CorrelationResult, correlate
from analysis.correlation import _with_adjusted_p
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError, InputError

Z_975 = 1.959963984540054  # standard normal 97.5% quantile

AGE = [30.0, 41.0, 52.0, 60.0, 35.0, 47.0, 58.0, 66.0, 29.0, 50.0, 44.0, 71.0]
VISITS = [2.0, 3.0, 5.0, 6.0, 2.0, 4.0, 6.0, 8.0, 1.0, 4.0, 3.0, 9.0]
WEIGHT = [70.0, 82.0, 65.0, 90.0, 77.0, 68.0, 85.0, 73.0, 80.0, 66.0, 88.0, 75.0]


def hand_pearson(first: list[float], second: list[float]) -> float:
    n = len(first)
    mean_first, mean_second = sum(first) / n, sum(second) / n
    cross = sum((a - mean_first) * (b - mean_second) for a, b in zip(first, second, strict=True))
    spread_first = sum((a - mean_first) ** 2 for a in first)
    spread_second = sum((b - mean_second) ** 2 for b in second)
    return cross / math.sqrt(spread_first * spread_second)


def only_row(result: CorrelationResult) -> dict[str, object]:
    rows = result.table()
    assert rows.height == 1
    return rows.row(0, named=True)


def test_pearson_matches_hand_computed_r_and_fisher_interval() -> None:
    row = only_row(correlate(pl.DataFrame({"age": AGE, "visits": VISITS}), ["age", "visits"]))
    r = hand_pearson(AGE, VISITS)
    n = len(AGE)
    z, standard_error = math.atanh(r), 1 / math.sqrt(n - 3)
    assert row["method"] == "pearson"
    assert row["n"] == n
    assert row["estimate"] == pytest.approx(r, rel=1e-12)
    assert row["ci_low"] == pytest.approx(math.tanh(z - Z_975 * standard_error), rel=1e-9)
    assert row["ci_high"] == pytest.approx(math.tanh(z + Z_975 * standard_error), rel=1e-9)
    # scipy.stats.pearsonr computes p from a beta distribution, not our t-test code.
    assert row["p_value"] == pytest.approx(stats.pearsonr(AGE, VISITS).pvalue, rel=1e-6)
    assert row["suppressed"] is False
    assert row["reason"] is None


def test_spearman_with_ties_matches_scipy_and_bonett_wright_interval() -> None:
    first = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 7, 8, 9]
    second = [2, 1, 3, 3, 5, 4, 6, 6, 5, 8, 7, 9, 9]
    row = only_row(correlate(pl.DataFrame({"a": first, "b": second}), ["a", "b"], method="spearman"))
    expected = stats.spearmanr(first, second)
    rho, n = float(expected.statistic), len(first)
    z, standard_error = math.atanh(rho), math.sqrt((1 + rho**2 / 2) / (n - 3))
    assert row["method"] == "spearman"
    assert row["estimate"] == pytest.approx(rho, rel=1e-12)
    assert row["p_value"] == pytest.approx(float(expected.pvalue), rel=1e-9)
    assert row["ci_low"] == pytest.approx(math.tanh(z - Z_975 * standard_error), rel=1e-9)
    assert row["ci_high"] == pytest.approx(math.tanh(z + Z_975 * standard_error), rel=1e-9)


def test_point_biserial_is_pearson_on_zero_one_coding() -> None:
    treated = [True, False, True, True, False, False, True, False, True, False, True, False]
    row = only_row(correlate(pl.DataFrame({"treated": treated, "age": AGE}), ["treated", "age"]))
    coded = [1.0 if value else 0.0 for value in treated]
    r = hand_pearson(coded, AGE)
    z, standard_error = math.atanh(r), 1 / math.sqrt(len(AGE) - 3)
    assert row["method"] == "point_biserial"
    assert row["estimate"] == pytest.approx(r, rel=1e-12)
    assert row["ci_low"] == pytest.approx(math.tanh(z - Z_975 * standard_error), rel=1e-9)


def test_cramers_v_on_two_by_two_table_is_sqrt_chi2_over_n() -> None:
    # cells: (yes, north) 10, (yes, south) 5, (no, north) 3, (no, south) 12
    counts = {("yes", "north"): 10, ("yes", "south"): 5, ("no", "north"): 3, ("no", "south"): 12}
    smoker = [key[0] for key, count in counts.items() for _ in range(count)]
    region = [key[1] for key, count in counts.items() for _ in range(count)]
    row = only_row(correlate(pl.DataFrame({"smoker": smoker, "region": region}), ["smoker", "region"]))
    a, b, c, d, n = 10, 5, 3, 12, 30
    chi2 = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    assert row["method"] == "cramers_v"
    assert row["n"] == n
    assert row["estimate"] == pytest.approx(math.sqrt(chi2 / n), rel=1e-12)
    # chi-square with 1 df: P(X > chi2) = erfc(sqrt(chi2 / 2)); no continuity correction.
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(chi2 / 2)), rel=1e-9)
    assert row["ci_low"] is None
    assert row["ci_high"] is None


def test_cramers_v_on_three_categories_divides_by_smaller_dimension() -> None:
    colour = ["red"] * 12 + ["green"] * 12 + ["blue"] * 12
    size = (["s"] * 8 + ["m"] * 2 + ["l"] * 2) + (["s"] * 2 + ["m"] * 8 + ["l"] * 2) + ["l"] * 12
    row = only_row(correlate(pl.DataFrame({"colour": colour, "size": size}), ["colour", "size"]))
    observed = [[8, 2, 2], [2, 8, 2], [0, 0, 12]]
    n = 36
    row_totals = [sum(cells) for cells in observed]
    column_totals = [sum(cells) for cells in zip(*observed, strict=True)]
    chi2 = sum(
        (observed[i][j] - row_totals[i] * column_totals[j] / n) ** 2 / (row_totals[i] * column_totals[j] / n)
        for i in range(3)
        for j in range(3)
    )
    assert row["estimate"] == pytest.approx(math.sqrt(chi2 / (n * 2)), rel=1e-12)


def test_partial_correlation_matches_textbook_formula() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS, "weight": WEIGHT})
    row = only_row(correlate(table, ["age", "visits"], confounders=["weight"]))
    r_xy, r_xz, r_yz = hand_pearson(AGE, VISITS), hand_pearson(AGE, WEIGHT), hand_pearson(VISITS, WEIGHT)
    partial = (r_xy - r_xz * r_yz) / math.sqrt((1 - r_xz**2) * (1 - r_yz**2))
    n, k = len(AGE), 1
    z, standard_error = math.atanh(partial), 1 / math.sqrt(n - 3 - k)
    t_statistic = partial * math.sqrt((n - 2 - k) / (1 - partial**2))
    assert row["estimate"] == pytest.approx(partial, rel=1e-10)
    assert row["ci_low"] == pytest.approx(math.tanh(z - Z_975 * standard_error), rel=1e-9)
    assert row["ci_high"] == pytest.approx(math.tanh(z + Z_975 * standard_error), rel=1e-9)
    assert row["p_value"] == pytest.approx(2 * stats.t.sf(abs(t_statistic), n - 2 - k), rel=1e-9)


def test_adjusted_p_values_on_a_known_list_skip_missing() -> None:
    rows = pl.DataFrame(
        {"p_value": [0.01, 0.04, None, 0.03, 0.005], "p_bh": [None] * 5, "p_bonferroni": [None] * 5},
        schema={"p_value": pl.Float64, "p_bh": pl.Float64, "p_bonferroni": pl.Float64},
    )
    adjusted = _with_adjusted_p(rows, 0.05)
    # BH by hand on the four present values: sorted 0.005, 0.01, 0.03, 0.04 times 4/rank,
    # then the running minimum from the largest down.
    assert adjusted["p_bh"].to_list() == pytest.approx([0.02, 0.04, None, 0.04, 0.02])
    assert adjusted["p_bonferroni"].to_list() == pytest.approx([0.04, 0.16, None, 0.12, 0.02])


def test_adjusted_p_values_cover_every_released_pair() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS, "weight": WEIGHT})
    rows = correlate(table, ["age", "visits", "weight"]).table()
    p_values = rows["p_value"].to_list()
    m = len(p_values)
    assert rows["p_bonferroni"].to_list() == pytest.approx([min(1.0, m * p) for p in p_values])
    order = sorted(range(m), key=lambda index: p_values[index])
    expected = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        expected[index] = running
    assert rows["p_bh"].to_list() == pytest.approx(expected)


def test_pair_with_fewer_than_eleven_complete_pairs_is_suppressed() -> None:
    sparse = [*VISITS[:10], None, None]
    table = pl.DataFrame({"age": AGE, "visits": sparse, "weight": WEIGHT})
    result = correlate(table, ["age", "visits", "weight"])
    rows = result.table()
    hidden = rows.filter(pl.col("suppressed"))
    assert hidden.select("variable_a", "variable_b").rows() == [("age", "visits"), ("visits", "weight")]
    for column in ("n", "estimate", "ci_low", "ci_high", "p_value", "p_bh", "p_bonferroni"):
        assert hidden[column].null_count() == 2
    assert hidden["reason"].to_list() == ["fewer than 11 complete pairs"] * 2
    shown = rows.filter(~pl.col("suppressed")).row(0, named=True)
    assert shown["n"] == 12
    assert shown["p_bonferroni"] == pytest.approx(shown["p_value"])  # only one released p
    assert result.checks[0].cells_checked == 3
    assert result.checks[0].cells_suppressed == 2
    matrix = result.matrix()
    assert matrix["visits"].to_list() == [None, 1.0, None]
    assert "[suppressed]" in result._repr_html_()


def test_eleven_complete_pairs_are_shown_and_threshold_follows_policy() -> None:
    table = pl.DataFrame({"age": AGE[:11], "visits": VISITS[:11]})
    assert only_row(correlate(table, ["age", "visits"]))["suppressed"] is False
    strict = only_row(correlate(table, ["age", "visits"], policy=DisclosurePolicy(threshold=12)))
    assert strict["suppressed"] is True
    assert strict["estimate"] is None


def test_matrix_is_square_and_symmetric() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS, "weight": WEIGHT})
    matrix = correlate(table.lazy(), ["age", "visits", "weight"]).matrix()
    assert matrix.columns == ["variable", "age", "visits", "weight"]
    values = matrix.drop("variable").rows()
    for i in range(3):
        assert values[i][i] == 1.0
        for j in range(3):
            assert values[i][j] == values[j][i]


def test_categorical_with_numeric_has_no_measure() -> None:
    table = pl.DataFrame({"colour": ["red", "green", "blue"] * 4, "age": AGE})
    row = only_row(correlate(table, ["colour", "age"]))
    assert row["method"] == "none"
    assert row["estimate"] is None
    assert row["suppressed"] is False


def test_missing_variable_is_a_config_error_naming_it() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS})
    with pytest.raises(ConfigError, match="'height'"):
        correlate(table, ["age", "height"])


def test_constant_column_is_an_input_error_without_its_value() -> None:
    table = pl.DataFrame({"age": AGE, "site": ["SECRET-SITE"] * 12})
    with pytest.raises(InputError, match="'site' is constant") as raised:
        correlate(table, ["age", "site"])
    assert "SECRET-SITE" not in str(raised.value)


def test_fewer_than_two_variables_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="at least 2 variables"):
        correlate(pl.DataFrame({"age": AGE}), ["age"])


def test_non_numeric_confounder_is_an_input_error_naming_it() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS, "region": ["north", "south"] * 6})
    with pytest.raises(InputError, match="confounder 'region'"):
        correlate(table, ["age", "visits"], confounders=["region"])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"method": "kendall"}, "method must be one of"),
        ({"alpha": 1.5}, "alpha must be"),
        ({"confounders": ["age"]}, "both a variable and a confounder"),
    ],
)
def test_bad_arguments_are_config_errors(arguments: dict[str, object], message: str) -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS})
    with pytest.raises(ConfigError, match=message):
        correlate(table, ["age", "visits"], **arguments)  # type: ignore[arg-type]


def test_partial_spearman_is_partial_pearson_on_ranks() -> None:
    table = pl.DataFrame({"age": AGE, "visits": VISITS, "weight": WEIGHT})
    row = only_row(correlate(table, ["age", "visits"], method="spearman", confounders=["weight"]))
    x, y, z = (list(stats.rankdata(values)) for values in (AGE, VISITS, WEIGHT))
    r_xy, r_xz, r_yz = hand_pearson(x, y), hand_pearson(x, z), hand_pearson(y, z)
    partial = (r_xy - r_xz * r_yz) / math.sqrt((1 - r_xz**2) * (1 - r_yz**2))
    standard_error = math.sqrt((1 + partial**2 / 2) / (len(AGE) - 3 - 1))
    assert row["estimate"] == pytest.approx(partial, rel=1e-10)
    assert row["ci_high"] == pytest.approx(math.tanh(math.atanh(partial) + Z_975 * standard_error), rel=1e-9)


def test_pair_without_a_measure_still_hides_a_small_n() -> None:
    table = pl.DataFrame({"colour": [*["red", "green", "blue"] * 3, None, None, None], "age": AGE})
    row = only_row(correlate(table, ["colour", "age"]))
    assert row["suppressed"] is True
    assert row["n"] is None


def test_no_complete_pairs_gives_no_estimate() -> None:
    table = pl.DataFrame({"age": [*AGE[:6], *[None] * 6], "visits": [*[None] * 6, *VISITS[6:]]})
    row = only_row(correlate(table, ["age", "visits"], policy=DisclosurePolicy(threshold=2)))
    assert row["n"] == 0
    assert row["estimate"] is None
    assert row["reason"] == "no complete pairs"


def test_rounding_policy_rounds_n_and_is_logged() -> None:
    table = pl.DataFrame({"age": [*AGE, 55.0], "visits": [*VISITS, 5.0]})
    result = correlate(table, ["age", "visits"], policy=DisclosurePolicy(rounding=5))
    assert only_row(result)["n"] == 15
    # 12 would be shown as 10, a small number, so it is suppressed rather than rounded.
    assert only_row(correlate(table.head(12), ["age", "visits"], policy=DisclosurePolicy(rounding=5)))[
        "suppressed"
    ]
    assert [check.rule for check in result.checks] == ["minimum complete pairs", "rounding"]


def test_nan_counts_as_missing() -> None:
    table = pl.DataFrame({"age": [*AGE, float("nan")], "visits": [*VISITS, 4.0]})
    assert only_row(correlate(table, ["age", "visits"]))["n"] == 12


@settings(max_examples=30, deadline=None)
@given(
    size=st.integers(min_value=3, max_value=20),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_suppressed_rows_hold_no_number(size: int, seed: int) -> None:
    generator = random.Random(seed)
    first = [generator.gauss(0, 1) for _ in range(size)]
    second = [value + generator.gauss(0, 1) for value in first]
    row = only_row(correlate(pl.DataFrame({"a": first, "b": second}), ["a", "b"]))
    assert row["suppressed"] is (size < 11)
    numbers = [row[column] for column in ("n", "estimate", "ci_low", "ci_high", "p_value", "p_bh")]
    if row["suppressed"]:
        assert numbers == [None] * 6
    else:
        assert None not in numbers
        assert row["ci_low"] <= row["estimate"] <= row["ci_high"]


def test_plot_is_a_heatmap_with_one_annotated_cell_per_pair() -> None:
    rng = np.random.default_rng(3)
    table = pl.DataFrame({"a": rng.normal(size=40), "b": rng.normal(size=40), "c": rng.normal(size=40)})
    figure = correlate(table, ["a", "b", "c"]).plot()
    axes = figure.axes[0]
    texts = [text.get_text() for text in axes.texts]
    assert len(texts) == 9
    assert texts.count("1.00") == 3
    assert [label.get_text() for label in axes.get_yticklabels()] == ["a", "b", "c"]
