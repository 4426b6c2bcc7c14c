"""Write tiny de-identified dataset folders (manifest and Parquet tables) for the study tests."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import numpy as np
import polars as pl

LIMITED = "limited_data_set"
SAFE_HARBOR = "safe_harbor"
APPOINTMENT_STATUSES = ("attended", "no-show", "cancelled")


def write_dataset(folder: Path, tables: dict[str, pl.DataFrame], *, method: str = LIMITED) -> Path:
    """Write ``tables`` as Parquet files and a manifest naming them into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    manifest = {"method": method, "outputs": {name: {} for name in sorted(tables)}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def patients(rows: list[tuple[str, int | None, int | None, str]]) -> pl.DataFrame:
    """Patients from ``(person_key, birthdate_year, deathdate_year, gender)`` tuples."""
    return pl.DataFrame(
        rows,
        schema={
            "person_key": pl.String,
            "birthdate_year": pl.Int32,
            "deathdate_year": pl.Int32,
            "gender": pl.String,
        },
        orient="row",
    )


def appointments(
    rows: list[tuple[str, str, datetime, datetime, str]], *, status_enum: bool = False
) -> pl.DataFrame:
    """Appointments from ``(appointment_key, person_key, scheduled_at, start, status)`` tuples."""
    status_type = pl.Enum(list(APPOINTMENT_STATUSES)) if status_enum else pl.String
    return pl.DataFrame(
        rows,
        schema={
            "appointment_key": pl.String,
            "person_key": pl.String,
            "scheduled_at": pl.Datetime("us"),
            "start": pl.Datetime("us"),
            "status": pl.String,
        },
        orient="row",
    ).with_columns(start_year=pl.col("start").dt.year(), status=pl.col("status").cast(status_type))


def crm_tasks(rows: list[tuple[str, str, date, bool | None]]) -> pl.DataFrame:
    """CRM tasks from ``(person_key, type, activity_date, opened)`` tuples."""
    return pl.DataFrame(
        rows,
        schema={"person_key": pl.String, "type": pl.String, "activity_date": pl.Date, "opened": pl.Boolean},
        orient="row",
    )


def encounters(rows: list[tuple[str, str, datetime, str, str | None]]) -> pl.DataFrame:
    """Encounters from ``(encounter_key, person_key, start, code, reasoncode)`` tuples."""
    return pl.DataFrame(
        rows,
        schema={
            "encounter_key": pl.String,
            "person_key": pl.String,
            "start": pl.Datetime("us"),
            "code": pl.String,
            "reasoncode": pl.String,
        },
        orient="row",
    ).with_columns(start_year=pl.col("start").dt.year())


def synthetic_appointments(folder: Path, *, count: int = 600, seed: int = 7) -> Path:
    """A limited data set of ``count`` appointments of ``count // 2`` persons with a planted no-show model.

    Lead time confounds reminders: appointments booked further ahead get reminders more
    often and are missed more often; a reminder itself lowers the odds of a no-show.
    """
    rng = np.random.default_rng(seed)
    persons = count // 2
    person_keys = [f"pk{index:05d}zz" for index in range(persons)]
    owner = np.repeat(np.arange(persons), 2)[:count]
    lead_days = rng.integers(0, 42, size=count)
    start_day = rng.integers(0, 700, size=count)
    reminded = rng.random(count) < 1 / (1 + np.exp(-(lead_days - 21) / 6))
    logit = -1.6 + 0.05 * lead_days - 0.8 * reminded
    no_show = rng.random(count) < 1 / (1 + np.exp(-logit))
    base = datetime(2021, 1, 4, 9, 0)
    starts = [base + np.timedelta64(int(day), "D").item() for day in start_day]
    scheduled = [
        start - np.timedelta64(int(lead), "D").item() for start, lead in zip(starts, lead_days, strict=True)
    ]
    table_appointments = appointments(
        [
            (
                f"ap{index:05d}",
                person_keys[owner[index]],
                scheduled[index],
                starts[index],
                "no-show" if no_show[index] else "attended",
            )
            for index in range(count)
        ]
    )
    tasks = crm_tasks(
        [
            (
                person_keys[owner[index]],
                "Reminder",
                (starts[index] - np.timedelta64(2, "D").item()).date(),
                None,
            )
            for index in range(count)
            if reminded[index]
        ]
    )
    table_patients = patients(
        [
            (key, int(year), None, "F" if index % 2 else "M")
            for index, (key, year) in enumerate(
                zip(person_keys, rng.integers(1940, 2000, size=persons), strict=True)
            )
        ]
    )
    return write_dataset(
        folder, {"appointments": table_appointments, "crm_tasks": tasks, "patients": table_patients}
    )
