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


def finish_network(
    network: Network, *, encounters: np.ndarray, procedures: np.ndarray
) -> dict[str, pl.DataFrame]:
    """Return the three tables with utilisation counts filled in.

    Parameters
    ----------
    encounters, procedures
        Count per provider index, summed over every chunk.
    """
    providers = network.providers.with_columns(
        ENCOUNTERS=pl.Series(encounters, dtype=pl.Int64), PROCEDURES=pl.Series(procedures, dtype=pl.Int64)
    )
    org_utilisation = np.bincount(
        network.providers["_org"].to_numpy(), weights=encounters, minlength=network.organizations.height
    )
    organizations = network.organizations.with_columns(
        UTILIZATION=pl.Series(org_utilisation.astype(np.int64))
    )
    return {"organizations": organizations, "providers": providers, "payers": network.payers}
