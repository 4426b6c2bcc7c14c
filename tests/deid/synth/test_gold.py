"""gold_phi.jsonl: one line per text, sorted, and every span matches its text exactly."""

from __future__ import annotations

import json

import pytest

from deid.synth import SynthSummary
from tests.deid.synth.conftest import read_table

TEXT_COLUMNS = (
    ("emr", "notes", "TEXT"),
    ("crm", "Task", "Subject"),
    ("crm", "Task", "Description"),
    ("crm", "SurveyResponse__c", "Comment__c"),
)


@pytest.fixture(scope="module")
def gold(small_extract: SynthSummary) -> list[dict[str, object]]:
    lines = (small_extract.out_dir / "gold_phi.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_lines_sorted_and_unique(gold: list[dict[str, object]]) -> None:
    keys = [(str(record["table"]), str(record["column"]), str(record["id"])) for record in gold]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert {key[:2] for key in keys} == {(table, column) for _, table, column in TEXT_COLUMNS}


def test_every_span_matches_its_text(small_extract: SynthSummary, gold: list[dict[str, object]]) -> None:
    texts: dict[tuple[str, str, str], str] = {}
    for folder, table, column in TEXT_COLUMNS:
        frame = read_table(small_extract, folder, table).drop_nulls(column)
        texts |= {
            (table, column, row_id): text for row_id, text in zip(frame["Id"], frame[column], strict=True)
        }
    assert len(gold) == len(texts)
    spans = 0
    types: set[str] = set()
    for record in gold:
        text = texts[(str(record["table"]), str(record["column"]), str(record["id"]))]
        for span in record["spans"]:  # type: ignore[attr-defined]
            assert text[span["start"] : span["end"]] == span["value"]
            assert set(span) == {"start", "end", "type", "identifier", "value"}
            types.add(span["type"])
            spans += 1
    assert spans == small_extract.gold_spans
    assert {"PERSON", "DATE", "PHONE", "MRN"} <= types
