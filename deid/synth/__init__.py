"""Synthetic EMR, CRM and environment extracts with known truth, for tests and demos.

:func:`generate` writes a Synthea-like EMR extract, a Salesforce-like CRM extract and
daily environment series that satisfy the input data contracts, plus free text with
gold PHI spans (``gold_phi.jsonl``) and a ``truth/`` folder (true CRM-EMR linkage and
the planted effects) that de-identification must never read.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     summary = generate(Path(folder) / "extract", patients=20, seed=1)
...     sorted(path.name for path in summary.out_dir.iterdir() if not path.name.startswith("."))
['crm', 'emr', 'environment', 'gold_phi.jsonl', 'truth']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from deid.synth._config import SynthConfig
from deid.synth._generate import run

__all__ = ["SynthSummary", "generate"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


@dataclass(frozen=True, kw_only=True)
class SynthSummary:
    """What :func:`generate` wrote.

    Parameters
    ----------
    out_dir
        The output folder.
    rows
        Rows written per input table, by registry name (``patients``, ``Contact``,
        ``daily_aqi``, ...).
    gold_spans
        Number of gold PHI spans in ``gold_phi.jsonl``.
    seconds
        Wall-clock time taken.
    """

    out_dir: Path
    rows: Mapping[str, int]
    gold_spans: int
    seconds: float


def generate(
    out_dir: Path,
    *,
    patients: int,
    seed: int,
    file_format: Literal["csv", "parquet"] = "csv",
    progress: Callable[[str], None] | None = None,
) -> SynthSummary:
    """Generate a synthetic extract with known truth into ``out_dir``.

    The output is built in a hidden sibling folder and renamed into place at the end.
    An existing ``out_dir`` is replaced only if it is empty or was written by this
    generator (it holds the generator's marker file).

    Parameters
    ----------
    out_dir
        Folder to write: ``emr/``, ``crm/``, ``environment/``, ``gold_phi.jsonl`` and
        ``truth/``.
    patients
        Number of EMR patients (CRM contacts and events scale with it).
    seed
        Seed of every random draw: the same seed, size and format give byte-identical
        files.
    file_format
        ``"csv"`` or ``"parquet"``.
    progress
        Called with short stage messages (never data values), for progress displays.

    Returns
    -------
    SynthSummary
        Where the output is, rows per table, gold span count and time taken.

    Raises
    ------
    ValueError
        If ``patients`` is not positive, ``seed`` is negative or ``file_format`` unknown.
    data_contracts.errors.ConfigError
        If ``out_dir`` is a non-empty folder the generator did not write.
    """
    config = SynthConfig(patients=patients, seed=seed, file_format=file_format)
    rows, spans, seconds = run(config, Path(out_dir), progress)
    return SynthSummary(
        out_dir=Path(out_dir), rows=MappingProxyType(dict(rows)), gold_spans=spans, seconds=seconds
    )
