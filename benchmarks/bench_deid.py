"""Benchmark de-identification against the polars floor measured in the same run.

Generates ``--patients`` patients (or uses ``--extract DIR``), then, each in its own
process so peak memory is measured per step:

- floor: a plain polars read of every input table (CSV, types inferred) and a write of
  the same rows to zstd Parquet: the least any tool must do with these inputs;
- healthtrove: ``healthtrove deid run`` (load and validate, link, enrich exposures,
  transform, leak check, write, manifest) under ``--method``, free text dropped: the
  target is for the structured tables, and the text engine has its own benchmark
  (``benchmarks/phi_text.py``).

Prints seconds, the ratio to the floor and peak memory, and records them in BENCHMARKS.md.

Usage::

    .venv/bin/python benchmarks/bench_deid.py --patients 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import report

FLOOR = """
import sys, polars as pl
from pathlib import Path
extract, out = Path(sys.argv[1]), Path(sys.argv[2])
for path in sorted(extract.glob("*/*.csv")):
    target = out / (path.parent.name + "-" + path.stem + ".parquet")
    pl.scan_csv(path).sink_parquet(target, compression="zstd")
"""


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``command``; return wall seconds and the peak RSS of it (MB)."""
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _commit() -> str:
    git = shutil.which("git") or "git"
    result = subprocess.run(
        [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "unknown"


def _measure(extract: Path, work: Path, method: str, patients: int) -> dict[str, str]:
    commit = _commit()  # the code measured, before anything else can commit
    # Freshly generated files may still be being written back to disk: a floor measured
    # during the write-back would be slow, and the ratio flattering.
    os.sync()
    floor_dir = work / "floor"
    floor_dir.mkdir()
    floor, floor_rss = _timed([sys.executable, "-c", FLOOR, str(extract), str(floor_dir)])
    key_file = work / "bench.key"
    key_file.write_text(secrets.token_hex(32))
    out = work / "dataset"
    command = [sys.executable, "-m", "healthtrove", "deid", "run", "--emr", str(extract / "emr")]
    command += ["--crm", str(extract / "crm"), "--environment", str(extract / "environment")]
    command += ["--method", method, "--out", str(out), "--key-file", str(key_file)]
    # The structured tables: free text is measured by benchmarks/phi_text.py.
    command += ["--free-text", "drop"]
    deid, deid_rss = _timed(command, env={**os.environ, "CI": "1"})
    manifest = json.loads((out / "manifest.json").read_text())
    rows_in = sum(table["rows"] for table in manifest["inputs"].values())
    rows_out = sum(table["rows"] for table in manifest["outputs"].values())
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in manifest["seconds"].items())
    size_gb = sum(path.stat().st_size for path in extract.rglob("*.csv")) / 1e9
    return {
        "date": dt.date.today().isoformat(),
        "commit": commit,
        "machine": f"2 cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": f"`.venv/bin/python benchmarks/bench_deid.py --patients {patients} --method {method}`",
        "extract": f"{patients:,} patients, {rows_in:,} input rows, {size_gb:.1f} GB of CSV",
        "floor (polars read + Parquet write of the same rows)": f"{floor:.1f} s",
        "healthtrove deid run": f"{deid:.1f} s ({rows_out:,} output rows)",
        "ratio to floor": f"{deid / floor:.2f}x",
        "ratio to floor without the leak check": f"{(deid - manifest['seconds']['leak check']) / floor:.2f}x",
        "steps": steps,
        "peak memory": f"{deid_rss:,.0f} MB (largest child process; the floor alone {floor_rss:,.0f} MB)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000, help="patients to generate (default 100000)")
    parser.add_argument("--method", default="expert_determination", help="de-identification method")
    parser.add_argument("--extract", type=Path, help="use this existing extract instead of generating one")
    parser.add_argument("--section", default=None, help="BENCHMARKS.md section (default by size)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-deid-") as folder:
        work = Path(folder)
        extract = args.extract
        if extract is None:
            extract = work / "extract"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "healthtrove",
                    "synth",
                    "--patients",
                    str(args.patients),
                    "--out",
                    str(extract),
                ],
                check=True,
                env={**os.environ, "CI": "1"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        figures = _measure(extract, work, args.method, args.patients)
    report(args.section or f"## De-identification, {args.patients:,} patients", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
