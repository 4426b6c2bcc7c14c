"""`healthtrove deid run` and `healthtrove demo` in-process: flags, config file, key, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deid.synth import generate
from healthtrove.cli import main

KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def small_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-extract") / "x"
    generate(folder, patients=40, seed=5)
    return folder


def _flags(extract: Path, out: Path) -> list[str]:
    folders = {"--emr": "emr", "--crm": "crm", "--environment": "environment"}
    return [
        *(item for flag, name in folders.items() for item in (flag, str(extract / name))),
        "--out",
        str(out),
    ]


def test_deid_run_with_a_key_file(
    small_extract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "project.key"
    key_file.write_text(KEY + "\n")
    out = tmp_path / "dataset"
    code = main(
        ["deid", "run", *_flags(small_extract, out), "--method", "safe_harbor", "--key-file", str(key_file)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "leak check passed" in captured.out
    assert (out / "manifest.json").exists()
    assert KEY not in captured.out + captured.err
    assert KEY not in (out / "manifest.json").read_text()


def test_deid_run_without_a_key_exits_6_and_writes_nothing(
    small_extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HEALTHTROVE_KEY", raising=False)
    out = tmp_path / "dataset"
    assert main(["deid", "run", *_flags(small_extract, out), "--method", "safe_harbor"]) == 6
    assert "no project key" in capsys.readouterr().err
    assert not out.exists()


def test_config_file_with_flags_winning(
    small_extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEALTHTROVE_KEY", KEY)
    config = tmp_path / "deid.yaml"
    config.write_text(
        f"emr: {small_extract / 'emr'}\ncrm: {small_extract / 'crm'}\nmethod: limited_data_set\n"
        f"out: {tmp_path / 'from-config'}\nshift:\n  max_days: 30\n"
    )
    assert (
        main(
            [
                *("deid", "run", "--config", str(config), "--method", "expert_determination"),
                *("--whole-weeks", "--report-risk"),
            ]
        )
        == 0
    )
    manifest = json.loads((tmp_path / "from-config" / "manifest.json").read_text())
    assert manifest["method"] == "expert_determination"
    assert "exposures" not in manifest["outputs"]  # no environment in the config file


def test_unknown_config_key_is_a_config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "deid.yaml"
    config.write_text("emr: x\nout: y\nmethod: safe_harbor\nmethd: typo\n")
    assert main(["deid", "run", "--config", str(config)]) == 3
    assert "methd" in capsys.readouterr().err


def test_demo_generates_validates_and_deidentifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--patients", "30"]) == 0
    printed = capsys.readouterr().out
    assert "verdict: PASS (leak check pass, risk reported)" in printed
    assert str(out / "dataset") in printed
    assert (out / "dataset" / "patients.parquet").exists()
    assert (out / "trusted" / "demo.key").exists()
    assert not list((out / "dataset").glob("*.key"))
    assert (out / "dataset" / "report" / "report.html").exists()
    assert f"report (open in a browser): {out / 'dataset' / 'report' / 'report.html'}" in printed
    assert "Cohort respiratory_adults_nebraska: attrition (counts 1 to 10 suppressed)" in printed
    assert (out / "cohorts" / "population" / "attrition.csv").exists()
    # 30 people are too few for the example study's model: the demo says so and still succeeds.
    assert "Example study channel_and_retention.yaml: not run:" in printed
    # The demo is the example pipeline: a rerun finds every stage up to date.
    assert main(["demo", "--out", str(out), "--patients", "30"]) == 0
    again = capsys.readouterr().out
    assert "  synth" in again
    assert again.count("skipped (up to date)") == 3


@pytest.mark.parametrize("method", ["limited_data_set", "expert_determination"])
def test_demo_runs_under_each_method_with_both_report_files(
    method: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    # A fixed key keeps the shifted dates, and so the run, the same on every test run.
    (out / "trusted").mkdir(parents=True)
    (out / "trusted" / "demo.key").write_text(KEY + "\n", encoding="utf-8")
    assert main(["demo", "--out", str(out), "--patients", "30", "--method", method]) == 0
    assert "verdict: PASS (leak check pass, risk reported)" in capsys.readouterr().out
    report = json.loads((out / "dataset" / "report" / "report.json").read_text())
    assert report["run"]["method"] == method
    assert (out / "dataset" / "report" / "report.html").exists()


def test_expert_determination_enforces_risk_and_report_only_rebuilds(
    small_extract: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEALTHTROVE_KEY", KEY)
    out = tmp_path / "dataset"
    flags = [*_flags(small_extract, out), "--free-text", "drop"]
    assert main(["deid", "run", *flags, "--method", "expert_determination"]) == 9
    captured = capsys.readouterr()
    assert "k = 1 is below the threshold 11" in captured.err
    assert not out.exists()
    assert (tmp_path / "dataset.failed-report" / "report.html").exists()

    assert (
        main(
            [
                "deid",
                "run",
                *flags,
                "--method",
                "expert_determination",
                "--quasi-identifiers",
                "sex",
                "--k",
                "2",
                "--highest-risk",
                "0.5",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "verdict: PASS (leak check pass, risk pass)" in printed
    assert str(out / "report" / "report.html") in printed
    assert not (tmp_path / "dataset.failed-report").exists()

    assert main(["deid", "run", "--report-only", "--out", str(out), "--enforce-risk"]) == 9
    report = json.loads((out / "report" / "report.json").read_text())
    assert report["verdict"]["gates"]["risk"] == "fail"
    assert (out / "patients.parquet").exists()
