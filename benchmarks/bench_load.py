"""Benchmark loading and validating an extract against a plain polars scan baseline.

Generates ``--patients`` patients (default 100,000) into a temporary folder (or uses
``--extract DIR``), then times, in the same run:

- baseline: a plain polars read of every table file with every column as text (no
  header mapping, parsing or validation): the least any loader must do;
- healthtrove: ``load_tables`` for emr/, crm/ and environment/, which maps headers,
  checks encoding, parses every column to its contract type and counts every rule's
  failures in one streaming aggregate per table.

Prints seconds, rows per second and the ratio, and records them in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/bench_load.py --patients 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import tempfile
import time
from pathlib import Path

import polars as pl
from _report import report

from data_contracts import Source, load_tables
from data_contracts.files import find_table_files
from data_contracts.registry import tables_of
from deid.synth import generate

SECTION = "## Loading and validating an extract"


def _baseline_seconds(extract: Path) -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for source in Source:
        for contract in tables_of(source):
            for path in find_table_files(extract / source.value, contract):
                is_parquet = path.suffix == ".parquet"
                frame = pl.scan_parquet(path) if is_parquet else pl.scan_csv(path, infer_schema=False)
                rows += frame.collect(engine="streaming").height
    return time.perf_counter() - started, rows


def _validation_seconds(extract: Path) -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for source in Source:
        rows += sum(table.rows for table in load_tables(extract / source.value, source).values())
    return time.perf_counter() - started, rows


def _measure(extract: Path, patients: int, file_format: str) -> dict[str, str]:
    baseline, baseline_rows = _baseline_seconds(extract)
    validation, rows = _validation_seconds(extract)
    if rows != baseline_rows:
        msg = "the baseline and the loader saw different row counts"
        raise RuntimeError(msg)
    size_mb = sum(path.stat().st_size for path in extract.rglob("*") if path.is_file()) / 1e6
    command = f".venv/bin/python benchmarks/bench_load.py --patients {patients} --format {file_format}"
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"2 cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": f"`{command}`",
        "extract": f"{patients:,} patients, {rows:,} rows, 23 tables, {size_mb:,.0f} MB {file_format}",
        "baseline (plain polars read, all columns as text)": f"{baseline:.1f} s",
        "healthtrove load + full validation": f"{validation:.1f} s ({rows / validation:,.0f} rows/s)",
        "ratio": f"validation costs {validation / baseline:.1f}x the plain read",
        "peak RSS": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000, help="patients to generate (default 100000)")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv", help="extract file format")
    parser.add_argument("--extract", type=Path, help="use this existing extract instead of generating one")
    args = parser.parse_args(argv)
    if args.extract:
        figures = _measure(args.extract, args.patients, args.format)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
            extract = Path(folder) / "extract"
            generate(extract, patients=args.patients, seed=1, file_format=args.format)
            figures = _measure(extract, args.patients, args.format)
    report(SECTION, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
