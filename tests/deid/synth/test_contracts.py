"""Every generated file has exactly its contract's columns, and loads through the loaders."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from data_contracts.registry import INPUT_TABLES, Source, TableContract
from deid.synth import SynthSummary, generate


def _file_of(root: Path, contract: TableContract, suffix: str) -> Path:
    stem = contract.file_stem
    pattern = f"{stem.rstrip('*')}_*{suffix}" if stem.endswith("*") else f"{stem}{suffix}"
    matches = sorted((root / contract.source.value).glob(pattern))
    assert len(matches) == 1, (contract.name, matches)
    return matches[0]


@pytest.mark.parametrize("contract", INPUT_TABLES, ids=lambda contract: contract.name)
def test_csv_header_is_the_contract(small_extract: SynthSummary, contract: TableContract) -> None:
    path = _file_of(small_extract.out_dir, contract, ".csv")
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == contract.schema.column_names()


@pytest.fixture(scope="module")
def parquet_extract(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    return generate(tmp_path_factory.mktemp("parquet") / "out", patients=60, seed=4, file_format="parquet")


@pytest.mark.parametrize("contract", INPUT_TABLES, ids=lambda contract: contract.name)
def test_parquet_schema_is_the_contract(parquet_extract: SynthSummary, contract: TableContract) -> None:
    path = _file_of(parquet_extract.out_dir, contract, ".parquet")
    names = pq.read_schema(path).names
    assert names == contract.schema.column_names()


def test_csv_formats(small_extract: SynthSummary) -> None:
    appointments = (
        (small_extract.out_dir / "emr" / "appointments.csv").read_text(encoding="utf-8").splitlines()
    )
    scheduled = appointments[1].split(",")[3]
    assert len(scheduled) == 20
    assert scheduled.endswith("Z")
    assert scheduled[10] == "T"
    contact = (small_extract.out_dir / "crm" / "Contact.csv").read_text(encoding="utf-8")
    assert ",false," in contact or ",true," in contact
    aqi = _file_of(small_extract.out_dir, INPUT_TABLES[-3], ".csv").read_text(encoding="utf-8").splitlines()
    assert aqi[1].startswith('"')


def _loaders_available() -> bool:
    return importlib.util.find_spec("data_contracts.loaders") is not None


@pytest.mark.skipif(not _loaders_available(), reason="data_contracts.loaders not written yet")
@pytest.mark.parametrize("source", list(Source), ids=str)
@pytest.mark.parametrize("which", ["csv", "parquet"])
def test_extract_loads_and_validates(
    small_extract: SynthSummary, parquet_extract: SynthSummary, source: Source, which: str
) -> None:
    from data_contracts.loaders import load_extract  # noqa: PLC0415

    summary = small_extract if which == "csv" else parquet_extract
    frames = load_extract(summary.out_dir / source.value, source)
    expected = {contract.name for contract in INPUT_TABLES if contract.source is source}
    assert set(frames) == expected
    for name, frame in frames.items():
        assert frame.collect().height == summary.rows[name]
