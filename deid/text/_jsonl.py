"""The JSON Lines files of ``healthtrove deid text``: records in, scrubbed records out.

Each input line is an object ``{"id": ..., "text": ..., "known_phi": {...}, "person_id": ...}``:
``id`` (a string or integer) and ``text`` are required; ``known_phi`` (lists of strings
under :class:`~deid.text.KnownPhi` field names) and ``person_id`` (the canonical person
identifier that keys surrogates and date shifts) are optional. Blank lines are skipped.
A malformed line stops the read with an :class:`~data_contracts.errors.InputError`
naming the file and line number, never the content.

Each output line is ``{"id": ..., "text": <scrubbed>, "spans": [{"start", "end",
"entity_type", "score", "source"}]}`` with offsets into the input text. The output is
written to a temporary file beside the target and renamed into place when complete, so
a failed run leaves no partial file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

from data_contracts.errors import InputError
from deid.text._spans import KnownPhi, TextSpan

__all__ = ["TextRecord", "read_records", "write_records"]

_KNOWN_FIELDS = frozenset(field.name for field in fields(KnownPhi))
_RECORD_FIELDS = frozenset({"id", "text", "known_phi", "person_id"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRecord:
    """One input line.

    Parameters
    ----------
    line
        Its line number (from 1).
    id
        The caller's identifier, echoed in the output.
    text
        The text to scrub.
    known
        Identifiers known from the linked record, if given.
    person_id
        Canonical identifier of the person the text is about, if given.
    """

    line: int
    id: str | int
    text: str
    known: KnownPhi | None = None
    person_id: str | None = None


def _fail(path: Path, line: int, problem: str) -> InputError:
    return InputError(f"{path} line {line}: {problem}")


def _known_phi(path: Path, line: int, value: object) -> KnownPhi | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _fail(path, line, "'known_phi' must be an object of lists of strings")
    unknown = sorted(set(value) - _KNOWN_FIELDS)
    if unknown:
        allowed = ", ".join(sorted(_KNOWN_FIELDS))
        raise _fail(path, line, f"'known_phi' has unknown fields {unknown}; allowed: {allowed}")
    lists: dict[str, tuple[str, ...]] = {}
    for name, items in value.items():
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise _fail(path, line, f"'known_phi.{name}' must be a list of strings")
        lists[name] = tuple(items)
    return KnownPhi(**lists)


def _record(path: Path, line: int, raw: str) -> TextRecord:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _fail(path, line, f"not valid JSON (column {error.colno})") from None
    if not isinstance(value, dict):
        raise _fail(path, line, "each line must be a JSON object with 'id' and 'text'")
    unknown = sorted(set(value) - _RECORD_FIELDS)
    if unknown:
        raise _fail(path, line, f"unknown fields {unknown}; allowed: {sorted(_RECORD_FIELDS)}")
    identifier = value.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int):
        raise _fail(path, line, "'id' is missing or not a string or integer")
    text = value.get("text")
    if not isinstance(text, str):
        raise _fail(path, line, "'text' is missing or not a string")
    person_id = value.get("person_id")
    if person_id is not None and not isinstance(person_id, str):
        raise _fail(path, line, "'person_id' must be a string")
    known = _known_phi(path, line, value.get("known_phi"))
    return TextRecord(line=line, id=identifier, text=text, known=known, person_id=person_id)


def read_records(path: Path, *, batch_size: int = 2_048) -> Iterator[list[TextRecord]]:
    """Yield the records of a JSON Lines file in batches, in file order.

    Parameters
    ----------
    path
        The input file (UTF-8).
    batch_size
        Records per yielded batch.

    Raises
    ------
    InputError
        If the file cannot be read, or a line is not UTF-8 or not a valid record.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        msg = f"cannot read {path} ({type(error).__name__}); check the path and permissions"
        raise InputError(msg) from None
    batch: list[TextRecord] = []
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                decoded = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _fail(path, number, "not valid UTF-8") from None
            if not decoded.strip():
                continue
            batch.append(_record(path, number, decoded))
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def _span_fields(span: TextSpan) -> dict[str, object]:
    return {
        "start": span.start,
        "end": span.end,
        "entity_type": span.entity_type.value,
        "score": span.score,
        "source": span.source,
    }


@contextmanager
def write_records(path: Path) -> Iterator[Callable[[str | int, str, tuple[TextSpan, ...]], None]]:
    r"""Yield a function writing one output line; the file appears only if the block succeeds.

    Parameters
    ----------
    path
        The output file; its folder is created if needed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> with write_records(out) as write:
    ...     write("n1", "Call [PHONE]", ())
    >>> out.read_text()
    '{"id": "n1", "text": "Call [PHONE]", "spans": []}\n'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:

            def write(identifier: str | int, text: str, spans: tuple[TextSpan, ...]) -> None:
                line = {"id": identifier, "text": text, "spans": [_span_fields(span) for span in spans]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")

            yield write
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
