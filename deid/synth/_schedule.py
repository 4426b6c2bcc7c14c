"""Who is a patient when, and their scheduled appointments with reminders and attendance.

A patient's active period runs from birth (or the window start) to death, to the day
they leave (not retained, planted effect 4) or to the window end. Appointments carry
planted effect 1: lead time raises no-shows, a reminder lowers them, and reminders go
mostly to long-lead appointments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth import _effects as effects
from deid.synth._config import MICROS_PER_DAY, MICROS_PER_MINUTE, RETENTION_YEAR_START_DAY, WINDOW_DAYS

APPOINTMENTS_PER_YEAR = 0.85
MIN_DAYS_BEFORE_CHURN = 60
FIRST_APPOINTMENT_MINUTE = 8 * 60
APPOINTMENT_SLOTS = 36
"""Fifteen-minute slots from 08:00."""


@dataclass(frozen=True, kw_only=True)
class ActivePeriods:
    """Day indexes (inclusive) when each patient of a chunk receives care."""

    start: np.ndarray
    end: np.ndarray
    retained: np.ndarray
    channel_odds_ratio: np.ndarray

    def years(self) -> np.ndarray:
        """Return each active period's length in years."""
        return np.asarray((self.end - self.start + 1) / 365.25)


def active_periods(rng: np.random.Generator, patients: pl.DataFrame, contacts: pl.DataFrame) -> ActivePeriods:
    """Draw retention from the primary contact's acquisition channel and bound each period."""
    count = patients.height
    odds_ratio = np.full(count, effects.RETENTION_ODDS_RATIO_WITHOUT_CONTACT)
    primary = contacts.filter(pl.col("_kind") == "linked")
    ratios = (
        primary["_channel"].replace_strict(effects.RETENTION_ODDS_RATIOS, return_dtype=pl.Float64).to_numpy()
    )
    odds_ratio[primary["_patient_row"].to_numpy()] = ratios
    start = np.maximum(patients["_birth_day"].to_numpy(), 0)
    death = patients["_death_day"].to_numpy()
    end = np.where(death >= 0, death, WINDOW_DAYS - 1)
    retained = rng.random(count) < effects.retention_probability(odds_ratio)
    churn_low = start + MIN_DAYS_BEFORE_CHURN
    can_churn = churn_low < RETENTION_YEAR_START_DAY
    retained |= ~can_churn
    churn_day = churn_low + (rng.random(count) * np.maximum(RETENTION_YEAR_START_DAY - churn_low, 1)).astype(
        np.int64
    )
    end = np.where(retained, end, np.minimum(end, churn_day))
    return ActivePeriods(
        start=start, end=np.maximum(end, start), retained=retained, channel_odds_ratio=odds_ratio
    )


def make_appointments(
    rng: np.random.Generator,
    periods: ActivePeriods,
    *,
    has_contact: np.ndarray,
    provider: np.ndarray,
) -> pl.DataFrame:
    """Return the appointments of a chunk (private columns; ids are added later).

    Columns: ``_patient_row``, ``_lead`` (days), ``_start_day``, ``_start_minute``,
    ``_scheduled_micros``, ``_reminded``, ``_reminder_day``, ``STATUS``, ``_provider``.
    """
    per_patient = rng.poisson(APPOINTMENTS_PER_YEAR * periods.years())
    patient_row = np.repeat(np.arange(len(per_patient)), per_patient)
    count = len(patient_row)
    lead = effects.lead_days(rng, count)
    earliest = periods.start[patient_row] + np.ceil(lead).astype(np.int64)
    latest = periods.end[patient_row]
    span = latest - earliest + 1
    start_day = earliest + (rng.random(count) * np.maximum(span, 1)).astype(np.int64)
    start_minute = FIRST_APPOINTMENT_MINUTE + 15 * rng.integers(0, APPOINTMENT_SLOTS, count)
    start_micros = start_day * MICROS_PER_DAY + start_minute * MICROS_PER_MINUTE
    scheduled = start_micros - np.rint(lead * 24 * 60).astype(np.int64) * MICROS_PER_MINUTE
    can_remind = has_contact[patient_row] & (lead >= 1.0)
    reminded = can_remind & (rng.random(count) < effects.reminder_probability(lead))
    reminder_back = 1 + (rng.random(count) * np.minimum(effects.REMINDER_WINDOW_DAYS, np.floor(lead))).astype(
        np.int64
    )
    cancelled = rng.random(count) < effects.CANCELLED_SHARE
    no_show = ~cancelled & (
        rng.random(count) < effects.no_show_probability(lead, reminded.astype(np.float64))
    )
    status = np.where(cancelled, "cancelled", np.where(no_show, "no-show", "attended"))
    frame = pl.DataFrame(
        {
            "_patient_row": patient_row,
            "_lead": lead,
            "_start_day": start_day,
            "_start_minute": start_minute,
            "_scheduled_micros": scheduled,
            "_reminded": reminded,
            "_reminder_day": start_day - reminder_back,
            "STATUS": status,
            "_provider": provider[patient_row],
        }
    )
    return frame.filter(pl.Series(span >= 1)).sort("_patient_row", "_start_day", "_start_minute")
