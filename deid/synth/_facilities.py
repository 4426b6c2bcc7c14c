"""Organizations, providers and payers: the care network shared by every chunk.

Organizations and providers sit in the synthetic counties; each patient is assigned a
primary provider in their county. Utilisation counts are filled in at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from deid.synth._geography import COUNTIES
from deid.synth._ids import uuid_strings
from deid.synth._names import NamePools

PATIENTS_PER_PROVIDER = 250
MIN_PROVIDERS_PER_COUNTY = 2
SPECIALITIES = (
    ("GENERAL PRACTICE", 0.6),
    ("INTERNAL MEDICINE", 0.15),
    ("PEDIATRICS", 0.1),
    ("EMERGENCY MEDICINE", 0.1),
    ("PULMONOLOGY", 0.05),
)
PAYERS = (
    # Each entry gives the payer's name and its ownership.
    ("Medicare", "GOVERNMENT"),
    ("Medicaid", "GOVERNMENT"),
    ("Dual Eligible", "GOVERNMENT"),
    ("Blue Cross Blue Shield", "PRIVATE"),
    ("Aetna", "PRIVATE"),
    ("UnitedHealthcare", "PRIVATE"),
    ("Cigna Health", "PRIVATE"),
    ("Humana", "PRIVATE"),
    ("Anthem", "PRIVATE"),
    ("NO_INSURANCE", "NO_INSURANCE"),
)
MEDICARE, MEDICAID, NO_INSURANCE = 0, 1, 9
PAYER_HEADQUARTERS = {
    # Public headquarters addresses; a payer is not a person, so these are kept as they are.
    "Medicare": ("7500 Security Blvd", "Baltimore", "MD", "21244"),
    "Medicaid": ("7500 Security Blvd", "Baltimore", "MD", "21244"),
    "Dual Eligible": ("7500 Security Blvd", "Baltimore", "MD", "21244"),
    "Blue Cross Blue Shield": ("225 N Michigan Ave", "Chicago", "IL", "60601"),
    "Aetna": ("151 Farmington Ave", "Hartford", "CT", "06156"),
    "UnitedHealthcare": ("9900 Bren Rd E", "Minnetonka", "MN", "55343"),
    "Cigna Health": ("900 Cottage Grove Rd", "Bloomfield", "CT", "06002"),
    "Humana": ("500 W Main St", "Louisville", "KY", "40202"),
    "Anthem": ("220 Virginia Ave", "Indianapolis", "IN", "46204"),
}
PRIVATE_PAYERS = np.array([3, 4, 5, 6, 7, 8])


@dataclass(frozen=True, kw_only=True)
class Network:
    """Organizations, providers and payers, with lookups by county."""

    organizations: pl.DataFrame
    providers: pl.DataFrame
    payers: pl.DataFrame
    provider_first: np.ndarray
    """Index of the first provider of each county (providers are sorted by county)."""
    provider_count: np.ndarray

    def pick_providers(self, rng: np.random.Generator, county: np.ndarray) -> np.ndarray:
        """Return a random provider index in each given county."""
        offset = (rng.random(len(county)) * self.provider_count[county]).astype(np.int64)
        return np.asarray(self.provider_first[county] + offset)


def make_network(rng: np.random.Generator, *, patients: int, pools: NamePools) -> Network:
    """Build the care network sized for ``patients`` patients."""
    weights = np.array([county.weight for county in COUNTIES])
    per_county = np.maximum(
        MIN_PROVIDERS_PER_COUNTY, np.rint(patients / PATIENTS_PER_PROVIDER * weights / weights.sum())
    ).astype(np.int64)
    org_rows = []
    for index, county in enumerate(COUNTIES):
        org_rows.append((index, f"{county.city} General Hospital"))
        org_rows.append(
            (index, f"{pools.companies[index % len(pools.companies)]} Family Medicine of {county.city}")
        )
    org_county = np.array([county for county, _ in org_rows])
    org_count = len(org_rows)
    organizations = (
        pl.DataFrame(
            {
                "Id": uuid_strings(rng, org_count),
                "NAME": [name for _, name in org_rows],
                "_county": org_county,
                "_number": rng.integers(100, 9_999, org_count),
                "_street": pl.Series(pools.streets).gather(rng.integers(0, len(pools.streets), org_count)),
                "_line": pl.Series(rng.integers(0, 10_000, org_count)).cast(pl.String).str.zfill(4),
                "_exchange": rng.integers(200, 1_000, org_count),
                "REVENUE": np.round(rng.lognormal(15, 1, org_count), 2),
            }
        )
        .with_columns(_place_columns())
        .with_columns(
            ADDRESS=pl.format("{} {}", "_number", "_street"),
            PHONE=pl.format("{}-{}-{}", "_area_code", "_exchange", "_line"),
            LAT=(pl.col("_lat") + pl.Series(rng.normal(0, 0.03, org_count))).round(6),
            LON=(pl.col("_lon") + pl.Series(rng.normal(0, 0.03, org_count))).round(6),
        )
    )

    provider_county = np.repeat(np.arange(len(COUNTIES)), per_county)
    provider_total = len(provider_county)
    male = rng.random(provider_total) < 0.5
    first = np.where(
        male,
        np.array(pools.male_first)[rng.integers(0, len(pools.male_first), provider_total)],
        np.array(pools.female_first)[rng.integers(0, len(pools.female_first), provider_total)],
    )
    last = np.array(pools.last)[rng.integers(0, len(pools.last), provider_total)]
    org_of_provider = 2 * provider_county + (rng.random(provider_total) < 0.5)
    labels, shares = zip(*SPECIALITIES, strict=True)
    providers = (
        pl.DataFrame(
            {
                "Id": uuid_strings(rng, provider_total),
                "_org": org_of_provider,
                "_county": provider_county,
                "NAME": pl.Series(first) + " " + pl.Series(last),
                "GENDER": np.where(male, "M", "F"),
                "SPECIALITY": np.array(labels)[rng.choice(len(labels), provider_total, p=np.array(shares))],
            }
        )
        .with_columns(
            ORGANIZATION=organizations["Id"].gather(pl.Series(org_of_provider)),
            ADDRESS=organizations["ADDRESS"].gather(pl.Series(org_of_provider)),
            LAT=organizations["LAT"].gather(pl.Series(org_of_provider)),
            LON=organizations["LON"].gather(pl.Series(org_of_provider)),
        )
        .with_columns(_place_columns())
    )

    payers = pl.DataFrame(
        {
            "Id": uuid_strings(rng, len(PAYERS)),
            "NAME": [name for name, _ in PAYERS],
            "OWNERSHIP": [ownership for _, ownership in PAYERS],
        }
    )
    first_index = np.concatenate([[0], np.cumsum(per_county)[:-1]])
    return Network(
        organizations=organizations,
        providers=providers,
        payers=payers,
        provider_first=first_index,
        provider_count=per_county,
    )


def _place_columns() -> list[pl.Expr]:
    lookups: dict[str, list[str] | list[float]] = {
        "CITY": [county.city for county in COUNTIES],
        "STATE": [county.state for county in COUNTIES],
        "ZIP": [county.zips[0] for county in COUNTIES],
        "_area_code": [county.area_code for county in COUNTIES],
        "_lat": [county.lat for county in COUNTIES],
        "_lon": [county.lon for county in COUNTIES],
    }
    return [
        pl.lit(pl.Series(values)).gather(pl.col("_county")).alias(name) for name, values in lookups.items()
    ]


@dataclass(kw_only=True)
class Utilisation:
    """Running totals over chunks: encounters and procedures per provider, money per payer."""

    provider_encounters: np.ndarray
    provider_procedures: np.ndarray
    payer_covered: np.ndarray
    payer_uncovered: np.ndarray
    payer_customers: np.ndarray

    @classmethod
    def empty(cls, network: Network) -> Utilisation:
        providers, payers = network.providers.height, network.payers.height
        return cls(
            provider_encounters=np.zeros(providers, dtype=np.int64),
            provider_procedures=np.zeros(providers, dtype=np.int64),
            payer_covered=np.zeros(payers),
            payer_uncovered=np.zeros(payers),
            payer_customers=np.zeros(payers, dtype=np.int64),
        )

    def add(self, encounters: pl.DataFrame, procedures: pl.DataFrame, payer_of_patient: np.ndarray) -> None:
        """Add one chunk's encounters (``_provider``, ``_payer``, costs) and procedures."""
        providers, payers = len(self.provider_encounters), len(self.payer_covered)
        self.provider_encounters += np.bincount(encounters["_provider"].to_numpy(), minlength=providers)
        self.provider_procedures += np.bincount(procedures["_provider"].to_numpy(), minlength=providers)
        payer = encounters["_payer"].to_numpy()
        covered = encounters["PAYER_COVERAGE"].to_numpy()
        total = encounters["TOTAL_CLAIM_COST"].to_numpy()
        self.payer_covered += np.bincount(payer, weights=covered, minlength=payers)
        self.payer_uncovered += np.bincount(payer, weights=total - covered, minlength=payers)
        self.payer_customers += np.bincount(payer_of_patient, minlength=payers)


def finish_network(network: Network, utilisation: Utilisation) -> dict[str, pl.DataFrame]:
    """Return organizations, providers and payers with utilisation and money filled in."""
    encounters = utilisation.provider_encounters
    providers = network.providers.with_columns(
        ENCOUNTERS=pl.Series(encounters, dtype=pl.Int64),
        PROCEDURES=pl.Series(utilisation.provider_procedures, dtype=pl.Int64),
    )
    org_utilisation = np.bincount(
        network.providers["_org"].to_numpy(), weights=encounters, minlength=network.organizations.height
    )
    organizations = network.organizations.with_columns(
        UTILIZATION=pl.Series(org_utilisation.astype(np.int64))
    )
    headquarters = [PAYER_HEADQUARTERS.get(name, (None, None, None, None)) for name, _ in PAYERS]
    payers = network.payers.with_columns(
        ADDRESS=pl.Series([place[0] for place in headquarters], dtype=pl.String),
        CITY=pl.Series([place[1] for place in headquarters], dtype=pl.String),
        STATE_HEADQUARTERED=pl.Series([place[2] for place in headquarters], dtype=pl.String),
        ZIP=pl.Series([place[3] for place in headquarters], dtype=pl.String),
        AMOUNT_COVERED=pl.Series(np.round(utilisation.payer_covered, 2)),
        AMOUNT_UNCOVERED=pl.Series(np.round(utilisation.payer_uncovered, 2)),
        UNIQUE_CUSTOMERS=pl.Series(utilisation.payer_customers, dtype=pl.Int64),
    )
    return {"organizations": organizations, "providers": providers, "payers": payers}
