"""CRM activities (Task): calls, emails, SMS, appointment reminders and billing notices.

Each contact gets 5 to 15 tasks. Reminders come from the appointment schedule (dated 1
to 3 days before the appointment); the rest are spread over the contact's life. Each
contact has its own email open propensity, and its observed open rate drives planted
effect 3 (follow-up after a chronic diagnosis).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from deid.synth._config import WINDOW_DAYS, date_from_day
from deid.synth._crm import KIND_PROSPECT
from deid.synth._ids import salesforce_ids

TASKS_PER_CONTACT = (5, 15)
TYPE_WEIGHTS = {"Email": 0.40, "Call": 0.25, "SMS": 0.20, "BillingNotice": 0.15}
EMAIL, CALL, SMS, BILLING = range(4)
OPEN_PROPENSITY_BETA = (2.0, 2.5)
DAYS_AFTER_LEAVING = 45
COMPLETED_SHARE = 0.94


def primary_contact_rows(contacts: pl.DataFrame, patients: int) -> np.ndarray:
    """Return, per patient row, the row of its primary (linked) contact or -1."""
    rows = np.full(patients, -1, dtype=np.int64)
    linked = contacts.with_row_index("_row").filter(pl.col("_kind") == "linked")
    rows[linked["_patient_row"].to_numpy()] = linked["_row"].to_numpy()
    return rows


def _type_cdf(contacts: pl.DataFrame) -> np.ndarray:
    weights = np.tile(np.array(list(TYPE_WEIGHTS.values())), (contacts.height, 1))
    opted_out = contacts["_opted_out"].to_numpy()
    prospect = (contacts["_kind"] == KIND_PROSPECT).to_numpy()
    weights[opted_out, CALL] += weights[opted_out, EMAIL]
    weights[opted_out, EMAIL] = 0.0
    weights[prospect, SMS] += weights[prospect, BILLING]
    weights[prospect, BILLING] = 0.0
    return np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)


def make_tasks(
    rng: np.random.Generator,
    contacts: pl.DataFrame,
    appointments: pl.DataFrame,
    *,
    primary_rows: np.ndarray,
    end_day: np.ndarray,
    id_offset: int,
) -> pl.DataFrame:
    """Return the tasks of a chunk's contacts (with private columns for texts and effects).

    Private columns: ``_contact_row``, ``_day``, ``_event_day`` (the appointment day for
    reminders) and ``_amount`` (billing notices).
    """
    reminders = appointments.filter(pl.col("_reminded"))
    reminder_contact = primary_rows[reminders["_patient_row"].to_numpy()]
    contact_count = contacts.height
    reminder_count = np.bincount(reminder_contact, minlength=contact_count)
    wanted = rng.integers(TASKS_PER_CONTACT[0], TASKS_PER_CONTACT[1] + 1, contact_count)
    others = np.maximum(wanted - reminder_count, 0)
    contact_row = np.repeat(np.arange(contact_count), others)
    count = len(contact_row)
    cdf = _type_cdf(contacts)[contact_row]
    task_type = (rng.random(count)[:, None] > cdf[:, :-1]).sum(axis=1)

    patient_row = contacts["_patient_row"].to_numpy()
    last_day = np.where(
        patient_row >= 0,
        np.minimum(end_day[np.maximum(patient_row, 0)] + DAYS_AFTER_LEAVING, WINDOW_DAYS - 1),
        WINDOW_DAYS - 1,
    )
    first_day = np.minimum(np.maximum(contacts["_created_day"].to_numpy(), 0), last_day)
    span = (last_day - first_day + 1)[contact_row]
    day = first_day[contact_row] + (rng.random(count) * span).astype(np.int64)

    propensity = rng.beta(*OPEN_PROPENSITY_BETA, contact_count)[contact_row]
    draws = rng.random((5, count))
    is_email, is_sms = task_type == EMAIL, task_type == SMS
    is_call, is_billing = task_type == CALL, task_type == BILLING
    opened = np.where(is_email, draws[0] < propensity, np.where(is_sms, draws[0] < 0.85, draws[0] < 0.5))
    clicked = opened & (draws[1] < np.where(is_email, 0.35, np.where(is_sms, 0.2, 0.3)))
    replied = draws[2] < np.where(is_call, 0.6, np.where(is_email, 0.05, 0.15))
    inbound = draws[3] < np.where(is_call, 0.35, np.where(is_sms, 0.1, 0.0))
    type_names = np.array(list(TYPE_WEIGHTS))
    ordinary = pl.DataFrame(
        {
            "_contact_row": contact_row,
            "_day": day,
            "_event_day": day,
            "Type": type_names[task_type],
            "Opened__c": pl.Series(opened).set(pl.Series(is_call), None),
            "Clicked__c": pl.Series(clicked).set(pl.Series(is_call), None),
            "Replied__c": pl.Series(replied).set(pl.Series(is_billing), None),
            "Direction__c": np.where(inbound, "Inbound", "Outbound"),
            "_amount": np.where(is_billing, np.round(rng.lognormal(4.5, 0.8, count), 2), np.nan),
            "_completed": draws[4] < COMPLETED_SHARE,
        }
    ).with_columns(pl.col("_amount").fill_nan(None))
    reminder_draws = rng.random((2, reminders.height))
    reminder_frame = pl.DataFrame(
        {
            "_contact_row": reminder_contact,
            "_day": reminders["_reminder_day"].to_numpy(),
            "_event_day": reminders["_start_day"].to_numpy(),
            "Type": "Reminder",
            "Opened__c": reminder_draws[0] < 0.75,
            "Clicked__c": pl.Series([None] * reminders.height, dtype=pl.Boolean),
            "Replied__c": reminder_draws[1] < 0.25,
            "Direction__c": "Outbound",
            "_amount": pl.Series([None] * reminders.height, dtype=pl.Float64),
            "_completed": True,
        }
    )
    tasks = pl.concat([ordinary, reminder_frame], how="vertical_relaxed").sort("_contact_row", "_day", "Type")
    return tasks.with_columns(
        Id=salesforce_ids("00T", np.arange(tasks.height) + id_offset),
        WhoId=contacts["Id"].gather(tasks["_contact_row"]),
        Status=pl.when(pl.col("_completed")).then(pl.lit("Completed")).otherwise(pl.lit("Deferred")),
        ActivityDate=date_from_day(pl.col("_day")),
    )


def email_open_rates(tasks: pl.DataFrame, contacts: int) -> np.ndarray:
    """Return each contact's share of Email tasks opened (NaN without Email tasks)."""
    rates = (
        tasks.filter(pl.col("Type") == "Email")
        .group_by("_contact_row")
        .agg(pl.col("Opened__c").cast(pl.Float64).mean().alias("rate"))
    )
    result = np.full(contacts, np.nan)
    result[rates["_contact_row"].to_numpy()] = rates["rate"].to_numpy()
    return result
