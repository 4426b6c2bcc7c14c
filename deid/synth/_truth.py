"""Ground truth for tests and benchmarks: linkage, planted effects, gold PHI spans.

Nothing here may ever be read by de-identification: the truth folder says so in its
README, and the gold spans file is only for scoring text scrubbing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import polars as pl

from deid.synth._config import WINDOW_END, WINDOW_START, SynthConfig
from deid.synth._effects import effects_truth

TRUTH_DIR = "truth"
GOLD_FILE = "gold_phi.jsonl"
GOLD_PARTS_DIR = ".gold-parts"
LINKAGE_FILE = "linkage.csv"

README = """\
# Synthetic data truth: for tests and benchmarks only

These files describe how the synthetic extract was generated. They exist so that tests
and benchmarks can score linkage, text scrubbing and analyses against the truth.

**De-identification must never read them.** A pipeline that looks here is cheating, and
the same files would not exist for a real extract.

- `linkage.csv`: one row per CRM `Contact.Id` with the true EMR `patients.Id` (empty for
  prospects) and its kind: `linked` (the patient's primary contact), `duplicate_contact`
  (a second contact for the same patient) or `prospect` (never a patient).
- `effects.json`: the associations planted in the data on purpose, their true parameters
  and how to recover each with a standard model.
- `../gold_phi.jsonl` (next to this folder): the exact character spans of every PHI
  mention in every free-text column, for scoring text de-identification.

Generated for {patients} patients with seed {seed}; events from {start} to {end}.
"""


def linkage_rows(contacts: pl.DataFrame, patients: pl.DataFrame) -> pl.DataFrame:
    """Return ``contact_id``, ``patient_id`` (null for prospects) and ``kind`` per contact."""
    row = contacts["_patient_row"]
    patient_id = patients["Id"].gather(row.clip(lower_bound=0))
    return contacts.select(
        contact_id=pl.col("Id"),
        patient_id=pl.when(row >= 0).then(pl.lit(patient_id)).otherwise(pl.lit(None, pl.String)),
        kind=pl.col("_kind"),
    )


def _in_id_order(parts: list[tuple[str, str, Path]]) -> Iterator[pl.DataFrame]:
    """Yield the gold rows of one text column sorted by id, one part at a time when ranges allow.

    Parts with sequential ids (Salesforce-style) do not overlap and stream in order; parts
    with random ids (UUIDs) are read together and sorted.
    """
    ordered = sorted(parts)
    disjoint = all(previous[1] < current[0] for previous, current in itertools.pairwise(ordered))
    if disjoint:
        for _, _, path in ordered:
            yield pl.read_parquet(path)
    else:
        yield pl.read_parquet([path for _, _, path in ordered]).sort("id")


class TruthWriter:
    """Collect truth rows chunk by chunk and write the truth folder and gold file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / TRUTH_DIR).mkdir(parents=True, exist_ok=True)
        (root / GOLD_PARTS_DIR).mkdir(parents=True, exist_ok=True)
        self._linkage: IO[bytes] = (root / TRUTH_DIR / LINKAGE_FILE).open("wb")
        self._linkage_header = True
        self._gold_parts: dict[tuple[str, str], list[tuple[str, str, Path]]] = {}

    def add_linkage(self, rows: pl.DataFrame) -> None:
        """Append linkage rows."""
        rows.write_csv(self._linkage, include_header=self._linkage_header, null_value="")
        self._linkage_header = False

    def add_gold(self, gold: pl.DataFrame, *, table: str, column: str, chunk: int) -> None:
        """Keep one chunk's gold annotations of a text column until :meth:`finish`."""
        path = self.root / GOLD_PARTS_DIR / f"{table}.{column}.{chunk:06d}.parquet"
        if gold.height == 0:
            return
        ordered = gold.sort("id")
        ordered.write_parquet(path)
        part = (str(ordered["id"][0]), str(ordered["id"][-1]), path)
        self._gold_parts.setdefault((table, column), []).append(part)

    def finish(self, config: SynthConfig) -> int:
        """Write ``gold_phi.jsonl`` sorted by (table, column, id), effects and README.

        Returns
        -------
        int
            The number of gold spans written.
        """
        self._linkage.close()
        spans = 0
        with (self.root / GOLD_FILE).open("wb") as handle:
            for key in sorted(self._gold_parts):
                for gold in _in_id_order(self._gold_parts[key]):
                    spans += int(gold["spans"].list.len().sum())
                    gold.write_ndjson(handle)
        for parts in self._gold_parts.values():
            for _, _, path in parts:
                path.unlink()
        (self.root / GOLD_PARTS_DIR).rmdir()
        truth = self.root / TRUTH_DIR
        (truth / "effects.json").write_text(json.dumps(effects_truth(), indent=2) + "\n", encoding="utf-8")
        readme = README.format(patients=config.patients, seed=config.seed, start=WINDOW_START, end=WINDOW_END)
        (truth / "README.md").write_text(readme, encoding="utf-8")
        return spans

    def abort(self) -> None:
        """Close open files after an error."""
        self._linkage.close()
