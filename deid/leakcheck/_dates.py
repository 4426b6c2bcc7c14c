"""Full dates in output cells, and the chance test for shifted dates.

Dates are compared as ISO ``yyyy-mm-dd`` keys: the value of a ``Date`` or ``Datetime``
column, a string cell that is only a date, or every full date written in running text
(ISO, US ``m/d/yyyy`` and month-name forms; two-digit years and dates without a year
are not read).

Under expert determination dates are shifted per person, so a shifted date equals
*someone's* true date by coincidence all the time (with 100,000 patients nearly every
day is somebody's birthday). A failed shift is then told apart from chance by
comparing the matches against those of the same dates moved by a few whole weeks
(:data:`~deid.leakcheck._categories.PROBE_DAYS`): both see the same local density of
true dates, so only dates that were not shifted make the first count exceed the
second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from deid.leakcheck._categories import CHANCE_MIN_EXCESS, CHANCE_MIN_SHARE, CHANCE_Z

__all__ = [
    "DATE_IN_TEXT",
    "ChanceCounts",
    "excess_over_chance",
    "temporal_date_key",
    "text_date_keys",
    "token_date_key",
    "whole_cell_date_key",
]

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ISO = r"(?-u:\b)[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?-u:\b)"
_US = r"(?-u:\b)[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}(?-u:\b)"
_MONTH_FIRST = rf"(?i)(?-u:\b){_MONTH}\s+[0-9]{{1,2}},?\s+[0-9]{{4}}(?-u:\b)"
_DAY_FIRST = rf"(?i)(?-u:\b)[0-9]{{1,2}}\s+{_MONTH},?\s+[0-9]{{4}}(?-u:\b)"
DATE_IN_TEXT = "|".join(f"(?:{pattern})" for pattern in (_ISO, _US, _MONTH_FIRST, _DAY_FIRST))
"""A full date written in running text, in any accepted form."""


def _parse(text: pl.Expr) -> pl.Expr:
    """A date written in any of the accepted forms, or null."""
    plain = text.str.replace_all(r"[.,]", "").str.replace_all(r"\s+", " ")
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%m/%d/%Y", strict=False),
        plain.str.to_date("%B %d %Y", strict=False),
        plain.str.to_date("%d %B %Y", strict=False),
    )


def whole_cell_date_key(short: pl.Expr) -> pl.Expr:
    """The ISO date of a cell that is only a date (time of day allowed), or null.

    Examples
    --------
    >>> pl.select(whole_cell_date_key(pl.lit("03/04/1950"))).item()
    '1950-03-04'
    """
    time_of_day = r"(?:[T ][0-9:.]+(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?"
    iso = short.str.extract(rf"^\s*([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}){time_of_day}\s*$", 1)
    us = short.str.extract(r"^\s*([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\s*$", 1)
    day = pl.coalesce(iso.str.to_date("%Y-%m-%d", strict=False), us.str.to_date("%m/%d/%Y", strict=False))
    return day.dt.to_string("%Y-%m-%d")


def text_date_keys(text: pl.Expr) -> pl.Expr:
    """The ISO dates written anywhere in running text, as a list.

    Examples
    --------
    >>> pl.select(text_date_keys(pl.lit("seen 2020-01-05; born March 4, 1950"))).item().to_list()
    ['2020-01-05', '1950-03-04']
    """
    return text.str.extract_all(DATE_IN_TEXT).list.eval(token_date_key(pl.element()).drop_nulls())


def token_date_key(token: pl.Expr) -> pl.Expr:
    """The ISO date of a date written in any accepted form, or null."""
    return _parse(token).dt.to_string("%Y-%m-%d")


def temporal_date_key(column: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """The ISO date of a ``Date`` or ``Datetime`` column."""
    day = column.dt.date() if isinstance(dtype, pl.Datetime) else column
    return day.dt.to_string("%Y-%m-%d")


@dataclass(frozen=True, kw_only=True)
class ChanceCounts:
    """Shifted-date matches of one column: dates seen, dates matching, probe matches."""

    dates: int
    matches: int
    probe_matches: tuple[int, ...]


def excess_over_chance(counts: ChanceCounts) -> int:
    """Matches beyond chance, or 0 when within chance.

    The chance level is the mean probe count; its spread is binomial over the dates
    seen, inflated for the estimate of the mean. The excess must exceed
    ``CHANCE_Z`` spreads, ``CHANCE_MIN_SHARE`` of the dates and ``CHANCE_MIN_EXCESS``.

    Examples
    --------
    >>> excess_over_chance(ChanceCounts(dates=300, matches=300, probe_matches=(1,) * 8))
    299
    >>> excess_over_chance(ChanceCounts(dates=300, matches=2, probe_matches=(1,) * 8))
    0
    """
    if counts.dates == 0 or not counts.probe_matches:
        return 0
    chance = sum(counts.probe_matches) / len(counts.probe_matches)
    share = min(max(chance / counts.dates, 0.0), 1.0)
    spread = math.sqrt(counts.dates * share * (1.0 - share) * (1.0 + 1.0 / len(counts.probe_matches)))
    excess = counts.matches - chance
    threshold = max(CHANCE_Z * spread, CHANCE_MIN_SHARE * counts.dates, CHANCE_MIN_EXCESS)
    return round(excess) if excess > threshold else 0
