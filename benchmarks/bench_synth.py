"""Benchmark the synthetic data generator against a naive per-row baseline.

Generates ``--patients`` patients (default 100,000) with events and free text into a
temporary folder, then times a naive implementation (one Faker call per patient field,
Python loops and string building per row and per text, ``csv`` module writes) on a small
sample and extrapolates it linearly to the same size. Prints seconds, rows per second,
peak RSS and the speed-up, and records them in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/bench_synth.py --patients 100000 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _report import report
from faker import Faker

from deid.synth import generate

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Synthetic data generator"
COMMAND = ".venv/bin/python benchmarks/bench_synth.py"
TEXTS_PER_ROW = {"notes": 1, "Task": 2, "SurveyResponse__c": 1}
FIXED_TABLES = frozenset(
    {"daily_aqi", "pollen", "temperature", "organizations", "providers", "payers", "Campaign"}
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _naive_text(person: dict[str, str], day: dt.date) -> tuple[str, list[dict[str, object]]]:
    """Build one text with Python string formatting and find its spans one by one."""
    text = (
        f"Spoke with {person['first']} {person['last']} on {day:%m/%d/%Y} about the visit; "
        f"call back at {person['phone']} or write to {person['email']}. "
        f"Address on file: {person['street']}, {person['city']} {person['zip']}."
    )
    spans = []
    for kind in ("first", "last", "phone", "email", "street", "city", "zip"):
        start = text.find(person[kind])
        spans.append({"start": start, "end": start + len(person[kind]), "type": kind, "value": person[kind]})
    return text, spans


def _naive_baseline(out_dir: Path, *, patients: int, rows_per_patient: dict[str, float], seed: int) -> float:
    """Per-row generation: Faker per patient, Python loops and f-strings per row and per text."""
    faker = Faker("en_US")
    faker.seed_instance(seed)
    chooser = random.Random(seed)
    started = time.perf_counter()
    handles = {
        table: (out_dir / f"{table}.csv").open("w", encoding="utf-8", newline="")
        for table in rows_per_patient
    }
    writers = {table: csv.writer(handle) for table, handle in handles.items()}
    with (out_dir / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for _ in range(patients):
            person = {
                "id": str(uuid.uuid4()),
                "first": faker.first_name(),
                "last": faker.last_name(),
                "ssn": faker.ssn(),
                "phone": faker.phone_number(),
                "email": faker.email(),
                "street": faker.street_address(),
                "city": faker.city(),
                "zip": faker.zipcode(),
                "birth": faker.date_of_birth(maximum_age=100).isoformat(),
            }
            writers["patients"].writerow(person.values())
            for table, per_patient in rows_per_patient.items():
                if table == "patients":
                    continue
                count = int(per_patient) + (chooser.random() < per_patient % 1)
                for _ in range(count):
                    day = dt.date(2019, 1, 1) + dt.timedelta(days=chooser.randrange(1826))
                    row_id = str(uuid.uuid4())
                    row = [
                        row_id,
                        person["id"],
                        day.isoformat(),
                        chooser.choice(("a", "b", "c")),
                        chooser.random(),
                    ]
                    for _ in range(TEXTS_PER_ROW.get(table, 0)):
                        text, spans = _naive_text(person, day)
                        row.append(text)
                        gold.write(json.dumps({"table": table, "id": row_id, "spans": spans}) + "\n")
                    writers[table].writerow(row)
    for handle in handles.values():
        handle.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000, help="patients to generate (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--baseline-patients", type=int, default=2_000, help="sample size of the naive baseline"
    )
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv", help="output format")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-synth-") as folder:
        summary = generate(
            Path(folder) / "out", patients=args.patients, seed=args.seed, file_format=args.format
        )
        peak_rss = _peak_rss_mb()
        total_rows = sum(summary.rows.values())
        per_patient = {
            table: count / args.patients for table, count in summary.rows.items() if table not in FIXED_TABLES
        }
        baseline_dir = Path(folder) / "baseline"
        baseline_dir.mkdir()
        baseline_sample = _naive_baseline(
            baseline_dir, patients=args.baseline_patients, rows_per_patient=per_patient, seed=args.seed
        )
    baseline = baseline_sample * args.patients / args.baseline_patients
    ratio = baseline / summary.seconds
    figures = {
        "date": dt.date.today().isoformat(),
        "machine": f"2 cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": f"`{COMMAND} --patients {args.patients} --seed {args.seed}`",
        "patients": f"{args.patients:,}",
        "rows written (all tables)": f"{total_rows:,}",
        "gold PHI spans": f"{summary.gold_spans:,}",
        "seconds": f"{summary.seconds:.1f}",
        "rows per second": f"{total_rows / summary.seconds:,.0f}",
        "peak RSS": f"{peak_rss:,.0f} MB",
        "baseline": (
            f"naive per-row implementation (Faker per patient, Python string per text) timed on "
            f"{args.baseline_patients:,} patients ({baseline_sample:.1f} s, same rows per patient, texts "
            "with gold spans) "
            f"and extrapolated linearly to {baseline:.0f} s"
        ),
        "speed-up": f"vectorised generator is {ratio:.1f}x faster than per-row baseline",
    }
    report(SECTION, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
