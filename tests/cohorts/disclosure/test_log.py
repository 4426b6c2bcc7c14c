"""CheckEntry and OutputLog: immutable entries, JSON and HTML renderings."""

from __future__ import annotations

import json

import pytest

from cohorts.disclosure import CheckEntry, OutputLog

ENTRY = CheckEntry("sex <by> region", "primary", 9, 1, "counts of 1 to 10 suppressed")


def _log(*entries: CheckEntry) -> OutputLog:
    log = OutputLog()
    log.add(*entries)
    return log


def test_add_collects_entries_in_order() -> None:
    other = CheckEntry("sex", "complementary", 9, 1, "further counts suppressed")
    log = OutputLog([ENTRY])
    assert log.add(other) is log
    log.add(ENTRY)
    assert list(log) == [ENTRY, other, ENTRY]
    assert log.entries == (ENTRY, other, ENTRY)
    assert repr(log) == "OutputLog(3 entries)"


def test_add_refuses_anything_but_entries() -> None:
    with pytest.raises(TypeError, match="CheckEntry"):
        OutputLog().add(7)  # type: ignore[arg-type]


def test_to_json_round_trips_the_entries() -> None:
    log = _log(ENTRY)
    assert json.loads(log.to_json()) == log.to_dict()
    assert log.to_dict() == [
        {
            "output": "sex <by> region",
            "rule": "primary",
            "cells_checked": 9,
            "cells_suppressed": 1,
            "detail": "counts of 1 to 10 suppressed",
        }
    ]


def test_to_html_is_a_table_with_escaped_fields() -> None:
    page = _log(ENTRY).to_html()
    assert page.startswith('<table class="output-checking-log">')
    assert "sex &lt;by&gt; region" in page
    assert "<by>" not in page
    assert page.count("<tr>") == 2


def test_entries_are_frozen() -> None:
    with pytest.raises(AttributeError):
        ENTRY.cells_suppressed = 0  # type: ignore[misc]
