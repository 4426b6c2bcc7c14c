"""Environment exposures of events, joined on the person's true county and the event's true date.

This runs inside the trusted zone, before any date or place is coarsened: it is the only
step that may look at a patient's county FIPS and an event's calendar date together with
an environment series. Only the exposure values leave it; the output carries the event
and person ids (pseudonymised later by the transform step) and no date, FIPS or place.

Two pure functions from polars frames to polars frames, lazy from end to end:

* :func:`daily_series` turns the environment tables of the registry (``daily_aqi``,
  ``pollen``, ``temperature``) into one long series: ``fips, date, variable, value``.
* :func:`event_exposures` attaches, to every event, the value on the event day, on the
  day before and the mean of the 7 days ending on the event day.

The lag and the 7-day mean are computed on the small series (counties x days x
variables) over a complete daily calendar per county; the events then need a single
equi-join on ``(fips, date)``, which stays cheap for tens of millions of events.

Missing data
------------
* A day counts as having data for a variable when the series has a non-null value.
* ``same_day`` and ``lag1`` are null when that day has no data.
* ``mean_7d`` is the mean over the days with data among the 7 days ending on the event
  day, and null when fewer than :data:`MEAN_MIN_DAYS` of them have data.
* An event gets a row for a variable only when at least one of ``same_day``, ``lag1``
  and ``mean_7d`` is non-null. Events of a person without a (valid) county FIPS, of a
  county without that series, or on a day far from any data, get no row for that
  variable rather than a row of nulls, so row counts say how many events were enriched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from data_contracts import ConfigError

__all__ = [
    "EXPOSURE_VARIABLES",
    "MEAN_MIN_DAYS",
    "MEAN_WINDOW_DAYS",
    "daily_series",
    "event_exposures",
]

EXPOSURE_VARIABLES: tuple[str, ...] = ("aqi", "pollen_total", "tmean_c")
MEAN_WINDOW_DAYS = 7
MEAN_MIN_DAYS = 4
# Past the last day of data, lag1 is still known for one day and mean_7d for up to
# MEAN_WINDOW_DAYS - MEAN_MIN_DAYS days, so the calendar runs that far past it.
_CALENDAR_TAIL_DAYS = max(1, MEAN_WINDOW_DAYS - MEAN_MIN_DAYS)

_SERIES_SCHEMA = pl.Schema({"fips": pl.String, "date": pl.Date, "variable": pl.String, "value": pl.Float64})
_VALUE_COLUMNS = ("same_day", "lag1", "mean_7d")
_FIPS = "__exposure_fips"
_DATE = "__exposure_date"


@dataclass(frozen=True, kw_only=True)
class _SeriesSource:
    """How one registry environment table becomes one variable of the long series."""

    table: str
    variable: str
    # The columns whose zero-padded digits, joined, make the county FIPS, with their widths.
    fips_parts: tuple[tuple[str, int], ...]
    date: str
    value: str
    # Several rows for one county-day are combined with this (pollen taxa are summed).
    combine: Callable[[pl.Expr], pl.Expr]


def _padded_fips(parts: tuple[tuple[str, int], ...]) -> pl.Expr:
    # Files read as numbers lose leading zeros (Alabama is state 01): restore them. Anything
    # but 1 to `width` digits (empty, text, "31055.0") is no FIPS at all, hence null.
    padded = []
    for name, width in parts:
        digits = pl.col(name).cast(pl.String).str.strip_chars()
        padded.append(pl.when(digits.str.contains(rf"^\d{{1,{width}}}$")).then(digits.str.zfill(width)))
    return pl.concat_str(padded)


_COUNTY_FIPS = (("FIPS", 5),)
_SOURCES = (
    # EPA's county AQI is the highest of its sites' AQI, so duplicates combine by max.
    _SeriesSource(
        table="daily_aqi",
        variable="aqi",
        fips_parts=(("State Code", 2), ("County Code", 3)),
        date="Date",
        value="AQI",
        combine=pl.Expr.max,
    ),
    _SeriesSource(
        table="pollen",
        variable="pollen_total",
        fips_parts=_COUNTY_FIPS,
        date="DATE",
        value="COUNT",
        combine=pl.Expr.sum,
    ),
    _SeriesSource(
        table="temperature",
        variable="tmean_c",
        fips_parts=_COUNTY_FIPS,
        date="DATE",
        value="TMEAN_C",
        combine=pl.Expr.mean,
    ),
)


def daily_series(environment: Mapping[str, pl.LazyFrame]) -> pl.LazyFrame:
    """Return the environment tables as one long daily series per county.

    Parameters
    ----------
    environment
        Environment tables by registry name, as :func:`data_contracts.load_extract`
        returns them for ``Source.ENVIRONMENT``: ``daily_aqi`` (EPA AirData layout; the
        county FIPS is ``State Code`` + ``County Code``, zero padded), ``pollen`` (counts
        by taxon, summed per county-day into ``pollen_total``) and ``temperature``
        (``TMEAN_C`` becomes ``tmean_c``). Absent tables are skipped; other names are
        ignored.

    Returns
    -------
    pl.LazyFrame
        ``fips`` (String, 5 digits), ``date`` (Date), ``variable`` (String, one of
        :data:`EXPOSURE_VARIABLES`) and ``value`` (Float64, never null): one row per
        fips-date-variable, sorted by variable, fips and date.

    Examples
    --------
    >>> import datetime as dt
    >>> pollen = pl.LazyFrame(
    ...     {"FIPS": ["31055", "31055"], "DATE": [dt.date(2020, 4, 1)] * 2,
    ...      "TAXON": ["Oak", "Elm"], "COUNT": [30, 12]}
    ... )
    >>> daily_series({"pollen": pollen}).collect().rows()
    [('31055', datetime.date(2020, 4, 1), 'pollen_total', 42.0)]
    """
    parts = [
        _one_series(environment[source.table], source) for source in _SOURCES if source.table in environment
    ]
    if not parts:
        return pl.LazyFrame(schema=_SERIES_SCHEMA)
    return pl.concat(parts, how="vertical").sort("variable", "fips", "date")


def _one_series(frame: pl.LazyFrame, source: _SeriesSource) -> pl.LazyFrame:
    columns = (*(name for name, _ in source.fips_parts), source.date, source.value)
    _require_columns(frame, columns, what=f"the environment table {source.table!r}")
    return (
        frame.select(
            fips=_padded_fips(source.fips_parts),
            date=pl.col(source.date).cast(pl.Date),
            value=pl.col(source.value).cast(pl.Float64),
        )
        .filter(
            pl.col("fips").is_not_null(),
            pl.col("date").is_not_null(),
            pl.col("value").is_not_null(),
        )
        .group_by("fips", "date")
        .agg(source.combine(pl.col("value")).cast(pl.Float64))
        .select("fips", "date", variable=pl.lit(source.variable, dtype=pl.String), value="value")
    )


def event_exposures(
    events: pl.LazyFrame,
    *,
    event_id: str,
    person_id: str,
    event_time: str,
    patients: pl.LazyFrame,
    series: pl.LazyFrame,
) -> pl.LazyFrame:
    """Attach the environment of each event's county and day to the event.

    Parameters
    ----------
    events
        One row per event (encounters, appointments, ...).
    event_id
        Column of ``events`` identifying the event (``"Id"``).
    person_id
        Column of ``events`` holding the patient id (``"PATIENT"``), matched to
        ``patients.Id``.
    event_time
        Column of ``events`` with the event's true time (``"START"``): a Date, or a
        Datetime whose calendar date is taken in UTC (naive datetimes are taken as UTC).
    patients
        The EMR ``patients`` table; only ``Id`` and ``FIPS`` are read. A FIPS that is
        not five digits after restoring dropped leading zeros counts as missing.
    series
        The long daily series of :func:`daily_series`.

    Returns
    -------
    pl.LazyFrame
        Columns ``event_id`` and ``person_id`` (named as in ``events``), ``variable``,
        ``same_day``, ``lag1`` and ``mean_7d`` (Float64): one row per event and variable
        with at least one non-null value, in the order of ``events`` and, per event, of
        the variables. No date and no place leave this function. See the module
        docstring for how missing data is handled.

    Raises
    ------
    ConfigError
        If a named column is missing, ``event_time`` is neither a Date nor a Datetime,
        or an id column is named like an output column.

    Examples
    --------
    >>> import datetime as dt
    >>> series = pl.LazyFrame(
    ...     {"fips": ["31055"] * 2, "date": [dt.date(2020, 4, 1), dt.date(2020, 4, 2)],
    ...      "variable": ["aqi"] * 2, "value": [40.0, 55.0]}
    ... )
    >>> patients = pl.LazyFrame({"Id": ["p1"], "FIPS": ["31055"]})
    >>> encounters = pl.LazyFrame(
    ...     {"Id": ["e1"], "PATIENT": ["p1"], "START": [dt.datetime(2020, 4, 2, 9, 30)]}
    ... )
    >>> event_exposures(
    ...     encounters, event_id="Id", person_id="PATIENT", event_time="START",
    ...     patients=patients, series=series,
    ... ).collect().rows()
    [('e1', 'p1', 'aqi', 55.0, 40.0, None)]
    """
    reserved = {"variable", *_VALUE_COLUMNS}
    for parameter, name in (("event_id", event_id), ("person_id", person_id)):
        if name in reserved:
            message = (
                f"{parameter}={name!r} clashes with an output column of event_exposures; "
                f"expected a column name other than {sorted(reserved)}; rename the column first."
            )
            raise ConfigError(message)
    _require_columns(events, (event_id, person_id, event_time), what="events")
    _require_columns(patients, ("Id", "FIPS"), what="patients")
    _require_columns(series, tuple(_SERIES_SCHEMA), what="series")

    counties = patients.select(pl.col("Id").alias(person_id), _padded_fips(_COUNTY_FIPS).alias(_FIPS)).filter(
        pl.col(_FIPS).is_not_null()
    )
    dated = events.select(event_id, person_id, _calendar_date(events, event_time).alias(_DATE))
    return (
        dated.join(counties, on=person_id, how="inner", maintain_order="left")
        .join(_exposure_table(series), on=[_FIPS, _DATE], how="inner", maintain_order="left_right")
        .select(event_id, person_id, "variable", *_VALUE_COLUMNS)
    )


def _calendar_date(events: pl.LazyFrame, event_time: str) -> pl.Expr:
    dtype = events.collect_schema()[event_time]
    column = pl.col(event_time)
    if dtype == pl.Date:
        return column
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is not None:
            column = column.dt.convert_time_zone("UTC")
        return column.dt.date()
    message = (
        f"event_time={event_time!r} is a column of type {dtype}; expected Date or Datetime; "
        "parse it with data_contracts.load_extract first."
    )
    raise ConfigError(message)


def _exposure_table(series: pl.LazyFrame) -> pl.LazyFrame:
    """Return same_day, lag1 and mean_7d per variable, county and day with any of them known."""
    observed = series.select(
        "variable",
        pl.col("fips").alias(_FIPS),
        pl.col("date").cast(pl.Date).alias(_DATE),
        pl.col("value").cast(pl.Float64).alias("same_day"),
    ).filter(pl.col("same_day").is_not_null())
    groups = ["variable", _FIPS]
    calendar = (
        observed.group_by(groups)
        .agg(
            pl.date_range(
                pl.col(_DATE).min(),
                pl.col(_DATE).max().dt.offset_by(f"{_CALENDAR_TAIL_DAYS}d"),
                interval="1d",
            ).alias(_DATE)
        )
        .explode(_DATE)
    )
    # On a complete daily calendar, the previous row is the previous day and a window of
    # rows is a window of days, with null where a day has no data.
    return (
        calendar.join(observed, on=[*groups, _DATE], how="left")
        .sort(*groups, _DATE)
        .with_columns(
            lag1=pl.col("same_day").shift(1).over(groups),
            mean_7d=pl.col("same_day")
            .rolling_mean(window_size=MEAN_WINDOW_DAYS, min_samples=MEAN_MIN_DAYS)
            .over(groups),
        )
        .filter(pl.any_horizontal(pl.col(name).is_not_null() for name in _VALUE_COLUMNS))
    )


def _require_columns(frame: pl.LazyFrame, columns: tuple[str, ...], *, what: str) -> None:
    present = set(frame.collect_schema().names())
    missing = [name for name in columns if name not in present]
    if missing:
        message = (
            f"{what} lacks the column(s) {missing}; expected {list(columns)}; "
            "pass the table as data_contracts.load_extract returns it, or name the right columns."
        )
        raise ConfigError(message)
