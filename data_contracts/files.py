"""Find an input table's files in an extract folder and check they are readable text.

Checks here look at bytes, never at values: a file is missing, empty, or not UTF-8.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

from data_contracts.errors import InputError
from data_contracts.registry import TableContract

__all__ = ["SUFFIXES", "check_utf8", "find_table_files", "unclaimed_files"]

SUFFIXES = (".csv", ".parquet")
_CHUNK_BYTES = 1 << 24


def find_table_files(folder: Path, contract: TableContract) -> tuple[Path, ...]:
    """Return the files holding ``contract``'s table in ``folder``, sorted by name.

    ``patients.csv`` or ``patients.parquet`` for a plain stem; every match for a stem
    ending in ``*``. An empty tuple means the table is absent.

    Raises
    ------
    InputError
        If both a CSV and a Parquet file hold the same table (ambiguous).
    """
    found = sorted(
        path for suffix in SUFFIXES for path in folder.glob(f"{contract.file_stem}{suffix}") if path.is_file()
    )
    stems = [path.stem for path in found]
    if len(set(stems)) != len(stems):
        msg = (
            f"table {contract.name!r} is in {folder} as both CSV and Parquet; "
            "keep one of the two files so the input is unambiguous"
        )
        raise InputError(msg)
    return tuple(found)


def check_utf8(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is non-empty UTF-8 text.

    Reads the file in chunks with an incremental decoder, so memory stays bounded. The
    message gives the line number of the first bad byte, never the bytes.

    Raises
    ------
    InputError
        If the file is empty (no header) or not valid UTF-8.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    line = 1
    saw_text = False
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK_BYTES):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk[: error.start].count(b"\n")
                msg = (
                    f"{path}: not valid UTF-8 (first bad byte on line {line}); "
                    "re-export the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`"
                )
                raise InputError(msg) from None
            saw_text = saw_text or bool(text.strip())
            line += text.count("\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            msg = f"{path}: not valid UTF-8 (truncated character at the end of the file)"
            raise InputError(msg) from None
    if not saw_text:
        msg = f"{path}: the file is empty (no header row); export the table with its header"
        raise InputError(msg)


def unclaimed_files(folder: Path, contracts: Sequence[TableContract]) -> tuple[Path, ...]:
    """Return the table files in ``folder`` that no contract reads, sorted by name.

    They are never loaded (so never published); callers list them so a user can see
    what was left out, for example Synthea's ``devices.csv``.
    """
    claimed = {path for contract in contracts for path in find_table_files(folder, contract)}
    candidates = (path for suffix in SUFFIXES for path in folder.glob(f"*{suffix}") if path.is_file())
    return tuple(sorted(path for path in candidates if path not in claimed))
