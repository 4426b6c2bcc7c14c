"""Date and age slots: many formats of the event date, dates around it, birth dates and ages.

Ages over 89 are gold ``AGE_OVER_89`` spans; younger ages render the same way but
are never spans, so a detector is measured on both sides of the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from deid.synth.text._lexicon import MONTH_ABBREVIATIONS
from deid.synth.text._model import Draws, Slot, SlotRender, Variant, choose, digit, pick, pick_word

__all__ = ["DATE_SLOTS"]

_EVENT = pl.col("event_date")
_BIRTH = pl.col("birth_date")
_AGE = pl.col("age")
_DATE = "DATE"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class _DateParts:
    """The pieces dates are written with, each staged once per row (cheaper than strftime per format)."""

    year: pl.Expr
    short_year: pl.Expr
    month: pl.Expr
    month_padded: pl.Expr
    day: pl.Expr
    day_padded: pl.Expr
    day_ordinal: pl.Expr
    month_abbreviation: pl.Expr
    month_name: pl.Expr


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


def _parts(date: pl.Expr, draws: Draws) -> _DateParts:
    iso, month_number = draws.stage_all(date.cast(pl.String), date.dt.month().cast(pl.Int64) - 1)
    day = iso.str.slice(8, 2).str.strip_chars_start("0")
    staged = draws.stage_all(
        iso.str.slice(0, 4),
        iso.str.slice(2, 2),
        (month_number + 1).cast(pl.String),
        iso.str.slice(5, 2),
        day,
        iso.str.slice(8, 2),
        pl.concat_str([day, _ordinal_suffix(date.dt.day())]),
        pick_word(month_number, MONTH_ABBREVIATIONS),
        pick_word(month_number, _MONTHS),
    )
    return _DateParts(*staged)


def _clock(draw: pl.Expr) -> pl.Expr:
    """A clinic-hours time of day, ``HH:MM``."""
    hour = (7 + digit(draw, 11, 3)).cast(pl.String).str.zfill(2)
    minute = pick(digit(draw, 4, 9), ["00", "15", "30", "45"])
    return pl.concat_str([hour, pl.lit(":"), minute])


def _written(*pieces: pl.Expr | str) -> pl.Expr:
    return pl.concat_str([pl.lit(piece) if isinstance(piece, str) else piece for piece in pieces])


def _formats(date: pl.Expr, draws: Draws, *, long_forms: bool) -> list[Variant]:
    """The ways a date is written; ``long_forms`` adds the ones a clinician types out."""
    p = _parts(date, draws)
    short = [
        Variant(value=_written(p.month, "/", p.day), weight=3),  # 7/22
        Variant(value=_written(p.month, "/", p.day, "/", p.year), weight=2),  # 7/22/2021
        Variant(value=_written(p.month_padded, "/", p.day_padded, "/", p.short_year)),  # 07/22/21
        Variant(value=_written(p.month_abbreviation, " ", p.day_ordinal)),  # Jul 22nd
        Variant(value=_written(p.month_abbreviation, " ", p.day)),  # Jul 22
    ]
    if not long_forms:
        return short
    return [
        *short,
        Variant(value=_written(p.month_padded, "-", p.day_padded, "-", p.year)),  # 07-22-2021
        Variant(value=_written(p.month_name, " ", p.day, ", ", p.year)),  # July 22, 2021
        Variant(value=_written(p.day_ordinal, " of ", p.month_name, ", ", p.year)),  # 22nd of July, 2021
        Variant(value=_written(p.year, "-", p.month_padded, "-", p.day_padded), weight=2),  # 2021-07-22
        Variant(value=_written(p.year, "-", p.month_padded, "-", p.day_padded, "T", _clock(draws[0]))),
        Variant(value=_written(p.day_padded, "-", p.month_abbreviation, "-", p.year)),  # 22-Jul-2021
        Variant(value=_written(p.month_padded, "/", p.day_padded, "/", p.year), weight=2),  # 07/22/2021
        Variant(value=_written(p.day, " ", p.month_name, " ", p.year)),  # 22 July 2021
    ]


def _shifted(days: pl.Expr) -> pl.Expr:
    return _EVENT + pl.duration(days=days)


def _visit_date(draws: Draws) -> SlotRender:
    return choose(draws, _formats(_EVENT, draws, long_forms=True))


def _visit_date_short(draws: Draws) -> SlotRender:
    return choose(draws, _formats(_EVENT, draws, long_forms=False))


def _prior_date(draws: Draws) -> SlotRender:
    date = draws.stage(_shifted(-1 - digit(draws[1], 10)))
    return choose(draws, _formats(date, draws, long_forms=True))


def _followup_date(draws: Draws) -> SlotRender:
    date = draws.stage(_shifted(7 + digit(draws[1], 84)))
    return choose(draws, _formats(date, draws, long_forms=True))


def _next_date_short(draws: Draws) -> SlotRender:
    date = draws.stage(_shifted(1 + digit(draws[1], 21)))
    return choose(draws, _formats(date, draws, long_forms=False))


def _day_ordinal(draws: Draws) -> SlotRender:
    date = _shifted(1 + digit(draws[0], 14))
    return SlotRender(
        prefix=pl.lit("the "), value=_written(date.dt.day().cast(pl.String), _ordinal_suffix(date.dt.day()))
    )


def _dob(draws: Draws) -> SlotRender:
    return choose(
        draws,
        [
            Variant(value=_BIRTH.dt.strftime("%m/%d/%Y"), weight=3),
            Variant(value=_BIRTH.dt.strftime("%-m/%-d/%Y")),
            Variant(value=_BIRTH.dt.strftime("%Y-%m-%d")),
            Variant(value=_BIRTH.dt.strftime("%d-%b-%Y")),
            Variant(value=_BIRTH.dt.strftime("%B %-d, %Y")),
        ],
    )


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
