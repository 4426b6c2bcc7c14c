"""The public API of the leak check is pinned."""

from __future__ import annotations

import dataclasses

import deid.leakcheck
from data_contracts import Method
from deid.leakcheck import LeakFinding, LeakReport


def test_public_names() -> None:
    assert deid.leakcheck.__all__ == [
        "IdentifierSet",
        "LeakFinding",
        "LeakReport",
        "ResidualCategory",
        "ResidualCounts",
        "ResidualSummary",
        "collect_identifiers",
        "residual_findings",
        "scan_for_leaks",
        "unreplaced_parts",
        "with_residual",
    ]
    for name in deid.leakcheck.__all__:
        assert hasattr(deid.leakcheck, name)


def test_report_is_frozen_and_sorted() -> None:
    findings = (LeakFinding("b", "x", "ssn", 1), LeakFinding("a", "y", "name", 2))
    report = LeakReport(
        method=Method.SAFE_HARBOR, values_checked={"ssn": 1}, cells_scanned=3, findings=findings
    )
    assert [finding.table for finding in report.findings] == ["a", "b"]
    assert not report.passed
    assert str(report).splitlines()[1:] == ["  - a.y: name in 2 cell(s)", "  - b.x: ssn in 1 cell(s)"]
    for frozen in (report, findings[0]):
        try:
            frozen.cells_scanned = 0  # type: ignore[misc,union-attr]
        except dataclasses.FrozenInstanceError:
            continue
        raise AssertionError
