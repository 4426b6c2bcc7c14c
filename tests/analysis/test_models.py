"""Tests of analysis.logistic, poisson, negative_binomial and linear against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from matplotlib.figure import Figure
from scipy import stats  # type: ignore[import-untyped]

from analysis import ModelResult, linear, logistic, negative_binomial, poisson
from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError, InputError

Z_975 = 1.959963984540054  # standard normal 97.5% quantile
PLANTED = 987654  # a value planted in the data that must never reach a message


def two_by_two(a: int, b: int, c: int, d: int) -> pl.DataFrame:
    """Persons of a 2x2 table: a and b exposed cases and non-cases, c and d unexposed ones."""
    return pl.DataFrame(
        {
            "case": [1] * a + [0] * b + [1] * c + [0] * d,
            "exposed": [True] * (a + b) + [False] * (c + d),
        }
    )


def rows_by_term(result: ModelResult) -> dict[str, dict[str, object]]:
    return {row["term"]: row for row in result.table().iter_rows(named=True)}


def two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def check_of(result: ModelResult, rule: str) -> int:
    (entry,) = [entry for entry in result.checks if entry.rule == rule]
    return entry.cells_suppressed


def test_logistic_odds_ratio_is_the_cross_product_ratio_with_woolf_interval() -> None:
    a, b, c, d = 30, 20, 15, 35
    result = logistic(two_by_two(a, b, c, d), "case ~ exposed")
    row = rows_by_term(result)["exposed[T.True]"]
    log_or = math.log(a * d / (b * c))
    standard_error = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    assert row["estimate"] == pytest.approx(a * d / (b * c), rel=1e-6)
    assert row["coefficient"] == pytest.approx(log_or, rel=1e-6)
    assert row["std_error"] == pytest.approx(standard_error, rel=1e-6)
    assert row["ci_low"] == pytest.approx(math.exp(log_or - Z_975 * standard_error), rel=1e-6)
    assert row["ci_high"] == pytest.approx(math.exp(log_or + Z_975 * standard_error), rel=1e-6)
    assert row["p_value"] == pytest.approx(two_sided_p(log_or / standard_error), rel=1e-5)
    intercept = rows_by_term(result)["Intercept"]
    assert intercept["estimate"] == pytest.approx(c / d, rel=1e-6)  # baseline odds
    assert result.n == a + b + c + d
    assert result.events == a + c
    assert result.withheld is None
    assert all(entry.cells_suppressed == 0 for entry in result.checks)


def test_logistic_drops_incomplete_rows_and_accepts_lazy_input() -> None:
    table = two_by_two(30, 20, 15, 35).with_columns(pl.col("case").cast(pl.Float64))
    with_gaps = pl.concat([table, pl.DataFrame({"case": [None, 1.0], "exposed": [True, None]})])
    result = logistic(with_gaps.lazy(), "case ~ exposed")
    assert result.n == 100
    assert rows_by_term(result)["exposed[T.True]"]["estimate"] == pytest.approx(3.5, rel=1e-6)


def test_poisson_rate_ratio_with_person_time_offset_matches_hand_values() -> None:
    exposed_events = [0, 1, 2, 3, 1] * 12  # 84 events
    exposed_years = [1.0, 2.0, 0.5, 3.0, 1.5] * 12  # 96 years
    unexposed_events = [0, 0, 1, 2] * 20  # 60 events
    unexposed_years = [2.0, 1.0, 2.5, 3.5] * 20  # 180 years
    table = pl.DataFrame(
        {
            "events": exposed_events + unexposed_events,
            "years": exposed_years + unexposed_years,
            "smoker": [1] * 60 + [0] * 80,
        }
    )
    result = poisson(table, "events ~ smoker", offset="years")
    row = rows_by_term(result)["smoker"]
    d1, t1, d0, t0 = sum(exposed_events), sum(exposed_years), sum(unexposed_events), sum(unexposed_years)
    log_rr = math.log((d1 / t1) / (d0 / t0))
    standard_error = math.sqrt(1 / d1 + 1 / d0)
    assert row["estimate"] == pytest.approx((d1 / t1) / (d0 / t0), rel=1e-6)
    assert row["std_error"] == pytest.approx(standard_error, rel=1e-6)
    assert row["ci_low"] == pytest.approx(math.exp(log_rr - Z_975 * standard_error), rel=1e-6)
    assert row["ci_high"] == pytest.approx(math.exp(log_rr + Z_975 * standard_error), rel=1e-6)
    assert rows_by_term(result)["Intercept"]["estimate"] == pytest.approx(d0 / t0, rel=1e-6)
    assert result.events == d1 + d0
    assert result.overdispersion is not None
    assert "overdispersion" in result.summary()


def overdispersed_counts(*, seed: int, nb_alpha: float | None) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    persons = 600
    exposed = rng.integers(0, 2, persons)
    years = rng.uniform(1.0, 3.0, persons)
    mean = years * np.exp(0.2 + 0.5 * exposed)
    if nb_alpha is None:
        events = rng.poisson(mean)
    else:  # gamma-Poisson mixture: variance mean + nb_alpha * mean^2
        events = rng.poisson(mean * rng.gamma(1 / nb_alpha, nb_alpha, persons))
    return pl.DataFrame({"events": events, "exposed": exposed, "years": years})


def test_overdispersion_is_flagged_and_negative_binomial_estimates_alpha() -> None:
    table = overdispersed_counts(seed=20240611, nb_alpha=1.0)
    fitted = poisson(table, "events ~ exposed", offset="years")
    assert fitted.overdispersion is not None
    assert fitted.overdispersion > 1.5
    assert any("negative_binomial" in note for note in fitted.notes)
    assert "negative_binomial" in fitted.summary()
    nb = negative_binomial(table, "events ~ exposed", offset="years")
    assert nb.nb_alpha is not None
    assert 0.6 < nb.nb_alpha < 1.5
    assert rows_by_term(nb)["exposed"]["estimate"] == pytest.approx(math.exp(0.5), rel=0.25)
    assert list(nb.table()["term"]) == ["Intercept", "exposed"]
    assert "alpha" in nb.summary()


def test_poisson_data_is_not_flagged_as_overdispersed() -> None:
    fitted = poisson(overdispersed_counts(seed=7, nb_alpha=None), "events ~ exposed", offset="years")
    assert fitted.overdispersion is not None
    assert fitted.overdispersion < 1.5
    assert fitted.notes == ()


def assert_withheld(result: ModelResult, rule: str) -> None:
    numbers = result.table().select("estimate", "ci_low", "ci_high", "p_value", "coefficient", "std_error")
    assert numbers.null_count().row(0) == (result.table().height,) * 6
    assert result.table()["withheld"].all()
    assert result.withheld is not None
    assert rule in result.withheld
    assert check_of(result, rule) == result.table().height
    assert result.n is None
    assert result.events is None
    assert result.statistics == ()
    assert "n =" not in result.summary()
    assert "[suppressed]" in result._repr_html_()
    shown = " ".join([result.summary(), result._repr_html_(), *(entry.detail for entry in result.checks)])
    assert str(PLANTED) not in shown


def test_fewer_persons_than_threshold_withholds_the_estimates() -> None:
    table = pl.DataFrame(
        {"events": [1, 3, 2, 5, 4, 2, 6, 3, 2, 7], "dose": [PLANTED, 2, 1, 4, 3, 1, 5, 2, 1, 6]}
    )
    assert_withheld(poisson(table, "events ~ dose"), "minimum persons")


def test_few_events_per_variable_withholds_a_logistic_model() -> None:
    table = pl.DataFrame({"case": [1, 0, 0, 0] * 15, "exposed": [1, 1, 0, 0, 0] * 12, "age": range(60)})
    result = logistic(table, "case ~ exposed + age")  # 15 cases for 2 parameters: 7.5 per parameter
    assert_withheld(result, "events per variable")
    assert check_of(result, "minimum persons") == 0
    assert check_of(result, "minimum events") == 0


def test_few_residual_degrees_of_freedom_withhold_the_estimates() -> None:
    rng = np.random.default_rng(3)
    columns = {f"x{index}": rng.normal(size=14) for index in range(4)}
    table = pl.DataFrame({"events": rng.poisson(20, 14), **columns})
    result = poisson(table, "events ~ x0 + x1 + x2 + x3")  # 14 - 5 = 9 residual df
    assert_withheld(result, "residual degrees of freedom")
    assert check_of(result, "minimum persons") == 0


def test_a_small_categorical_level_withholds_the_estimates() -> None:
    region = ["north"] * 100 + ["south"] * 95 + ["planted_island"] * 5
    table = pl.DataFrame({"case": [1, 0] * 100, "region": region})
    result = logistic(table, "case ~ region")
    assert_withheld(result, "categorical level size")
    assert all("planted_island" not in entry.detail for entry in result.checks)
    numeric_coded = table.with_columns(pl.col("region").rank("dense").cast(pl.Int64))
    assert_withheld(logistic(numeric_coded, "case ~ C(region)"), "categorical level size")


def test_override_releases_the_estimates_and_is_logged() -> None:
    table = pl.DataFrame({"case": [1, 0, 0, 0] * 15, "exposed": [1, 1, 0, 0, 0] * 12, "age": range(60)})
    result = logistic(table, "case ~ exposed + age", override=True)
    assert result.withheld is None
    assert result.table()["estimate"].null_count() == 0
    (entry,) = [entry for entry in result.checks if entry.rule == "override"]
    assert "events per variable" in entry.detail
    assert check_of(result, "events per variable") == 0


def test_rounding_policy_rounds_shown_counts() -> None:
    result = logistic(two_by_two(31, 20, 15, 36), "case ~ exposed", policy=DisclosurePolicy(rounding=5))
    assert result.n == 100
    assert result.events == 45


def test_missing_column_is_a_config_error_naming_it() -> None:
    table = two_by_two(30, 20, 15, 35).with_columns(pl.lit(PLANTED).alias("age"))
    with pytest.raises(ConfigError, match="'smoker'") as raised:
        logistic(table, "case ~ exposed + np.log(smoker)")
    assert str(PLANTED) not in str(raised.value)
    with pytest.raises(ConfigError, match="'years'"):
        poisson(table, "case ~ exposed", offset="years")


@pytest.mark.parametrize(
    ("column", "values", "pattern"),
    [
        ("case", [PLANTED, 0] * 50, "must be binary"),
        ("case", [PLANTED] * 100, "outcome 'case' is constant"),
        ("age", [PLANTED] * 100, "predictor 'age' is constant"),
    ],
)
def test_bad_outcome_or_predictor_is_an_input_error_naming_it(
    column: str, values: list[int], pattern: str
) -> None:
    table = (
        two_by_two(30, 20, 15, 35)
        .with_columns(age=pl.Series(range(100)))
        .with_columns(pl.Series(column, values))
    )
    with pytest.raises(InputError, match=pattern) as raised:
        logistic(table, "case ~ exposed + age")
    assert str(PLANTED) not in str(raised.value)


def test_non_count_outcome_for_poisson_is_an_input_error() -> None:
    table = pl.DataFrame({"events": [0.5, 1.0] * 30, "dose": range(60)})
    with pytest.raises(InputError, match="counts"):
        poisson(table, "events ~ dose")


def test_perfect_separation_names_the_term() -> None:
    doses = [PLANTED - index for index in range(40)]
    table = pl.DataFrame({"case": [1] * 20 + [0] * 20, "dose": doses, "age": list(range(40))[::-1]})
    with pytest.raises(InputError, match="perfect separation on 'dose'") as raised:
        logistic(table, "case ~ dose")
    assert str(PLANTED) not in str(raised.value)
    with pytest.raises(InputError, match="perfect separation on 'exposed"):
        logistic(two_by_two(30, 0, 15, 35), "case ~ exposed")  # a zero cell: quasi-separation


def test_separation_by_two_terms_together_is_an_input_error() -> None:
    # Within each exposure group age separates cases from non-cases; neither term does alone.
    table = two_by_two(30, 20, 15, 35).with_columns(age=pl.Series([index % 50 for index in range(100)]))
    with pytest.raises(InputError, match="perfect separation in the predictors"):
        logistic(table, "case ~ exposed + age")


def test_too_few_events_is_an_input_error() -> None:
    table = pl.DataFrame(
        {"case": [1, 1] + [0] * 98, "a": range(100), "b": [index % 7 for index in range(100)]}
    )
    with pytest.raises(InputError, match="fewer events or non-events"):
        logistic(table, "case ~ a + b")


def test_bad_options_are_config_errors() -> None:
    table = two_by_two(30, 20, 15, 35)
    with pytest.raises(ConfigError, match="alpha"):
        logistic(table, "case ~ exposed", alpha=1.5)
    with pytest.raises(ConfigError, match="cannot be parsed"):
        logistic(table, "case ~ (exposed")
    with pytest.raises(ConfigError, match="override"):
        logistic(table, "case ~ exposed", override="yes")  # type: ignore[arg-type]


def test_forest_plot_has_one_marker_per_term() -> None:
    table = two_by_two(30, 20, 15, 35).with_columns(age=pl.Series([index * 7 % 50 for index in range(100)]))
    result = logistic(table, "case ~ exposed + age")
    figure = result.plot()
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    markers = [line for line in axes.lines if line.get_marker() == "s"]
    assert (
        [float(line.get_xdata()[0]) for line in markers]
        == pytest.approx(  # type: ignore[index]
            list(result.table()["estimate"][1:])
        )
    )
    assert [label.get_text() for label in axes.get_yticklabels()] == ["exposed[T.True]", "age"]
    assert axes.xaxis.get_major_formatter()(0.5, 0) == "0.5"


def test_forest_plot_of_withheld_model_shows_no_marker() -> None:
    table = pl.DataFrame({"events": [1, 3, 2, 5, 4, 2, 6, 3, 2, 7], "dose": [1, 2, 1, 4, 3, 1, 5, 2, 1, 6]})
    figure = poisson(table, "events ~ dose").plot()
    assert isinstance(figure, Figure)
    assert len(figure.axes[0].containers) == 0
    assert len(figure.axes[0].lines) == 0


def test_boolean_outcome_and_categorical_predictor() -> None:
    table = two_by_two(30, 20, 15, 35).with_columns(
        pl.col("case").cast(pl.Boolean), pl.col("exposed").cast(pl.String).cast(pl.Categorical)
    )
    row = rows_by_term(logistic(table, "case ~ exposed"))["exposed[T.true]"]
    assert row["estimate"] == pytest.approx(3.5, rel=1e-6)


def test_quoted_column_names_and_functions_of_columns() -> None:
    table = two_by_two(30, 20, 15, 35).rename({"exposed": "ever exposed"})
    row = rows_by_term(logistic(table, 'case ~ Q("ever exposed")'))['Q("ever exposed")[T.True]']
    assert row["estimate"] == pytest.approx(3.5, rel=1e-6)
    with pytest.raises(ConfigError, match="'never exposed'"):
        logistic(table, 'case ~ Q("never exposed")')


@pytest.mark.parametrize("years", [[0.0, 1.0] * 30, [-1.0, 2.0] * 30])
def test_offset_must_be_positive_person_time(years: list[float]) -> None:
    table = pl.DataFrame({"events": [1, 2, 0] * 20, "dose": range(60), "years": years})
    with pytest.raises(InputError, match="offset 'years' must be positive"):
        poisson(table, "events ~ dose", offset="years")


def test_poisson_with_fewer_events_than_parameters_is_an_input_error() -> None:
    table = pl.DataFrame({"events": [1] + [0] * 59, "a": range(60), "b": [index % 3 for index in range(60)]})
    with pytest.raises(InputError, match="fewer events"):
        poisson(table, "events ~ a + b")


def test_released_summary_reports_the_fit() -> None:
    result = logistic(two_by_two(30, 20, 15, 35), "case ~ exposed")
    summary = result.summary()
    assert "logistic regression (odds ratios): case ~ exposed" in summary
    assert "n = 100, events = 45, df model = 1, df residual = 98" in summary
    assert dict(result.statistics)["log_likelihood"] == pytest.approx(
        30 * math.log(0.6) + 20 * math.log(0.4) + 15 * math.log(0.3) + 35 * math.log(0.7), rel=1e-9
    )
    assert "3.5" in result._repr_html_()


def hand_t_interval(estimate: float, standard_error: float, df: int, *, alpha: float) -> tuple[float, float]:
    quantile = float(stats.t.ppf(1 - alpha / 2, df))
    return estimate - quantile * standard_error, estimate + quantile * standard_error


def test_linear_slope_is_cov_over_var_with_the_t_interval_by_hand() -> None:
    dose = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0] * 4)
    wobble = np.array([0.3, -0.5, 0.1, 0.4, -0.2, -0.6, 0.7, 0.2, -0.1, 0.5, -0.3, 0.0] * 3)[: dose.size]
    response = 2.0 + 0.75 * dose + wobble
    result = linear(pl.DataFrame({"response": response, "dose": dose}), "response ~ dose", alpha=0.1)
    n = dose.size
    sxx = float(np.sum((dose - dose.mean()) ** 2))
    slope = float(np.sum((dose - dose.mean()) * (response - response.mean()))) / sxx
    intercept = float(response.mean()) - slope * float(dose.mean())
    residuals = response - intercept - slope * dose
    residual_variance = float(np.sum(residuals**2)) / (n - 2)
    slope_se = math.sqrt(residual_variance / sxx)
    intercept_se = math.sqrt(residual_variance * (1 / n + float(dose.mean()) ** 2 / sxx))
    rows = rows_by_term(result)
    assert rows["dose"]["estimate"] == pytest.approx(slope, rel=1e-9)
    assert rows["dose"]["coefficient"] == rows["dose"]["estimate"]  # not exponentiated
    assert rows["dose"]["std_error"] == pytest.approx(slope_se, rel=1e-9)
    low, high = hand_t_interval(slope, slope_se, n - 2, alpha=0.1)
    assert rows["dose"]["ci_low"] == pytest.approx(low, rel=1e-9)
    assert rows["dose"]["ci_high"] == pytest.approx(high, rel=1e-9)
    t_statistic = slope / slope_se
    assert rows["dose"]["p_value"] == pytest.approx(2 * stats.t.sf(abs(t_statistic), n - 2), rel=1e-6)
    assert rows["Intercept"]["estimate"] == pytest.approx(intercept, rel=1e-9)
    assert rows["Intercept"]["std_error"] == pytest.approx(intercept_se, rel=1e-9)
    total = float(np.sum((response - response.mean()) ** 2))
    statistics = dict(result.statistics)
    assert statistics["r_squared"] == pytest.approx(1 - float(np.sum(residuals**2)) / total, rel=1e-9)
    assert statistics["residual_std_error"] == pytest.approx(math.sqrt(residual_variance), rel=1e-9)
    assert (result.n, result.events, result.df_model, result.df_resid) == (n, None, 1, n - 2)
    assert result.withheld is None
    assert {entry.rule for entry in result.checks} == {
        "minimum persons",
        "residual degrees of freedom",
        "categorical level size",
    }


def test_linear_categorical_predictor_gives_differences_of_group_means() -> None:
    sizes = {"clinic": 12, "phone": 15, "web": 13}
    rng = np.random.default_rng(42)
    groups = {name: rng.normal(50 + 4 * index, 5, size) for index, (name, size) in enumerate(sizes.items())}
    table = pl.DataFrame(
        {
            "score": np.concatenate(list(groups.values())),
            "channel": [name for name, size in sizes.items() for _ in range(size)],
        }
    )
    result = linear(table, "score ~ channel")
    rows = rows_by_term(result)
    means = {name: float(values.mean()) for name, values in groups.items()}
    n = sum(sizes.values())
    pooled = sum(float(np.sum((values - values.mean()) ** 2)) for values in groups.values()) / (n - 3)
    assert rows["Intercept"]["estimate"] == pytest.approx(means["clinic"], rel=1e-9)
    for level in ("phone", "web"):
        row = rows[f"channel[T.{level}]"]
        difference = means[level] - means["clinic"]
        standard_error = math.sqrt(pooled * (1 / sizes[level] + 1 / sizes["clinic"]))
        assert row["estimate"] == pytest.approx(difference, rel=1e-9)
        assert row["std_error"] == pytest.approx(standard_error, rel=1e-9)
        low, high = hand_t_interval(difference, standard_error, n - 3, alpha=0.05)
        assert (row["ci_low"], row["ci_high"]) == (
            pytest.approx(low, rel=1e-9),
            pytest.approx(high, rel=1e-9),
        )
    assert dict(result.statistics)["residual_std_error"] == pytest.approx(math.sqrt(pooled), rel=1e-9)


def test_linear_of_a_binary_outcome_is_the_risk_difference_with_events_checked() -> None:
    result = linear(two_by_two(30, 20, 15, 35), "case ~ exposed")
    assert rows_by_term(result)["exposed[T.True]"]["estimate"] == pytest.approx(30 / 50 - 15 / 50, rel=1e-9)
    assert rows_by_term(result)["Intercept"]["estimate"] == pytest.approx(15 / 50, rel=1e-9)
    assert result.events is None
    assert check_of(result, "minimum events") == 0
    few = linear(two_by_two(3, 47, 2, 48), "case ~ exposed")  # 5 events among 100 persons
    assert_withheld(few, "minimum events")


def test_linear_with_fewer_persons_than_threshold_is_withheld() -> None:
    table = pl.DataFrame(
        {
            "weight": [71.5, 80.2, 65.0, 90.1, 77.7, 68.3, 85.9, 74.4, 79.0, 70.6],
            "height": [PLANTED] + [170] * 9,
        }
    ).with_columns(pl.col("height") - pl.int_range(pl.len()))
    result = linear(table, "weight ~ height")
    assert_withheld(result, "minimum persons")
    assert "linear regression (differences)" in result.summary()


def test_linear_constant_or_non_numeric_outcome_is_an_input_error() -> None:
    table = pl.DataFrame({"weight": [float(PLANTED)] * 40, "height": range(40)})
    with pytest.raises(InputError, match="linear: outcome 'weight' is constant") as raised:
        linear(table, "weight ~ height")
    assert str(PLANTED) not in str(raised.value)
    with pytest.raises(InputError, match="outcome 'weight' has type"):
        linear(table.with_columns(pl.col("weight").cast(pl.String)), "weight ~ height")


def test_linear_exact_fit_is_an_input_error() -> None:
    table = pl.DataFrame({"total": [float(3 * index + PLANTED) for index in range(40)], "items": range(40)})
    with pytest.raises(InputError, match="fit the outcome exactly") as raised:
        linear(table, "total ~ items")
    assert str(PLANTED) not in str(raised.value)


def null_line(figure: Figure) -> float:
    (axes,) = figure.axes
    (dashed,) = [line for line in axes.lines if line.get_linestyle() == "--"]
    (x_value,) = set(np.asarray(dashed.get_xdata(), dtype=float).tolist())
    return float(x_value)


def test_linear_forest_plot_has_its_reference_line_at_zero_on_a_linear_axis() -> None:
    table = two_by_two(30, 20, 15, 35).with_columns(
        score=pl.Series([float(index % 17) for index in range(100)]) + pl.col("exposed").cast(pl.Float64)
    )
    result = linear(table, "score ~ exposed")
    figure = result.plot()
    assert null_line(figure) == 0.0
    assert figure.axes[0].get_xscale() == "linear"
    assert figure.axes[0].get_xlabel().startswith("difference")
    ratio_figure = logistic(table, "case ~ exposed").plot()
    assert null_line(ratio_figure) == 1.0
    assert ratio_figure.axes[0].get_xscale() == "log"


def test_linear_summary_and_html_name_differences_not_ratios() -> None:
    result = linear(two_by_two(30, 20, 15, 35), "case ~ exposed")
    summary = result.summary()
    assert summary.startswith("linear regression (differences): case ~ exposed")
    assert "n = 100, df model = 1, df residual = 98" in summary
    assert "r_squared" in summary
    page = result._repr_html_()
    assert "difference" in page
    assert "ratio" not in page
    assert "odds ratio" in logistic(two_by_two(30, 20, 15, 35), "case ~ exposed")._repr_html_()
