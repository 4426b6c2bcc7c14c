"""Synthetic extracts generated once per test session."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from deid.synth import SynthSummary, generate

SMALL_PATIENTS = 300
SMALL_SEED = 11
EFFECTS_PATIENTS = 3_000
EFFECTS_SEED = 2024


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    """A 300-patient CSV extract."""
    return generate(tmp_path_factory.mktemp("synth") / "small", patients=SMALL_PATIENTS, seed=SMALL_SEED)


@pytest.fixture(scope="session")
def effects_extract(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    """A 3,000-patient Parquet extract, large enough to recover the planted effects."""
    out_dir = tmp_path_factory.mktemp("synth") / "effects"
    return generate(out_dir, patients=EFFECTS_PATIENTS, seed=EFFECTS_SEED, file_format="parquet")


def read_table(summary: SynthSummary, folder: str, stem: str) -> pl.DataFrame:
    """Read one generated table with every column as text (CSV) or its dtypes (Parquet)."""
    folder_path = summary.out_dir / folder
    parquet = sorted(folder_path.glob(f"{stem}*.parquet"))
    if parquet:
        return pl.read_parquet(parquet[0])
    path: Path = sorted(folder_path.glob(f"{stem}*.csv"))[0]
    return pl.read_csv(path, infer_schema=False)
