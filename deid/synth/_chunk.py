"""One chunk of patients end to end: people, CRM, schedule, care, texts; rows to write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth import _clinical as clinical
from deid.synth._config import (
    MICROS_PER_DAY,
    WINDOW_START_EPOCH_DAY,
    Stream,
    SynthConfig,
    datetime_from_day,
    rng_for,
)
from deid.synth._crm import make_campaign_members, make_contacts
from deid.synth._encounter_table import finish_encounters, payer_rows
from deid.synth._encounters import RespiratoryRates, chronic_lung, draw_encounters
from deid.synth._facilities import Network, Utilisation
from deid.synth._ids import uuid_strings
from deid.synth._names import NamePools
from deid.synth._outcomes import make_notes, make_payments, make_surveys
from deid.synth._people import make_patients
from deid.synth._schedule import active_periods, make_appointments
from deid.synth._tasks import email_open_rates, make_tasks, primary_contact_rows
from deid.synth._texts import (
    RenderedColumn,
    attach,
    contact_context,
    note_texts,
    patient_context,
    survey_texts,
    task_texts,
)
from deid.synth._truth import linkage_rows


@dataclass(frozen=True, kw_only=True)
class Shared:
    """What every chunk shares: pools, network, campaigns, environment rates."""

    config: SynthConfig
    pools: NamePools
    network: Network
    campaigns: pl.DataFrame
    rates: RespiratoryRates
    id_base: int


@dataclass(kw_only=True)
class Counters:
    """Running record numbers of CRM objects, so Salesforce ids stay unique across chunks."""

    contacts: int = 0
    tasks: int = 0
    surveys: int = 0
    payments: int = 0
    utilisation: Utilisation


@dataclass(frozen=True, kw_only=True)
class ChunkOutput:
    """The rows of one chunk, by input table name, plus truth and gold."""

    tables: dict[str, pl.DataFrame]
    linkage: pl.DataFrame
    texts: list[RenderedColumn]


def _appointment_table(
    appointments: pl.DataFrame,
    encounters: pl.DataFrame,
    patients: pl.DataFrame,
    shared: Shared,
    rng: np.random.Generator,
) -> pl.DataFrame:
    visit_of = encounters.filter(pl.col("_appointment_row").is_not_null()).select(
        _appointment_row=pl.col("_appointment_row"), ENCOUNTER=pl.col("Id")
    )
    return (
        appointments.with_row_index("_appointment_row")
        .with_columns(pl.col("_appointment_row").cast(pl.Int64))
        .join(visit_of, on="_appointment_row", how="left", maintain_order="left")
        .with_columns(
            Id=uuid_strings(rng, appointments.height),
            PATIENT=patients["Id"].gather(appointments["_patient_row"]),
            PROVIDER=shared.network.providers["Id"].gather(appointments["_provider"]),
            SCHEDULED_AT=(pl.col("_scheduled_micros") + WINDOW_START_EPOCH_DAY * MICROS_PER_DAY).cast(
                pl.Datetime("us")
            ),
            START=datetime_from_day(pl.col("_start_day"), pl.col("_start_minute")),
        )
    )


def run_chunk(
    shared: Shared, counters: Counters, *, chunk: int, first: int, count: int, progress: Callable[[str], None]
) -> ChunkOutput:
    """Generate every row of one chunk of ``count`` patients starting at patient ``first``."""
    seed = shared.config.seed
    network = shared.network
    progress("patients")
    patients = make_patients(
        rng_for(seed, Stream.PATIENTS, chunk), first_index=first, count=count, pools=shared.pools, seed=seed
    )
    contacts = make_contacts(
        rng_for(seed, Stream.CONTACTS, chunk), patients, pools=shared.pools, campaigns=shared.campaigns,
        id_offset=shared.id_base + counters.contacts,
    )  # fmt: skip
    progress("appointments")
    schedule_rng = rng_for(seed, Stream.SCHEDULE, chunk)
    periods = active_periods(schedule_rng, patients, contacts)
    primary_rows = primary_contact_rows(contacts, count)
    primary_provider = network.pick_providers(schedule_rng, patients["_county"].to_numpy())
    appointments = make_appointments(
        schedule_rng, periods, has_contact=primary_rows >= 0, provider=primary_provider
    )
    progress("tasks")
    tasks = make_tasks(
        rng_for(seed, Stream.TASKS, chunk), contacts, appointments, primary_rows=primary_rows,
        end_day=periods.end, id_offset=shared.id_base + counters.tasks,
    )  # fmt: skip
    open_rate = email_open_rates(tasks, contacts.height)
    patient_open_rate = np.full(count, np.nan)
    has_contact = primary_rows >= 0
    patient_open_rate[has_contact] = open_rate[primary_rows[has_contact]]
    progress("encounters")
    encounter_rng = rng_for(seed, Stream.ENCOUNTERS, chunk)
    lung = chronic_lung(encounter_rng, patients)
    events = draw_encounters(
        encounter_rng,
        patients,
        periods,
        appointments,
        lung=lung,
        open_rate=patient_open_rate,
        rates=shared.rates,
    )
    payer = payer_rows(encounter_rng, patients)
    encounters = finish_encounters(
        encounter_rng, events, patients, appointments, network=network, primary_provider=primary_provider,
        payer=payer,
    )  # fmt: skip
    appointment_table = _appointment_table(appointments, encounters, patients, shared, schedule_rng)
    progress("clinical")
    clinical_rng = rng_for(seed, Stream.CLINICAL, chunk)
    conditions = clinical.conditions(clinical_rng, encounters)
    procedures = clinical.procedures(clinical_rng, encounters)
    tables = {
        "patients": patients,
        "encounters": encounters,
        "conditions": conditions,
        "medications": clinical.medications(clinical_rng, encounters),
        "observations": clinical.observations(clinical_rng, encounters),
        "procedures": procedures,
        "immunizations": clinical.immunizations(clinical_rng, encounters),
        "allergies": clinical.allergies(clinical_rng, encounters),
        "careplans": clinical.careplans(clinical_rng, conditions),
        "appointments": appointment_table,
    }
    notes = make_notes(rng_for(seed, Stream.NOTES, chunk), encounters, network)
    surveys = make_surveys(
        rng_for(seed, Stream.SURVEYS, chunk), appointments, contacts, primary_rows=primary_rows,
        end_day=periods.end, id_offset=shared.id_base + counters.surveys,
    )  # fmt: skip
    payments = make_payments(
        rng_for(seed, Stream.PAYMENTS, chunk), encounters, contacts, primary_rows=primary_rows,
        id_offset=shared.id_base + counters.payments,
    )  # fmt: skip
    progress("texts")
    text_seed = int(rng_for(seed, Stream.TEXT, chunk).integers(0, 2**31 - 1))
    patient_rows = patient_context(patients, network.providers["NAME"].gather(pl.Series(primary_provider)))
    contact_rows = contact_context(contacts, patient_rows)
    rendered = [note_texts(notes, patient_rows, seed=text_seed)]
    rendered += task_texts(tasks, contact_rows, seed=text_seed)
    rendered.append(survey_texts(surveys, contact_rows, seed=text_seed))
    by_column = {(item.table, item.column): item for item in rendered}
    tasks = attach(attach(tasks, by_column["Task", "Subject"]), by_column["Task", "Description"])
    tables |= {
        "notes": attach(notes, by_column["notes", "TEXT"]),
        "Contact": contacts,
        "Task": tasks,
        "CampaignMember": make_campaign_members(
            contacts, shared.campaigns, id_offset=shared.id_base + counters.contacts
        ),
        "Payment__c": payments,
        "SurveyResponse__c": attach(surveys, by_column["SurveyResponse__c", "Comment__c"]),
    }
    counters.contacts += contacts.height
    counters.tasks += tasks.height
    counters.surveys += surveys.height
    counters.payments += payments.height
    counters.utilisation.add(encounters, procedures, payer)
    return ChunkOutput(tables=tables, linkage=linkage_rows(contacts, patients), texts=rendered)
