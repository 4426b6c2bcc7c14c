"""Date and age slots: many formats of the event date, dates around it, birth dates and ages.

Ages over 89 are gold ``AGE_OVER_89`` spans; younger ages render the same way but
are never spans, so a detector is measured on both sides of the threshold.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

import polars as pl

from deid.synth.text._model import Draws, Slot, SlotRender, Variant, choose, digit, pick, weighted_index

__all__ = ["DATE_SLOTS"]

_EVENT = pl.col("event_date")
_BIRTH = pl.col("birth_date")
_AGE = pl.col("age")
_DATE = "DATE"


DateFormat = str | Callable[[pl.Expr], pl.Expr]
"""A strftime pattern, or a function writing a date expression as text."""

_CLOCK_FORMAT = "%Y-%m-%dT"
"""ISO date followed by a per-row time of day (``2021-03-14T10:30``)."""


def _ordinal_suffix(day: pl.Expr) -> pl.Expr:
    """English suffix of a day of month: ``st``, ``nd``, ``rd`` or ``th``."""
    last = day % 10
    return (
        pl.when((day >= 11) & (day <= 13))
        .then(pl.lit("th"))
        .when(last == 1)
        .then(pl.lit("st"))
        .when(last == 2)
        .then(pl.lit("nd"))
        .when(last == 3)
        .then(pl.lit("rd"))
        .otherwise(pl.lit("th"))
    )


def _ordinal(date: pl.Expr) -> pl.Expr:
    """Day of month with its suffix: ``1st``, ``22nd``, ``13th``."""
    return pl.concat_str([date.dt.day().cast(pl.String), _ordinal_suffix(date.dt.day())])


_SHORT_FORMATS: tuple[tuple[DateFormat, int], ...] = (
    ("%-m/%-d", 3),  # 7/22
    ("%-m/%-d/%Y", 2),  # 7/22/2021
    ("%m/%d/%y", 1),  # 07/22/21
    (lambda date: pl.concat_str([date.dt.strftime("%b "), _ordinal(date)]), 1),  # Jul 22nd
    ("%b %-d", 1),  # Jul 22
)
_LONG_FORMATS: tuple[tuple[DateFormat, int], ...] = (
    *_SHORT_FORMATS,
    ("%m-%d-%Y", 1),  # 07-22-2021
    ("%B %-d, %Y", 1),  # July 22, 2021
    (lambda date: pl.concat_str([_ordinal(date), date.dt.strftime(" of %B, %Y")]), 1),  # 22nd of July, 2021
    ("%Y-%m-%d", 2),  # 2021-07-22
    (_CLOCK_FORMAT, 1),  # 2021-07-22T10:30
    ("%d-%b-%Y", 1),  # 22-Jul-2021
    ("%m/%d/%Y", 2),  # 07/22/2021
    ("%-d %B %Y", 1),  # 22 July 2021
)
_BIRTH_FORMATS: tuple[tuple[DateFormat, int], ...] = (
    ("%m/%d/%Y", 3),
    ("%-m/%-d/%Y", 1),
    ("%Y-%m-%d", 1),
    ("%d-%b-%Y", 1),
    ("%B %-d, %Y", 1),
)


def _clock(draw: pl.Expr) -> pl.Expr:
    """A clinic-hours time of day, ``HH:MM``."""
    hour = (7 + digit(draw, 11, 3)).cast(pl.String).str.zfill(2)
    minute = pick(digit(draw, 4, 9), ["00", "15", "30", "45"])
    return pl.concat_str([hour, pl.lit(":"), minute])


def _written(date: pl.Expr, draws: Draws, formats: Sequence[tuple[DateFormat, int]]) -> SlotRender:
    """Write each row's date in one of ``formats``, drawn by weight.

    Dates repeat a lot, so every format is written once per distinct date (a few
    thousand) and rows look theirs up by position, instead of writing every format
    for every row and keeping one.
    """
    date, wanted = draws.stage_all(date, weighted_index(draws[0], [weight for _, weight in formats]))
    distinct = date.drop_nulls().append(pl.lit(datetime.date(2000, 1, 1))).unique().sort()
    tables = [form(distinct) if callable(form) else distinct.dt.strftime(form) for form, _ in formats]
    table = tables[0]
    for more in tables[1:]:
        table = table.append(more)
    position = distinct.search_sorted(date).cast(pl.Int64)
    written = table.gather(wanted * distinct.len().cast(pl.Int64) + position)
    forms = [form for form, _ in formats]
    if _CLOCK_FORMAT in forms:
        clock = pl.when(wanted == forms.index(_CLOCK_FORMAT)).then(_clock(draws[0])).otherwise(pl.lit(""))
        written = pl.concat_str([written, clock])
    return SlotRender(value=pl.when(date.is_not_null()).then(written))


def _shifted(days: pl.Expr) -> pl.Expr:
    return _EVENT + pl.duration(days=days)


def _visit_date(draws: Draws) -> SlotRender:
    return _written(_EVENT, draws, _LONG_FORMATS)


def _visit_date_short(draws: Draws) -> SlotRender:
    return _written(_EVENT, draws, _SHORT_FORMATS)


def _prior_date(draws: Draws) -> SlotRender:
    return _written(_shifted(-1 - digit(draws[1], 10)), draws, _LONG_FORMATS)


def _followup_date(draws: Draws) -> SlotRender:
    return _written(_shifted(7 + digit(draws[1], 84)), draws, _LONG_FORMATS)


def _next_date_short(draws: Draws) -> SlotRender:
    return _written(_shifted(1 + digit(draws[1], 21)), draws, _SHORT_FORMATS)


def _day_ordinal(draws: Draws) -> SlotRender:
    """``the 5th``: a day a week or two after the event, by its day of month only."""
    return SlotRender(prefix=pl.lit("the "), value=_ordinal(_shifted(1 + digit(draws[0], 14))))


def _dob(draws: Draws) -> SlotRender:
    return _written(_BIRTH, draws, _BIRTH_FORMATS)


def _sex_letter(draw: pl.Expr) -> pl.Expr:
    sex = pl.col("sex").str.strip_chars().str.slice(0, 1).str.to_uppercase()
    known = pl.when(sex.is_in(["M", "F"])).then(sex)
    return pl.concat_str([pl.lit(" "), pl.coalesce(known, pick(digit(draw, 2, 30), ["M", "F"]))])


def _age_adjective(draws: Draws) -> SlotRender:
    """``92 yo F``, ``92-year-old``, ``92 y/o``: fits after "a"."""
    rendered = choose(
        draws,
        [
            Variant(value=_AGE.cast(pl.String), suffix=pl.concat_str([pl.lit(" yo"), _sex_letter(draws[0])])),
            Variant(value=_AGE.cast(pl.String), suffix="-year-old"),
            Variant(value=_AGE.cast(pl.String), suffix=" y/o"),
        ],
    )
    return SlotRender(prefix=rendered.prefix, value=rendered.value, suffix=rendered.suffix, is_phi=_AGE > 89)


def _age_phrase(draws: Draws) -> SlotRender:
    """``age 94``, ``aged 91``, ``94 years old``: fits after a comma."""
    rendered = choose(
        draws,
        [
            Variant(value=_AGE.cast(pl.String), prefix="age "),
            Variant(value=_AGE.cast(pl.String), prefix="aged "),
            Variant(value=_AGE.cast(pl.String), suffix=" years old"),
        ],
    )
    return SlotRender(prefix=rendered.prefix, value=rendered.value, suffix=rendered.suffix, is_phi=_AGE > 89)


def _year(draws: Draws) -> SlotRender:
    """A bare year a few years back: not PHI on its own."""
    fallback = pl.lit(2000, dtype=pl.Int32) + digit(draws[0], 20).cast(pl.Int32)
    year = pl.coalesce(_EVENT.dt.year() - 1 - digit(draws[0], 15).cast(pl.Int32), fallback)
    return SlotRender(value=year.cast(pl.String))


def _time(draws: Draws) -> SlotRender:
    return SlotRender(value=_clock(draws[0]))


_EVENT_REQUIRED = frozenset({"event_date"})
_AGE_REQUIRED = frozenset({"age"})

DATE_SLOTS: tuple[Slot, ...] = (
    Slot(name="visit_date", entity_type=_DATE, build=_visit_date, requires=_EVENT_REQUIRED),
    Slot(name="visit_date_short", entity_type=_DATE, build=_visit_date_short, requires=_EVENT_REQUIRED),
    Slot(name="prior_date", entity_type=_DATE, build=_prior_date, requires=_EVENT_REQUIRED, draws=2),
    Slot(name="followup_date", entity_type=_DATE, build=_followup_date, requires=_EVENT_REQUIRED, draws=2),
    Slot(
        name="next_date_short", entity_type=_DATE, build=_next_date_short, requires=_EVENT_REQUIRED, draws=2
    ),
    Slot(name="day_ordinal", entity_type=_DATE, build=_day_ordinal, requires=_EVENT_REQUIRED),
    Slot(name="dob", entity_type=_DATE, build=_dob, requires=frozenset({"birth_date"})),
    Slot(name="age_adj", entity_type="AGE_OVER_89", build=_age_adjective, requires=_AGE_REQUIRED),
    Slot(name="age_phrase", entity_type="AGE_OVER_89", build=_age_phrase, requires=_AGE_REQUIRED),
    Slot(name="year", entity_type=None, build=_year),
    Slot(name="time", entity_type=None, build=_time),
)
