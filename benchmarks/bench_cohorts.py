"""Benchmark the cohort builder against a hand-written polars query for the same cohort.

On a de-identified dataset (``--data``, the output of ``deid run``), times in the same run
(best of ``--repeats``):

- baseline: a hand-written polars query for ``examples/cohorts/population.yaml`` (first
  acute respiratory infection, a year of history, adults 18-64 at index, Nebraska, no COPD
  before index), the least any builder must do;
- healthtrove: ``cohorts.build`` of the same spec, collected (the episodes with every rule's
  flag, the exit and the person attributes);

checks both select the same people, and also times the other example specs. Prints and
records seconds, the ratio and peak memory in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/bench_cohorts.py --data /path/to/dataset
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
from _report import report

from cohorts import build, load_spec

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cohorts"
RESPIRATORY = ["10509002", "444814009", "195662009", "233604007"]
COPD = "13645005"


def hand_written(data: Path) -> pl.DataFrame:
    """The population example's cohort as one hand-written polars query (``person_key``, ``index``).

    Dates are days on limited-data-set and expert-determination datasets, years on Safe
    Harbor's, as the spec's year-level windows mean on each.
    """
    method = json.loads((data / "manifest.json").read_text())["method"]
    year_level = method == "safe_harbor"

    def scan(name: str) -> pl.LazyFrame:
        return pl.scan_parquet(data / f"{name}.parquet")

    def when(column: str) -> pl.Expr:
        return pl.col(f"{column}_year") if year_level else pl.col(column).cast(pl.Date)

    def year(expression: pl.Expr) -> pl.Expr:
        return expression if year_level else expression.dt.year()

    conditions = scan("conditions").select("person_key", "code", when=when("start"))
    entry = (
        conditions.filter(pl.col("code").is_in(RESPIRATORY))
        .group_by("person_key")
        .agg(index=pl.col("when").min())
    )
    span = (
        pl.concat(
            [
                scan("encounters").select("person_key", when=when("start")),
                scan("crm_tasks").select("person_key", when=when("activity_date")),
            ]
        )
        .group_by("person_key")
        .agg(start=pl.col("when").min())
    )
    year_before = pl.col("index") - 1 if year_level else pl.col("index").dt.offset_by("-1y")
    if year_level:
        patients = scan("patients").select("person_key", "state", "birthdate_year", "age_90_plus")
        age = pl.when(pl.col("age_90_plus")).then(90).otherwise(pl.col("index") - pl.col("birthdate_year"))
    else:
        patients = scan("patients").select("person_key", "state", "birthdate")
        month_day = (pl.col("index").dt.month(), pl.col("index").dt.day())
        birth = (pl.col("birthdate").dt.month(), pl.col("birthdate").dt.day())
        birthday_ahead = (month_day[0] < birth[0]) | ((month_day[0] == birth[0]) & (month_day[1] < birth[1]))
        age = pl.col("index").dt.year() - pl.col("birthdate").dt.year() - birthday_ahead.cast(pl.Int32)
    copd = conditions.filter(pl.col("code") == COPD).select("person_key", copd="when")
    prior_copd = (
        entry.join(copd, on="person_key")
        .filter((year(pl.col("copd")) - year(pl.col("index"))).is_between(-100, -1))
        .select("person_key")
        .unique()
    )
    return (
        entry.join(span, on="person_key")
        .filter(year_before >= pl.col("start"))
        .join(patients, on="person_key")
        .filter(age.is_between(18, 64), pl.col("state") == "NE")
        .join(prior_copd, on="person_key", how="anti")
        .select("person_key", "index")
        .collect()
    )


def _best(function: Callable[[], object], repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a de-identified dataset folder")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()

    population = load_spec(EXAMPLES / "population.yaml")
    # The two sides take turns, so a busy spell of the machine hits both alike.
    baseline_seconds, builder_seconds = float("inf"), float("inf")
    for _ in range(args.repeats):
        seconds, baseline = _best(lambda: hand_written(args.data), 1)
        baseline_seconds = min(baseline_seconds, seconds)
        seconds, cohort = _best(lambda: build(args.data, population), 1)
        builder_seconds = min(builder_seconds, seconds)
    chosen = set(cohort.table["person_key"].to_list())  # type: ignore[attr-defined]
    expected = set(baseline["person_key"].to_list())  # type: ignore[index]
    if chosen != expected:
        msg = f"the builder and the hand-written query disagree: {len(chosen ^ expected)} people differ"
        raise SystemExit(msg)
    others = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        if path.stem == "population":
            continue
        spec = load_spec(path)
        sizes = set()
        best = float("inf")
        for _ in range(args.repeats):
            started = time.perf_counter()
            sizes.add(len(build(args.data, spec)))
            best = min(best, time.perf_counter() - started)
        if len(sizes) > 1:
            msg = f"example {path.stem}: builds of the same spec disagree"
            raise SystemExit(msg)
        others[path.stem] = f"{best:.2f} s ({sizes.pop():,} episodes, the same in every build)"
    manifest = json.loads((args.data / "manifest.json").read_text())
    figures = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}",
        "command": f"`.venv/bin/python benchmarks/bench_cohorts.py --data DATASET --repeats {args.repeats}`",
        "dataset": (
            f"{manifest['method']}, {manifest['outputs']['persons']['rows']:,} persons, "
            f"{manifest['outputs']['conditions']['rows']:,} conditions, "
            f"{manifest['outputs']['encounters']['rows']:,} encounters"
        ),
        "baseline (hand-written polars query, population example)": f"{baseline_seconds:.2f} s",
        "healthtrove cohorts.build (same spec, all rule flags and exit)": f"{builder_seconds:.2f} s",
        "ratio": f"{builder_seconds / baseline_seconds:.2f}x",
        "same people": f"yes ({len(chosen):,})",
        **{f"other example: {name}": value for name, value in others.items()},
        "peak RSS": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:,} MB",
    }
    if args.no_record:
        for name, value in figures.items():
            print(f"{name}: {value}")
    else:
        report("## Cohort builder", figures)


if __name__ == "__main__":
    main()
