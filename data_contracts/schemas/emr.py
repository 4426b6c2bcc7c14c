"""EMR input tables in the Synthea CSV layout (v3), plus notes and appointments.

Column names are Synthea's headers. Dates are naive, read as UTC; ``Date`` columns hold
calendar dates and ``Datetime`` columns timestamps. Every column declares its PHI policy
(see :mod:`data_contracts.phi`).
"""

from __future__ import annotations

import dataframely as dy

from data_contracts import phi
from data_contracts.phi import Identifier

__all__ = [
    "Allergies",
    "Appointments",
    "Careplans",
    "Conditions",
    "Encounters",
    "Immunizations",
    "Medications",
    "Notes",
    "Observations",
    "Organizations",
    "Patients",
    "Payers",
    "Procedures",
    "Providers",
]

APPOINTMENT_STATUSES = ("attended", "no-show", "cancelled")


def _patient_key() -> dy.String:
    return dy.String(
        description="Patient id (foreign key to patients.Id).", metadata=phi.record_key("patient")
    )


def _encounter_key(*, nullable: bool = False) -> dy.String:
    return dy.String(
        nullable=nullable,
        description="Encounter id (foreign key to encounters.Id).",
        metadata=phi.record_key("encounter"),
    )


def _code(what: str) -> dy.String:
    return dy.String(description=f"{what} code (SNOMED CT, RxNorm, LOINC or CVX).", metadata=phi.safe())


def _description(what: str) -> dy.String:
    return dy.String(description=f"Human-readable name of the {what} code.", metadata=phi.safe())


def _reason_code() -> dy.String:
    return dy.String(
        nullable=True, description="SNOMED CT code of the reason, if any.", metadata=phi.sensitive()
    )


def _reason_description() -> dy.String:
    return dy.String(nullable=True, description="Name of the reason code.", metadata=phi.sensitive())


def _cost(what: str) -> dy.Float64:
    return dy.Float64(nullable=True, description=f"{what}, in US dollars.", metadata=phi.sensitive())


class Patients(dy.Schema):
    """``patients.csv``: one row per patient, with demographics and address."""

    Id = dy.String(
        primary_key=True, description="Patient id (the EMR's person key).", metadata=phi.record_key("patient")
    )
    BIRTHDATE = dy.Date(description="Date of birth.", metadata=phi.birth_date())
    DEATHDATE = dy.Date(nullable=True, description="Date of death, if dead.", metadata=phi.event_date())
    SSN = dy.String(
        nullable=True, description="Social security number.", metadata=phi.direct_identifier(Identifier.SSN)
    )
    DRIVERS = dy.String(
        nullable=True,
        description="Driver's licence number.",
        metadata=phi.direct_identifier(Identifier.LICENSE),
    )
    PASSPORT = dy.String(
        nullable=True, description="Passport number.", metadata=phi.direct_identifier(Identifier.LICENSE)
    )
    MRN = dy.String(
        nullable=True,
        description="Medical record number (site extension; Synthea has none).",
        metadata=phi.direct_identifier(Identifier.MRN),
    )
    PREFIX = dy.String(
        nullable=True,
        description="Name prefix (Mr., Mrs., Dr.).",
        metadata=phi.direct_identifier(Identifier.NAME),
    )
    FIRST = dy.String(description="Given name.", metadata=phi.direct_identifier(Identifier.NAME))
    MIDDLE = dy.String(
        nullable=True, description="Middle name.", metadata=phi.direct_identifier(Identifier.NAME)
    )
    LAST = dy.String(description="Family name.", metadata=phi.direct_identifier(Identifier.NAME))
    SUFFIX = dy.String(
        nullable=True, description="Name suffix (Jr., PhD).", metadata=phi.direct_identifier(Identifier.NAME)
    )
    MAIDEN = dy.String(
        nullable=True, description="Maiden name.", metadata=phi.direct_identifier(Identifier.NAME)
    )
    MARITAL = dy.String(
        nullable=True, description="Marital status (M, S, D, W).", metadata=phi.quasi_identifier()
    )
    RACE = dy.String(nullable=True, description="Race.", metadata=phi.quasi_identifier())
    ETHNICITY = dy.String(nullable=True, description="Ethnicity.", metadata=phi.quasi_identifier())
    GENDER = dy.String(description="Sex at birth (M or F).", metadata=phi.quasi_identifier())
    BIRTHPLACE = dy.String(
        nullable=True, description="Town, state and country of birth.", metadata=phi.city()
    )
    PHONE = dy.String(
        nullable=True, description="Home phone number.", metadata=phi.direct_identifier(Identifier.PHONE)
    )
    EMAIL = dy.String(
        nullable=True, description="Email address.", metadata=phi.direct_identifier(Identifier.EMAIL)
    )
    ADDRESS = dy.String(description="Street address.", metadata=phi.direct_identifier(Identifier.GEOGRAPHY))
    CITY = dy.String(description="City of residence.", metadata=phi.city())
    STATE = dy.String(description="State of residence.", metadata=phi.state())
    COUNTY = dy.String(nullable=True, description="County of residence.", metadata=phi.city())
    FIPS = dy.String(
        nullable=True, description="Five-digit county FIPS code of residence.", metadata=phi.city()
    )
    ZIP = dy.String(nullable=True, description="ZIP code of residence.", metadata=phi.zip_code())
    LAT = dy.Float64(nullable=True, description="Latitude of the home address.", metadata=phi.geocode())
    LON = dy.Float64(nullable=True, description="Longitude of the home address.", metadata=phi.geocode())
    HEALTHCARE_EXPENSES = dy.Float64(
        nullable=True, description="Lifetime healthcare expenses.", metadata=phi.sensitive()
    )
    HEALTHCARE_COVERAGE = dy.Float64(
        nullable=True, description="Lifetime costs covered by payers.", metadata=phi.sensitive()
    )
    INCOME = dy.Float64(
        nullable=True, description="Annual household income.", metadata=phi.quasi_identifier()
    )


class Encounters(dy.Schema):
    """``encounters.csv``: one row per encounter (visit, admission, call)."""

    Id = dy.String(primary_key=True, description="Encounter id.", metadata=phi.record_key("encounter"))
    START = dy.Datetime(description="Start of the encounter.", metadata=phi.event_date())
    STOP = dy.Datetime(nullable=True, description="End of the encounter.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ORGANIZATION = dy.String(
        nullable=True, description="Organization id.", metadata=phi.record_key("organization")
    )
    PROVIDER = dy.String(nullable=True, description="Provider id.", metadata=phi.record_key("provider"))
    PAYER = dy.String(nullable=True, description="Payer id.", metadata=phi.record_key("payer"))
    ENCOUNTERCLASS = dy.String(
        description="Class: ambulatory, emergency, inpatient, wellness, urgentcare, outpatient.",
        metadata=phi.safe(),
    )
    CODE = _code("Encounter type")
    DESCRIPTION = _description("encounter type")
    BASE_ENCOUNTER_COST = _cost("Base cost of the encounter")
    TOTAL_CLAIM_COST = _cost("Total claim cost")
    PAYER_COVERAGE = _cost("Amount covered by the payer")
    REASONCODE = _reason_code()
    REASONDESCRIPTION = _reason_description()


class Conditions(dy.Schema):
    """``conditions.csv``: one row per diagnosis episode."""

    START = dy.Date(description="Onset date.", metadata=phi.event_date())
    STOP = dy.Date(nullable=True, description="Resolution date, if resolved.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key()
    SYSTEM = dy.String(nullable=True, description="Code system (Synthea 3.3+).", metadata=phi.safe())
    CODE = _code("Condition")
    DESCRIPTION = _description("condition")


class Medications(dy.Schema):
    """``medications.csv``: one row per medication order."""

    START = dy.Datetime(description="Start of the prescription.", metadata=phi.event_date())
    STOP = dy.Datetime(nullable=True, description="End of the prescription.", metadata=phi.event_date())
    PATIENT = _patient_key()
    PAYER = dy.String(nullable=True, description="Payer id.", metadata=phi.record_key("payer"))
    ENCOUNTER = _encounter_key()
    CODE = _code("Medication (RxNorm)")
    DESCRIPTION = _description("medication")
    BASE_COST = _cost("Cost of one dispense")
    PAYER_COVERAGE = _cost("Amount covered by the payer")
    DISPENSES = dy.Int64(nullable=True, description="Number of dispenses.", metadata=phi.sensitive())
    TOTALCOST = _cost("Total cost")
    REASONCODE = _reason_code()
    REASONDESCRIPTION = _reason_description()


class Observations(dy.Schema):
    """``observations.csv``: one row per measurement (vitals, labs, survey items)."""

    DATE = dy.Datetime(description="Time of the observation.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key(nullable=True)
    CATEGORY = dy.String(
        nullable=True, description="Category (vital-signs, laboratory, ...).", metadata=phi.safe()
    )
    CODE = _code("Observation (LOINC)")
    DESCRIPTION = _description("observation")
    VALUE = dy.String(
        nullable=True, description="Value as written (numeric or text).", metadata=phi.sensitive()
    )
    UNITS = dy.String(nullable=True, description="Units of the value.", metadata=phi.safe())
    TYPE = dy.String(nullable=True, description="Value type (numeric, text).", metadata=phi.safe())


class Procedures(dy.Schema):
    """``procedures.csv``: one row per procedure performed."""

    START = dy.Datetime(description="Start of the procedure.", metadata=phi.event_date())
    STOP = dy.Datetime(nullable=True, description="End of the procedure.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key()
    CODE = _code("Procedure (SNOMED CT)")
    DESCRIPTION = _description("procedure")
    BASE_COST = _cost("Cost of the procedure")
    REASONCODE = _reason_code()
    REASONDESCRIPTION = _reason_description()


class Immunizations(dy.Schema):
    """``immunizations.csv``: one row per vaccine dose."""

    DATE = dy.Datetime(description="Time of the dose.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key()
    CODE = _code("Vaccine (CVX)")
    DESCRIPTION = _description("vaccine")
    BASE_COST = _cost("Cost of the dose")


class Allergies(dy.Schema):
    """``allergies.csv``: one row per recorded allergy."""

    START = dy.Date(description="Date the allergy was recorded.", metadata=phi.event_date())
    STOP = dy.Date(nullable=True, description="Date it was resolved, if ever.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key()
    CODE = _code("Allergen")
    SYSTEM = dy.String(nullable=True, description="Code system of the allergen.", metadata=phi.safe())
    DESCRIPTION = _description("allergen")
    TYPE = dy.String(nullable=True, description="allergy or intolerance.", metadata=phi.safe())
    CATEGORY = dy.String(nullable=True, description="food, medication, environment.", metadata=phi.safe())
    REACTION1 = dy.String(nullable=True, description="First reaction code.", metadata=phi.sensitive())
    DESCRIPTION1 = dy.String(nullable=True, description="First reaction name.", metadata=phi.sensitive())
    SEVERITY1 = dy.String(nullable=True, description="First reaction severity.", metadata=phi.sensitive())
    REACTION2 = dy.String(nullable=True, description="Second reaction code.", metadata=phi.sensitive())
    DESCRIPTION2 = dy.String(nullable=True, description="Second reaction name.", metadata=phi.sensitive())
    SEVERITY2 = dy.String(nullable=True, description="Second reaction severity.", metadata=phi.sensitive())


class Careplans(dy.Schema):
    """``careplans.csv``: one row per care plan."""

    Id = dy.String(primary_key=True, description="Care plan id.", metadata=phi.record_key("careplan"))
    START = dy.Date(description="Start of the plan.", metadata=phi.event_date())
    STOP = dy.Date(nullable=True, description="End of the plan.", metadata=phi.event_date())
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key()
    CODE = _code("Care plan")
    DESCRIPTION = _description("care plan")
    REASONCODE = _reason_code()
    REASONDESCRIPTION = _reason_description()


class Providers(dy.Schema):
    """``providers.csv``: one row per clinician. Names are a third party's: dropped."""

    Id = dy.String(primary_key=True, description="Provider id.", metadata=phi.record_key("provider"))
    ORGANIZATION = dy.String(
        nullable=True, description="Organization id.", metadata=phi.record_key("organization")
    )
    NAME = dy.String(description="Clinician's full name.", metadata=phi.direct_identifier(Identifier.NAME))
    GENDER = dy.String(nullable=True, description="Clinician's sex.", metadata=phi.safe())
    SPECIALITY = dy.String(nullable=True, description="Specialty.", metadata=phi.safe())
    ADDRESS = dy.String(
        nullable=True,
        description="Practice street address.",
        metadata=phi.direct_identifier(Identifier.GEOGRAPHY),
    )
    CITY = dy.String(nullable=True, description="Practice city.", metadata=phi.city())
    STATE = dy.String(nullable=True, description="Practice state.", metadata=phi.state())
    ZIP = dy.String(nullable=True, description="Practice ZIP code.", metadata=phi.zip_code())
    LAT = dy.Float64(nullable=True, description="Practice latitude.", metadata=phi.geocode())
    LON = dy.Float64(nullable=True, description="Practice longitude.", metadata=phi.geocode())
    ENCOUNTERS = dy.Int64(nullable=True, description="Encounters seen.", metadata=phi.safe())
    PROCEDURES = dy.Int64(nullable=True, description="Procedures performed.", metadata=phi.safe())


class Organizations(dy.Schema):
    """``organizations.csv``: one row per hospital or practice.

    The name and address place patients near a site, so they follow the geography rules.
    """

    Id = dy.String(primary_key=True, description="Organization id.", metadata=phi.record_key("organization"))
    NAME = dy.String(description="Organization name (reveals its town).", metadata=phi.city())
    ADDRESS = dy.String(
        nullable=True, description="Street address.", metadata=phi.direct_identifier(Identifier.GEOGRAPHY)
    )
    CITY = dy.String(nullable=True, description="City.", metadata=phi.city())
    STATE = dy.String(nullable=True, description="State.", metadata=phi.state())
    ZIP = dy.String(nullable=True, description="ZIP code.", metadata=phi.zip_code())
    LAT = dy.Float64(nullable=True, description="Latitude.", metadata=phi.geocode())
    LON = dy.Float64(nullable=True, description="Longitude.", metadata=phi.geocode())
    PHONE = dy.String(
        nullable=True, description="Main phone number.", metadata=phi.direct_identifier(Identifier.PHONE)
    )
    REVENUE = dy.Float64(nullable=True, description="Revenue.", metadata=phi.safe())
    UTILIZATION = dy.Int64(nullable=True, description="Encounters served.", metadata=phi.safe())


def _payer_count(what: str) -> dy.Int64:
    return dy.Int64(nullable=True, description=f"{what}.", metadata=phi.safe())


class Payers(dy.Schema):
    """``payers.csv``: one row per insurer. Not about any patient; kept where safe."""

    Id = dy.String(primary_key=True, description="Payer id.", metadata=phi.record_key("payer"))
    NAME = dy.String(description="Payer name.", metadata=phi.safe())
    OWNERSHIP = dy.String(
        nullable=True, description="GOVERNMENT, PRIVATE, NO_INSURANCE.", metadata=phi.safe()
    )
    ADDRESS = dy.String(nullable=True, description="Headquarters street address.", metadata=phi.safe())
    CITY = dy.String(nullable=True, description="Headquarters city.", metadata=phi.safe())
    STATE_HEADQUARTERED = dy.String(nullable=True, description="Headquarters state.", metadata=phi.safe())
    ZIP = dy.String(nullable=True, description="Headquarters ZIP code.", metadata=phi.safe())
    PHONE = dy.String(nullable=True, description="Payer phone number.", metadata=phi.safe())
    AMOUNT_COVERED = dy.Float64(nullable=True, description="Total amount covered.", metadata=phi.safe())
    AMOUNT_UNCOVERED = dy.Float64(nullable=True, description="Total amount not covered.", metadata=phi.safe())
    REVENUE = dy.Float64(nullable=True, description="Revenue.", metadata=phi.safe())
    COVERED_ENCOUNTERS = _payer_count("Encounters covered")
    UNCOVERED_ENCOUNTERS = _payer_count("Encounters not covered")
    COVERED_MEDICATIONS = _payer_count("Medications covered")
    UNCOVERED_MEDICATIONS = _payer_count("Medications not covered")
    COVERED_PROCEDURES = _payer_count("Procedures covered")
    UNCOVERED_PROCEDURES = _payer_count("Procedures not covered")
    COVERED_IMMUNIZATIONS = _payer_count("Immunizations covered")
    UNCOVERED_IMMUNIZATIONS = _payer_count("Immunizations not covered")
    UNIQUE_CUSTOMERS = _payer_count("Distinct members")
    QOLS_AVG = dy.Float64(
        nullable=True, description="Average quality of life score of members.", metadata=phi.safe()
    )
    MEMBER_MONTHS = dy.Int64(nullable=True, description="Member months.", metadata=phi.safe())


class Notes(dy.Schema):
    """``notes.csv``: clinical free text, one row per note (not in Synthea)."""

    Id = dy.String(primary_key=True, description="Note id.", metadata=phi.record_key("note"))
    PATIENT = _patient_key()
    ENCOUNTER = _encounter_key(nullable=True)
    DATE = dy.Datetime(description="Time the note was written.", metadata=phi.event_date())
    AUTHOR = dy.String(
        nullable=True, description="Author's name.", metadata=phi.direct_identifier(Identifier.NAME)
    )
    NOTE_TYPE = dy.String(
        description="Kind of note (progress, discharge, nursing, ...).", metadata=phi.safe()
    )
    TEXT = dy.String(description="The note text.", metadata=phi.free_text())


class Appointments(dy.Schema):
    """``appointments.csv``: scheduled visits with attendance (not in Synthea)."""

    Id = dy.String(primary_key=True, description="Appointment id.", metadata=phi.record_key("appointment"))
    PATIENT = _patient_key()
    PROVIDER = dy.String(nullable=True, description="Provider id.", metadata=phi.record_key("provider"))
    SCHEDULED_AT = dy.Datetime(description="When the appointment was booked.", metadata=phi.event_date())
    START = dy.Datetime(description="Appointment start.", metadata=phi.event_date())
    STATUS = dy.Enum(
        APPOINTMENT_STATUSES, description="attended, no-show or cancelled.", metadata=phi.sensitive()
    )
    ENCOUNTER = _encounter_key(nullable=True)
