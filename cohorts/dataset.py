"""A de-identified dataset as the research zone sees it: Parquet tables and their manifest.

The cohort builder reads only this: the tables ``deid run`` published and the method it
applied (from ``manifest.json``), which decides the resolution of dates. Safe Harbor keeps
years only; limited data sets keep true dates and expert determination shifted ones,
both day-level.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl

from data_contracts.errors import InputError

__all__ = ["MANIFEST_FILE", "Dataset"]

MANIFEST_FILE = "manifest.json"
_YEAR_ONLY_METHODS = frozenset({"safe_harbor"})


@dataclass(frozen=True)
class Dataset:
    """A published de-identified dataset folder.

    Parameters
    ----------
    path
        The folder ``deid run`` published (Parquet tables and ``manifest.json``).

    Raises
    ------
    InputError
        If the folder or its manifest is missing.
    """

    path: Path
    method: str = field(init=False)
    tables: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        manifest_path = self.path / MANIFEST_FILE
        if not manifest_path.is_file():
            msg = f"{self.path} is not a de-identified dataset: {MANIFEST_FILE} is missing"
            raise InputError(msg)
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        object.__setattr__(self, "method", str(manifest["method"]))
        object.__setattr__(self, "tables", tuple(sorted(manifest["outputs"])))

    @property
    def resolution(self) -> Literal["day", "year"]:
        """``year`` when dates were reduced to years (Safe Harbor), else ``day``."""
        return "year" if self.method in _YEAR_ONLY_METHODS else "day"

    def table(self, name: str) -> pl.LazyFrame:
        """The output table ``name``, scanned lazily.

        Raises
        ------
        InputError
            If the dataset has no such table.
        """
        if name not in self.tables:
            msg = f"the dataset in {self.path} has no table {name!r} (tables: {', '.join(self.tables)})"
            raise InputError(msg)
        return pl.scan_parquet(self.path / f"{name}.parquet")

    def has(self, name: str) -> bool:
        """Whether the dataset holds table ``name``."""
        return name in self.tables

    def columns(self, name: str) -> list[str]:
        """Column names of table ``name``."""
        return self.table(name).collect_schema().names()
