"""Encounters of one chunk: wellness, attended appointments, background, respiratory, chronic.

Respiratory encounters carry planted effect 2 (drawn as a Poisson process whose daily
rate follows the county's AQI and pollen); chronic diagnoses and their follow-ups carry
effect 3 (follow-up chance rises with the contact's email open rate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth import _effects as effects
from deid.synth import _vocab as vocab
from deid.synth._config import WINDOW_DAYS, WINDOW_START
from deid.synth._schedule import ActivePeriods

BACKGROUND_PER_YEAR = 1.0
BACKGROUND_CLASSES = (
    ("ambulatory", 0.45),
    ("outpatient", 0.25),
    ("urgentcare", 0.12),
    ("emergency", 0.12),
    ("inpatient", 0.06),
)
RESPIRATORY_CLASSES = (("ambulatory", 0.6), ("urgentcare", 0.2), ("emergency", 0.15), ("inpatient", 0.05))
TYPE_OF_CLASS = {
    "ambulatory": "symptom",
    "outpatient": "outpatient",
    "urgentcare": "urgentcare",
    "emergency": "emergency",
    "inpatient": "inpatient",
}
ASTHMA_SHARE = 0.08
COPD_SHARE_OVER_45 = 0.06
CHRONIC_LUNG_REASON_SHARE = 0.7
BACKGROUND_REASON_SHARE = 0.65
LATE_FOLLOW_UP_SHARE = 0.5


@dataclass(frozen=True, kw_only=True)
class RespiratoryRates:
    """Flattened cumulative respiratory rate ratios, for drawing event days by county."""

    cumulative: np.ndarray
    """``[county, day + 1]`` cumulative sums, offset so the flattened array increases."""

    @classmethod
    def from_multiplier(cls, multiplier: np.ndarray) -> RespiratoryRates:
        counties, days = multiplier.shape
        cumulative = np.zeros((counties, days + 1))
        cumulative[:, 1:] = np.cumsum(multiplier, axis=1)
        offsets = np.concatenate([[0.0], np.cumsum(cumulative[:, -1])[:-1]])
        return cls(cumulative=cumulative + offsets[:, None])

    def draw(
        self,
        rng: np.random.Generator,
        county: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        daily_rate: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Draw event days of a Poisson process with rate ``daily_rate * multiplier``; return (row, day)."""
        low = self.cumulative[county, start]
        high = self.cumulative[county, end + 1]
        counts = rng.poisson(daily_rate * (high - low))
        row = np.repeat(np.arange(len(county)), counts)
        target = low[row] + rng.random(len(row)) * (high - low)[row]
        flat_index = np.searchsorted(self.cumulative.ravel(), target, side="right") - 1
        return row, flat_index - county[row] * (WINDOW_DAYS + 1)


def _types_of(classes: np.ndarray) -> np.ndarray:
    """Return the encounter type key of each encounter class."""
    mapped = pl.Series(classes, dtype=pl.String).replace_strict(TYPE_OF_CLASS, return_dtype=pl.String)
    return mapped.to_numpy().astype(np.str_)


def _pick(rng: np.random.Generator, options: tuple[tuple[str, float], ...], count: int) -> np.ndarray:
    shares = np.array([share for _, share in options])
    return np.array([name for name, _ in options])[rng.choice(len(options), count, p=shares / shares.sum())]


def _events(
    row: np.ndarray,
    day: np.ndarray,
    kind: str,
    encounter_class: np.ndarray | str,
    encounter_type: np.ndarray | str,
    *,
    reason: np.ndarray | None = None,
) -> pl.DataFrame:
    count = len(row)
    return pl.DataFrame(
        {
            "_patient_row": row.astype(np.int64),
            "_day": day.astype(np.int64),
            "_kind": np.full(count, kind),
            "ENCOUNTERCLASS": np.broadcast_to(encounter_class, count),
            "_type": np.broadcast_to(encounter_type, count),
            "REASONCODE": np.broadcast_to(
                np.asarray(reason if reason is not None else "", dtype=np.str_), count
            ),
        }
    ).with_columns(REASONCODE=pl.when(pl.col("REASONCODE") != "").then(pl.col("REASONCODE")))


def _wellness(periods: ActivePeriods, rng: np.random.Generator) -> pl.DataFrame:
    rows, days = [], []
    for year in range(WINDOW_START.year, WINDOW_START.year + 5):
        first = (dt.date(year, 1, 1) - WINDOW_START).days
        last = min((dt.date(year, 12, 31) - WINDOW_START).days, WINDOW_DAYS - 1)
        low, high = np.maximum(first, periods.start), np.minimum(last, periods.end)
        active = np.flatnonzero(low <= high)
        rows.append(active)
        days.append(low[active] + (rng.random(len(active)) * (high - low + 1)[active]).astype(np.int64))
    row, day = np.concatenate(rows), np.concatenate(days)
    return _events(row, day, "wellness", "wellness", "wellness_adult")


def _background(periods: ActivePeriods, rng: np.random.Generator) -> pl.DataFrame:
    row = np.repeat(np.arange(len(periods.start)), rng.poisson(BACKGROUND_PER_YEAR * periods.years()))
    day = periods.start[row] + (rng.random(len(row)) * (periods.end - periods.start + 1)[row]).astype(
        np.int64
    )
    classes = _pick(rng, BACKGROUND_CLASSES, len(row))
    codes = np.array([code for code, _ in vocab.BACKGROUND_REASONS])
    reason = np.where(
        rng.random(len(row)) < BACKGROUND_REASON_SHARE, codes[rng.integers(0, len(codes), len(row))], ""
    )
    return _events(row, day, "background", classes, _types_of(classes), reason=reason)


def chronic_lung(rng: np.random.Generator, patients: pl.DataFrame) -> np.ndarray:
    """Return 0 (none), 1 (asthma) or 2 (COPD) per patient."""
    age_years = patients["_age_days"].to_numpy() / 365.25
    asthma = rng.random(patients.height) < ASTHMA_SHARE
    copd = (age_years >= 45) & (rng.random(patients.height) < COPD_SHARE_OVER_45)
    return np.where(copd, 2, np.where(asthma, 1, 0))


def _respiratory(
    periods: ActivePeriods,
    rng: np.random.Generator,
    *,
    county: np.ndarray,
    lung: np.ndarray,
    rates: RespiratoryRates,
) -> pl.DataFrame:
    daily = (
        effects.RESPIRATORY_BASE_RATE_PER_YEAR
        / 365.25
        * np.where(lung > 0, effects.RESPIRATORY_RATE_RATIO_CHRONIC_LUNG, 1.0)
    )
    row, day = rates.draw(rng, county, periods.start, periods.end, daily)
    acute = np.array([code for code, _ in vocab.RESPIRATORY_ACUTE])
    acute_reason = acute[rng.choice(len(acute), len(row), p=np.array(vocab.RESPIRATORY_ACUTE_SHARES))]
    own = np.array(["", vocab.ASTHMA[0], vocab.COPD[0]])[lung[row]]
    use_own = (lung[row] > 0) & (rng.random(len(row)) < CHRONIC_LUNG_REASON_SHARE)
    classes = _pick(rng, RESPIRATORY_CLASSES, len(row))
    reason = np.where(use_own, own, acute_reason)
    return _events(row, day, "respiratory", classes, _types_of(classes), reason=reason)


def _chronic(
    periods: ActivePeriods, rng: np.random.Generator, *, patients: pl.DataFrame, open_rate: np.ndarray
) -> pl.DataFrame:
    age_years = (patients["_age_days"].to_numpy() - WINDOW_DAYS) / 365.25
    share = np.where(
        age_years >= 40,
        effects.CHRONIC_DIAGNOSIS_SHARE_OVER_40,
        np.where(age_years >= 18, effects.CHRONIC_DIAGNOSIS_SHARE_UNDER_40, 0.0),
    )
    last_dx = periods.end - effects.FOLLOW_UP_WINDOW_DAYS
    row = np.flatnonzero((rng.random(patients.height) < share) & (last_dx >= periods.start))
    dx_day = periods.start[row] + (rng.random(len(row)) * (last_dx - periods.start + 1)[row]).astype(np.int64)
    codes = np.array([code for code, _ in vocab.CHRONIC])
    reason = codes[rng.integers(0, len(codes), len(row))]
    rate = np.nan_to_num(open_rate[row], nan=effects.FOLLOW_UP_OPEN_RATE_WITHOUT_EMAIL)
    followed = rng.random(len(row)) < effects.follow_up_probability(rate)
    early_day = dx_day + rng.integers(7, effects.FOLLOW_UP_WINDOW_DAYS + 1, len(row))
    late_day = dx_day + rng.integers(effects.FOLLOW_UP_WINDOW_DAYS + 1, 366, len(row))
    late = ~followed & (rng.random(len(row)) < LATE_FOLLOW_UP_SHARE) & (late_day <= periods.end[row])
    return pl.concat(
        [
            _events(row, dx_day, "chronic_dx", "ambulatory", "problem", reason=reason),
            _events(
                row[followed],
                early_day[followed],
                "follow_up",
                "ambulatory",
                "follow_up",
                reason=reason[followed],
            ),
            _events(row[late], late_day[late], "follow_up", "ambulatory", "follow_up", reason=reason[late]),
        ]
    )


def _appointment_visits(appointments: pl.DataFrame) -> pl.DataFrame:
    attended = appointments.with_row_index("_appointment_row").filter(pl.col("STATUS") == "attended")
    visits = _events(
        attended["_patient_row"].to_numpy(),
        attended["_start_day"].to_numpy(),
        "appointment",
        "ambulatory",
        "check_up",
    )
    return visits.with_columns(
        _appointment_row=attended["_appointment_row"].cast(pl.Int64),
        _minute=attended["_start_minute"].cast(pl.Int64),
    )


def draw_encounters(
    rng: np.random.Generator,
    patients: pl.DataFrame,
    periods: ActivePeriods,
    appointments: pl.DataFrame,
    *,
    lung: np.ndarray,
    open_rate: np.ndarray,
    rates: RespiratoryRates,
) -> pl.DataFrame:
    """Return the chunk's encounter events (private columns; ids and costs added later)."""
    county = patients["_county"].to_numpy()
    parts = [
        _wellness(periods, rng),
        _background(periods, rng),
        _respiratory(periods, rng, county=county, lung=lung, rates=rates),
        _chronic(periods, rng, patients=patients, open_rate=open_rate),
    ]
    unscheduled = pl.concat(parts)
    urgent = unscheduled["ENCOUNTERCLASS"].is_in(["emergency", "urgentcare", "inpatient"]).to_numpy()
    minute = np.where(
        urgent,
        rng.integers(0, 24 * 60, unscheduled.height),
        8 * 60 + 5 * rng.integers(0, 108, unscheduled.height),
    )
    events = pl.concat(
        [
            unscheduled.with_columns(_appointment_row=pl.lit(None, pl.Int64), _minute=pl.Series(minute)),
            _appointment_visits(appointments),
        ]
    )
    return events.sort("_patient_row", "_day", "_minute", maintain_order=True)
