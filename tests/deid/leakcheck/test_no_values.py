"""Reports, reprs and logs carry table, column, category and counts: never a value."""

from __future__ import annotations

import logging

import polars as pl
import pytest

from data_contracts import Method
from deid.leakcheck import IdentifierSet, collect_identifiers, scan_for_leaks

from .conftest import wide_planted
from .test_planted import PLANTED

NORMALISED = [
    "chase guerra",
    "999931128",
    "3165531419",
    "10314187",
    "chase.guerra89",
    "2250 ralph",
    "1953-06-26",
    "67205",
    "wichita",
    "3f957062",
    "0035g0000",
    "s99961635153",
]


def assert_no_value(text: str) -> None:
    lowered = text.lower()
    for value, _ in PLANTED:
        assert str(value).lower() not in lowered
    for value in NORMALISED:
        assert value not in lowered


def test_report_finding_and_identifier_texts_hold_no_value(
    tiny_inputs: dict[str, pl.LazyFrame], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    identifiers = collect_identifiers(tiny_inputs, method=Method.SAFE_HARBOR)
    report = scan_for_leaks(
        {"persons": wide_planted([v for v, _ in PLANTED], background=None, rows=(1,))}, identifiers
    )
    assert len(report.findings) == len(PLANTED)
    texts = [str(report), repr(report), str(identifiers), repr(identifiers)]
    texts += [str(finding) for finding in report.findings] + [repr(finding) for finding in report.findings]
    texts += [record.getMessage() for record in caplog.records]
    for text in texts:
        assert_no_value(text)


def test_identifier_set_repr_shows_counts_only(tiny_inputs: dict[str, pl.LazyFrame]) -> None:
    identifiers = collect_identifiers(tiny_inputs, method=Method.LIMITED_DATA_SET)
    assert repr(identifiers) == (
        "IdentifierSet(method=limited_data_set, name=9, name_part=8, ssn=2, mrn=3, phone=3, email=2, "
        "street_address=3, other_id=1, record_id=4)"
    )
    assert isinstance(identifiers, IdentifierSet)
