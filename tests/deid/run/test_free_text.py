"""Free-text columns go through the text engine in a run, and the leak check passes."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import polars as pl
import pytest

from data_contracts import Method, Source, load_tables
from deid.pipeline import DeidResult

TEXT_COLUMNS = {
    "notes": ["text"],
    "crm_tasks": ["subject", "description"],
    "crm_survey_responses": ["comment"],
}


def _table(result: DeidResult, name: str) -> pl.DataFrame:
    return pl.read_parquet(result.out / f"{name}.parquet")


@pytest.mark.parametrize("method", list(Method))
def test_text_columns_are_scrubbed_and_the_leak_check_passes(
    scrubbed: dict[Method, DeidResult], method: Method
) -> None:
    result = scrubbed[method]
    assert result.leak_check.passed
    manifest = json.loads(result.manifest.read_text())
    summary = manifest["free_text"]
    assert summary["action"] == "scrub"
    assert summary["texts"]["notes.TEXT"] > 0
    assert summary["replaced"]["notes.TEXT"]["PERSON"] > 0
    for table, columns in TEXT_COLUMNS.items():
        frame = _table(result, table)
        for column in columns:
            assert frame[column].null_count() < frame.height
    assert "free_text" not in manifest["columns_dropped"]


def test_no_patient_full_name_survives_in_notes(
    small_extract: Path, scrubbed: dict[Method, DeidResult]
) -> None:
    patients = load_tables(small_extract / "emr", Source.EMR)["patients"].frame.collect()
    names = {f"{first} {last}".lower() for first, last in patients.select("FIRST", "LAST").iter_rows()}
    for result in scrubbed.values():
        texts = " \n ".join(_table(result, "notes")["text"].drop_nulls().to_list()).lower()
        words = re.findall(r"[a-z]+", texts)
        pairs = {f"{first} {last}" for first, last in itertools.pairwise(words)}
        assert not names & pairs
        assert "[name]" in texts


def test_tags_name_the_entity_type(scrubbed: dict[Method, DeidResult]) -> None:
    notes = " ".join(_table(scrubbed[Method.SAFE_HARBOR], "notes")["text"].drop_nulls().to_list())
    assert "[NAME]" in notes
    assert "[DATE]" in notes


def test_limited_data_set_keeps_dates_in_text(scrubbed: dict[Method, DeidResult]) -> None:
    manifest = json.loads(scrubbed[Method.LIMITED_DATA_SET].manifest.read_text())
    replaced = manifest["free_text"]["replaced"]
    assert all("DATE" not in by_type for by_type in replaced.values())
    safe_harbor = json.loads(scrubbed[Method.SAFE_HARBOR].manifest.read_text())["free_text"]["replaced"]
    assert any("DATE" in by_type for by_type in safe_harbor.values())
