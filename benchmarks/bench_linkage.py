"""Benchmark CRM-to-EMR linkage against a plain exact join baseline.

Generates ``--patients`` patients (default 100,000) into a temporary folder (or uses
``--extract DIR``), loads and validates ``Contact`` and ``patients`` into memory, then
times, in the same run (best of ``--repeats``):

- baseline: a plain polars left join of contacts to patients on (LastName, FirstName,
  Birthdate) as typed, the least any linkage must do;
- healthtrove: ``deid.linkage.link_contacts`` collected (normalisation, blocking on
  MRN, phone, email, birth date + ZIP and ZIP + street, one-typo name comparison,
  rules and ambiguity resolution).

Both are scored against ``truth/linkage.csv`` (a contact the baseline joins to two or
more patients counts as unlinked). Also scores linkage with the patients' MRN, PHONE
and EMAIL emptied, as in plain Synthea. Prints seconds, precision, recall and the
ratio, and records them in ``BENCHMARKS.md``.

Usage::

    .venv/bin/python benchmarks/bench_linkage.py --patients 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
from _report import report

from data_contracts import load_table, table_contract
from deid.linkage import link_contacts, summarise_links
from deid.synth import generate

SECTION = "## CRM-to-EMR linkage"


def _load(folder: Path, name: str) -> pl.LazyFrame:
    loaded = load_table(folder, table_contract(name))
    if loaded is None:
        msg = f"the extract has no {name} table"
        raise RuntimeError(msg)
    return loaded.frame.collect().lazy()


def _baseline(contacts: pl.LazyFrame, patients: pl.LazyFrame) -> pl.DataFrame:
    joined = contacts.select("Id", "LastName", "FirstName", "Birthdate").join(
        patients.select("Id", "LAST", "FIRST", "BIRTHDATE"),
        left_on=["LastName", "FirstName", "Birthdate"],
        right_on=["LAST", "FIRST", "BIRTHDATE"],
        how="left",
        suffix="_patient",
    )
    return joined.select(contact_id="Id", patient_id="Id_patient").collect()


def _best_seconds(run: Callable[[], pl.DataFrame], repeats: int) -> tuple[float, pl.DataFrame]:
    timings, result = [], pl.DataFrame()
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def _score(links: pl.DataFrame, truth: pl.DataFrame) -> str:
    """Precision and recall against the truth, with the counts behind them."""
    decided = links.filter(pl.len().over("contact_id") == 1).filter(pl.col("patient_id").is_not_null())
    scored = decided.join(truth, on="contact_id", suffix="_true")
    correct = scored.filter(pl.col("patient_id") == pl.col("patient_id_true")).height
    true_links = int(truth["patient_id"].is_not_null().sum())
    precision, recall = correct / max(decided.height, 1), correct / true_links
    wrong = decided.height - correct
    return f"precision {precision:.4f}, recall {recall:.4f} ({decided.height:,} links, {wrong:,} wrong)"


def _measure(extract: Path, patients_count: int, repeats: int) -> dict[str, str]:
    contacts = _load(extract / "crm", "Contact")
    patients = _load(extract / "emr", "patients")
    truth = pl.read_csv(extract / "truth" / "linkage.csv", schema_overrides={"patient_id": pl.String})
    baseline, baseline_links = _best_seconds(lambda: _baseline(contacts, patients), repeats)
    linkage, links = _best_seconds(lambda: link_contacts(contacts, patients).collect(), repeats)
    synthea = patients.with_columns(pl.lit(None, pl.String).alias(name) for name in ("MRN", "PHONE", "EMAIL"))
    synthea_links = link_contacts(contacts, synthea).collect()
    summary = summarise_links(links)
    rules = ", ".join(f"{rule} {count:,}" for rule, count in summary.by_rule.items())
    command = f".venv/bin/python benchmarks/bench_linkage.py --patients {patients_count}"
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"2 cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": f"`{command}`",
        "extract": f"{patients_count:,} patients, {summary.contacts:,} contacts, "
        f"{int(truth['patient_id'].is_not_null().sum()):,} true links",
        "baseline (exact join on LastName, FirstName, Birthdate)": f"{baseline:.3f} s, "
        f"{_score(baseline_links, truth)}",
        "healthtrove link_contacts": f"{linkage:.3f} s ({summary.contacts / linkage:,.0f} contacts/s), "
        f"{_score(links, truth)}",
        "ratio": f"linkage costs {linkage / baseline:.1f}x the exact join (best of {repeats})",
        "without patient MRN, PHONE, EMAIL (plain Synthea)": _score(synthea_links, truth),
        "contacts by rule": rules,
        "peak RSS": f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000, help="patients to generate (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each side; the best counts")
    parser.add_argument("--extract", type=Path, help="use this existing extract instead of generating one")
    args = parser.parse_args(argv)
    if args.extract:
        figures = _measure(args.extract, args.patients, args.repeats)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-linkage-") as folder:
            extract = Path(folder) / "extract"
            generate(extract, patients=args.patients, seed=args.seed, file_format="parquet")
            figures = _measure(extract, args.patients, args.repeats)
    report(SECTION, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
