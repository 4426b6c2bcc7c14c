"""Free-text columns rendered by the text engine, with the person's own identifiers.

Each text gets the context of the person it is about: for patients and their CRM
contacts the EMR record (names, nickname, a relative, phone, email, MRN, SSN, address,
account and member numbers); for CRM prospects the contact's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth._config import date_from_day
from deid.synth.text import TextKind, gold_records, render_texts

TASK_DESCRIPTION_KINDS = {
    "Call": TextKind.CALL_NOTE,
    "Email": TextKind.EMAIL_BODY,
    "SMS": TextKind.SMS,
    "Reminder": TextKind.REMINDER,
    "BillingNotice": TextKind.BILLING_NOTICE,
}
CONTEXT_COLUMNS = (
    "first_name", "last_name", "nickname", "relative_name", "relative_role", "provider_name", "phone",
    "email", "mrn", "account_number", "member_id", "ssn", "street", "city", "zip", "sex", "birth_date",
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class RenderedColumn:
    """The texts of one column and their gold annotations."""

    table: str
    column: str
    texts: pl.DataFrame
    """``record_id`` and ``text``."""
    gold: pl.DataFrame


def patient_context(patients: pl.DataFrame, provider_names: pl.Series) -> pl.DataFrame:
    """Return the text context of each patient row, in row order."""
    return patients.select(
        first_name=pl.col("FIRST"),
        last_name=pl.col("LAST"),
        nickname=pl.col("_nickname"),
        relative_name=pl.col("_relative_name"),
        relative_role=pl.col("_relative_role"),
        provider_name=provider_names,
        phone=pl.col("PHONE"),
        email=pl.col("EMAIL"),
        mrn=pl.col("MRN"),
        account_number=pl.col("_account_number"),
        member_id=pl.col("_member_id"),
        ssn=pl.col("SSN"),
        street=pl.col("ADDRESS"),
        city=pl.col("CITY"),
        zip=pl.col("ZIP"),
        sex=pl.col("GENDER"),
        birth_date=pl.col("BIRTHDATE"),
    )


def contact_context(contacts: pl.DataFrame, patient_rows: pl.DataFrame) -> pl.DataFrame:
    """Return each contact's context: its patient's record, or its own fields for prospects."""
    linked_row = contacts["_patient_row"].to_numpy()
    from_patient = patient_rows[np.maximum(linked_row, 0)]
    own = contacts.select(
        first_name=pl.col("FirstName"),
        last_name=pl.col("LastName"),
        nickname=pl.lit(None, pl.String),
        relative_name=pl.lit(None, pl.String),
        relative_role=pl.lit(None, pl.String),
        provider_name=pl.lit(None, pl.String),
        phone=pl.col("Phone"),
        email=pl.col("Email"),
        mrn=pl.lit(None, pl.String),
        account_number=pl.lit(None, pl.String),
        member_id=pl.lit(None, pl.String),
        ssn=pl.lit(None, pl.String),
        street=pl.col("MailingStreet"),
        city=pl.col("MailingCity"),
        zip=pl.col("MailingPostalCode"),
        sex=pl.lit(None, pl.String),
        birth_date=pl.col("Birthdate"),
    )
    is_linked = pl.Series(linked_row >= 0)
    return pl.DataFrame({name: from_patient[name].zip_with(is_linked, own[name]) for name in CONTEXT_COLUMNS})


def _finish_context(
    context: pl.DataFrame, record_id: pl.Series, event_day: pl.Series, amount: pl.Series | None
) -> pl.DataFrame:
    event_date = date_from_day(pl.lit(event_day))
    return context.with_columns(
        record_id=record_id,
        event_date=event_date,
        age=((event_date - pl.col("birth_date")).dt.total_days() // 365.25).cast(pl.Int64),
        amount=amount if amount is not None else pl.lit(None, pl.Float64),
    )


def _render(context: pl.DataFrame, kind: TextKind, *, seed: int, table: str, column: str) -> RenderedColumn:
    rendered = render_texts(context, kind=kind, seed=seed)
    return RenderedColumn(
        table=table,
        column=column,
        texts=rendered.select("record_id", "text"),
        gold=gold_records(rendered, table=table, column=column),
    )


def note_texts(notes: pl.DataFrame, patient_rows: pl.DataFrame, *, seed: int) -> RenderedColumn:
    """Render ``notes.TEXT`` (the author is the note's provider)."""
    context = patient_rows[notes["_patient_row"].to_numpy()].with_columns(provider_name=notes["AUTHOR"])
    context = _finish_context(context, notes["Id"], notes["_day"], None)
    return _render(context, TextKind.CLINICAL_NOTE, seed=seed, table="notes", column="TEXT")


def task_texts(tasks: pl.DataFrame, contact_rows: pl.DataFrame, *, seed: int) -> list[RenderedColumn]:
    """Render ``Task.Subject`` for every task and ``Task.Description`` by task type."""
    context = _finish_context(
        contact_rows[tasks["_contact_row"].to_numpy()], tasks["Id"], tasks["_event_day"], tasks["_amount"]
    )
    results = [_render(context, TextKind.EMAIL_SUBJECT, seed=seed, table="Task", column="Subject")]
    descriptions = []
    golds = []
    task_type = tasks["Type"]
    for type_name, kind in TASK_DESCRIPTION_KINDS.items():
        part = _render(
            context.filter(task_type == type_name), kind, seed=seed, table="Task", column="Description"
        )
        descriptions.append(part.texts)
        golds.append(part.gold)
    results.append(
        RenderedColumn(
            table="Task", column="Description", texts=pl.concat(descriptions), gold=pl.concat(golds)
        )
    )
    return results


def survey_texts(surveys: pl.DataFrame, contact_rows: pl.DataFrame, *, seed: int) -> RenderedColumn:
    """Render ``SurveyResponse__c.Comment__c`` for the surveys that have a comment."""
    commented = surveys.filter(pl.col("_has_comment"))
    context = _finish_context(
        contact_rows[commented["_contact_row"].to_numpy()], commented["Id"], commented["_event_day"], None
    )
    return _render(
        context, TextKind.SURVEY_COMMENT, seed=seed, table="SurveyResponse__c", column="Comment__c"
    )


def attach(frame: pl.DataFrame, rendered: RenderedColumn) -> pl.DataFrame:
    """Join rendered texts onto ``frame`` by its ``Id`` (rows without a text get null)."""
    texts = rendered.texts.rename({"record_id": "Id", "text": rendered.column})
    return frame.join(texts, on="Id", how="left", maintain_order="left")
