"""Rows that follow care: clinical notes, satisfaction surveys (planted effect 5), payments."""

from __future__ import annotations

import numpy as np
import polars as pl

from deid.synth._config import WINDOW_DAYS, date_from_day
from deid.synth._effects import nps_scores
from deid.synth._facilities import NO_INSURANCE, Network
from deid.synth._ids import salesforce_ids, uuid_strings

NOTES_PER_PATIENT = (1, 5)
NOTE_TYPES = {"inpatient": "discharge", "emergency": "ed", "urgentcare": "nursing"}
SURVEY_SHARE = 0.3
SURVEY_DELAY_DAYS = (1, 7)
SURVEY_COMMENT_SHARE = 0.6
PAYMENT_SHARE = 0.3
PAYMENT_DELAY_DAYS = (10, 60)
PAYMENT_METHODS = ("Card", "Cash", "Check", "ACH")


def make_notes(rng: np.random.Generator, encounters: pl.DataFrame, network: Network) -> pl.DataFrame:
    """Pick 1 to 5 distinct encounters per patient and describe a note for each (text later)."""
    patients = int(encounters.select(pl.col("_patient_row").max().fill_null(0)).item()) + 1
    wanted = rng.integers(NOTES_PER_PATIENT[0], NOTES_PER_PATIENT[1] + 1, patients)
    chosen = (
        encounters.with_columns(_key=pl.Series(rng.random(encounters.height)))
        .with_columns(_rank=pl.col("_key").rank("ordinal").over("_patient_row"))
        .filter(pl.col("_rank") <= pl.lit(pl.Series(wanted)).gather(pl.col("_patient_row")))
    )
    note_type = pl.col("ENCOUNTERCLASS").replace_strict(
        NOTE_TYPES, default="progress", return_dtype=pl.String
    )
    return chosen.select(
        Id=uuid_strings(rng, chosen.height),
        PATIENT=pl.col("PATIENT"),
        ENCOUNTER=pl.col("Id"),
        DATE=pl.col("STOP"),
        AUTHOR=network.providers["NAME"].gather(chosen["_provider"]),
        NOTE_TYPE=note_type,
        _patient_row=pl.col("_patient_row"),
        _day=pl.col("_day"),
    )


def make_surveys(
    rng: np.random.Generator,
    appointments: pl.DataFrame,
    contacts: pl.DataFrame,
    *,
    primary_rows: np.ndarray,
    end_day: np.ndarray,
    id_offset: int,
) -> pl.DataFrame:
    """Surveys answered 1 to 7 days after an attended appointment, NPS from its lead time.

    A survey is dropped when another attended appointment falls between the visit and
    the answer, so "the appointment before the survey" is always the one drawn.
    """
    attended = appointments.filter(pl.col("STATUS") == "attended").with_columns(
        _next_day=pl.col("_start_day").shift(-1).over("_patient_row")
    )
    delay = rng.integers(SURVEY_DELAY_DAYS[0], SURVEY_DELAY_DAYS[1] + 1, attended.height)
    row = attended["_patient_row"].to_numpy()
    answer_day = attended["_start_day"].to_numpy() + delay
    keep = (
        (primary_rows[row] >= 0)
        & (rng.random(attended.height) < SURVEY_SHARE)
        & (answer_day < WINDOW_DAYS)
        & (answer_day <= end_day[row] + SURVEY_DELAY_DAYS[1])
        & (attended["_next_day"].fill_null(WINDOW_DAYS * 2).to_numpy() > answer_day)
    )
    surveyed = attended.filter(pl.Series(keep)).with_columns(_answer_day=pl.Series(answer_day[keep]))
    contact_row = primary_rows[surveyed["_patient_row"].to_numpy()]
    return surveyed.select(
        Id=salesforce_ids("a0S", np.arange(surveyed.height) + id_offset),
        Contact__c=contacts["Id"].gather(pl.Series(contact_row)),
        ResponseDate__c=date_from_day(pl.col("_answer_day")),
        NPS__c=pl.Series(nps_scores(rng, surveyed["_lead"].to_numpy())),
        _contact_row=pl.Series(contact_row),
        _event_day=pl.col("_start_day"),
        _has_comment=pl.Series(rng.random(surveyed.height) < SURVEY_COMMENT_SHARE),
        _lead=pl.col("_lead"),
    )


def make_payments(
    rng: np.random.Generator,
    encounters: pl.DataFrame,
    contacts: pl.DataFrame,
    *,
    primary_rows: np.ndarray,
    id_offset: int,
) -> pl.DataFrame:
    """Payments of the patient's share of some encounters, by their primary contact."""
    share = (pl.col("TOTAL_CLAIM_COST") - pl.col("PAYER_COVERAGE")).round(2)
    owed = encounters.with_columns(_owed=share).filter(pl.col("_owed") >= 1.0)
    row = owed["_patient_row"].to_numpy()
    paid_day = owed["_day"].to_numpy() + rng.integers(
        PAYMENT_DELAY_DAYS[0], PAYMENT_DELAY_DAYS[1] + 1, owed.height
    )
    uninsured = owed["_payer"].to_numpy() == NO_INSURANCE
    keep = (primary_rows[row] >= 0) & (rng.random(owed.height) < np.where(uninsured, 0.6, PAYMENT_SHARE))
    keep &= paid_day < WINDOW_DAYS
    paid = owed.filter(pl.Series(keep)).with_columns(_paid_day=pl.Series(paid_day[keep]))
    contact_row = primary_rows[paid["_patient_row"].to_numpy()]
    methods = np.array(PAYMENT_METHODS)[
        rng.choice(len(PAYMENT_METHODS), paid.height, p=[0.55, 0.1, 0.15, 0.2])
    ]
    return paid.select(
        Id=salesforce_ids("a0P", np.arange(paid.height) + id_offset),
        Contact__c=contacts["Id"].gather(pl.Series(contact_row)),
        Amount__c=pl.col("_owed"),
        PaidDate__c=date_from_day(pl.col("_paid_day")),
        Method__c=pl.Series(methods),
    )
