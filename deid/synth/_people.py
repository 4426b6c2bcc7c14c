"""Synthetic EMR patients (Synthea-like), one chunk at a time, fully vectorised.

The frame returned carries the ``patients`` contract columns plus private columns
(names starting with ``_``) that later stages need: county index, day indexes of
birth and death, nickname, a relative, account and member numbers, payer.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from deid.synth._config import WINDOW_DAYS, date_from_day
from deid.synth._geography import COUNTIES, county_weights, zip_table
from deid.synth._ids import uuid_strings
from deid.synth._names import EMAIL_DOMAINS, NICKNAMES, NamePools

AGE_BANDS = ((0, 18, 0.22), (18, 40, 0.27), (40, 65, 0.30), (65, 90, 0.17), (90, 104, 0.04))
"""(lowest age, highest age, share) at the end of the window; a few percent over 89."""
DEATH_RISK_BY_BAND = (0.003, 0.005, 0.015, 0.08, 0.25)
RACES = (("white", 0.77), ("black", 0.08), ("asian", 0.06), ("native", 0.02))
RACES_REST = (("hawaiian", 0.005), ("other", 0.065))
MARITAL = (("M", 0.5), ("S", 0.3), ("D", 0.12), ("W", 0.08))
RELATIVE_ROLES = ("wife", "husband", "daughter", "son", "mother", "father", "sister", "brother")
NICKNAME_WEIGHT = 4.0
"""Formal names with a common nickname are drawn this many times more often."""
MRN_STRIDE = 54_018_521
"""Stride coprime with ``MRN_SPAN``: spreads MRNs over eight digits while keeping them unique."""
MRN_SPAN = 90_000_000


def _choice(rng: np.random.Generator, options: tuple[tuple[str, float], ...], count: int) -> np.ndarray:
    labels = [label for label, _ in options]
    weights = np.array([weight for _, weight in options])
    return np.array(labels)[rng.choice(len(labels), size=count, p=weights / weights.sum())]


def _draw_names(rng: np.random.Generator, pool: tuple[str, ...], count: int) -> pl.Series:
    weights = np.array([NICKNAME_WEIGHT if name in NICKNAMES else 1.0 for name in pool])
    return pl.Series(pool).gather(rng.choice(len(pool), size=count, p=weights / weights.sum()))


def _digits(rng: np.random.Generator, count: int, width: int) -> pl.Series:
    return pl.Series(rng.integers(0, 10**width, size=count)).cast(pl.String).str.zfill(width)


def mrn_numbers(global_index: np.ndarray, seed: int) -> np.ndarray:
    """Return unique eight-digit MRNs for patients numbered ``global_index``."""
    return (global_index * MRN_STRIDE + seed * 104_729) % MRN_SPAN + 10_000_000


def make_patients(
    rng: np.random.Generator, *, first_index: int, count: int, pools: NamePools, seed: int
) -> pl.DataFrame:
    """Return ``count`` patients with contract and private columns."""
    band = rng.choice(len(AGE_BANDS), size=count, p=[share for _, _, share in AGE_BANDS])
    low = np.array([b[0] for b in AGE_BANDS])[band]
    high = np.array([b[1] for b in AGE_BANDS])[band]
    age_days = ((low + rng.random(count) * (high - low)) * 365.25).astype(np.int64)
    birth_day = (WINDOW_DAYS - 1) - age_days
    dies = rng.random(count) < np.array(DEATH_RISK_BY_BAND)[band]
    first_alive = np.maximum(birth_day, 0)
    death_day = np.where(
        dies, first_alive + (rng.random(count) * (WINDOW_DAYS - first_alive)).astype(np.int64), -1
    )
    male = rng.random(count) < 0.49
    adult = age_days >= 18 * 365
    county = rng.choice(len(COUNTIES), size=count, p=county_weights())
    zip_first, zip_count, zip_flat = zip_table()
    zip_index = zip_first[county] + (rng.random(count) * zip_count[county]).astype(np.int64)
    marital = np.where(adult, _choice(rng, MARITAL, count), "")
    married_woman = (~male) & (marital == "M")
    role = np.where(adult, rng.choice(len(RELATIVE_ROLES), size=count), rng.choice([4, 5], size=count))
    relative_male = np.isin(role, [1, 3, 5, 7])

    county_attr = {
        "CITY": [c.city for c in COUNTIES],
        "STATE": [c.state for c in COUNTIES],
        "COUNTY": [f"{c.name} County" for c in COUNTIES],
        "FIPS": [c.fips for c in COUNTIES],
        "_area_code": [c.area_code for c in COUNTIES],
        "_state_name": [c.state_name for c in COUNTIES],
    }
    centre_lat = np.array([c.lat for c in COUNTIES])[county]
    centre_lon = np.array([c.lon for c in COUNTIES])[county]
    birthplace_county = np.where(rng.random(count) < 0.6, county, rng.choice(len(COUNTIES), size=count))
    frame = pl.DataFrame(
        {
            "Id": uuid_strings(rng, count),
            "_index": np.arange(first_index, first_index + count),
            "_county": county,
            "_birth_day": birth_day,
            "_death_day": death_day,
            "_male": male,
            "_adult": adult,
            "_age_days": age_days,
            "FIRST": pl.select(
                pl.when(pl.lit(pl.Series(male)))
                .then(pl.lit(_draw_names(rng, pools.male_first, count)))
                .otherwise(pl.lit(_draw_names(rng, pools.female_first, count)))
            ).to_series(),
            "_middle": _draw_names(rng, pools.male_first, count),
            "_middle_f": _draw_names(rng, pools.female_first, count),
            "LAST": pl.Series(pools.last).gather(rng.integers(0, len(pools.last), size=count)),
            "_maiden": pl.Series(pools.last).gather(rng.integers(0, len(pools.last), size=count)),
            "_has_middle": rng.random(count) < 0.7,
            "_suffix": pl.Series(["Jr.", "III", "PhD", "MD"]).gather(rng.integers(0, 4, size=count)),
            "_has_suffix": rng.random(count) < 0.015,
            "MARITAL": pl.Series(marital).replace("", None),
            "_married_woman": married_woman,
            "RACE": _choice(rng, RACES + RACES_REST, count),
            "ETHNICITY": np.where(rng.random(count) < 0.12, "hispanic", "nonhispanic"),
            "_birthplace_county": birthplace_county,
            "_street_number": rng.integers(10, 9_999, size=count),
            "_street": pl.Series(pools.streets).gather(rng.integers(0, len(pools.streets), size=count)),
            "_unit": rng.integers(1, 40, size=count),
            "_has_unit": rng.random(count) < 0.25,
            "ZIP": pl.Series(zip_flat).gather(zip_index),
            "LAT": np.round(centre_lat + rng.normal(0, 0.04, count), 6),
            "LON": np.round(centre_lon + rng.normal(0, 0.05, count), 6),
            "_exchange": rng.integers(200, 1_000, size=count),
            "_line": _digits(rng, count, 4),
            "_has_phone": rng.random(count) < 0.95,
            "_email_number": rng.integers(1, 100, size=count),
            "_email_domain": pl.Series(EMAIL_DOMAINS).gather(rng.integers(0, len(EMAIL_DOMAINS), size=count)),
            "_has_email": (age_days >= 13 * 365) & (rng.random(count) < 0.88),
            "_ssn_group": _digits(rng, count, 2),
            "_ssn_serial": _digits(rng, count, 4),
            "_drivers": _digits(rng, count, 8),
            "_has_drivers": adult & (rng.random(count) < 0.85),
            "_passport": _digits(rng, count, 8),
            "_has_passport": adult & (rng.random(count) < 0.4),
            "HEALTHCARE_EXPENSES": np.round(rng.lognormal(11.0, 1.0, count), 2),
            "_coverage_share": rng.random(count),
            "INCOME": np.round(rng.lognormal(10.9, 0.6, count), 0),
            "_relative_role": pl.Series(RELATIVE_ROLES).gather(role),
            "_relative_first": pl.select(
                pl.when(pl.lit(pl.Series(relative_male)))
                .then(
                    pl.lit(pl.Series(pools.male_first).gather(rng.integers(0, len(pools.male_first), count)))
                )
                .otherwise(
                    pl.lit(
                        pl.Series(pools.female_first).gather(rng.integers(0, len(pools.female_first), count))
                    )
                )
            ).to_series(),
            "_account_number": _digits(rng, count, 7),
            "_member_id": _digits(rng, count, 9),
            "_member_prefix": pl.Series(["XGM", "HPN", "BCN", "UHC", "MCR"]).gather(
                rng.integers(0, 5, size=count)
            ),
        }
    )
    frame = frame.with_columns(
        _mrn=pl.Series(mrn_numbers(frame["_index"].to_numpy(), seed)).cast(pl.String),
        **{name: pl.Series(values).gather(frame["_county"]) for name, values in county_attr.items()},
    )
    return frame.with_columns(_finish_columns()).drop(
        "_middle",
        "_middle_f",
        "_maiden",
        "_has_middle",
        "_suffix",
        "_has_suffix",
        "_street_number",
        "_street",
        "_unit",
        "_has_unit",
        "_email_number",
        "_email_domain",
        "_has_email",
        "_ssn_group",
        "_ssn_serial",
        "_drivers",
        "_has_drivers",
        "_passport",
        "_has_passport",
        "_coverage_share",
        "_relative_first",
        "_member_prefix",
        "_married_woman",
        "_birthplace_county",
    )


def _finish_columns() -> list[pl.Expr]:
    adult, male = pl.col("_adult"), pl.col("_male")
    cities = pl.Series([f"{c.city} {c.state_name} US" for c in COUNTIES])
    return [
        date_from_day(pl.col("_birth_day")).alias("BIRTHDATE"),
        pl.when(pl.col("_death_day") >= 0).then(date_from_day(pl.col("_death_day"))).alias("DEATHDATE"),
        pl.format("999-{}-{}", "_ssn_group", "_ssn_serial").alias("SSN"),
        pl.when(pl.col("_has_drivers")).then(pl.format("S999{}", "_drivers")).alias("DRIVERS"),
        pl.when(pl.col("_has_passport")).then(pl.format("X{}X", "_passport")).alias("PASSPORT"),
        pl.col("_mrn").alias("MRN"),
        pl.when(adult & male)
        .then(pl.lit("Mr."))
        .when(adult & pl.col("_married_woman"))
        .then(pl.lit("Mrs."))
        .when(adult)
        .then(pl.lit("Ms."))
        .alias("PREFIX"),
        pl.when(pl.col("_has_middle"))
        .then(pl.when(male).then("_middle").otherwise("_middle_f"))
        .alias("MIDDLE"),
        pl.when(pl.col("_has_suffix") & adult).then("_suffix").alias("SUFFIX"),
        pl.when(pl.col("_married_woman")).then("_maiden").alias("MAIDEN"),
        pl.when(male).then(pl.lit("M")).otherwise(pl.lit("F")).alias("GENDER"),
        pl.lit(cities).gather(pl.col("_birthplace_county")).alias("BIRTHPLACE"),
        pl.when(pl.col("_has_phone"))
        .then(pl.format("{}-{}-{}", "_area_code", "_exchange", "_line"))
        .alias("PHONE"),
        pl.when(pl.col("_has_email"))
        .then(
            pl.format(
                "{}.{}{}@{}",
                pl.col("FIRST").str.to_lowercase(),
                pl.col("LAST").str.to_lowercase(),
                "_email_number",
                "_email_domain",
            ).str.replace_all("[^a-z0-9.@]", "")
        )
        .alias("EMAIL"),
        pl.when(pl.col("_has_unit"))
        .then(pl.format("{} {} Apt {}", "_street_number", "_street", "_unit"))
        .otherwise(pl.format("{} {}", "_street_number", "_street"))
        .alias("ADDRESS"),
        (pl.col("HEALTHCARE_EXPENSES") * pl.col("_coverage_share")).round(2).alias("HEALTHCARE_COVERAGE"),
        pl.col("FIRST")
        .replace_strict(dict(NICKNAMES), default=None, return_dtype=pl.String)
        .alias("_nickname"),
        pl.format("{} {}", "_relative_first", "LAST").alias("_relative_name"),
        pl.format("{}{}", "_member_prefix", "_member_id").alias("_member_id"),
        pl.format("AC{}", "_account_number").alias("_account_number"),
    ]
