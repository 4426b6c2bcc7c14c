"""Generated extracts: naive but correct outputs pass, copied identifiers fail."""

from __future__ import annotations

import polars as pl
import pytest

from data_contracts import Action, Method
from data_contracts.outputs import output_columns, output_table_name, output_tables
from deid.leakcheck import IdentifierSet, LeakFinding, collect_identifiers, scan_for_leaks


def _shift_days() -> pl.Expr:
    """A deterministic shift per row, 1 to 60 days either way, never zero."""
    step = (pl.int_range(pl.len()) * 37) % 120
    return pl.when(step < 60).then(step - 60).otherwise(step - 59)


def _naive(column_source: str, role: str, action: Action) -> pl.Expr:
    source = pl.col(column_source)
    if role == "key":
        return source.hash(seed=7).cast(pl.String).str.pad_start(20, "0")
    if role == "zip3":
        return source.str.slice(0, 3)
    if role == "flag":
        return pl.lit(value=False)
    if action is Action.SHIFT:
        shifted = source.dt.offset_by(pl.format("{}d", _shift_days()))
        return shifted.dt.year().cast(pl.Int32) if role == "year" else shifted
    if role == "year":
        return source.dt.year().cast(pl.Int32)
    return source


def naive_outputs(
    inputs: dict[str, pl.LazyFrame], method: Method, tables: set[str] | None = None
) -> dict[str, pl.LazyFrame]:
    """Every output table (or those of ``tables``), built the simplest correct way."""
    outputs = {}
    for contract in output_tables():
        if tables is not None and contract.name not in tables:
            continue
        columns = output_columns(contract, method, free_text=False)  # text: tests/deid/run
        if contract.name in inputs and columns:
            expressions = [
                _naive(column.source, column.role, column.action).alias(column.name) for column in columns
            ]
            outputs[output_table_name(contract)] = inputs[contract.name].select(expressions)
    return outputs


@pytest.fixture(scope="module")
def identifiers(generated: dict[str, pl.LazyFrame]) -> dict[Method, IdentifierSet]:
    return {method: collect_identifiers(generated, method=method) for method in Method}


def test_safe_columns_pass(
    generated: dict[str, pl.LazyFrame], identifiers: dict[Method, IdentifierSet]
) -> None:
    encounters = generated["encounters"].select("CODE", "DESCRIPTION", "ENCOUNTERCLASS")
    report = scan_for_leaks({"encounters": encounters}, identifiers[Method.SAFE_HARBOR])
    assert report.passed
    assert report.cells_scanned == 3 * generated["encounters"].select(pl.len()).collect().item()


def test_safe_harbor_finds_copied_emails_and_surnames_only(
    generated: dict[str, pl.LazyFrame], identifiers: dict[Method, IdentifierSet]
) -> None:
    outputs = naive_outputs(generated, Method.SAFE_HARBOR)
    contacts = generated["Contact"]
    outputs["crm_contacts"] = outputs["crm_contacts"].with_columns(
        contacts.select("Email").collect().to_series()
    )
    outputs["patients"] = outputs["patients"].with_columns(
        generated["patients"].select("LAST").collect().to_series()
    )
    report = scan_for_leaks(outputs, identifiers[Method.SAFE_HARBOR])
    emails = contacts.select(pl.col("Email").is_not_null().sum()).collect().item()
    patients = generated["patients"].select(pl.len()).collect().item()
    assert LeakFinding("crm_contacts", "Email", "email", emails) in report.findings
    assert LeakFinding("patients", "LAST", "name_part", patients) in report.findings
    # Nothing else is flagged, though a surname may also be a city (Jackson, Lincoln).
    assert {(finding.table, finding.column) for finding in report.findings} == {
        ("crm_contacts", "Email"),
        ("patients", "LAST"),
    }


def test_limited_data_set_keeps_dates_and_places(
    generated: dict[str, pl.LazyFrame], identifiers: dict[Method, IdentifierSet]
) -> None:
    # The tables where a limited data set keeps dates, cities and ZIP5.
    tables = {"patients", "encounters", "Contact", "providers", "organizations", "Task"}
    outputs = naive_outputs(generated, Method.LIMITED_DATA_SET, tables)
    assert {"birthdate", "city", "county", "zip"} <= set(outputs["patients"].collect_schema())
    report = scan_for_leaks(outputs, identifiers[Method.LIMITED_DATA_SET])
    assert report.passed, str(report)


def test_expert_determination_tells_shifted_from_true_birth_dates(
    generated: dict[str, pl.LazyFrame], identifiers: dict[Method, IdentifierSet]
) -> None:
    tables = {"patients", "encounters", "conditions", "Contact", "Task", "appointments"}
    outputs = naive_outputs(generated, Method.EXPERT_DETERMINATION, tables)
    true_dates = generated["patients"].select("BIRTHDATE").collect().to_series()
    # Shifted dates match true ones (someone else's) by chance; plain membership would fail:
    shifted = outputs["patients"].select("birthdate").collect().to_series()
    visits = outputs["encounters"].select(pl.col("start").dt.date()).collect().to_series()
    assert shifted.is_in(true_dates.implode()).any() or visits.is_in(true_dates.implode()).any()
    # ... but the excess over chance is nil, and a table of unshifted birth dates stands out.
    outputs["unshifted"] = outputs["patients"].select("person_key", true_dates.alias("birth_date"))
    report = scan_for_leaks(outputs, identifiers[Method.EXPERT_DETERMINATION])
    assert [(f.table, f.column, f.category) for f in report.findings] == [
        ("unshifted", "birth_date", "birth_date")
    ]
    assert report.findings[0].cells > 0.9 * len(true_dates)
