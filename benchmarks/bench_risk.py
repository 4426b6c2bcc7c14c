"""Benchmark re-identification risk measurement against a plain group-by baseline.

Generates ``--rows`` person records (default 10,000,000) in memory with numpy, seeded:
``birth_year`` (normal around 1965, clipped 1925-2008), ``sex`` (F, M and a rare X),
``zip3`` (400 prefixes with a Zipf-like skew, so rural prefixes hold few people),
``first_year`` (2000-2024, weighted to recent years) and the sensitive ``diagnosis``
(60 codes, skewed). Then times, in the same run (best of ``--repeats``, the two taking turns after a warm-up):

- baseline: ``frame.group_by(quasi_identifiers).len()``, the least any risk measure does;
- ``deid.risk.measure_risk(frame, quasi_identifiers, sensitive=["diagnosis"])``.

Prints seconds and the ratio (the requirement: at most 2x the baseline) and records them
in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/bench_risk.py --rows 10000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import time
from collections.abc import Callable

import numpy as np
import polars as pl
from _report import report

from deid.risk import measure_risk

SECTION = "## Re-identification risk"
QUASI_IDENTIFIERS = ["birth_year", "sex", "zip3", "first_year"]
SENSITIVE = ["diagnosis"]
BUSY_LOAD = 2.0


def generate(rows: int, seed: int) -> pl.DataFrame:
    """Return ``rows`` synthetic person records with skewed quasi-identifiers."""
    rng = np.random.default_rng(seed)
    zip_weights = 1 / np.arange(1, 401) ** 1.1
    years = np.arange(2000, 2025)
    year_weights = np.linspace(1, 3, years.size)
    diagnosis_weights = 1 / np.arange(1, 61)
    return pl.DataFrame(
        {
            "birth_year": np.clip(rng.normal(1965, 18, rows).round(), 1925, 2008).astype(np.int32),
            "sex": rng.choice(np.array(["F", "M", "X"]), rows, p=[0.51, 0.488, 0.002]),
            "zip3": rng.choice(
                np.array([f"{prefix:03d}" for prefix in range(100, 500)]),
                rows,
                p=zip_weights / zip_weights.sum(),
            ),
            "first_year": rng.choice(years, rows, p=year_weights / year_weights.sum()).astype(np.int32),
            "diagnosis": rng.choice(
                np.array([f"D{code:02d}" for code in range(60)]),
                rows,
                p=diagnosis_weights / diagnosis_weights.sum(),
            ),
        }
    )


def _best_seconds(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, tuple[float, float]]:
    """Best wall and best CPU seconds of each run; the runs take turns so a busy spell hits both."""
    for run in runs.values():
        run()  # warm-up, untimed
    best = dict.fromkeys(runs, (float("inf"), float("inf")))
    for _ in range(repeats):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def _measure(rows: int, seed: int, repeats: int) -> dict[str, str]:
    load_before = os.getloadavg()[0]
    frame = generate(rows, seed)
    seconds = _best_seconds(
        {
            "baseline": lambda: frame.group_by(QUASI_IDENTIFIERS).len(),
            "measure": lambda: measure_risk(frame, QUASI_IDENTIFIERS, sensitive=SENSITIVE),
        },
        repeats,
    )
    (baseline, baseline_cpu), (measured, measured_cpu) = seconds["baseline"], seconds["measure"]
    classes = frame.group_by(QUASI_IDENTIFIERS).len()
    risk = measure_risk(frame, QUASI_IDENTIFIERS, sensitive=SENSITIVE)
    if risk.classes != classes.height:
        msg = "measure_risk and the baseline disagree on the number of classes"
        raise RuntimeError(msg)
    command = f".venv/bin/python benchmarks/bench_risk.py --rows {rows}"
    figures = {
        "date": dt.date.today().isoformat(),
        "machine": f"2 cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"polars {pl.__version__}; 1-minute load {load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
        "command": f"`{command}`",
        "rows": f"{rows:,} ({', '.join(QUASI_IDENTIFIERS)}; sensitive {', '.join(SENSITIVE)}), "
        f"{risk.classes:,} classes, k = {risk.k}, {risk.sample_uniques:,} sample uniques",
        "risk": f"prosecutor records at risk {risk.prosecutor.records_at_risk:.1%}, average "
        f"{risk.prosecutor.average:.3f}; diagnosis distinct l = {risk.l_diversity[0].distinct_l} "
        f"({risk.l_diversity[0].classes_with_l1:,} single-valued classes)",
        "baseline (frame.group_by(quasi_identifiers).len())": f"{baseline:.3f} s ({baseline_cpu:.3f} CPU s)",
        "measure_risk (with distinct l-diversity)": f"{measured:.3f} s ({measured_cpu:.3f} CPU s)",
        "ratio": f"measure_risk costs {measured / baseline:.2f}x the group-by (best of {repeats}; "
        f"requirement: at most 2x); {measured_cpu / baseline_cpu:.2f}x in CPU seconds",
        "peak RSS": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
    }
    if max(load_before, os.getloadavg()[0]) > BUSY_LOAD:
        figures["note"] = (
            "the machine was busy with other jobs (load above 2 on 2 cores): wall times are inflated "
            "and vary run to run; CPU seconds are the steadier comparison"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="records to generate (default 10000000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each side; the best counts")
    parser.add_argument("--no-record", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    figures = _measure(args.rows, args.seed, args.repeats)
    if args.no_record:
        for name, value in figures.items():
            print(f"{name}: {value}")
    else:
        report(SECTION, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
