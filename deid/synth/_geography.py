"""Real US counties the synthetic population lives in.

Each county has its real five-digit FIPS code, state, a real city and real ZIP codes of
that city, so real EPA AirData rows (Nebraska especially) can join. Some counties have
ZIP codes in the HIPAA restricted three-digit prefixes (fewer than 20,000 people), so
de-identification must turn them into ``000``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RESTRICTED_ZIP3 = frozenset(
    {"036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831"}
    | {"878", "879", "884", "890", "893"}
)
"""HHS 2012 guidance: ZIP3 prefixes covering 20,000 people or fewer (2000 Census)."""


@dataclass(frozen=True, kw_only=True)
class County:
    """One county of residence and its place attributes."""

    fips: str
    name: str
    state_name: str
    state: str
    city: str
    zips: tuple[str, ...]
    lat: float
    lon: float
    area_code: str
    weight: float
    """Relative share of synthetic residents."""

    @property
    def restricted(self) -> bool:
        """Whether the county's ZIP codes fall in a restricted ZIP3 prefix."""
        return any(zip_code[:3] in RESTRICTED_ZIP3 for zip_code in self.zips)


COUNTIES: tuple[County, ...] = (
    County(
        fips="31055",
        name="Douglas",
        state_name="Nebraska",
        state="NE",
        city="Omaha",
        zips=("68102", "68104", "68105", "68106", "68107", "68108", "68111", "68114", "68124", "68131"),
        lat=41.295,
        lon=-96.154,
        area_code="402",
        weight=18.0,
    ),
    County(
        fips="31109",
        name="Lancaster",
        state_name="Nebraska",
        state="NE",
        city="Lincoln",
        zips=("68502", "68503", "68504", "68505", "68506", "68507", "68510", "68516", "68521"),
        lat=40.784,
        lon=-96.688,
        area_code="402",
        weight=10.0,
    ),
    County(
        fips="31153",
        name="Sarpy",
        state_name="Nebraska",
        state="NE",
        city="Bellevue",
        zips=("68005", "68123", "68147"),
        lat=41.113,
        lon=-96.112,
        area_code="402",
        weight=6.0,
    ),
    County(
        fips="31079",
        name="Hall",
        state_name="Nebraska",
        state="NE",
        city="Grand Island",
        zips=("68801", "68803"),
        lat=40.873,
        lon=-98.502,
        area_code="308",
        weight=2.5,
    ),
    County(
        fips="31019",
        name="Buffalo",
        state_name="Nebraska",
        state="NE",
        city="Kearney",
        zips=("68845", "68847"),
        lat=40.855,
        lon=-99.075,
        area_code="308",
        weight=2.0,
    ),
    County(
        fips="31157",
        name="Scotts Bluff",
        state_name="Nebraska",
        state="NE",
        city="Scottsbluff",
        zips=("69361",),
        lat=41.850,
        lon=-103.708,
        area_code="308",
        weight=1.5,
    ),
    County(
        fips="31031",
        name="Cherry",
        state_name="Nebraska",
        state="NE",
        city="Valentine",
        zips=("69201",),
        lat=42.545,
        lon=-101.119,
        area_code="402",
        weight=1.2,
    ),
    County(
        fips="19153",
        name="Polk",
        state_name="Iowa",
        state="IA",
        city="Des Moines",
        zips=("50309", "50310", "50311", "50312", "50313", "50315", "50316", "50317"),
        lat=41.685,
        lon=-93.573,
        area_code="515",
        weight=10.0,
    ),
    County(
        fips="19155",
        name="Pottawattamie",
        state_name="Iowa",
        state="IA",
        city="Council Bluffs",
        zips=("51501", "51503"),
        lat=41.337,
        lon=-95.543,
        area_code="712",
        weight=3.0,
    ),
    County(
        fips="20173",
        name="Sedgwick",
        state_name="Kansas",
        state="KS",
        city="Wichita",
        zips=("67202", "67203", "67204", "67205", "67207", "67208", "67211", "67212", "67214"),
        lat=37.683,
        lon=-97.462,
        area_code="316",
        weight=9.0,
    ),
    County(
        fips="08031",
        name="Denver",
        state_name="Colorado",
        state="CO",
        city="Denver",
        zips=("80202", "80203", "80205", "80206", "80207", "80209", "80210", "80211", "80218", "80219"),
        lat=39.762,
        lon=-104.876,
        area_code="303",
        weight=12.0,
    ),
    County(
        fips="29095",
        name="Jackson",
        state_name="Missouri",
        state="MO",
        city="Kansas City",
        zips=("64105", "64108", "64109", "64110", "64111", "64112", "64114", "64124", "64130"),
        lat=39.008,
        lon=-94.346,
        area_code="816",
        weight=10.0,
    ),
    County(
        fips="27053",
        name="Hennepin",
        state_name="Minnesota",
        state="MN",
        city="Minneapolis",
        zips=("55403", "55404", "55405", "55406", "55407", "55408", "55409", "55410", "55414", "55418"),
        lat=45.005,
        lon=-93.477,
        area_code="612",
        weight=12.0,
    ),
    County(
        fips="27031",
        name="Cook",
        state_name="Minnesota",
        state="MN",
        city="Grand Marais",
        zips=("55604",),
        lat=47.925,
        lon=-90.545,
        area_code="218",
        weight=0.8,
    ),
    County(
        fips="56039",
        name="Teton",
        state_name="Wyoming",
        state="WY",
        city="Jackson",
        zips=("83001", "83002"),
        lat=43.935,
        lon=-110.589,
        area_code="307",
        weight=1.0,
    ),
    County(
        fips="35051",
        name="Sierra",
        state_name="New Mexico",
        state="NM",
        city="Truth or Consequences",
        zips=("87901",),
        lat=33.130,
        lon=-107.192,
        area_code="575",
        weight=0.8,
    ),
    County(
        fips="35037",
        name="Quay",
        state_name="New Mexico",
        state="NM",
        city="Tucumcari",
        zips=("88401",),
        lat=35.107,
        lon=-103.549,
        area_code="575",
        weight=0.7,
    ),
    County(
        fips="32033",
        name="White Pine",
        state_name="Nevada",
        state="NV",
        city="Ely",
        zips=("89301",),
        lat=39.442,
        lon=-114.902,
        area_code="775",
        weight=0.7,
    ),
)


def county_weights() -> np.ndarray:
    """Return the probability of living in each county, in ``COUNTIES`` order."""
    weights = np.array([county.weight for county in COUNTIES])
    return np.asarray(weights / weights.sum())


def zip_table() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return the ZIP codes flattened over counties, with each county's slice.

    Returns
    -------
    tuple
        ``(first_index, count)`` per county and the flat list of ZIP codes.
    """
    flat: list[str] = []
    first: list[int] = []
    counts: list[int] = []
    for county in COUNTIES:
        first.append(len(flat))
        counts.append(len(county.zips))
        flat.extend(county.zips)
    return np.array(first), np.array(counts), flat
