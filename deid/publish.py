"""Write a dataset into a staging folder and rename it into place only when complete.

A run never leaves a partial dataset in its output folder: tables are written to a
hidden sibling ``.<out>.partial-<pid>``, which replaces ``out`` in one rename at the
end. A staging folder left by a killed run is removed by the next run. An existing
output is replaced only if an earlier run of this stage wrote it (its manifest says so).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import polars as pl

from data_contracts.errors import ConfigError

__all__ = [
    "MANIFEST_FILE",
    "MANIFEST_KIND",
    "file_sha256",
    "publish",
    "staging_folder",
    "working_folder",
    "write_table",
]

MANIFEST_FILE = "manifest.json"
MANIFEST_KIND = "healthtrove-deid-dataset"
_HASH_CHUNK = 1 << 22


def _fresh_sibling(out: Path, kind: str) -> Path:
    """Create an empty hidden folder ``.<out>.<kind>-<pid>`` beside ``out``, clearing stale ones."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.{kind}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    folder = out.parent / f".{out.name}.{kind}-{os.getpid()}"
    folder.mkdir(mode=0o700)
    return folder


def staging_folder(out: Path) -> Path:
    """Create and return an empty staging folder beside ``out``, clearing stale ones."""
    return _fresh_sibling(out, "partial")


def working_folder(out: Path) -> Path:
    """Create a trusted working folder beside ``out`` for typed copies of the inputs.

    It holds identifiable data: the run deletes it when it ends, and the next run
    deletes any left by a killed run.
    """
    return _fresh_sibling(out, "work")


def _written_by_us(folder: Path) -> bool:
    manifest = folder / MANIFEST_FILE
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")).get("kind") == MANIFEST_KIND)
    except (OSError, ValueError):
        return False


def publish(staging: Path, out: Path) -> None:
    """Move the finished ``staging`` folder to ``out`` (replacing an earlier output).

    Raises
    ------
    ConfigError
        If ``out`` exists, is not empty and was not written by this stage.
    """
    if out.exists():
        if any(out.iterdir()) and not _written_by_us(out):
            shutil.rmtree(staging, ignore_errors=True)
            msg = f"{out} exists and was not written by `healthtrove deid run`; choose an empty or new --out"
            raise ConfigError(msg)
        retired = out.parent / f".{out.name}.retired-{os.getpid()}"
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out)


def write_table(frame: pl.LazyFrame, path: Path, *, metadata: dict[str, str], row_group_rows: int) -> int:
    """Stream ``frame`` to a zstd Parquet file at ``path``; return its row count."""
    frame.sink_parquet(
        path, compression="zstd", row_group_size=row_group_rows, metadata=metadata, maintain_order=True
    )
    return int(pl.scan_parquet(path).select(pl.len()).collect().item())


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
