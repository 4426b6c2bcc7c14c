"""`healthtrove deid text` in-process: the JSON Lines contract, methods, key handling, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deid.keys import ProjectKey
from deid.shifting import shift_days
from healthtrove.cli import cli, main

KEY = "0123456789abcdef0123456789abcdef"
NOTE = "Pt Zephyrine Quillfeather seen 03/14/2021, call 402-555-0187 re MRN 88123456."


def _input(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def _output(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _run(*args: str | Path) -> int:
    return main(["deid", "text", *(str(arg) for arg in args)])


def test_tags_replace_phi_and_spans_point_into_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = {"names": ["Zephyrine Quillfeather"], "mrns": ["88123456"]}
    source = _input(
        tmp_path, {"id": "n1", "text": NOTE, "known_phi": known}, {"id": 2, "text": "no phi here"}
    )
    out = tmp_path / "out.jsonl"
    assert _run("--in", source, "--out", out) == 0
    first, second = _output(out)
    assert first["id"] == "n1"
    text = str(first["text"])
    for value in ("Zephyrine", "Quillfeather", "03/14/2021", "402-555-0187", "88123456"):
        assert value not in text
    assert "[NAME]" in text
    assert "[DATE]" in text
    spans = first["spans"]
    assert isinstance(spans, list)
    covered = [NOTE[span["start"] : span["end"]] for span in spans]
    assert any("Quillfeather" in value for value in covered)
    assert {"start", "end", "entity_type", "score", "source"} == set(spans[0])
    assert second == {"id": 2, "text": "no phi here", "spans": []}
    captured = capsys.readouterr()
    assert "Scrubbed 2 texts" in captured.out
    assert "Quillfeather" not in captured.out + captured.err


def test_limited_data_set_keeps_dates(tmp_path: Path) -> None:
    source = _input(tmp_path, {"id": "n1", "text": NOTE})
    out = tmp_path / "out.jsonl"
    assert _run("--in", source, "--out", out, "--method", "limited_data_set") == 0
    [record] = _output(out)
    assert "03/14/2021" in str(record["text"])
    assert "402-555-0187" not in str(record["text"])


def test_expert_determination_shifts_dates_by_the_person_offset(tmp_path: Path) -> None:
    key_file = tmp_path / "project.key"
    key_file.write_text(KEY + "\n")
    known = {"names": ["Zephyrine Quillfeather"]}
    source = _input(tmp_path, {"id": "n1", "text": NOTE, "person_id": "emr:p-9", "known_phi": known})
    out = tmp_path / "out.jsonl"
    code = _run(
        "--in", source, "--out", out, "--method", "expert_determination", "--replace", "surrogate",
        "--key-file", key_file, "--max-shift-days", "30",
    )  # fmt: skip
    assert code == 0
    [record] = _output(out)
    offset = shift_days(
        "emr:p-9", key=ProjectKey(KEY.encode()).derive("date-shifts"), max_days=30, whole_weeks=False
    )
    expected = (dt.date(2021, 3, 14) + dt.timedelta(days=offset)).strftime("%m/%d/%Y")
    assert expected in str(record["text"])
    assert "Quillfeather" not in str(record["text"])
    assert "[NAME]" not in str(record["text"])


def test_surrogates_without_a_key_fail_with_the_key_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HEALTHTROVE_KEY", raising=False)
    out = tmp_path / "out.jsonl"
    assert (
        _run("--in", _input(tmp_path, {"id": 1, "text": NOTE}), "--out", out, "--replace", "surrogate") == 6
    )
    assert "HEALTHTROVE_KEY" in capsys.readouterr().err
    assert not out.exists()


def test_a_malformed_line_names_its_number_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": 1, "text": "fine"}) + '\n{"id": 2, "text": "Quillfeather\n', encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert _run("--in", source, "--out", out) == 4
    error = capsys.readouterr().err
    assert "line 2" in error
    assert "Quillfeather" not in error
    assert not out.exists()
    assert [path.name for path in tmp_path.iterdir()] == ["in.jsonl"]


def test_an_empty_input_gives_an_empty_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("")
    out = tmp_path / "out.jsonl"
    assert _run("--in", source, "--out", out) == 0
    assert out.read_text() == ""


def test_help_documents_the_contract() -> None:
    result = CliRunner().invoke(cli, ["deid", "text", "--help"])
    assert result.exit_code == 0
    for word in (
        "Example:",
        "--in",
        "--out",
        "--method",
        "--replace",
        "--workers",
        "--key-file",
        "known_phi",
        "spans",
    ):
        assert word in result.output


def test_balanced_policy_runs_the_detectors_alone(tmp_path: Path) -> None:
    # "kwabenaville" is on no list and no detector knows it: only the backstop replaces it.
    text = "pt stable, kwabenaville form reviewed today."
    source = _input(tmp_path, {"id": "n1", "text": text})
    high, balanced = tmp_path / "high.jsonl", tmp_path / "balanced.jsonl"
    assert _run("--in", source, "--out", high) == 0
    assert _run("--in", source, "--out", balanced, "--text-policy", "balanced") == 0
    assert "kwabenaville" not in str(_output(high)[0]["text"])
    assert _output(balanced)[0]["text"] == text
    assert [span["source"] for span in _output(high)[0]["spans"]] == ["SafeListBackstop"]
