"""JSON Lines input and output of `deid text`: validation by line number, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_contracts.entities import EntityType
from data_contracts.errors import InputError
from deid.text import KnownPhi, TextSpan
from deid.text._jsonl import read_records, write_records


def _write(tmp_path: Path, *lines: str | bytes) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join((line if isinstance(line, bytes) else line.encode()) + b"\n" for line in lines))
    return path


def _all(path: Path, batch_size: int = 2_048) -> list:  # type: ignore[type-arg]
    return [record for batch in read_records(path, batch_size=batch_size) for record in batch]


def test_records_are_read_in_order_with_optional_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        json.dumps({"id": "a", "text": "first"}),
        "",
        json.dumps({"id": 7, "text": "second", "known_phi": {"names": ["Ann Vale"]}, "person_id": "emr:p1"}),
    )
    first, second = _all(path)
    assert (first.id, first.text, first.known, first.line) == ("a", "first", None, 1)
    assert (second.id, second.known, second.person_id, second.line) == (
        7,
        KnownPhi(names=("Ann Vale",)),
        "emr:p1",
        3,
    )


def test_batches_follow_the_batch_size(tmp_path: Path) -> None:
    path = _write(tmp_path, *(json.dumps({"id": n, "text": "t"}) for n in range(5)))
    assert [len(batch) for batch in read_records(path, batch_size=2)] == [2, 2, 1]


def test_an_empty_file_gives_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert _all(path) == []


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": 1, "text": "secret words', "not valid JSON"),
        ('["id", "text"]', "JSON object"),
        ('{"text": "secret words"}', "'id'"),
        ('{"id": true, "text": "secret words"}', "'id'"),
        ('{"id": 1, "text": 42}', "'text'"),
        ('{"id": 1, "text": "secret words", "extra": 1}', "unknown fields"),
        ('{"id": 1, "text": "secret words", "known_phi": {"names": "Ann"}}', "known_phi.names"),
        ('{"id": 1, "text": "secret words", "known_phi": {"ssn": ["1"]}}', "unknown fields"),
        ('{"id": 1, "text": "secret words", "person_id": 3}', "person_id"),
    ],
)
def test_a_malformed_line_is_named_by_number_without_its_content(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = _write(tmp_path, json.dumps({"id": 0, "text": "fine"}), line)
    with pytest.raises(InputError, match=f"line 2: .*{problem}") as error:
        _all(path)
    assert "secret" not in str(error.value)


def test_invalid_utf8_is_named_by_line(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps({"id": 0, "text": "fine"}), b'{"id": 1, "text": "\xff\xfe"}')
    with pytest.raises(InputError, match="line 2: not valid UTF-8"):
        _all(path)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        _all(tmp_path / "absent.jsonl")


def test_a_one_megabyte_text_round_trips(tmp_path: Path) -> None:
    text = "lorem ipsum dolor " * 60_000
    path = _write(tmp_path, json.dumps({"id": "big", "text": text}))
    [record] = _all(path)
    assert record.text == text


def test_output_lines_hold_id_text_and_spans(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.jsonl"
    span = TextSpan(start=5, end=9, entity_type=EntityType.PERSON, score=0.85, source="X")
    with write_records(out) as write:
        write("a", "Saw [NAME]", (span,))
        write(2, "nothing", ())
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {
            "id": "a",
            "text": "Saw [NAME]",
            "spans": [{"start": 5, "end": 9, "entity_type": "PERSON", "score": 0.85, "source": "X"}],
        },
        {"id": 2, "text": "nothing", "spans": []},
    ]


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")

    def write_then_fail() -> None:
        with write_records(out) as write:
            write("a", "partial", ())
            message = "stop"
            raise RuntimeError(message)

    with pytest.raises(RuntimeError, match="stop"):
        write_then_fail()
    assert out.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [out]
