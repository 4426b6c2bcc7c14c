"""Bad input and faults: a clear error or a clean rerun, never a partial dataset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from data_contracts import (
    ConfigError,
    InputError,
    InputValidationError,
    KeyMissingError,
    Method,
)
from data_contracts.errors import LeakGateError
from deid import pipeline as run_module
from deid.pipeline import run
from deid.report import REPORT_HTML, REPORT_JSON, failed_report_folder

from .conftest import RunDeid, make_config


def _nothing_published(tmp_path: Path, out: Path) -> None:
    assert not out.exists()
    assert not list(tmp_path.glob(".*partial*"))
    assert not list(tmp_path.glob(".*work*"))


def test_missing_key_stops_before_any_work(
    extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HEALTHTROVE_KEY", raising=False)
    with pytest.raises(KeyMissingError):
        run(make_config(extract, tmp_path / "out", Method.SAFE_HARBOR))
    _nothing_published(tmp_path, tmp_path / "out")


def test_planted_leak_fails_the_run_publishes_nothing_and_the_report_says_so(
    run_deid: RunDeid, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = run_module.transform_table

    def leaky(frame: pl.LazyFrame, contract: object, state: object) -> pl.LazyFrame:
        out = original(frame, contract, state)  # type: ignore[arg-type]
        if getattr(contract, "name", "") == "patients":
            return out.with_columns(frame.select("SSN").collect().to_series().alias("note"))
        return out

    monkeypatch.setattr(run_module, "transform_table", leaky)
    out = tmp_path / "out"
    with pytest.raises(LeakGateError) as caught:
        run_deid(out, Method.SAFE_HARBOR)
    assert caught.value.exit_code == 8
    assert "patients.note: ssn" in str(caught.value)
    _nothing_published(tmp_path, out)
    report = json.loads((failed_report_folder(out) / REPORT_JSON).read_text())
    assert report["verdict"]["status"] == "fail"
    assert report["verdict"]["gates"]["leak_check"] == "fail"
    assert {"table": "patients", "column": "note", "category": "ssn"}.items() <= report["residual"][
        "leak_check"
    ]["findings"][0].items()
    assert report["free_text"]["excerpts"] == []
    html = (failed_report_folder(out) / REPORT_HTML).read_text()
    assert "NOT RELEASED" in html


def test_a_crash_mid_run_leaves_nothing_and_a_rerun_succeeds(
    run_deid: RunDeid, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"count": 0}
    original = run_module.write_table

    def crash_on_third(*args: object, **kwargs: object) -> int:
        calls["count"] += 1
        if calls["count"] == 3:
            raise KeyboardInterrupt
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "write_table", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_deid(tmp_path / "out", Method.SAFE_HARBOR)
    _nothing_published(tmp_path, tmp_path / "out")
    monkeypatch.setattr(run_module, "write_table", original)
    assert run_deid(tmp_path / "out", Method.SAFE_HARBOR).tables["patients"] == 250


def test_stale_staging_folder_of_a_killed_run_is_cleared(run_deid: RunDeid, tmp_path: Path) -> None:
    stale = tmp_path / ".out.partial-99999"
    stale.mkdir()
    (stale / "patients.parquet").write_bytes(b"half written")
    run_deid(tmp_path / "out", Method.SAFE_HARBOR)
    assert not stale.exists()


def _copy_extract(extract: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "x"
    shutil.copytree(extract, copy)
    return copy


def test_impossible_contact_birth_date_is_an_input_error(
    extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_extract(extract, tmp_path)
    contacts = pl.read_csv(copy / "crm" / "Contact.csv", infer_schema=False)
    contacts = contacts.with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("1990-02-30"))
        .otherwise("Birthdate")
        .alias("Birthdate")
    )
    contacts.write_csv(copy / "crm" / "Contact.csv")
    monkeypatch.setenv("HEALTHTROVE_KEY", "0123456789abcdef0123456789abcdef")
    with pytest.raises(InputValidationError, match=r"Birthdate.*1 rows fail") as caught:
        run(make_config(copy, tmp_path / "out", Method.SAFE_HARBOR))
    assert "1990-02-30" not in str(caught.value)
    _nothing_published(tmp_path, tmp_path / "out")


def test_duplicate_patient_ids_are_an_input_error(
    extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_extract(extract, tmp_path)
    patients = pl.read_csv(copy / "emr" / "patients.csv", infer_schema=False)
    pl.concat([patients, patients.head(2)]).write_csv(copy / "emr" / "patients.csv")
    monkeypatch.setenv("HEALTHTROVE_KEY", "0123456789abcdef0123456789abcdef")
    with pytest.raises(InputValidationError, match="primary key"):
        run(make_config(copy, tmp_path / "out", Method.SAFE_HARBOR))
    _nothing_published(tmp_path, tmp_path / "out")


def test_empty_or_missing_extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEALTHTROVE_KEY", "0123456789abcdef0123456789abcdef")
    empty = tmp_path / "empty"
    (empty / "emr").mkdir(parents=True)
    config = make_config(empty, tmp_path / "out", Method.SAFE_HARBOR)
    with pytest.raises(InputError, match="required table 'patients' not found"):
        run(config.model_copy(update={"crm": None, "environment": None}))
    with pytest.raises(InputError, match="extract folder not found"):
        run(make_config(tmp_path / "nowhere", tmp_path / "out", Method.SAFE_HARBOR))
    _nothing_published(tmp_path, tmp_path / "out")


def test_corrupt_table_is_an_input_error(
    extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_extract(extract, tmp_path)
    (copy / "emr" / "encounters.csv").write_bytes(b"\xff\xfe not utf-8 at all")
    monkeypatch.setenv("HEALTHTROVE_KEY", "0123456789abcdef0123456789abcdef")
    with pytest.raises(InputError, match="not valid UTF-8"):
        run(make_config(copy, tmp_path / "out", Method.SAFE_HARBOR))
    _nothing_published(tmp_path, tmp_path / "out")


def test_a_foreign_output_folder_is_never_replaced(run_deid: RunDeid, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("not ours")
    with pytest.raises(ConfigError, match="was not written by"):
        run_deid(out, Method.SAFE_HARBOR)
    assert (out / "thesis.docx").read_text() == "not ours"


def test_crosswalk_inside_the_output_is_refused(extract: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="crosswalk_dir must not be inside out"):
        make_config(
            extract,
            tmp_path / "out",
            Method.SAFE_HARBOR,
            pseudonyms="surrogate",
            crosswalk_dir=tmp_path / "out" / "cw",
        )
