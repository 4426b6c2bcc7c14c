"""Every analysis result's HTML: the marker where cells are hidden, floats to four significant figures."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Protocol

import numpy as np
import polars as pl
import pytest

from analysis import conditional_logistic, correlate, incidence_rates, logistic, predict
from analysis._html import result_html
from cohorts.disclosure import DisclosurePolicy

MARKER = DisclosurePolicy().marker


class _Result(Protocol):
    def _repr_html_(self) -> str: ...


class Shown:
    """A result built on small data, with its tidy table and the column marking hidden rows."""

    def __init__(self, result: _Result, table: pl.DataFrame, mask: str) -> None:
        self.page = result._repr_html_()
        self.table = table
        self.mask = mask


def _correlation() -> Shown:
    age = [float(value) for value in range(20)]
    visits = [value % 7 if value < 5 else None for value in range(20)]  # 5 complete pairs with visits
    weight = [60.0 + 1.3 * value + (value % 3) for value in range(20)]
    result = correlate(
        pl.DataFrame({"age": age, "visits": visits, "weight": weight}), ["age", "visits", "weight"]
    )
    return Shown(result, result.table(), "suppressed")


def _rates() -> Shown:
    table = pl.DataFrame(
        {"group": ["a"] * 3 + ["b"] * 30 + ["c"] * 30, "events": [9] * 63, "years": [1.0] * 63}
    )
    result = incidence_rates(table, events="events", person_time="years", by=["group"], per=7.0)
    return Shown(result, result.table(), "suppressed")


def _models_withheld() -> Shown:
    table = pl.DataFrame({"case": [1, 0, 0, 0] * 15, "exposed": [1, 1, 0, 0, 0] * 12, "age": range(60)})
    result = logistic(table, "case ~ exposed + age")
    return Shown(result, result.table(), "withheld")


def _models_released() -> Shown:
    generator = np.random.default_rng(3)
    exposed = generator.integers(0, 2, 400)
    case = (generator.random(400) < 0.2 + 0.25 * exposed).astype(int)
    result = logistic(pl.DataFrame({"case": case, "exposed": exposed}), "case ~ exposed")
    return Shown(result, result.table(), "withheld")


def _casecrossover_suppressed() -> Shown:
    data = pl.DataFrame({"stratum": [1, 1], "case": [1, 0], "pm10": [30.0, 20.0]})
    result = conditional_logistic(data, exposures=["pm10"])
    return Shown(result, result.table(), "suppressed")


def _casecrossover_released() -> Shown:
    generator = np.random.default_rng(5)
    strata = 300
    pm10 = generator.gamma(4.0, 8.0, (strata, 4))
    weights = np.exp(0.03 * pm10)
    chosen = [generator.choice(4, p=row / row.sum()) for row in weights]
    data = pl.DataFrame(
        {
            "stratum": np.repeat(np.arange(strata), 4),
            "case": [int(day == chosen[index]) for index in range(strata) for day in range(4)],
            "pm10": pm10.ravel(),
        }
    )
    result = conditional_logistic(data, exposures=["pm10"], per=10.0)
    return Shown(result, result.table(), "suppressed")


def _prediction_withheld() -> Shown:
    result = predict(
        pl.DataFrame({"case": [1, 0] * 10, "age": list(range(20))}), outcome="case", features=["age"]
    )
    return Shown(result, result.table(), "withheld")


def _prediction_released() -> Shown:
    generator = np.random.default_rng(7)
    risk = generator.normal(size=300)
    case = (generator.random(300) < 1.0 / (1.0 + np.exp(-2.0 * risk))).astype(int)
    result = predict(pl.DataFrame({"case": case, "risk": risk}), outcome="case", features=["risk"])
    return Shown(result, result.table(), "withheld")


BUILDERS: dict[str, Callable[[], Shown]] = {
    "correlation": _correlation,
    "rates": _rates,
    "models withheld": _models_withheld,
    "models released": _models_released,
    "case-crossover suppressed": _casecrossover_suppressed,
    "case-crossover released": _casecrossover_released,
    "prediction withheld": _prediction_withheld,
    "prediction released": _prediction_released,
}


def _cells(page: str) -> tuple[list[str], list[list[str]]]:
    header = [html.unescape(cell) for cell in re.findall(r"<th>(.*?)</th>", page)]
    body = page.split("<tbody>", 1)[1]
    rows = [
        [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]
    return header, rows


def _significant_digits(text: str) -> int:
    mantissa = re.split("[eE]", text.lstrip("-"))[0]
    return len(mantissa.replace(".", "").strip("0"))


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_hidden_cells_show_the_marker_and_floats_four_significant_figures(build: Callable[[], Shown]) -> None:
    shown = build()
    header, rows = _cells(shown.page)
    assert len(header) == shown.table.width
    assert len(rows) == shown.table.height
    assert '"' not in shown.page.split("<tbody>", 1)[1]
    assert "&quot;" not in shown.page
    hidden = 0
    for values, cells in zip(shown.table.iter_rows(named=True), rows, strict=True):
        for (name, value), cell in zip(values.items(), cells, strict=True):
            dtype = shown.table.schema[name]
            if values[shown.mask] and dtype.is_numeric() and value is None:
                assert cell == MARKER, (name, cell)
                hidden += 1
            elif dtype.is_float() and value is not None:
                assert _significant_digits(cell) <= 4, (name, cell)
                assert float(cell) == pytest.approx(value, rel=5e-4), (name, cell)
            elif dtype.is_integer() and value is not None:
                assert cell == str(value)
    assert hidden == shown.page.count(f"<td>{MARKER}</td>")
    assert hidden > 0 or not shown.table[shown.mask].any()


def test_the_table_is_escaped_and_unquoted() -> None:
    frame = pl.DataFrame(
        {"term<i>": ['a "b" & c', None], "estimate": [1234.5678, None], "withheld": [False, True]}
    )
    page = result_html(
        frame,
        DisclosurePolicy(marker="<hidden>"),
        hidden=["estimate"],
        suppressed="withheld",
        caption="x & y\nz",
        css_class="t",
    )
    assert page.startswith('<table class="t"><caption>x &amp; y<br>z</caption>')
    assert "<th>term&lt;i&gt;</th>" in page
    assert "<tr><td>a &quot;b&quot; &amp; c</td><td>1235</td><td>false</td></tr>" in page
    assert "<tr><td></td><td>&lt;hidden&gt;</td><td>true</td></tr>" in page
