"""De-identified output tables, one per research entity, keyed by ``person_key``.

These are the only tables the research zone (``cohorts``, ``analysis``) reads. Dates
follow one convention: ``<event>_year`` is always present; ``<event>_date`` holds the
true date (limited data set), the per-person shifted date (expert determination) or
null (Safe Harbor, where only years survive). The metadata of each column says what
it is *after* de-identification, which the risk measures use (quasi-identifiers).
"""

from __future__ import annotations

import dataframely as dy

from data_contracts import phi

__all__ = [
    "Allergies",
    "Appointments",
    "CampaignMemberships",
    "Careplans",
    "Conditions",
    "CrmActivities",
    "Encounters",
    "Exposures",
    "Immunizations",
    "Medications",
    "Notes",
    "Observations",
    "Payments",
    "Persons",
    "Procedures",
    "SurveyResponses",
]


def _person_key(*, primary_key: bool = False) -> dy.String:
    return dy.String(
        primary_key=primary_key,
        description="Pseudonymous person key, the same in every table for one person.",
        metadata=phi.record_key(),
    )


def _record_key(what: str) -> dy.String:
    return dy.String(primary_key=True, description=f"Pseudonymous {what} key.", metadata=phi.record_key())


def _year(what: str, *, nullable: bool = False) -> dy.Int32:
    return dy.Int32(nullable=nullable, description=f"Year of the {what}.", metadata=phi.quasi_identifier())


def _date(what: str) -> dy.Date:
    return dy.Date(
        nullable=True,
        description=f"Date of the {what}: true (limited data set), shifted (expert determination) or null.",
        metadata=phi.event_date(),
    )


def _code() -> dy.String:
    return dy.String(description="Clinical code (SNOMED CT, RxNorm, LOINC, CVX).", metadata=phi.safe())


def _label() -> dy.String:
    return dy.String(nullable=True, description="Name of the code.", metadata=phi.safe())


def _text(what: str) -> dy.String:
    return dy.String(
        nullable=True, description=f"{what}, scrubbed of PHI by the text engine.", metadata=phi.free_text()
    )


class Persons(dy.Schema):
    """One row per person (EMR patient, CRM contact or both)."""

    person_key = _person_key(primary_key=True)
    birth_year = dy.Int32(
        nullable=True, description="Birth year; null when pooled as 90+.", metadata=phi.quasi_identifier()
    )
    birth_date = _date("birth")
    age_90_plus = dy.Bool(
        description="Aged over 89 at the reference date (pooled).", metadata=phi.quasi_identifier()
    )
    sex = dy.String(nullable=True, description="Sex at birth (M, F).", metadata=phi.quasi_identifier())
    race = dy.String(nullable=True, description="Race.", metadata=phi.quasi_identifier())
    ethnicity = dy.String(nullable=True, description="Ethnicity.", metadata=phi.quasi_identifier())
    marital = dy.String(nullable=True, description="Marital status.", metadata=phi.quasi_identifier())
    state = dy.String(nullable=True, description="State of residence.", metadata=phi.state())
    zip3 = dy.String(
        nullable=True, description="ZIP3 of residence; 000 for restricted prefixes.", metadata=phi.zip_code()
    )
    zip5 = dy.String(
        nullable=True, description="ZIP5 of residence (limited data set only).", metadata=phi.zip_code()
    )
    county_fips = dy.String(
        nullable=True, description="County FIPS (limited data set only).", metadata=phi.city()
    )
    death_year = dy.Int32(
        nullable=True, description="Year of death, if dead.", metadata=phi.quasi_identifier()
    )
    in_emr = dy.Bool(description="The person is an EMR patient.", metadata=phi.safe())
    in_crm = dy.Bool(description="The person is a CRM contact.", metadata=phi.safe())
    link_rule = dy.String(
        nullable=True, description="Rule that linked CRM and EMR, if linked.", metadata=phi.safe()
    )


class Encounters(dy.Schema):
    """One row per encounter."""

    encounter_key = _record_key("encounter")
    person_key = _person_key()
    start_year = _year("encounter start")
    start_date = _date("encounter start")
    length_hours = dy.Float64(nullable=True, description="Length of stay in hours.", metadata=phi.sensitive())
    encounter_class = dy.String(description="ambulatory, emergency, inpatient, ...", metadata=phi.safe())
    code = _code()
    description = _label()
    reason_code = dy.String(nullable=True, description="Reason code.", metadata=phi.sensitive())
    total_claim_cost = dy.Float64(
        nullable=True, description="Total claim cost (USD).", metadata=phi.sensitive()
    )


class Exposures(dy.Schema):
    """Environment values attached to an encounter in the trusted zone (true date, county)."""

    encounter_key = dy.String(primary_key=True, description="Encounter key.", metadata=phi.record_key())
    variable = dy.String(primary_key=True, description="aqi, pollen_total, tmean_c, ...", metadata=phi.safe())
    person_key = _person_key()
    same_day = dy.Float64(nullable=True, description="Value on the encounter day.", metadata=phi.sensitive())
    lag1 = dy.Float64(nullable=True, description="Value on the day before.", metadata=phi.sensitive())
    mean_7d = dy.Float64(
        nullable=True, description="Mean over the 7 days ending that day.", metadata=phi.sensitive()
    )


class Conditions(dy.Schema):
    """One row per diagnosis episode."""

    person_key = _person_key()
    encounter_key = dy.String(nullable=True, description="Encounter key.", metadata=phi.record_key())
    start_year = _year("onset")
    start_date = _date("onset")
    stop_year = _year("resolution", nullable=True)
    stop_date = _date("resolution")
    code = _code()
    description = _label()


class Medications(dy.Schema):
    """One row per medication order."""

    person_key = _person_key()
    encounter_key = dy.String(nullable=True, description="Encounter key.", metadata=phi.record_key())
    start_year = _year("prescription start")
    start_date = _date("prescription start")
    stop_date = _date("prescription end")
    code = _code()
    description = _label()
    dispenses = dy.Int64(nullable=True, description="Number of dispenses.", metadata=phi.sensitive())


class Observations(dy.Schema):
    """One row per measurement."""

    person_key = _person_key()
    encounter_key = dy.String(nullable=True, description="Encounter key.", metadata=phi.record_key())
    year = _year("observation")
    date = _date("observation")
    category = dy.String(nullable=True, description="Category.", metadata=phi.safe())
    code = _code()
    description = _label()
    value = dy.String(nullable=True, description="Value as written.", metadata=phi.sensitive())
    value_number = dy.Float64(
        nullable=True, description="Numeric value, if numeric.", metadata=phi.sensitive()
    )
    units = dy.String(nullable=True, description="Units.", metadata=phi.safe())


class Procedures(dy.Schema):
    """One row per procedure."""

    person_key = _person_key()
    encounter_key = dy.String(nullable=True, description="Encounter key.", metadata=phi.record_key())
    year = _year("procedure")
    date = _date("procedure")
    code = _code()
    description = _label()


class Immunizations(dy.Schema):
    """One row per vaccine dose."""

    person_key = _person_key()
    year = _year("dose")
    date = _date("dose")
    code = _code()
    description = _label()


class Allergies(dy.Schema):
    """One row per allergy."""

    person_key = _person_key()
    start_year = _year("record")
    code = _code()
    description = _label()
    category = dy.String(nullable=True, description="food, medication, environment.", metadata=phi.safe())


class Careplans(dy.Schema):
    """One row per care plan."""

    careplan_key = _record_key("care plan")
    person_key = _person_key()
    start_year = _year("plan start")
    start_date = _date("plan start")
    code = _code()
    description = _label()


class Appointments(dy.Schema):
    """One row per scheduled appointment, with attendance."""

    appointment_key = _record_key("appointment")
    person_key = _person_key()
    start_year = _year("appointment")
    start_date = _date("appointment")
    lead_time_days = dy.Int32(description="Days from booking to appointment.", metadata=phi.sensitive())
    status = dy.String(description="attended, no-show or cancelled.", metadata=phi.sensitive())
    reminders_before = dy.Int32(description="Reminders sent in the 14 days before.", metadata=phi.sensitive())


class Notes(dy.Schema):
    """One row per clinical note, text scrubbed."""

    note_key = _record_key("note")
    person_key = _person_key()
    year = _year("note")
    date = _date("note")
    note_type = dy.String(description="Kind of note.", metadata=phi.safe())
    text = _text("Note text")


class CrmActivities(dy.Schema):
    """One row per CRM activity (call, email, SMS, reminder, billing notice)."""

    activity_key = _record_key("activity")
    person_key = _person_key()
    year = _year("activity")
    date = _date("activity")
    activity_type = dy.String(description="Call, Email, SMS, Reminder, BillingNotice.", metadata=phi.safe())
    direction = dy.String(nullable=True, description="Inbound or Outbound.", metadata=phi.safe())
    status = dy.String(nullable=True, description="Status.", metadata=phi.safe())
    opened = dy.Bool(nullable=True, description="Opened.", metadata=phi.safe())
    clicked = dy.Bool(nullable=True, description="Clicked.", metadata=phi.safe())
    replied = dy.Bool(nullable=True, description="Replied or answered.", metadata=phi.safe())
    subject = _text("Subject line")
    body = _text("Body or call note")


class CampaignMemberships(dy.Schema):
    """One row per campaign membership."""

    person_key = _person_key()
    campaign_key = dy.String(description="Pseudonymous campaign key.", metadata=phi.record_key())
    campaign_type = dy.String(nullable=True, description="Campaign type.", metadata=phi.safe())
    channel = dy.String(nullable=True, description="Acquisition channel.", metadata=phi.safe())
    status = dy.String(nullable=True, description="Membership status.", metadata=phi.safe())
    responded_year = _year("first response", nullable=True)


class Payments(dy.Schema):
    """One row per payment."""

    person_key = _person_key()
    year = _year("payment")
    date = _date("payment")
    amount = dy.Float64(description="Amount (USD).", metadata=phi.sensitive())
    method = dy.String(nullable=True, description="Payment method.", metadata=phi.safe())


class SurveyResponses(dy.Schema):
    """One row per satisfaction survey response."""

    person_key = _person_key()
    year = _year("response")
    date = _date("response")
    nps = dy.Int32(description="Net promoter score, 0 to 10.", metadata=phi.sensitive())
    comment = _text("Comment")
