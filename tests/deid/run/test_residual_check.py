"""The record-aware residual check in a run: a surviving full name fails it, a common-word name is counted.

The text engine is replaced by one that finds nothing, so each note leaves the scrubber
as it came in: what the residual check sees is exactly what the test planted. The
extract is EMR only, every note rewritten to a neutral sentence except the planted ones.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from data_contracts import Method
from data_contracts.errors import LeakGateError
from deid import pipeline as run_module
from deid.report import REPORT_FOLDER, REPORT_HTML, REPORT_JSON, failed_report_folder
from deid.synth import generate
from deid.text import KnownPhi, ScrubbedText
from healthtrove.cli import main

from .conftest import TEST_KEY, make_config

NEUTRAL = "Seen today. Stable, continue current plan."
GIVEN, FAMILY = "Zebulon", "Quackenbush"
"""The planted person's name: distinctive, so the report and messages can be searched for it."""


class _DetectsNothing:
    """A text engine that finds nothing: every text leaves the scrubber as it came in."""

    def scrub(
        self, texts: Sequence[str], known: Sequence[KnownPhi | None] | None = None, **_: object
    ) -> list[ScrubbedText]:
        return [ScrubbedText(text=text, spans=()) for text in texts]

    def analyze(self, texts: Sequence[str], known: object = None) -> list[list[object]]:
        return [[] for _ in texts]


@contextmanager
def _engine_finding_nothing(config: object, inputs: Mapping[str, object]) -> Iterator[_DetectsNothing]:
    yield _DetectsNothing()


@pytest.fixture(scope="module")
def base_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("residual-extract") / "x"
    generate(folder, patients=20, seed=31)
    return folder


@pytest.fixture
def no_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEALTHTROVE_KEY", TEST_KEY)
    monkeypatch.setattr(run_module, "_text_engine", _engine_finding_nothing)


def _planted(base: Path, tmp_path: Path, *, given: str, text: str) -> Path:
    """A copy of the extract where one patient is ``given FAMILY`` and their first note is ``text``."""
    copy = tmp_path / "x"
    shutil.copytree(base, copy)
    notes = pl.read_csv(copy / "emr" / "notes.csv", infer_schema=False)
    person = notes.get_column("PATIENT")[0]
    first_note = pl.int_range(pl.len()) == 0
    notes.with_columns(TEXT=pl.when(first_note).then(pl.lit(text)).otherwise(pl.lit(NEUTRAL))).write_csv(
        copy / "emr" / "notes.csv"
    )
    patients = pl.read_csv(copy / "emr" / "patients.csv", infer_schema=False)
    planted = pl.col("Id") == person
    patients.with_columns(
        FIRST=pl.when(planted).then(pl.lit(given)).otherwise("FIRST"),
        LAST=pl.when(planted).then(pl.lit(FAMILY)).otherwise("LAST"),
    ).write_csv(copy / "emr" / "patients.csv")
    return copy


def _report(folder: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((folder / REPORT_JSON).read_text())
    return report


def test_a_full_name_left_in_its_own_note_fails_deid_run_with_exit_8(
    base_extract: Path, tmp_path: Path, no_detection: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given + initial + family: a form only the record-aware check looks for.
    extract = _planted(base_extract, tmp_path, given=GIVEN, text=f"{GIVEN.upper()} Q. {FAMILY} seen today.")
    out = tmp_path / "out"
    flags = ["--emr", str(extract / "emr"), "--environment", str(extract / "environment"), "--out", str(out)]
    code = main(["deid", "run", *flags, "--method", "safe_harbor", "--text-workers", "1", "--report-risk"])
    error = capsys.readouterr().err
    assert code == LeakGateError.exit_code == 8
    assert "notes.text: residual_full_name in 1 cell(s)" in error
    assert not out.exists()
    folder = failed_report_folder(out)
    report = _report(folder)
    assert report["verdict"]["gates"]["leak_check"] == "fail"
    leak_check = report["residual"]["leak_check"]
    assert [(f["table"], f["column"], f["category"], f["cells"]) for f in leak_check["findings"]] == [
        ("notes", "text", "residual_full_name", 1)
    ]
    assert leak_check["record_aware"]["texts_checked"]["notes.text"] > 1
    names = checklist_row(report, "names")
    assert names["verdict"] == "leak found"
    for text in (error, (folder / REPORT_JSON).read_text(), (folder / REPORT_HTML).read_text()):
        assert GIVEN.lower() not in text.lower()
        assert FAMILY.lower() not in text.lower()


def checklist_row(report: Mapping[str, Any], identifier: str) -> Mapping[str, Any]:
    return next(row for row in report["safe_harbor"]["checklist"] if row["identifier"] == identifier)


def test_a_first_name_that_is_an_english_word_is_counted_not_failed(
    base_extract: Path, tmp_path: Path, no_detection: None
) -> None:
    extract = _planted(base_extract, tmp_path, given="Hope", text="Hope was seen today, doing well.")
    config = make_config(extract, tmp_path / "out", Method.SAFE_HARBOR, free_text="scrub", text_workers=1)
    result = run_module.run(config.model_copy(update={"crm": None}))
    assert result.leak_check.passed
    assert result.leak_check.common_word_texts == {"notes.text": 1}
    report = _report(result.out / REPORT_FOLDER)
    record_aware = report["residual"]["leak_check"]["record_aware"]
    assert record_aware["common_word_texts"] == {"notes.text": 1}
    assert record_aware["texts_checked"]["notes.text"] == result.leak_check.texts_checked["notes.text"]
    html = (result.out / REPORT_FOLDER / REPORT_HTML).read_text()
    assert "Record-aware residual check" in html
    assert "not for identifiers of people who are not in the record" in html
