"""Turn a chunk's encounter events into the ``encounters`` table: ids, times, codes, costs."""

from __future__ import annotations

import numpy as np
import polars as pl

from deid.synth import _vocab as vocab
from deid.synth._config import WINDOW_DAYS, datetime_from_day
from deid.synth._facilities import MEDICAID, MEDICARE, NO_INSURANCE, PRIVATE_PAYERS, Network
from deid.synth._ids import uuid_strings

DURATION_MINUTES = {
    "wellness": (15, 40),
    "ambulatory": (15, 45),
    "outpatient": (30, 120),
    "urgentcare": (30, 120),
    "emergency": (60, 480),
    "inpatient": (1_440, 7_200),
}
BASE_COST = {
    "wellness": 136.8,
    "ambulatory": 85.55,
    "outpatient": 120.0,
    "urgentcare": 142.58,
    "emergency": 146.18,
    "inpatient": 1_200.0,
}
SCHEDULED_KINDS = ("wellness", "chronic_dx", "follow_up")
NO_INSURANCE_SHARE = 0.06
LOW_INCOME = 25_000.0
REASON_DESCRIPTIONS = dict(
    [*vocab.RESPIRATORY_ACUTE, vocab.ASTHMA, vocab.COPD, *vocab.CHRONIC, *vocab.BACKGROUND_REASONS]
)


def payer_rows(rng: np.random.Generator, patients: pl.DataFrame) -> np.ndarray:
    """Return each patient's payer (row of the payers table)."""
    count = patients.height
    age_years = patients["_age_days"].to_numpy() / 365.25
    low_income = patients["INCOME"].to_numpy() < LOW_INCOME
    draw = rng.random(count)
    private = PRIVATE_PAYERS[rng.integers(0, len(PRIVATE_PAYERS), count)]
    payer = np.where((age_years >= 65) & (draw < 0.85), MEDICARE, private)
    payer = np.where(low_income & (age_years < 65) & (draw < 0.6), MEDICAID, payer)
    return np.where(rng.random(count) < NO_INSURANCE_SHARE, NO_INSURANCE, payer)


def finish_encounters(
    rng: np.random.Generator,
    events: pl.DataFrame,
    patients: pl.DataFrame,
    appointments: pl.DataFrame,
    *,
    network: Network,
    primary_provider: np.ndarray,
    payer: np.ndarray,
) -> pl.DataFrame:
    """Add ids, start and stop, provider, organization, payer, codes and costs."""
    count = events.height
    row = events["_patient_row"].to_numpy()
    kind = events["_kind"].to_numpy()
    encounter_class = events["ENCOUNTERCLASS"].to_numpy()
    age_days = patients["_age_days"].to_numpy()[row] - (WINDOW_DAYS - 1 - events["_day"].to_numpy())
    encounter_type = np.where(
        (kind == "wellness") & (age_days < 18 * 365.25), "wellness_child", events["_type"].to_numpy()
    )
    appointment_row = events["_appointment_row"].fill_null(0).to_numpy()
    appointment_provider = appointments["_provider"].to_numpy()
    random_provider = network.pick_providers(rng, patients["_county"].to_numpy()[row])
    provider = np.where(
        kind == "appointment",
        appointment_provider[appointment_row] if appointments.height else 0,
        np.where(np.isin(kind, SCHEDULED_KINDS), primary_provider[row], random_provider),
    )
    low = np.array([DURATION_MINUTES[name][0] for name in encounter_class])
    high = np.array([DURATION_MINUTES[name][1] for name in encounter_class])
    duration = low + (rng.random(count) * (high - low)).astype(np.int64)
    base = np.array([BASE_COST[name] for name in encounter_class])
    total = np.round(
        base * rng.uniform(1.0, 3.0, count) * np.where(encounter_class == "inpatient", duration / 1440, 1), 2
    )
    coverage_share = np.where(payer[row] == NO_INSURANCE, 0.0, np.clip(rng.normal(0.8, 0.1, count), 0.3, 1.0))
    code_of = {name: code for name, (code, _) in vocab.ENCOUNTER_TYPES.items()}
    description_of = {name: description for name, (_, description) in vocab.ENCOUNTER_TYPES.items()}
    start = datetime_from_day(pl.col("_day"), pl.col("_minute"))
    return events.with_columns(
        Id=uuid_strings(rng, count),
        START=start,
        STOP=start + pl.duration(minutes=pl.lit(pl.Series(duration))),
        PATIENT=patients["Id"].gather(events["_patient_row"]),
        _provider=pl.Series(provider),
        PROVIDER=network.providers["Id"].gather(pl.Series(provider)),
        ORGANIZATION=network.providers["ORGANIZATION"].gather(pl.Series(provider)),
        PAYER=network.payers["Id"].gather(pl.Series(payer[row])),
        _payer=pl.Series(payer[row]),
        CODE=pl.Series(encounter_type).replace_strict(code_of, return_dtype=pl.String),
        DESCRIPTION=pl.Series(encounter_type).replace_strict(description_of, return_dtype=pl.String),
        REASONDESCRIPTION=pl.col("REASONCODE").replace_strict(
            REASON_DESCRIPTIONS, default=None, return_dtype=pl.String
        ),
        BASE_ENCOUNTER_COST=pl.Series(base),
        TOTAL_CLAIM_COST=pl.Series(total),
        PAYER_COVERAGE=pl.Series(np.round(total * coverage_share, 2)),
        _age_years=pl.Series(np.floor(age_days / 365.25).astype(np.int64)),
        _duration=pl.Series(duration),
    )
