"""Generalisations: ZIP to ZIP3 with restricted prefixes, dates to years, 90+ pooling.

Pure polars expressions; the restricted list is versioned and reported.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

__all__ = [
    "AGE_POOL",
    "RESTRICTED_ZIP3",
    "RESTRICTED_ZIP3_REPLACEMENT",
    "RESTRICTED_ZIP3_VERSION",
    "age_in_years",
    "birth_year_pooled",
    "is_pooled_age",
    "year_of",
    "zip3",
]

RESTRICTED_ZIP3_VERSION = "HHS 2012 guidance, 2000 Census"
RESTRICTED_ZIP3_REPLACEMENT = "000"
"""What a restricted ZIP3 prefix becomes (45 CFR 164.514(b)(2)(i)(B))."""
RESTRICTED_ZIP3: frozenset[str] = frozenset(
    {
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    }
)
"""Three-digit ZIP prefixes whose areas hold 20,000 people or fewer: reported as ``000``."""

AGE_POOL = 90
"""Ages over 89 are pooled into one category, ``90 or older``."""


def zip3(code: pl.Expr) -> pl.Expr:
    """Return the Safe Harbor ZIP3 of a ZIP or ZIP+4 (null when not a ZIP).

    Examples
    --------
    >>> frame = pl.DataFrame({"zip": ["68114", "69201-1234", "6920", None, "036010000"]})
    >>> frame.select(zip3(pl.col("zip"))).to_series().to_list()
    ['681', '000', None, None, '000']
    """
    digits = code.str.replace_all(r"\D", "")
    prefix = pl.when(digits.str.len_chars().is_in([5, 9])).then(digits.str.slice(0, 3))
    return (
        pl.when(prefix.is_in(sorted(RESTRICTED_ZIP3)))
        .then(pl.lit(RESTRICTED_ZIP3_REPLACEMENT))
        .otherwise(prefix)
    )


def year_of(moment: pl.Expr) -> pl.Expr:
    """Return the calendar year of a date or timestamp as ``Int32``."""
    return moment.dt.year().cast(pl.Int32)


def age_in_years(birth: pl.Expr, reference: dt.date) -> pl.Expr:
    """Return completed years of age on ``reference`` (exact, birthday-aware)."""
    before_birthday = (birth.dt.month() > reference.month) | (
        (birth.dt.month() == reference.month) & (birth.dt.day() > reference.day)
    )
    return (pl.lit(reference.year) - birth.dt.year() - before_birthday.cast(pl.Int32)).cast(pl.Int32)


def is_pooled_age(birth: pl.Expr, reference: dt.date) -> pl.Expr:
    """Return whether a person born on ``birth`` is over 89 on ``reference``."""
    return age_in_years(birth, reference) >= AGE_POOL


def birth_year_pooled(birth: pl.Expr, reference: dt.date) -> pl.Expr:
    """Return the birth year, or null when it implies an age over 89 on ``reference``.

    Examples
    --------
    >>> frame = pl.DataFrame({"born": [dt.date(1930, 6, 1), dt.date(1931, 6, 2), dt.date(1980, 1, 1)]})
    >>> frame.select(birth_year_pooled(pl.col("born"), dt.date(2021, 6, 1))).to_series().to_list()
    [None, 1931, 1980]
    """
    return (
        pl.when(is_pooled_age(birth, reference)).then(pl.lit(None, dtype=pl.Int32)).otherwise(year_of(birth))
    )
