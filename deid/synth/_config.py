"""Fixed settings of the synthetic generator: event window, chunking, random streams."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

import numpy as np
import polars as pl

WINDOW_START = dt.date(2019, 1, 1)
"""First day of the event window (encounters, tasks, environment series)."""
WINDOW_END = dt.date(2023, 12, 31)
"""Last day of the event window."""
WINDOW_DAYS = (WINDOW_END - WINDOW_START).days + 1
EPOCH = dt.date(1970, 1, 1)
WINDOW_START_EPOCH_DAY = (WINDOW_START - EPOCH).days
"""``WINDOW_START`` as days since 1970-01-01 (the polars ``Date`` representation)."""
RETENTION_YEAR_START_DAY = (dt.date(2023, 1, 1) - WINDOW_START).days
"""Day index where the last year of the window (used for retention) begins."""

MICROS_PER_DAY = 86_400_000_000
MICROS_PER_MINUTE = 60_000_000

PATIENTS_PER_CHUNK = 10_000
"""Patients generated and written together; bounds memory whatever the total."""

MARKER_FILE = ".healthtrove-synth"
"""File marking a folder as the generator's output, so a rerun may replace it."""

FileFormat = Literal["csv", "parquet"]


class Stream(IntEnum):
    """One independent random stream per purpose, so adding draws to one leaves the rest alone."""

    POOLS = 1
    FACILITIES = 2
    ENVIRONMENT = 3
    PATIENTS = 4
    CONTACTS = 5
    SCHEDULE = 6
    TASKS = 7
    ENCOUNTERS = 8
    CLINICAL = 9
    NOTES = 10
    SURVEYS = 11
    PAYMENTS = 12
    TEXT = 13
    IDS = 14


def rng_for(seed: int, stream: Stream, chunk: int = 0) -> np.random.Generator:
    """Return the generator of one stream of one chunk, derived from the user's seed."""
    return np.random.default_rng(np.random.SeedSequence([seed, int(stream), chunk]))


@dataclass(frozen=True, kw_only=True)
class SynthConfig:
    """What one ``generate`` call was asked for.

    Parameters
    ----------
    patients
        Number of EMR patients.
    seed
        Seed of every random stream.
    file_format
        ``csv`` or ``parquet``.
    """

    patients: int
    seed: int
    file_format: FileFormat = "csv"

    def __post_init__(self) -> None:
        if self.patients < 1:
            msg = f"patients must be a positive number; got {self.patients}"
            raise ValueError(msg)
        if self.seed < 0:
            msg = f"seed must be zero or positive; got {self.seed}"
            raise ValueError(msg)
        if self.file_format not in ("csv", "parquet"):
            msg = f"file_format must be 'csv' or 'parquet'; got {self.file_format!r}"
            raise ValueError(msg)

    def chunks(self) -> list[tuple[int, int, int]]:
        """Return ``(chunk_index, first_patient, patient_count)`` for every chunk."""
        return [
            (index, start, min(PATIENTS_PER_CHUNK, self.patients - start))
            for index, start in enumerate(range(0, self.patients, PATIENTS_PER_CHUNK))
        ]


def date_from_day(day: pl.Expr) -> pl.Expr:
    """Turn a day index within the window (0 = ``WINDOW_START``) into a ``Date``."""
    return (day + WINDOW_START_EPOCH_DAY).cast(pl.Int32).cast(pl.Date)


def datetime_from_day(day: pl.Expr, minute: pl.Expr) -> pl.Expr:
    """Turn a day index and a minute of that day into a naive UTC ``Datetime``."""
    micros = (day.cast(pl.Int64) + WINDOW_START_EPOCH_DAY) * MICROS_PER_DAY + minute.cast(
        pl.Int64
    ) * MICROS_PER_MINUTE
    return micros.cast(pl.Datetime("us"))
