"""The CLI in-process: help with examples, exit codes by error class, no PHI in output."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from data_contracts import InputValidationError
from data_contracts.errors import exit_codes
from healthtrove.cli import main
from tests.data_contracts.conftest import ENCOUNTERS, PATIENTS, write_csv


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["synth"],
        ["contracts"],
        ["contracts", "validate"],
        ["deid"],
        ["deid", "run"],
        ["deid", "text"],
        ["demo"],
    ],
)
def test_help_shows_an_example(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    assert "Example:" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "healthtrove, version" in capsys.readouterr().out


def _extract(tmp_path: Path, patients: pl.DataFrame = PATIENTS) -> Path:
    write_csv(patients, tmp_path / "extract" / "emr" / "patients")
    write_csv(ENCOUNTERS, tmp_path / "extract" / "emr" / "encounters")
    return tmp_path / "extract"


def test_validate_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contracts", "validate", str(_extract(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "emr/patients" in out
    assert "2 tables, 7 rows: all valid" in out


def test_contract_break_exits_5_without_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = PATIENTS.with_columns(pl.Series("BIRTHDATE", ["1931-04-12", "1980-13-45", "1990-02-30"]))
    code = main(["contracts", "validate", str(_extract(tmp_path, bad))])
    captured = capsys.readouterr()
    assert code == exit_codes()["InputValidationError"] == InputValidationError.exit_code
    assert "rule 'parses as a date" in captured.err
    assert "2 rows fail" in captured.err
    assert "Traceback" not in captured.err
    for value in ("1980-13-45", "1990-02-30", "Givenone", "999-11-0001"):
        assert value not in captured.err + captured.out


def test_folder_without_extracts_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contracts", "validate", str(tmp_path)]) == 2
    assert "holds none of the extract folders" in capsys.readouterr().err


def test_bad_mapping_file_is_a_config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("tables: {patients: {a: b}}\nunknown_key: 1\n")
    assert main(["contracts", "validate", str(_extract(tmp_path)), "--mapping", str(mapping)]) == 3
    assert "unknown_key" in capsys.readouterr().err


def test_mapping_file_renames_site_headers(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("tables:\n  patients:\n    Surname: LAST\n")
    extract = _extract(tmp_path, PATIENTS.rename({"LAST": "Surname"}))
    assert main(["contracts", "validate", str(extract), "--mapping", str(mapping)]) == 0


def test_docs_check_detects_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "contracts.md"
    assert main(["contracts", "docs", "--out", str(target), "--check"]) == 3
    assert main(["contracts", "docs", "--out", str(target)]) == 0
    assert main(["contracts", "docs", "--out", str(target), "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_contracts_list_names_every_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contracts", "list"]) == 0
    out = capsys.readouterr().out
    for stem in ("patients", "Contact", "SurveyResponse__c", "daily_aqi_by_county*", "notes", "appointments"):
        assert stem in out


def test_bug_messages_are_withheld_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        msg = "conversion failed for values: ['Givenone']"
        raise ValueError(msg)

    monkeypatch.setattr("healthtrove.cli._print_summary", explode)
    monkeypatch.delenv("HEALTHTROVE_SHOW_ERRORS", raising=False)
    assert main(["contracts", "validate", str(_extract_for_bug(monkeypatch))]) == 70
    err = capsys.readouterr().err
    assert "ValueError" in err
    assert "Givenone" not in err
    monkeypatch.setenv("HEALTHTROVE_SHOW_ERRORS", "1")
    assert main(["contracts", "validate", str(_extract_for_bug(monkeypatch))]) == 70
    assert "Givenone" in capsys.readouterr().err


def _extract_for_bug(monkeypatch: pytest.MonkeyPatch) -> Path:
    import tempfile  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp())
    monkeypatch.chdir(folder)
    return _extract(folder)


def test_synth_writes_a_valid_extract_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "extract"
    assert main(["synth", "--patients", "20", "--seed", "3", "--out", str(out), "--format", "parquet"]) == 0
    assert "Generated 23 tables" in capsys.readouterr().out
    assert (out / "emr" / "patients.parquet").is_file()
    assert (out / "gold_phi.jsonl").is_file()
    assert main(["contracts", "validate", str(out)]) == 0


def test_validate_one_folder_by_kind_lists_unread_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _extract(tmp_path) / "emr"
    write_csv(PATIENTS.select("Id"), folder / "devices")
    assert main(["contracts", "validate", str(folder), "--source", "emr"]) == 0
    out = capsys.readouterr().out
    assert "1 files have no contract and were not read: devices.csv" in out
    assert "2 tables, 7 rows: all valid" in out
