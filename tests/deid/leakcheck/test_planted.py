"""Hand-built inputs: a clean output passes, every planted identifier is found exactly."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from data_contracts import Method
from deid.leakcheck import IdentifierSet, LeakFinding, scan_for_leaks

from .conftest import clean_output, planted, wide_planted

Identifiers = dict[Method, IdentifierSet]

SH, LDS, ED = Method.SAFE_HARBOR, Method.LIMITED_DATA_SET, Method.EXPERT_DETERMINATION


@pytest.mark.parametrize("method", list(Method))
def test_clean_output_passes(tiny_identifiers: Identifiers, method: Method) -> None:
    report = scan_for_leaks({"persons": clean_output().lazy()}, tiny_identifiers[method])
    assert report.passed
    assert report.findings == ()
    assert report.cells_scanned == 6 * 20  # six string columns; the date column is all null


PLANTED = [
    # (value as written in the output, category), each against its own input form
    ("Chase Guerra", "name"),
    ("GUERRA, Chase", "name"),
    ("chase ricardo guerra", "name"),
    ("Tonya Whitfield", "name"),  # given + maiden name
    ("Vanessa Chaney", "name"),
    ("999931128", "ssn"),
    ("999-93-1128", "ssn"),
    ("999 93 9429", "ssn"),
    ("316.553.1419", "phone"),
    ("+1 (316) 553-1419", "phone"),
    ("612-346-1978 ext. 4", "phone"),
    ("CHASE.GUERRA89@INBOX.EXAMPLE.ORG", "email"),
    ("vanessa.chaney81@example.org", "email"),
    ("10314187", "mrn"),
    ("MRN: 1031-4187", "mrn"),
    ("46480876", "mrn"),
    ("s99961635153", "other_id"),
    ("2250 Ralph Mission", "street_address"),
    ("12 N. Main St.", "street_address"),
    ("4108 CARSON FIELD, Apt 2", "street_address"),
    ("1953-06-26", "birth_date"),
    ("06/26/1953", "birth_date"),
    ("1960-06-16T00:00:00Z", "birth_date"),
    ("67205", "zip5"),
    ("55407-1234", "zip5"),
    ("Wichita", "city"),
    ("Sedgwick County", "city"),
    ("3F957062-FDA2-49DF-B098-D1B14AB2D2F3", "record_id"),
    ("3f957062fda249dfb098d1b14ab2d2f3", "record_id"),
    ("0035g0000ABy8KS", "record_id"),  # the 15-character form of an 18-character Salesforce id
]


def test_every_planted_identifier_is_found_in_distinct_cells(tiny_identifiers: Identifiers) -> None:
    # Unique cells around the plants: every row is keyed.
    frame = wide_planted([value for value, _ in PLANTED], background=None, rows=(3, 11))
    report = scan_for_leaks({"persons": frame}, tiny_identifiers[SH])
    expected = [
        LeakFinding("persons", f"c{index}", category, 2) for index, (_, category) in enumerate(PLANTED)
    ]
    assert sorted(report.findings, key=str) == sorted(expected, key=str)


def test_every_planted_identifier_is_found_in_repetitive_cells(tiny_identifiers: Identifiers) -> None:
    # Few distinct values: keyed once per distinct value, counted by its rows.
    frame = wide_planted([value for value, _ in PLANTED], background="185345009", rows=(0, 1, 2))
    report = scan_for_leaks({"persons": frame}, tiny_identifiers[SH])
    expected = [
        LeakFinding("persons", f"c{index}", category, 3) for index, (_, category) in enumerate(PLANTED)
    ]
    assert sorted(report.findings, key=str) == sorted(expected, key=str)


def test_planted_identifier_is_found_in_a_categorical_column(tiny_identifiers: Identifiers) -> None:
    report = scan_for_leaks(planted("status", "999-93-1128"), tiny_identifiers[SH])
    assert report.findings == (LeakFinding("persons", "status", "ssn", 1),)


@pytest.mark.parametrize("value", ["1953-06-26", "67205", "Wichita", "Sedgwick County"])
def test_limited_data_set_keeps_dates_and_places(tiny_identifiers: Identifiers, value: str) -> None:
    report = scan_for_leaks(planted("comment", value), tiny_identifiers[LDS])
    assert report.passed


@pytest.mark.parametrize(("value", "category"), [("67205", "zip5"), ("Wichita", "city")])
def test_expert_determination_forbids_zip5_and_city(
    tiny_identifiers: Identifiers, value: str, category: str
) -> None:
    report = scan_for_leaks(planted("comment", value), tiny_identifiers[ED])
    assert report.findings == (LeakFinding("persons", "comment", category, 1),)


@pytest.mark.parametrize("method", list(Method))
def test_direct_identifiers_are_leaks_under_every_method(
    tiny_identifiers: Identifiers, method: Method
) -> None:
    report = scan_for_leaks(planted("comment", "Chase Guerra"), tiny_identifiers[method])
    assert [finding.category for finding in report.findings] == ["name"]


def test_identifiers_inside_long_text_are_found(tiny_identifiers: Identifiers) -> None:
    note = (
        "NURSING NOTE. Pt resting in bed, BP 115/94. Daughter and CHASE  GUERRA at bedside, "
        "updated on plan; call back on (316) 553-1419 or write to Chase.Guerra89@inbox.example.org. "
        "DOB June 26, 1953, MRN 10314187, lives at 2250 Ralph Mission, Wichita KS 67205."
    )
    report = scan_for_leaks(planted("comment", note), tiny_identifiers[SH])
    found = {finding.category for finding in report.findings}
    assert found == {"name", "phone", "email", "birth_date", "mrn", "street_address", "zip5"}
    assert {finding.cells for finding in report.findings} == {1}


def test_a_name_is_found_as_whole_words_only(tiny_identifiers: Identifiers) -> None:
    text = "The purchase guerrand order was placed for Chaseguerra Ltd; nothing about the patient here."
    report = scan_for_leaks(planted("comment", text), tiny_identifiers[SH])
    assert report.passed


def test_true_birth_date_in_a_date_column_under_safe_harbor(tiny_identifiers: Identifiers) -> None:
    report = scan_for_leaks(planted("birth_date", dt.date(1953, 6, 26)), tiny_identifiers[SH])
    assert report.findings == (LeakFinding("persons", "birth_date", "birth_date", 1),)


def test_true_birth_date_in_a_datetime_column_under_safe_harbor(tiny_identifiers: Identifiers) -> None:
    frame = pl.LazyFrame({"person_key": ["a1", "b2"], "born_at": [dt.datetime(1960, 6, 16, 8, 30), None]})
    report = scan_for_leaks({"persons": frame}, tiny_identifiers[SH])
    assert report.findings == (LeakFinding("persons", "born_at", "birth_date", 1),)


def test_unshifted_birth_dates_fail_expert_determination(tiny_identifiers: Identifiers) -> None:
    true_dates = [dt.date(1953, 6, 26), dt.date(1987, 3, 24), dt.date(1960, 6, 16)]
    identifiers = tiny_identifiers[ED]
    keys = ["a1", "b2", "c3"]
    unshifted = pl.LazyFrame({"person_key": keys, "birth_date": true_dates})
    report = scan_for_leaks({"persons": unshifted}, identifiers)
    assert report.findings == (LeakFinding("persons", "birth_date", "birth_date", 3),)
    shifted = [day + dt.timedelta(days=offset) for day, offset in zip(true_dates, (-12, 40, 3), strict=True)]
    assert scan_for_leaks(
        {"persons": pl.LazyFrame({"person_key": keys, "birth_date": shifted})}, identifiers
    ).passed


def test_date_columns_are_compared_in_person_level_tables_only(tiny_identifiers: Identifiers) -> None:
    # A campaign's start date is not about a person: it may equal someone's birth date.
    identifiers = tiny_identifiers[SH]
    campaigns = pl.LazyFrame({"campaign_key": ["k1"], "start_date": [dt.date(1953, 6, 26)]})
    assert scan_for_leaks({"crm_campaigns": campaigns}, identifiers).passed
    # ... but a date written in text is an identifier wherever it is.
    campaigns = campaigns.with_columns(name=pl.lit("Born 1953-06-26 campaign"))
    report = scan_for_leaks({"crm_campaigns": campaigns}, identifiers)
    assert report.findings == (LeakFinding("crm_campaigns", "name", "birth_date", 1),)


def test_numeric_columns_are_not_scanned(tiny_identifiers: Identifiers) -> None:
    frame = pl.LazyFrame({"zip": [67205], "mrn": [10314187]})
    report = scan_for_leaks({"persons": frame}, tiny_identifiers[SH])
    assert report.passed
    assert report.cells_scanned == 0


def test_several_tables_are_reported_in_order(tiny_identifiers: Identifiers) -> None:
    outputs = {
        "notes": pl.LazyFrame({"text": ["Call Vanessa Chaney today"]}),
        "activities": pl.LazyFrame({"subject": ["Re: 612 346 1978"], "body": ["ok"]}),
    }
    report = scan_for_leaks(outputs, tiny_identifiers[SH])
    assert report.findings == (
        LeakFinding("activities", "subject", "phone", 1),
        LeakFinding("notes", "text", "name", 1),
    )


def test_one_chance_coincidence_repeated_in_a_persons_records_is_not_a_leak(
    tiny_identifiers: Identifiers,
) -> None:
    # A newborn's four immunisations share a day; shifted, that day can land on someone
    # else's true birth date. It is one coincidence (one distinct date), not four.
    identifiers = tiny_identifiers[ED]
    coincidence = dt.date(1987, 3, 24)  # the true birth date of another person
    others = [dt.date(2001, 1, 5), dt.date(2002, 2, 6), dt.date(2003, 3, 7)]
    immunizations = pl.LazyFrame({"person_key": ["a1"] * 4 + ["c3"] * 3, "date": [coincidence] * 4 + others})
    assert scan_for_leaks({"immunizations": immunizations}, identifiers).passed
    # Three distinct true birth dates in the same column are still a leak.
    leaked = pl.LazyFrame(
        {"person_key": ["a1", "b2", "c3"], "date": [dt.date(1953, 6, 26), coincidence, dt.date(1960, 6, 16)]}
    )
    report = scan_for_leaks({"immunizations": leaked}, identifiers)
    assert [(f.table, f.column, f.category) for f in report.findings] == [
        ("immunizations", "date", "birth_date")
    ]
