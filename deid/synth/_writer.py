"""Writing the extract: contract-shaped files appended chunk by chunk, published atomically.

Every table is written with exactly its contract's columns, in order, cast to the
contract dtypes (absent columns become nulls). CSV uses ``YYYY-MM-DD`` dates,
``YYYY-MM-DDTHH:MM:SSZ`` datetimes, ``true``/``false`` and empty nulls; Parquet keeps
the dtypes. The output is built in a hidden sibling folder and renamed into place.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import IO, Any

import polars as pl
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from data_contracts.errors import ConfigError
from data_contracts.registry import INPUT_TABLES, TableContract, table_contract
from deid.synth._config import MARKER_FILE, WINDOW_END, WINDOW_START, FileFormat

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
EPA_QUOTED_TABLES = frozenset({"daily_aqi"})
"""Tables written with EPA AirData's quoting: every non-numeric field quoted."""


def file_name(contract: TableContract, file_format: FileFormat) -> str:
    """Return the file name of a table (``daily_aqi`` gets the EPA year range)."""
    stem = contract.file_stem
    if stem.endswith("*"):
        stem = f"{stem.rstrip('*')}_{WINDOW_START.year}_{WINDOW_END.year}"
    return f"{stem}.{file_format}"


def conform(frame: pl.DataFrame, contract: TableContract) -> pl.DataFrame:
    """Select the contract's columns in order, cast to its dtypes, nulls for absent ones."""
    schema = contract.schema.create_empty().schema
    return frame.select(
        [
            (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )


class ExtractWriter:
    """Append chunks of every input table to its file under ``root``.

    Parameters
    ----------
    root
        The (staging) output folder; ``emr/``, ``crm/`` and ``environment/`` go under it.
    file_format
        ``csv`` or ``parquet``.
    """

    def __init__(self, root: Path, *, file_format: FileFormat) -> None:
        self.root = root
        self.file_format = file_format
        self.rows: dict[str, int] = {}
        self._csv: dict[str, IO[bytes]] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}

    def path_of(self, contract: TableContract) -> Path:
        """Return where a table is written."""
        return self.root / contract.source.value / file_name(contract, self.file_format)

    def append(self, table: str, frame: pl.DataFrame) -> None:
        """Conform ``frame`` to the contract of ``table`` and append it to its file."""
        contract = table_contract(table)
        shaped = conform(frame, contract)
        self.rows[table] = self.rows.get(table, 0) + shaped.height
        if self.file_format == "csv":
            self._append_csv(contract, shaped)
        else:
            self._append_parquet(contract, shaped)

    def _append_csv(self, contract: TableContract, frame: pl.DataFrame) -> None:
        handle = self._csv.get(contract.name)
        first = handle is None
        if handle is None:
            path = self.path_of(contract)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("wb")
            self._csv[contract.name] = handle
        frame.write_csv(
            handle,
            include_header=first,
            date_format=DATE_FORMAT,
            datetime_format=DATETIME_FORMAT,
            null_value="",
            quote_style="non_numeric" if contract.name in EPA_QUOTED_TABLES else "necessary",
        )

    def _append_parquet(self, contract: TableContract, frame: pl.DataFrame) -> None:
        table = frame.to_arrow()
        writer = self._parquet.get(contract.name)
        if writer is None:
            path = self.path_of(contract)
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
            self._parquet[contract.name] = writer
        writer.write_table(table.cast(writer.schema) if table.schema != writer.schema else table)

    def close(self) -> dict[str, int]:
        """Close every file, write empty files for tables never appended, return row counts."""
        for contract in INPUT_TABLES:
            if contract.name not in self.rows:
                self.append(contract.name, contract.schema.create_empty())
        for handle in self._csv.values():
            handle.close()
        for writer in self._parquet.values():
            writer.close()
        self._csv.clear()
        self._parquet.clear()
        return dict(self.rows)

    def abort(self) -> None:
        """Close every open file without finishing (after an error)."""
        for handle in self._csv.values():
            handle.close()
        for writer in self._parquet.values():
            writer.close()


def staging_dir(out_dir: Path) -> Path:
    """Check ``out_dir`` may be (re)written and return a fresh hidden sibling to build in.

    Raises
    ------
    ConfigError
        If ``out_dir`` is a file, or a non-empty folder without the generator's marker.
    """
    if out_dir.exists():
        if not out_dir.is_dir():
            msg = f"output path {out_dir} exists and is not a folder; choose a folder path"
            raise ConfigError(msg)
        if any(out_dir.iterdir()) and not (out_dir / MARKER_FILE).is_file():
            msg = (
                f"output folder {out_dir} is not empty and was not written by the synthetic data "
                "generator; choose an empty or new folder"
            )
            raise ConfigError(msg)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.synth-staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


def publish(staging: Path, out_dir: Path, *, marker: dict[str, Any]) -> None:
    """Write the marker into ``staging`` and rename it into place, replacing ``out_dir``."""
    (staging / MARKER_FILE).write_text(json.dumps(marker, sort_keys=True) + "\n", encoding="utf-8")
    retired = out_dir.parent / f".{out_dir.name}.synth-retired"
    if retired.exists():
        shutil.rmtree(retired)
    if out_dir.exists():
        out_dir.rename(retired)
    staging.rename(out_dir)
    if retired.exists():
        shutil.rmtree(retired)
