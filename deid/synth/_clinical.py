"""Clinical detail derived from encounters, in the Synthea layout with real codes.

Conditions, medications, observations, procedures, immunizations, allergies and care plans.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from deid.synth import _vocab as vocab
from deid.synth._config import date_from_day
from deid.synth._encounter_table import REASON_DESCRIPTIONS
from deid.synth._ids import uuid_strings

ACUTE_CONDITION_DAYS = (7, 28)
BACKGROUND_CONDITION_SHARE = 0.5
WELLNESS_FINDING_SHARE = 0.12
MEDICATION_SHARE = 0.7
ONGOING_MEDICATION_SHARE = 0.7
FLU_SHARE = 0.55
COVID_SHARE = 0.6
TD_SHARE = 0.1
ALLERGY_PATIENT_SHARE = 0.15
CHRONIC_CODES = frozenset({code for code, _ in vocab.CHRONIC} | {vocab.ASTHMA[0], vocab.COPD[0]})
SNOMED = "SNOMED-CT"


def _base() -> list[pl.Expr]:
    return [pl.col("PATIENT"), pl.col("Id").alias("ENCOUNTER")]


def conditions(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """One condition per diagnosis: chronic ones once per patient, acute ones per episode."""
    with_reason = encounters.filter(
        pl.col("REASONCODE").is_not_null()
        & pl.col("_kind").is_in(["respiratory", "chronic_dx", "background"])
    )
    chronic = pl.col("REASONCODE").is_in(list(CHRONIC_CODES))
    keep = (
        pl.when(chronic)
        .then(pl.struct("PATIENT", "REASONCODE").is_first_distinct())
        .when(pl.col("_kind") == "background")
        .then(pl.col("_draw") < BACKGROUND_CONDITION_SHARE)
        .otherwise(pl.lit(value=True))
    )
    diagnosed = (
        with_reason.with_columns(_draw=pl.Series(rng.random(with_reason.height)))
        .filter(keep)
        .with_columns(_chronic=chronic)
    )
    lengths = rng.integers(*ACUTE_CONDITION_DAYS, diagnosed.height)
    findings = encounters.filter(pl.col("_kind") == "wellness")
    findings = findings.filter(pl.Series(rng.random(findings.height) < WELLNESS_FINDING_SHARE / 5))
    finding_codes = np.array(vocab.WELLNESS_FINDINGS)[
        rng.integers(0, len(vocab.WELLNESS_FINDINGS), findings.height)
    ]
    frames = [
        diagnosed.select(
            *_base(),
            START=date_from_day(pl.col("_day")),
            STOP=pl.when(pl.col("_chronic"))
            .then(None)
            .otherwise(date_from_day(pl.col("_day") + pl.Series(lengths))),
            CODE=pl.col("REASONCODE"),
            DESCRIPTION=pl.col("REASONDESCRIPTION"),
        ),
        findings.select(
            *_base(),
            START=date_from_day(pl.col("_day")),
            STOP=pl.lit(None, pl.Date),
            CODE=pl.Series(finding_codes[:, 0], dtype=pl.String),
            DESCRIPTION=pl.Series(finding_codes[:, 1], dtype=pl.String),
        ),
    ]
    return pl.concat(frames).with_columns(SYSTEM=pl.lit(SNOMED)).sort("PATIENT", "START", maintain_order=True)


def medications(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """Prescriptions for diagnosed reasons that have a usual drug."""
    coded = encounters.filter(pl.col("REASONCODE").is_in(list(vocab.MEDICATIONS)))
    coded = coded.filter(pl.Series(rng.random(coded.height) < MEDICATION_SHARE))
    codes = {reason: code for reason, (code, _) in vocab.MEDICATIONS.items()}
    names = {reason: name for reason, (_, name) in vocab.MEDICATIONS.items()}
    count = coded.height
    chronic = coded["REASONCODE"].is_in(list(CHRONIC_CODES)).to_numpy()
    dispenses = np.where(chronic, rng.integers(3, 24, count), 1)
    cost = np.round(rng.lognormal(2.5, 0.8, count), 2)
    ongoing = chronic & (rng.random(count) < ONGOING_MEDICATION_SHARE)
    days = np.where(chronic, 30 * dispenses, rng.integers(5, 15, count))
    coverage = np.where(coded["_payer"].to_numpy() == 9, 0.0, 0.8)
    return coded.select(
        START=pl.col("START"),
        STOP=pl.when(pl.Series(ongoing))
        .then(None)
        .otherwise(pl.col("START") + pl.duration(days=pl.lit(pl.Series(days)))),
        PATIENT=pl.col("PATIENT"),
        PAYER=pl.col("PAYER"),
        ENCOUNTER=pl.col("Id"),
        CODE=pl.col("REASONCODE").replace_strict(codes, return_dtype=pl.String),
        DESCRIPTION=pl.col("REASONCODE").replace_strict(names, return_dtype=pl.String),
        BASE_COST=pl.Series(cost),
        PAYER_COVERAGE=pl.Series(np.round(cost * dispenses * coverage, 2)),
        DISPENSES=pl.Series(dispenses),
        TOTALCOST=pl.Series(np.round(cost * dispenses, 2)),
        REASONCODE=pl.col("REASONCODE"),
        REASONDESCRIPTION=pl.col("REASONDESCRIPTION"),
    )


def _numeric(
    frame: pl.DataFrame, measure: tuple[str, str, str], values: np.ndarray, category: str
) -> pl.DataFrame:
    code, description, units = measure
    return frame.select(
        DATE=pl.col("START"),
        PATIENT=pl.col("PATIENT"),
        ENCOUNTER=pl.col("Id"),
        CATEGORY=pl.lit(category),
        CODE=pl.lit(code),
        DESCRIPTION=pl.lit(description),
        VALUE=pl.Series(np.round(values, 1)).cast(pl.String),
        UNITS=pl.lit(units),
        TYPE=pl.lit("numeric"),
    )


def observations(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """Vitals at wellness visits, pulse oximetry and temperature at respiratory visits, chronic labs."""
    wellness = encounters.filter(pl.col("_kind") == "wellness")
    count = wellness.height
    child_scale = np.clip(wellness["_age_years"].to_numpy() / 18.0, 0.3, 1.0)
    frames = []
    measured = {}
    for code, description, units, mean, sd in vocab.VITALS:
        values = rng.normal(mean, sd, count)
        if code == vocab.HEIGHT_CODE:
            values = values * child_scale
        elif code == vocab.WEIGHT_CODE:
            values = np.clip(values * child_scale**2, 3.0, None)
        measured[code] = values
        frames.append(_numeric(wellness, (code, description, units), values, "vital-signs"))
    bmi = measured[vocab.WEIGHT_CODE] / (measured[vocab.HEIGHT_CODE] / 100) ** 2
    frames.append(_numeric(wellness, (*vocab.BMI, "kg/m2"), bmi, "vital-signs"))
    tobacco = np.array(vocab.TOBACCO_VALUES)[rng.choice(3, count, p=[0.7, 0.18, 0.12])]
    frames.append(
        wellness.select(
            DATE=pl.col("START"),
            PATIENT=pl.col("PATIENT"),
            ENCOUNTER=pl.col("Id"),
            CATEGORY=pl.lit("survey"),
            CODE=pl.lit(vocab.TOBACCO[0]),
            DESCRIPTION=pl.lit(vocab.TOBACCO[1]),
            VALUE=pl.Series(tobacco),
            UNITS=pl.lit(None, pl.String),
            TYPE=pl.lit("text"),
        )
    )
    respiratory = encounters.filter(pl.col("_kind") == "respiratory")
    for code, description, units, mean, sd in vocab.RESPIRATORY_OBSERVATIONS:
        values = rng.normal(mean, sd, respiratory.height)
        frames.append(_numeric(respiratory, (code, description, units), values, "vital-signs"))
    for reason, (code, description, units, mean, sd) in vocab.CHRONIC_LABS.items():
        visits = encounters.filter(
            pl.col("REASONCODE") == reason, pl.col("_kind").is_in(["chronic_dx", "follow_up"])
        )
        frames.append(
            _numeric(visits, (code, description, units), rng.normal(mean, sd, visits.height), "laboratory")
        )
    return pl.concat(frames).sort("PATIENT", "DATE", maintain_order=True)


def procedures(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """Procedures at wellness, respiratory and injury visits."""
    draw = pl.Series(rng.random(encounters.height))
    kind, reason = pl.col("_kind"), pl.col("REASONCODE")
    rules: list[tuple[str, pl.Expr]] = [
        ("wellness", (kind == "wellness") & (draw < 0.4)),
        ("screening", (kind == "wellness") & (pl.col("_age_years") >= 12) & (draw > 0.7)),
        ("spirometry", reason.is_in([vocab.ASTHMA[0], vocab.COPD[0]]) & (draw < 0.5)),
        (
            "chest_xray",
            (reason == "233604007") | ((kind == "respiratory") & (pl.col("ENCOUNTERCLASS") == "emergency")),
        ),
        ("immobilization", reason.is_in(["44465007", "65966004"])),
        ("suture", reason == "283371005"),
    ]
    frames = []
    for name, rule in rules:
        code, description = vocab.PROCEDURES[name]
        chosen = encounters.filter(rule)
        frames.append(
            chosen.select(
                START=pl.col("START"),
                STOP=pl.col("START") + pl.duration(minutes=15),
                PATIENT=pl.col("PATIENT"),
                ENCOUNTER=pl.col("Id"),
                CODE=pl.lit(code),
                DESCRIPTION=pl.lit(description),
                BASE_COST=pl.Series(np.round(rng.lognormal(5.5, 0.6, chosen.height), 2)),
                REASONCODE=reason,
                REASONDESCRIPTION=pl.col("REASONDESCRIPTION"),
                _provider=pl.col("_provider"),
            )
        )
    return pl.concat(frames).sort("PATIENT", "START", maintain_order=True)


def immunizations(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """Seasonal flu, COVID-19 in 2021, Td for some adults, childhood series for young children."""
    wellness = encounters.filter(pl.col("_kind") == "wellness")
    draw = pl.lit(pl.Series(rng.random(wellness.height)))
    age, year = pl.col("_age_years"), pl.col("START").dt.year()
    rules: list[tuple[str, pl.Expr]] = [
        ("flu", draw < FLU_SHARE),
        ("covid", (year == 2021) & (age >= 12) & (draw < COVID_SHARE)),
        ("td", (age >= 18) & (draw > 1 - TD_SHARE)),
        ("dtap", age < 7),
        ("ipv", age < 7),
        ("mmr", (age >= 1) & (age < 7) & (draw < 0.5)),
        ("hep_b", age < 2),
    ]
    frames = []
    for name, rule in rules:
        code, description = vocab.IMMUNIZATIONS[name]
        chosen = wellness.filter(rule)
        frames.append(
            chosen.select(
                DATE=pl.col("START"),
                PATIENT=pl.col("PATIENT"),
                ENCOUNTER=pl.col("Id"),
                CODE=pl.lit(code),
                DESCRIPTION=pl.lit(description),
                BASE_COST=pl.lit(140.52),
            )
        )
    return pl.concat(frames).sort("PATIENT", "DATE", maintain_order=True)


def allergies(rng: np.random.Generator, encounters: pl.DataFrame) -> pl.DataFrame:
    """One or two allergies recorded at the first encounter of some patients."""
    first = encounters.filter(pl.col("PATIENT").is_first_distinct())
    first = first.filter(pl.Series(rng.random(first.height) < ALLERGY_PATIENT_SHARE))
    repeated = pl.concat([first, first.filter(pl.Series(rng.random(first.height) < 0.3))])
    count = repeated.height
    allergy = np.array(vocab.ALLERGIES)[rng.integers(0, len(vocab.ALLERGIES), count)]
    reaction = np.array(vocab.ALLERGY_REACTIONS)[rng.integers(0, len(vocab.ALLERGY_REACTIONS), count)]
    has_reaction = rng.random(count) < 0.8
    system = np.where(allergy[:, 3] == "medication", "RxNorm", "SNOMED-CT")
    return repeated.select(
        START=date_from_day(pl.col("_day")),
        STOP=pl.lit(None, pl.Date),
        PATIENT=pl.col("PATIENT"),
        ENCOUNTER=pl.col("Id"),
        CODE=pl.Series(allergy[:, 0]),
        SYSTEM=pl.Series(system),
        DESCRIPTION=pl.Series(allergy[:, 1]),
        TYPE=pl.Series(allergy[:, 2]),
        CATEGORY=pl.Series(allergy[:, 3]),
        REACTION1=pl.when(pl.Series(has_reaction)).then(pl.Series(reaction[:, 0])),
        DESCRIPTION1=pl.when(pl.Series(has_reaction)).then(pl.Series(reaction[:, 1])),
        SEVERITY1=pl.when(pl.Series(has_reaction)).then(
            pl.Series(np.array(vocab.SEVERITIES)[rng.integers(0, 3, count)])
        ),
    ).unique(["PATIENT", "CODE"], keep="first", maintain_order=True)


def careplans(rng: np.random.Generator, conditions_frame: pl.DataFrame) -> pl.DataFrame:
    """A care plan for each condition that has a usual plan."""
    planned = conditions_frame.filter(pl.col("CODE").is_in(list(vocab.CAREPLANS)))
    codes = {reason: code for reason, (code, _) in vocab.CAREPLANS.items()}
    names = {reason: name for reason, (_, name) in vocab.CAREPLANS.items()}
    return planned.select(
        Id=uuid_strings(rng, planned.height),
        START=pl.col("START"),
        STOP=pl.col("STOP"),
        PATIENT=pl.col("PATIENT"),
        ENCOUNTER=pl.col("ENCOUNTER"),
        CODE=pl.col("CODE").replace_strict(codes, return_dtype=pl.String),
        DESCRIPTION=pl.col("CODE").replace_strict(names, return_dtype=pl.String),
        REASONCODE=pl.col("CODE"),
        REASONDESCRIPTION=pl.col("CODE").replace_strict(
            REASON_DESCRIPTIONS, default=None, return_dtype=pl.String
        ),
    )
